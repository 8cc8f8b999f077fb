package formats

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/internal/datatest"
)

// parseCorpus reads a corpus file, skipping the test when the corpus is absent.
func parseCorpus(tb testing.TB, rel string, f Format, opt Options) *Result {
	tb.Helper()
	b := datatest.ReadCorpus(tb, rel)
	if got, err := Detect(b); err != nil || got != f {
		tb.Fatalf("Detect(%s) = %v, %v; want %s", rel, got, err, f)
	}
	r, err := Parse(b, FormatAuto, opt)
	if err != nil {
		tb.Fatalf("Parse(%s): %v", rel, err)
	}
	return r
}

// scheduledCounts returns the number of sessions with a start time and of
// rooms that hold one.
func scheduledCounts(c *data.Conference) (sessions, rooms int) {
	seen := map[string]bool{}
	for i := range c.Sessions {
		if c.Sessions[i].Scheduled() {
			sessions++
			if c.Sessions[i].Room != "" {
				seen[c.Sessions[i].Room] = true
			}
		}
	}
	return sessions, len(seen)
}

// wantTime is a session checked by hand against the file.
type wantTime struct {
	id         string
	title      string
	start, end string // UTC, RFC 3339
	date       string // local day ("" = not checked)
	room       string // "" = not checked
}

func checkTimes(t *testing.T, c *data.Conference, wants []wantTime) {
	t.Helper()
	for _, w := range wants {
		s := c.Session(w.id)
		if s == nil {
			t.Errorf("session %s missing", w.id)
			continue
		}
		if s.Title != w.title {
			t.Errorf("%s: title %q, want %q", w.id, s.Title, w.title)
		}
		if got := s.Start.UTC().Format(time.RFC3339); got != w.start {
			t.Errorf("%s: start %s, want %s", w.id, got, w.start)
		}
		if got := s.End.UTC().Format(time.RFC3339); got != w.end {
			t.Errorf("%s: end %s, want %s", w.id, got, w.end)
		}
		if w.date != "" && s.Date != w.date {
			t.Errorf("%s: date %s, want %s", w.id, s.Date, w.date)
		}
		if w.room != "" && s.Room != w.room {
			t.Errorf("%s: room %q, want %q", w.id, s.Room, w.room)
		}
	}
}

// goldenSessions renders the given sessions, with their speakers, compactly
// for a golden file.
func goldenSessions(tb testing.TB, c *data.Conference, ids ...string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "conference %q slug=%s zone=%s %s..%s url=%s\n", c.Name, c.Slug, c.TimeZone, c.Start, c.End, c.URL)
	for _, id := range ids {
		s := c.Session(id)
		if s == nil {
			tb.Fatalf("session %s missing", id)
		}
		type speakerOut struct {
			ID, Name, Bio string
		}
		out := struct {
			*data.Session
			Speakers []speakerOut `json:"speaker_records"`
		}{Session: s}
		for _, sp := range c.SpeakersOf(s) {
			out.Speakers = append(out.Speakers, speakerOut{sp.ID, sp.Name, sp.Bio})
		}
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			tb.Fatal(err)
		}
	}
	return buf.Bytes()
}

// goldenCorpusSessions is goldenSessions for sessions read from the corpus,
// whose text must not be copied into the project: it keeps each session's
// id and UTC times and a SHA-256 of the full rendering, so any change to any
// field still shows as a golden difference.
func goldenCorpusSessions(tb testing.TB, c *data.Conference, ids ...string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	for _, id := range ids {
		s := c.Session(id)
		if s == nil {
			tb.Fatalf("session %s missing", id)
		}
		fmt.Fprintf(&buf, "%s %s %s\n", id, s.Start.UTC().Format(time.RFC3339), s.End.UTC().Format(time.RFC3339))
	}
	fmt.Fprintf(&buf, "sha256 %x\n", sha256.Sum256(goldenSessions(tb, c, ids...)))
	return buf.Bytes()
}

// corpusGolden is a corpus file checked against a golden file by a few of
// its sessions.
type corpusGolden struct {
	name, file string
	opt        Options
	ids        []string
}

