package refresh_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data/changes"
	"github.com/lineup-tui/lineup/data/fetch"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/refresh"
	"github.com/lineup-tui/lineup/store/storetest"
)

// fosdem2026 is a real schedule from the corpus beside the checkout.
func fosdem2026(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "shared", "corpus", "frab-xml", "fosdem-2026.xml"))
	if err != nil {
		tb.Skip("the corpus of real schedules is not beside the checkout")
	}
	return b
}

// served is a download that answers with the next result.
type served struct {
	res *fetch.Result
	err error
}

func (s *served) Get(context.Context, string, fetch.Validators) (*fetch.Result, error) {
	return s.res, s.err
}

var at = time.Date(2026, 1, 31, 9, 0, 0, 0, time.UTC)

// stored imports body as a URL-sourced conference and returns its slug.
func stored(tb testing.TB, st *store.Store, body []byte) string {
	tb.Helper()
	o, err := refresh.Store(st, body, &store.Source{URL: "https://fosdem.org/2026/schedule/xml", Validators: fetch.Validators{ETag: `"1"`}}, "", true, at)
	if err != nil {
		tb.Fatal(err)
	}
	return o.Slug
}

// Hand-made versions of FOSDEM 2026: a talk moved, one cancelled by its
// title, one gone; the person's starred and rated ones come first.
func TestRunVersionsOfFOSDEM(t *testing.T) {
	body := string(fosdem2026(t))
	st := storetest.Open(t)
	slug := stored(t, st, []byte(body))
	c, _ := st.Conference(slug)
	moved, cancelled, gone := &c.Sessions[10], &c.Sessions[20], &c.Sessions[30]
	st.SetStarred(slug, moved.ID, true)
	st.SetRating(slug, gone.ID, 4)

	next := body
	ev := eventBlock(t, next, cancelled.ID)
	next = strings.Replace(next, ev, strings.Replace(ev, "<title>", "<title>CANCELLED: ", 1), 1)
	ev = eventBlock(t, next, moved.ID)
	r0, r1 := strings.Index(ev, "<room>")+len("<room>"), strings.Index(ev, "</room>")
	next = strings.Replace(next, ev, ev[:r0]+"Janson (moved)"+ev[r1:], 1)
	next = strings.Replace(next, eventBlock(t, next, gone.ID), "", 1)

	o, err := refresh.Run(context.Background(), st, &served{res: &fetch.Result{Status: fetch.Changed, Body: []byte(next)}}, slug, at.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if got := o.Summary(); got != "1 cancelled, 1 moved, 1 removed" {
		t.Errorf("summary %q", got)
	}
	if len(o.Mine) != 2 || o.Mine[0].ID != moved.ID || o.Mine[0].Kind != changes.Moved || o.Mine[1].ID != gone.ID || o.Mine[1].Title != gone.Title {
		t.Errorf("the person's changes %+v", o.Mine)
	}
	if p, _ := st.Personal(slug); p[gone.ID].Rating != 4 {
		t.Error("the removed session lost its rating")
	}
	src, _ := st.Source(slug)
	if !src.FetchedAt.Equal(at.Add(time.Hour)) {
		t.Errorf("source after the refresh %+v", src)
	}
}

// eventBlock is the <event …>…</event> of the session id (its guid).
func eventBlock(t *testing.T, doc, id string) string {
	t.Helper()
	i := strings.Index(doc, id)
	if i < 0 {
		t.Fatalf("no event %s", id)
	}
	start := strings.LastIndex(doc[:i], "<event ")
	end := strings.Index(doc[i:], "</event>")
	return doc[start : i+end+len("</event>")]
}

// A 304 writes only the time of the check; a failure writes nothing.
func TestRunUnchangedAndFailed(t *testing.T) {
	body := fosdem2026(t)
	st := storetest.Open(t)
	slug := stored(t, st, body)
	before, _ := st.Conference(slug)
	o, err := refresh.Run(context.Background(), st, &served{res: &fetch.Result{Status: fetch.NotModified, Validators: fetch.Validators{ETag: `"1"`}}}, slug, at.Add(time.Hour))
	if err != nil || !o.Unchanged || o.Summary() != "unchanged" {
		t.Fatalf("304: %+v, %v", o, err)
	}
	src, _ := st.Source(slug)
	if !src.CheckedAt.Equal(at.Add(time.Hour)) || !src.FetchedAt.Equal(at) {
		t.Errorf("source after a 304 %+v", src)
	}
	_, err = refresh.Run(context.Background(), st, &served{err: &fetch.Error{URL: "https://fosdem.org/2026/schedule/xml", Kind: fetch.ErrCutShort, Msg: "the download was cut short"}}, slug, at.Add(3*time.Hour))
	if err == nil || !strings.HasSuffix(err.Error(), "the download was cut short; kept the schedule from 3 h ago") {
		t.Errorf("failure: %v", err)
	}
	after, _ := st.Conference(slug)
	if after.ImportedAt != before.ImportedAt || len(after.Sessions) != len(before.Sessions) {
		t.Error("a 304 or a failure replaced the schedule")
	}
}

// A refresh that finds the schedule unchanged (304) costs, besides the
// network: reading the source, and writing the time of the check.
func BenchmarkRefreshUnchangedFOSDEM2026(b *testing.B) {
	body := fosdem2026(b)
	st := storetest.Open(b)
	slug := stored(b, st, body)
	g := &served{res: &fetch.Result{Status: fetch.NotModified, Validators: fetch.Validators{ETag: `"1"`}}}
	for b.Loop() {
		if _, err := refresh.Run(context.Background(), st, g, slug, at); err != nil {
			b.Fatal(err)
		}
	}
}
