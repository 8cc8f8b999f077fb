package changes

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/data/internal/datatest"
)

const fosdem2026 = "frab-xml/fosdem-2026.xml"

// schedule is the text of a frab XML schedule, edited event by event to
// make hand-made versions of a real file.
type schedule struct {
	tb   testing.TB
	text string
}

func loadSchedule(tb testing.TB, rel string) *schedule {
	return &schedule{tb: tb, text: string(datatest.ReadCorpus(tb, rel))}
}

func (s *schedule) clone() *schedule { return &schedule{tb: s.tb, text: s.text} }

func (s *schedule) parse() *data.Conference {
	s.tb.Helper()
	res, err := formats.Parse([]byte(s.text), formats.FormatAuto, formats.Options{})
	if err != nil {
		s.tb.Fatal(err)
	}
	return res.Conference
}

// block returns the start and end offsets of the <event> element with the
// given guid.
func (s *schedule) block(guid string) (int, int) {
	s.tb.Helper()
	start := strings.Index(s.text, `<event guid="`+guid+`"`)
	if start < 0 {
		s.tb.Fatalf("no event %s", guid)
	}
	end := strings.Index(s.text[start:], "</event>")
	if end < 0 {
		s.tb.Fatalf("event %s does not end", guid)
	}
	return start, start + end + len("</event>")
}

// edit rewrites the event with the given guid.
func (s *schedule) edit(guid string, fn func(ev string) string) {
	s.tb.Helper()
	a, b := s.block(guid)
	ev := s.text[a:b]
	out := fn(ev)
	if out == ev {
		s.tb.Fatalf("edit of event %s changed nothing", guid)
	}
	s.text = s.text[:a] + out + s.text[b:]
}

// replace rewrites the first match of re in the event.
func (s *schedule) replace(guid, re, repl string) {
	s.tb.Helper()
	rx := regexp.MustCompile(re)
	s.edit(guid, func(ev string) string {
		loc := rx.FindStringIndex(ev)
		if loc == nil {
			s.tb.Fatalf("event %s has no %s", guid, re)
		}
		return ev[:loc[0]] + rx.ReplaceAllString(ev[loc[0]:loc[1]], repl) + ev[loc[1]:]
	})
}

func (s *schedule) setTitle(guid, title string) {
	s.replace(guid, `<title>[^<]*</title>`, "<title>"+title+"</title>")
}

// remove deletes an event.
func (s *schedule) remove(guid string) {
	a, b := s.block(guid)
	s.text = s.text[:a] + s.text[b:]
}

// duplicate inserts a copy of an event with a new guid, id, slug and title.
func (s *schedule) duplicate(guid, newGUID, newID, title string) {
	a, b := s.block(guid)
	ev := s.text[a:b]
	ev = regexp.MustCompile(`<event guid="[^"]*" id="[^"]*">`).ReplaceAllString(ev, `<event guid="`+newGUID+`" id="`+newID+`">`)
	ev = regexp.MustCompile(`<slug>[^<]*</slug>`).ReplaceAllString(ev, "<slug>"+newID+"-added</slug>")
	ev = regexp.MustCompile(`<title>[^<]*</title>`).ReplaceAllString(ev, "<title>"+title+"</title>")
	s.text = s.text[:b] + "\n" + ev + s.text[b:]
}

// picks are events of the base version to edit: scheduled, in a room, with
// one speaker and a title without XML entities, each a different event.
func picks(tb testing.TB, c *data.Conference, n int) []*data.Session {
	tb.Helper()
	var out []*data.Session
	for i := range c.Sessions {
		s := &c.Sessions[i]
		if !s.Scheduled() || s.Room == "" || len(s.SpeakerIDs) != 1 || strings.ContainsAny(s.Title, `&<>"'`) || len(s.ID) != 36 {
			continue
		}
		out = append(out, s)
		if len(out) == n {
			return out
		}
	}
	tb.Fatalf("only %d suitable events", len(out))
	return nil
}

