package tui

import (
	"slices"
	"strings"
	"testing"

	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/data/formats"
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
			if ids := m.sh.conf.Session(k8sID).SpeakerIDs; !slices.Contains(ids, "no-such-speaker") {
				t.Fatalf("the unknown id did not reach the TUI: %v", ids)
			}
			gotoSession(t, m, k8s)
			press(m, "enter")
			pg, ok := top(m).(*sessionPage)
			if !ok {
				t.Fatalf("enter opened %T", top(m))
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
