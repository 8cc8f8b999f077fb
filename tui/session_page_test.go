package tui

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/tui/links"
	"github.com/lineup-tui/lineup/tui/prose"
)

// A session that names a speaker id with no speaker record: the page shows
// the speakers it knows, and picking a speaker never goes past them.
func TestSessionPageSkipsUnknownSpeakers(t *testing.T) {
	for _, tc := range []struct {
		name  string
		ghost func(ids []string) []string
	}{
		{"unknown first", func(ids []string) []string { return append([]string{"no-such-speaker"}, ids...) }},
		{"unknown last", func(ids []string) []string { return append(ids, "no-such-speaker") }},
		{"only unknown", func([]string) []string { return []string{"no-such-speaker", "nor-this-one"} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := openStore(t)
			// Import drops such ids; a store written before it did still
			// holds them, so they are put in after the import's checks.
			c := builtin.Conference()
			formats.Finish(c)
			var known int
			for i := range c.Sessions {
				if c.Sessions[i].ID == k8sID {
					known = len(c.Sessions[i].SpeakerIDs)
					c.Sessions[i].SpeakerIDs = tc.ghost(c.Sessions[i].SpeakerIDs)
				}
			}
			if tc.name == "only unknown" {
				known = 0
			}
			if _, err := st.PutConference(c); err != nil {
				t.Fatal(err)
			}
			m := newModel(t, st, 80, 40)
			gotoSession(t, m, k8s)
			press(m, "enter")
			pg, ok := top(m).(*sessionPage)
			if !ok {
				t.Fatalf("enter opened %T", top(m))
			}
			if ids := pg.session().SpeakerIDs; !slices.Contains(ids, "no-such-speaker") {
				t.Fatalf("the unknown id did not reach the TUI: %v", ids)
			}
			if got := len(pg.speakerAt); got != known {
				t.Fatalf("page shows %d speakers, want %d", got, known)
			}
			// Round the speakers both ways, more times than ids are named.
			for range 5 {
				press(m, "l", "right")
			}
			for range 7 {
				press(m, "h", "left")
			}
			if known > 0 && (pg.speaker < 0 || pg.speaker >= known) {
				t.Fatalf("speaker %d of %d selected", pg.speaker, known)
			}
			press(m, "enter")
			sp, opened := top(m).(*speakerPage)
			if opened != (known > 0) {
				t.Fatalf("enter opened %T with %d known speakers", top(m), known)
			}
			if opened && m.sh.conf.Speaker(sp.id) == nil {
				t.Fatalf("opened a speaker with no record: %q", sp.id)
			}
			if strings.Contains(plain(m), "no-such-speaker") {
				t.Errorf("the page names the unknown id:\n%s", plain(m))
			}
		})
	}
}

// linkedSession is the built-in conference with one session given what
// real schedules have: links, a feedback page also listed as a link, a URL
// in its description, list items and a long bullet.
func linkedSession(t *testing.T) (*memStore, linkedURLs) {
	t.Helper()
	u := linkedURLs{
		page:     "https://fosdem.org/2026/schedule/event/kubernetes-the-very-hard-way/",
		feedback: "https://pretalx.fosdem.org/fosdem-2026/talk/SFKNTZ/feedback/",
		slides:   "https://github.com/lbernail/kubernetes-the-very-hard-way/blob/main/slides/velocity-berlin-2019-kubernetes-the-very-hard-way.pdf",
		inText:   "https://kubernetes.io/docs/concepts/scheduling-eviction/kube-scheduler/",
	}
	st := newMemStore()
	st.c = builtin.Conference() // changed below, so not the shared one
	for i := range st.c.Sessions {
		s := &st.c.Sessions[i]
		if s.ID != k8sID {
			continue
		}
		s.URL = u.page
		s.FeedbackURL = u.feedback
		s.Links = []data.Link{{Title: "Slides", URL: u.slides}, {Title: "Submit Feedback", URL: u.feedback}}
		s.Description = "How the scheduler places pods, explained at " + u.inText + " and on stage.\n" +
			"- a first point that goes on long enough to need a second line at every width we try here, and a third at forty\n" +
			"- a short one"
		s.Audience = []string{"operators of large clusters who want to know what happens between kubectl apply and a running container"}
	}
	return st, u
}

type linkedURLs struct{ page, feedback, slides, inText string }