func mustOne(t *testing.T, set *Set, id string, kind Kind) *Entry {
	t.Helper()
	e := set.Entry(id)
	if e == nil {
		t.Fatalf("no entry for %s in %+v", id, set.Entries)
	}
	if e.Kind != kind {
		t.Fatalf("%s: kind %s, want %s (fields %+v)", id, e.Kind, kind, e.Fields)
	}
	return e
}

func fieldNames(e *Entry) string {
	var n []string
	for _, f := range e.Fields {
		n = append(n, f.Name)
	}
	return strings.Join(n, ",")
}

func TestCorpusVersions(t *testing.T) {
	base := loadSchedule(t, fosdem2026)
	old := base.parse()
	if set := Compute(old, base.parse(), time.Now()); !set.Empty() {
		t.Fatalf("the same file twice gives %d entries: %+v", len(set.Entries), set.Entries[0])
	}
	p := picks(t, old, 14)
	next := base.clone()

	// moved: an hour later (start and end), and another to another room.
	moveStart := p[0]
	next.replace(moveStart.ID, `<date>([0-9-]+)T([0-9]{2}):`, fmt.Sprintf("<date>${1}T%02d:", moveStart.Start.Hour()+1))
	next.replace(moveStart.ID, `<start>([0-9]{2}):`, fmt.Sprintf("<start>%02d:", moveStart.Start.Hour()+1))
	moveRoom := p[1]
	next.replace(moveRoom.ID, `<room>[^<]*</room>`, "<room>Hall X</room>")

	// cancelled, in each style schedules use.
	styles := []string{"[CANCELLED] %s", "Canceled: %s", "CANCELLED - %s", "(cancelled) %s", "%s [Cancelled]", "cAnCeLlEd – %s"}
	for i, st := range styles {
		next.setTitle(p[2+i].ID, fmt.Sprintf(st, p[2+i].Title))
	}
	// renamed.
	renamed := p[8]
	next.setTitle(renamed.ID, renamed.Title+" (revised)")
	// a speaker swapped for another person of the file.
	swapped, other := p[9], p[10]
	otherSpeaker := old.Speaker(other.SpeakerIDs[0])
	next.replace(swapped.ID, `<person id="[^"]*">[^<]*</person>`, fmt.Sprintf(`<person id="%s">%s</person>`, otherSpeaker.ID, otherSpeaker.Name))
	// removed, and one added.
	removed := p[11]
	next.remove(removed.ID)
	next.duplicate(p[12].ID, "00000000-0000-4000-8000-000000000001", "990001", "A late addition")
	// moved and renamed at once.
	both := p[13]
	next.replace(both.ID, `<room>[^<]*</room>`, "<room>Hall Y</room>")
	next.setTitle(both.ID, "Renamed and moved")

	at := time.Date(2026, 1, 31, 8, 0, 0, 0, time.UTC)
	set := Compute(old, next.parse(), at)
	if !set.At.Equal(at) {
		t.Errorf("At = %v", set.At)
	}

	e := mustOne(t, set, moveStart.ID, Moved)
	if fieldNames(e) != "start,end" {
		t.Errorf("moved an hour: fields %s", fieldNames(e))
	}
	f, _ := e.Field(FieldStart)
	if f.Old != moveStart.Start.Format(time.RFC3339) || f.New != moveStart.Start.Add(time.Hour).Format(time.RFC3339) {
		t.Errorf("start %q → %q", f.Old, f.New)
	}
	if !strings.HasSuffix(f.New, "+01:00") {
		t.Errorf("start %q is not in Brussels time", f.New)
	}
	e = mustOne(t, set, moveRoom.ID, Moved)
	if got := e.FieldMap()[FieldRoom]; got != [2]string{moveRoom.Room, "Hall X"} || len(e.Fields) != 1 {
		t.Errorf("room move: %+v", e.Fields)
	}

	for i, st := range styles {
		s := p[2+i]
		e := mustOne(t, set, s.ID, Cancelled)
		if e.Title != s.Title {
			t.Errorf("%q: title %q, want %q", st, e.Title, s.Title)
		}
		if len(e.Fields) != 0 {
			t.Errorf("%q: fields %+v, want none", st, e.Fields)
		}
	}

	e = mustOne(t, set, renamed.ID, Changed)
	if got := e.FieldMap(); len(got) != 1 || got[FieldTitle] != [2]string{renamed.Title, renamed.Title + " (revised)"} {
		t.Errorf("rename: %+v", e.Fields)
	}
	if e.Title != renamed.Title+" (revised)" {
		t.Errorf("rename names the entry %q", e.Title)
	}

	e = mustOne(t, set, swapped.ID, Changed)
	wantSp := [2]string{old.SpeakerNames(swapped), otherSpeaker.Name}
	if got := e.FieldMap(); len(got) != 1 || got[FieldSpeakers] != wantSp {
		t.Errorf("speaker swap: %+v, want speakers %q", e.Fields, wantSp)
	}

	e = mustOne(t, set, removed.ID, Removed)
	if e.Title != removed.Title {
		t.Errorf("removed is named %q", e.Title)
	}
	if got := e.FieldMap(); got[FieldRoom] != [2]string{removed.Room, ""} || got[FieldStart][0] != removed.Start.Format(time.RFC3339) || got[FieldStart][1] != "" {
		t.Errorf("removed keeps its old place: %+v", e.Fields)
	}

	e = mustOne(t, set, "00000000-0000-4000-8000-000000000001", Added)
	if e.Title != "A late addition" || e.FieldMap()[FieldRoom] != [2]string{"", p[12].Room} {
		t.Errorf("added: %+v", e)
	}

	e = mustOne(t, set, both.ID, Moved)
	if fieldNames(e) != "room,title" {
		t.Errorf("moved and renamed: fields %s", fieldNames(e))
	}

	// Nothing else changed.
	if want := 2 + len(styles) + 1 + 1 + 1 + 1 + 1; len(set.Entries) != want {
		for _, e := range set.Entries {
			t.Logf("%s %s %s", e.Kind, e.ID, fieldNames(&e))
		}
		t.Errorf("%d entries, want %d", len(set.Entries), want)
	}
	for i := 1; i < len(set.Entries); i++ {
		if entryLess(&set.Entries[i], &set.Entries[i-1]) {
			t.Errorf("entries not in programme order at %d", i)
		}
	}

	// Back again: the cancellations are lifted, the removal becomes an
	// addition and the addition a removal.
	back := Compute(next.parse(), old, at.Add(time.Hour))
	for i := range styles {
		e := mustOne(t, back, p[2+i].ID, Changed)
		if e.FieldMap()[FieldCancelled] != [2]string{"true", "false"} || len(e.Fields) != 1 {
			t.Errorf("lifted cancellation: %+v", e.Fields)
		}
	}
	mustOne(t, back, removed.ID, Added)
	mustOne(t, back, "00000000-0000-4000-8000-000000000001", Removed)
}

func BenchmarkComputeFOSDEM2026(b *testing.B) {
	base := loadSchedule(b, fosdem2026)
	old := base.parse()
	next := base.clone()
	p := picks(b, old, 40)
	for i, s := range p {
		switch i % 4 {
		case 0:
			next.replace(s.ID, `<room>[^<]*</room>`, "<room>Elsewhere</room>")
		case 1:
			next.setTitle(s.ID, "CANCELLED: "+s.Title)
		case 2:
			next.setTitle(s.ID, s.Title+" II")
		case 3:
			next.remove(s.ID)
		}
	}
	nc := next.parse()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if set := Compute(old, nc, time.Time{}); len(set.Entries) != 40 {
			b.Fatalf("%d entries", len(set.Entries))
		}
	}
}