// checkGolden compares, in one subtest each, the corpus files (skipped when
// the corpus is absent) and an inline document with their golden files,
// testdata/<test>/<name>.golden ("inline" for the document).
func checkGolden(t *testing.T, f Format, cases []corpusGolden, inline string, inlineIDs ...string) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := parseCorpus(t, tc.file, f, tc.opt)
			golden.RequireEqual(t, goldenCorpusSessions(t, r.Conference, tc.ids...))
		})
	}
	t.Run("inline", func(t *testing.T) {
		r, err := Parse([]byte(inline), f, Options{})
		if err != nil {
			t.Fatal(err)
		}
		golden.RequireEqual(t, goldenSessions(t, r.Conference, inlineIDs...))
	})
}

// fuzzParse is what every reader's fuzz target checks: a failure is a
// *ParseError (returned, with nil), and a success gives sessions with
// unique, indexed ids, no end before its start, and titles free of
// terminal control characters.
func fuzzParse(t *testing.T, b []byte, f Format, opt Options) (*Result, *ParseError) {
	t.Helper()
	r, err := Parse(b, f, opt)
	checkOutputSafe(t, r, err)
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error is %T, not *ParseError: %v", err, err)
		}
		return nil, pe
	}
	c := r.Conference
	seen := map[string]bool{}
	for i := range c.Sessions {
		s := &c.Sessions[i]
		if s.ID == "" || seen[s.ID] || c.Session(s.ID) != s {
			t.Fatalf("session id %q empty, repeated or not indexed", s.ID)
		}
		seen[s.ID] = true
		if s.End.Before(s.Start) {
			t.Fatalf("%s ends before it starts", s.ID)
		}
		if strings.ContainsAny(s.Title, "\x1b\u009b\u202e\r") {
			t.Fatalf("%s: control characters left in title %q", s.ID, s.Title)
		}
	}
	return r, nil
}

// parseErrorAt asserts that err is a *ParseError of format f with a position.
func parseErrorAt(t *testing.T, err error, f Format) *ParseError {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *ParseError", err, err)
	}
	if pe.Format != f {
		t.Errorf("format %s, want %s", pe.Format, f)
	}
	if pe.Line == 0 && pe.Offset < 0 {
		t.Errorf("error without a position: %v", pe)
	}
	return pe
}

// impDump renders sessions and their speakers as plain text for golden files.
func impDump(c *data.Conference, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "conference: %s (%s) zone %s, %s to %s\n", c.Name, c.Slug, c.TimeZone, c.Start, c.End)
	for i := range c.Sessions[:min(n, len(c.Sessions))] {
		s := &c.Sessions[i]
		fmt.Fprintf(&b, "\n== %s\ntitle: %s\ndate: %s\n", s.ID, s.Title, s.Date)
		if s.Scheduled() {
			fmt.Fprintf(&b, "time: %s – %s (UTC %s – %s)\n", s.Start.Format("2006-01-02 15:04 MST"), s.End.Format("15:04 MST"),
				s.Start.UTC().Format(time.RFC3339), s.End.UTC().Format(time.RFC3339))
		}
		for _, f := range []struct{ k, v string }{{"room", s.Room}, {"track", s.Track}, {"type", s.Type}, {"level", s.Level}, {"url", s.URL}} {
			if f.v != "" {
				fmt.Fprintf(&b, "%s: %s\n", f.k, f.v)
			}
		}
		for _, l := range s.Links {
			fmt.Fprintf(&b, "link: %s %s\n", l.Title, l.URL)
		}
		for _, sp := range c.SpeakersOf(s) {
			fmt.Fprintf(&b, "speaker: %s [%s] title=%q company=%q url=%q\n", sp.Name, sp.ID, sp.JobTitle, sp.Company, sp.URL)
			if sp.Bio != "" {
				fmt.Fprintf(&b, "  bio: %s\n", strings.ReplaceAll(sp.Bio, "\n", "\n       "))
			}
		}
		if s.Abstract != "" {
			fmt.Fprintf(&b, "abstract:\n%s\n", s.Abstract)
		}
	}
	return b.String()
}