// URLs on a session page are never broken: each is on one line, linked to
// the whole URL, shortened in the middle when the line is short; the
// feedback page listed twice by the schedule is shown once; bullets hang.
func TestSessionPageLinks(t *testing.T) {
	st, u := linkedSession(t)
	for _, w := range []int{40, 80, 200} {
		m := newModel(t, st, w, 200)
		send(m, pushMsg{newSessionPage(m.sh, k8sID)})
		pg := top(m).(*sessionPage)
		page := strings.Join(pg.pg.lines, "\n")
		for i, l := range pg.pg.lines {
			if got := ansi.StringWidth(l); got > w {
				t.Errorf("width %d: line %d is %d wide: %q", w, i, got, ansi.Strip(l))
			}
		}
		for _, url := range []string{u.page, u.feedback, u.slides, u.inText} {
			if n := strings.Count(page, ansi.SetHyperlink(url)); n != 1 {
				t.Errorf("width %d: %s linked %d times, want once:\n%s", w, url, n, ansi.Strip(page))
			}
		}
		text := ansi.Strip(page)
		if n := strings.Count(text, "feedback/"); n != 1 {
			t.Errorf("width %d: the feedback URL is shown %d times:\n%s", w, n, text)
		}
		if !strings.Contains(text, "Submit Feedback") {
			t.Errorf("width %d: the feedback link lost its title:\n%s", w, text)
		}
		// A URL that fits is whole on its line.
		if w >= 80 && !strings.Contains(text, u.inText) {
			t.Errorf("width %d: %s is not whole:\n%s", w, u.inText, text)
		}
		// Continuation lines of a bullet start under its text.
		lines := strings.Split(text, "\n")
		for i, l := range lines {
			if !strings.HasPrefix(l, "  • operators") && !strings.HasPrefix(l, "  - a first point") {
				continue
			}
			next := lines[i+1]
			if !strings.HasPrefix(next, "    ") || next[4] == ' ' {
				t.Errorf("width %d: the line after %q is not under the bullet's text: %q", w, l, next)
			}
		}
		// The description keeps a readable measure on a wide screen.
		if w == 200 {
			for _, l := range lines {
				if strings.HasPrefix(l, "  a first point") || strings.HasPrefix(l, "  How the scheduler") {
					if len([]rune(l)) > 2+prose.Measure {
						t.Errorf("a description line of %d cells at 200 columns: %q", len([]rune(l)), l)
					}
				}
			}
		}
	}
}

// o on a session page opens its page in the browser with the program's
// opener, off the UI goroutine, and says so; with no opener it shows the URL.
func TestOpenSessionInBrowser(t *testing.T) {
	st, u := linkedSession(t)
	var opened []string
	for _, tc := range []struct {
		name   string
		open   func(string) error
		status string
	}{
		{"opener", func(url string) error { opened = append(opened, url); return nil }, "opened " + u.page},
		{"no opener", func(string) error { return fmt.Errorf("tried xdg-open: %w", links.ErrNoOpener) }, "no browser opener: " + u.page},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opened = nil
			m := newModel(t, st, 120, 24)
			m.sh.openURL = tc.open
			send(m, pushMsg{newSessionPage(m.sh, k8sID)})
			if !strings.Contains(plain(m), "o browser") {
				t.Errorf("the help line does not show the key:\n%s", plain(m))
			}
			_, cmd := m.Update(keyMsg("o"))
			if len(opened) != 0 {
				t.Fatal("opened on the UI goroutine")
			}
			// The key says "opening" at once and opens in a command.
			msgs := runBatch(cmd)
			if len(msgs) != 2 || !strings.HasPrefix(string(msgs[0].(statusMsg)), "opening ") {
				t.Fatalf("o gave %v", msgs)
			}
			if tc.name == "opener" && !slices.Equal(opened, []string{u.page}) {
				t.Errorf("opened %q, want the session's page", opened)
			}
			send(m, msgs[1])
			if got := plain(m); !strings.Contains(got, tc.status) {
				t.Errorf("status line lacks %q:\n%s", tc.status, got)
			}
		})
	}
	// Without a page of its own, the first link; without any, no key.
	s := data.Session{Links: []data.Link{{Title: "ftp", URL: "ftp://example.org/x"}, {URL: u.slides}}, FeedbackURL: u.feedback}
	if got := SessionURL(&s); got != u.slides {
		t.Errorf("SessionURL = %q, want the first web link", got)
	}
	m := newModel(t, newMemStore(), 80, 24)
	send(m, pushMsg{newSessionPage(m.sh, "vlb19-observability-graph")})
	if km := m.focused().KeyMap(); km.binds(m.sh.keys.OpenURL) {
		t.Error("o is bound on a session with no web page")
	}
}

// runBatch runs cmd, and each command of a batch, and returns their messages.
func runBatch(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, runBatch(c)...)
		}
		return out
	}
	// A sequence (tea.Sequence) is a list of commands too, run in order.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
		var out []tea.Msg
		for i := range v.Len() {
			out = append(out, runBatch(v.Index(i).Interface().(tea.Cmd))...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// A 10 MB one-word title and a 10 MB abstract are laid out only as far as
// fieldCap: the page says how much it left out, and stays a few thousand
// lines however long the fields are.
func TestSessionPageCapsHugeFields(t *testing.T) {
	st := openStore(t)
	c := builtin.Conference()
	formats.Finish(c)
	for i := range c.Sessions {
		if c.Sessions[i].ID == k8sID {
			c.Sessions[i].Title = strings.Repeat("Wordy", 2<<20)
			c.Sessions[i].Abstract = strings.Repeat("abstractly ", 1<<20)
		}
	}
	if _, err := st.PutConference(c); err != nil {
		t.Fatal(err)
	}
	m := newModel(t, st, 80, 24)
	gotoSession(t, m, strings.Repeat("Wordy", 2<<20))
	press(m, "enter")
	pg, ok := top(m).(*sessionPage)
	if !ok {
		t.Fatalf("enter opened %T", top(m))
	}
	if n := len(pg.pg.lines); n > 3*fieldCap/70 {
		t.Errorf("the page laid out %d lines", n)
	}
	all := ansi.Strip(strings.Join(pg.pg.lines, "\n"))
	if got := strings.Count(all, "more, too long to show"); got != 2 {
		t.Errorf("%d notes of text left out, want 2 (title, abstract)", got)
	}
	if !strings.Contains(all, "9.9 MB more") || !strings.Contains(all, "10.9 MB more") {
		t.Errorf("the notes do not say how much was left out:\n%s", all[len(all)-300:])
	}
	if !strings.Contains(plain(m), "WordyWordy") {
		t.Errorf("the title is not on screen:\n%s", plain(m))
	}
}
