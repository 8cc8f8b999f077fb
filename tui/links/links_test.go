package links

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

var st = Styles{Label: lipgloss.NewStyle(), URL: lipgloss.NewStyle().Underline(true)}

func TestLinkable(t *testing.T) {
	yes := []string{"https://fosdem.org/2026/schedule/event/x/", "http://example.org", "mailto:info@example.org", "HTTPS://EXAMPLE.ORG/a?b=c&d=e"}
	no := []string{"", "javascript:alert(1)", "ftp://example.org/f", "file:///etc/passwd", "https://", "example.org",
		"https://example.org/\x1b]8;;evil\x07", "https://exa mple.org", "https://example.org/\u009b31m", "mailto:", "https://example.org/\x7f"}
	for _, u := range yes {
		if !Linkable(u) {
			t.Errorf("Linkable(%q) = false", u)
		}
	}
	for _, u := range no {
		if Linkable(u) {
			t.Errorf("Linkable(%q) = true", u)
		}
	}
}

func TestOneLinePerURLNeverBroken(t *testing.T) {
	long := "https://pretalx.fosdem.org/fosdem-2026/talk/ABCDEF/feedback/with/a/very/long/path/that/goes/on-and-on"
	items := []Item{{Label: "Session page", URL: "https://fosdem.org/2026/schedule/event/abc/"}, {Label: "Slides", URL: long}}
	for _, w := range []int{20, 40, 60, 80, 200} {
		lines := Lines(items, w, 2, st)
		for _, l := range lines {
			if got := ansi.StringWidth(l); got > w {
				t.Fatalf("width %d: line %d wide: %q", w, got, l)
			}
		}
		// Each URL is on one line, whole or shortened in the middle, and
		// that line links to the whole URL.
		for _, it := range items {
			n := 0
			for _, l := range lines {
				if strings.Contains(l, ansi.SetHyperlink(it.URL)) {
					n++
					shown := strings.TrimPrefix(strings.TrimSpace(ansi.Strip(l)), it.Label+": ")
					if !strings.HasPrefix(it.URL, shown) && !middleOf(it.URL, shown) {
						t.Errorf("width %d: %q shown as %q", w, it.URL, shown)
					}
				}
			}
			if n != 1 {
				t.Errorf("width %d: %q linked on %d lines:\n%s", w, it.URL, n, strings.Join(lines, "\n"))
			}
		}
	}
	// Wide: label and URL share a line.
	if lines := Lines(items, 200, 2, st); len(lines) != 2 || !strings.HasPrefix(ansi.Strip(lines[1]), "  Slides: https://") {
		t.Errorf("at 200: %q", lines)
	}
}

// middleOf reports whether shown is u with its middle replaced by "…".
func middleOf(u, shown string) bool {
	i := strings.Index(shown, "…")
	return i > 0 && strings.HasPrefix(u, shown[:i]) && strings.HasSuffix(u, shown[i+len("…"):])
}

func TestSameURLShownOnce(t *testing.T) {
	fb := "https://pretalx.example.org/talk/X/feedback/"
	items := []Item{
		{URL: "https://example.org/talk/X"},
		{Label: "Feedback", URL: fb},
		{Label: "Give feedback", URL: "HTTPS://PRETALX.example.org/talk/X/feedback"},
		{Label: "Talk", URL: "https://example.org/talk/X/"},
	}
	got := Dedupe(items)
	want := []Item{{Label: "Talk", URL: "https://example.org/talk/X"}, {Label: "Feedback", URL: fb}}
	if !slices.Equal(got, want) {
		t.Fatalf("Dedupe = %v, want %v", got, want)
	}
	if n := strings.Count(ansi.Strip(strings.Join(Lines(items, 120, 0, st), "\n")), "feedback"); n != 1 {
		t.Fatalf("feedback URL shown %d times", n)
	}
}

func TestOnlyWebAndMailLinked(t *testing.T) {
	lines := Lines([]Item{{Label: "FTP\x1b[2J", URL: "ftp://example.org/f"}, {URL: "https://example.org/\x1b[2J"}, {URL: "mailto:a@b.org"}}, 80, 0, st)
	if len(lines) != 2 {
		t.Fatalf("want the ftp line and the mailto line, got %q", lines)
	}
	if strings.Contains(lines[0], "\x1b]8;") {
		t.Errorf("ftp URL became a link: %q", lines[0])
	}
	if !strings.Contains(lines[1], ansi.SetHyperlink("mailto:a@b.org")) || !strings.HasSuffix(lines[1], ansi.ResetHyperlink()) {
		t.Errorf("mailto not linked: %q", lines[1])
	}
	for _, l := range lines {
		if strings.Contains(l, "\x1b[2J") {
			t.Errorf("control sequence reached the page: %q", l)
		}
	}
	if got := Target("https://example.org/café"); got != "https://example.org/caf%C3%A9" {
		t.Errorf("Target = %q", got)
	}
}

type fakeSystem struct {
	goos    string
	env     map[string]string
	exists  []string
	started [][]string
	fail    error
}

func (f *fakeSystem) opener() Opener {
	return Opener{
		GOOS:   f.goos,
		Getenv: func(k string) string { return f.env[k] },
		LookPath: func(name string) (string, error) {
			if slices.Contains(f.exists, name) {
				return "/bin/" + name, nil
			}
			return "", errors.New("not found")
		},
		Start: func(name string, args ...string) error {
			f.started = append(f.started, append([]string{name}, args...))
			return f.fail
		},
	}
}

func TestOpenURL(t *testing.T) {
	const u = "https://example.org/a?b=1&c=2"
	cases := []struct {
		name string
		sys  fakeSystem
		want []string
	}{
		{"linux", fakeSystem{goos: "linux", exists: []string{"xdg-open"}}, []string{"/bin/xdg-open", u}},
		{"mac", fakeSystem{goos: "darwin", exists: []string{"open"}}, []string{"/bin/open", u}},
		{"windows", fakeSystem{goos: "windows", exists: []string{"rundll32"}}, []string{"/bin/rundll32", "url.dll,FileProtocolHandler", u}},
		{"browser", fakeSystem{goos: "linux", env: map[string]string{"BROWSER": "firefox --new-tab"}, exists: []string{"firefox", "xdg-open"}}, []string{"/bin/firefox", "--new-tab", u}},
		{"browser %s", fakeSystem{goos: "linux", env: map[string]string{"BROWSER": "nope:lynx -dump %s"}, exists: []string{"lynx"}}, []string{"/bin/lynx", "-dump", u}},
		{"browser missing", fakeSystem{goos: "darwin", env: map[string]string{"BROWSER": "nope"}, exists: []string{"open"}}, []string{"/bin/open", u}},
	}
	for _, c := range cases {
		if err := c.sys.opener().Open(u); err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if len(c.sys.started) != 1 || !slices.Equal(c.sys.started[0], c.want) {
			t.Errorf("%s: started %q, want %q", c.name, c.sys.started, c.want)
		}
	}
	none := fakeSystem{goos: "linux"}
	err := none.opener().Open(u)
	if !errors.Is(err, ErrNoOpener) || len(none.started) != 0 {
		t.Errorf("no opener: %v, started %q", err, none.started)
	}
	failing := fakeSystem{goos: "linux", exists: []string{"xdg-open"}, fail: errors.New("exec format error")}
	if err := failing.opener().Open(u); err == nil || errors.Is(err, ErrNoOpener) {
		t.Errorf("a failing opener: %v", err)
	}
	bad := fakeSystem{goos: "linux", exists: []string{"xdg-open"}}
	for _, u := range []string{"javascript:alert(1)", "https://example.org/\x1b[2J", "file:///etc/passwd"} {
		if err := bad.opener().Open(u); err == nil {
			t.Errorf("opened %q", u)
		}
	}
	if len(bad.started) != 0 {
		t.Errorf("started %q", bad.started)
	}
}
