package changes

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
)

func TestIsCancelled(t *testing.T) {
	cases := []struct {
		title string
		want  bool
		strip string
	}{
		{"[CANCELLED] Foo", true, "Foo"},
		{"[Canceled] Foo", true, "Foo"},
		{"Canceled: Foo", true, "Foo"},
		{"CANCELLED - Foo", true, "Foo"},
		{"CANCELLED — Foo bar", true, "Foo bar"},
		{"(cancelled) Foo", true, "Foo"},
		{"{CANCELED} Foo", true, "Foo"},
		{"*CANCELLED* Foo", true, "Foo"},
		{"cancelled:Foo", true, "Foo"},
		{"CANCELLED! Foo", true, "Foo"},
		{"  [ cancelled ]  Foo  ", true, "Foo"},
		{"Foo [CANCELLED]", true, "Foo"},
		{"Foo (canceled)", true, "Foo"},
		{"Foo - CANCELLED", true, "Foo"},
		{"Foo: cancelled!", true, "Foo"},
		{"CANCELLED", true, "CANCELLED"},
		{"[cancelled]", true, "[cancelled]"},
		{"Cancelled flights and how to cope", false, ""},
		{"Why my talk was cancelled", false, ""},
		{"Cancellation policies", false, ""},
		{"[Workshop] Foo", false, ""},
		{"Foo (part 2)", false, ""},
		{"", false, ""},
		{"(", false, ""},
		{"[CANCELLED", false, ""},
		{"Über – cancelled", true, "Über"},
	}
	for _, tc := range cases {
		s := &data.Session{Title: tc.title}
		if got := IsCancelled(s); got != tc.want {
			t.Errorf("IsCancelled(%q) = %v, want %v", tc.title, got, tc.want)
		}
		want := tc.strip
		if !tc.want {
			want = tc.title
		}
		if got := StripCancelled(tc.title); got != want {
			t.Errorf("StripCancelled(%q) = %q, want %q", tc.title, got, want)
		}
	}
	if !IsCancelled(&data.Session{Title: "Foo", Cancelled: true}) {
		t.Error("the Cancelled field is not honoured")
	}
	if IsCancelled(nil) {
		t.Error("nil session is cancelled")
	}
}

var (
	day1 = time.Date(2026, 1, 31, 10, 0, 0, 0, time.FixedZone("CET", 3600))
)

func conf(sessions ...data.Session) *data.Conference {
	c := &data.Conference{
		Slug: "demo", Name: "Demo", TimeZone: "Europe/Brussels",
		Speakers: []data.Speaker{{ID: "a", Name: "Ada"}, {ID: "b", Name: "Bob"}, {ID: "c", Name: "Cleo"}, {ID: "b2", Name: "Bob"}},
		Sessions: sessions,
	}
	c.Prepare()
	return c
}

func talk(id, title string, start time.Time, room string, speakers ...string) data.Session {
	s := data.Session{ID: id, Title: title, Room: room, SpeakerIDs: speakers}
	if !start.IsZero() {
		s.Start, s.End, s.Date = start, start.Add(30*time.Minute), start.Format(data.DateLayout)
	} else {
		s.Date = "2026-01-31"
	}
	return s
}

func TestComputeFields(t *testing.T) {
	a := talk("t1", "Alpha", day1, "H1", "a")
	a.Links = []data.Link{{Title: "Slides", URL: "https://example.org/s"}}
	a.Track, a.Type, a.Level, a.Abstract = "Go", "talk", "beginner", "About alpha."
	b := a
	b.SpeakerIDs = []string{"a", "c"}
	b.Links = []data.Link{{Title: "Slides", URL: "https://example.org/s2"}, {URL: "https://example.org/v"}}
	b.Track, b.Type, b.Level, b.Abstract = "Rust", "workshop", "advanced", "About beta."
	b.Subtitle = "New"

	set := Compute(conf(a), conf(b), day1)
	e := mustOne(t, set, "t1", Changed)
	want := map[string][2]string{
		FieldSubtitle: {"", "New"},
		FieldTrack:    {"Go", "Rust"},
		FieldType:     {"talk", "workshop"},
		FieldLevel:    {"beginner", "advanced"},
		FieldSpeakers: {"Ada", "Ada, Cleo"},
		FieldAbstract: {"About alpha.", "About beta."},
		FieldLinks:    {"Slides <https://example.org/s>", "Slides <https://example.org/s2>, https://example.org/v"},
	}
	got := e.FieldMap()
	if len(got) != len(want) {
		t.Errorf("fields %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if fieldNames(e) != "subtitle,track,type,level,speakers,abstract,links" {
		t.Errorf("field order %s", fieldNames(e))
	}

	// A speaker whose record got a new id but the same name is no change.
	c := a
	c.SpeakerIDs = []string{"a"}
	d := a
	d.SpeakerIDs = []string{"a"}
	oldC, newC := conf(c), conf(d)
	newC.Speakers[0].ID = "a-new"
	newC.Sessions[0].SpeakerIDs = []string{"a-new"}
	newC.Prepare()
	if s := Compute(oldC, newC, day1); !s.Empty() {
		t.Errorf("speaker id change alone: %+v", s.Entries)
	}

	// Times equal in another zone are no move.
	moved := a
	moved.Start, moved.End = a.Start.UTC(), a.End.UTC()
	if s := Compute(conf(a), conf(moved), day1); !s.Empty() {
		t.Errorf("same instant in UTC: %+v", s.Entries)
	}

	// A session that loses its time is moved, with new start and end "".
	tba := a
	tba.Start, tba.End = time.Time{}, time.Time{}
	e = mustOne(t, Compute(conf(a), conf(tba), day1), "t1", Moved)
	if e.FieldMap()[FieldStart] != [2]string{"2026-01-31T10:00:00+01:00", ""} {
		t.Errorf("lost time: %+v", e.Fields)
	}

	// Cancelled with a move: one cancelled entry that lists the move.
	cm := a
	cm.Title = "CANCELLED: Alpha"
	cm.Room = ""
	e = mustOne(t, Compute(conf(a), conf(cm), day1), "t1", Cancelled)
	if fieldNames(e) != "room" || e.Title != "Alpha" {
		t.Errorf("cancelled and moved: %s %+v", e.Title, e.Fields)
	}

	// Cancelled by the state field.
	cs := a
	cs.Cancelled = true
	mustOne(t, Compute(conf(a), conf(cs), day1), "t1", Cancelled)

	// Nil versions are empty schedules.
	if s := Compute(nil, conf(a), day1); s.Count()[Added] != 1 {
		t.Errorf("from nothing: %+v", s.Entries)
	}
	if s := Compute(conf(a), nil, day1); s.Count()[Removed] != 1 {
		t.Errorf("to nothing: %+v", s.Entries)
	}
	if s := Compute(nil, nil, day1); !s.Empty() || s.Summary() != "no changes" {
		t.Error("nothing to nothing")
	}
	two := Compute(conf(a, talk("t2", "Beta", day1, "H2")), conf(cm, talk("t3", "Gamma", day1, "H2"), talk("t4", "Delta", day1, "H2")), day1)
	if got := two.Summary(); got != "1 cancelled, 2 added, 1 removed" {
		t.Errorf("summary %q", got)
	}
}

func TestComputeDoesNotModify(t *testing.T) {
	// An unindexed conference in a non-programme order stays as it was.
	old := &data.Conference{TimeZone: "UTC", Sessions: []data.Session{
		talk("z", "Zed", day1.Add(time.Hour), "H1"), talk("a", "Ay", day1, "H1"),
	}}
	next := &data.Conference{TimeZone: "UTC", Sessions: []data.Session{talk("a", "Ay 2", day1, "H1")}}
	set := Compute(old, next, day1)
	if old.Sessions[0].ID != "z" || next.Sessions[0].Title != "Ay 2" {
		t.Error("Compute reordered or changed its input")
	}
	if len(set.Entries) != 2 || set.Entries[0].ID != "a" || set.Entries[1].ID != "z" {
		t.Errorf("entries %+v", set.Entries)
	}
}

func TestOrderAndJSON(t *testing.T) {
	old := conf(talk("s1", "One", day1, "H1", "a"), talk("s2", "Two", day1.Add(time.Hour), "H1", "b"),
		talk("s3", "Three", day1.Add(2*time.Hour), "H1"), talk("s4", "Four", day1.Add(3*time.Hour), "H1"))
	next := conf(talk("s1", "One", day1.Add(30*time.Minute), "H1", "a"), talk("s2", "[CANCELLED] Two", day1.Add(time.Hour), "H1", "b"),
		talk("s3", "Three!", day1.Add(2*time.Hour), "H1"), talk("s5", "Five", time.Time{}, ""))
	at1 := time.Date(2026, 1, 31, 8, 0, 0, 0, time.UTC)
	set1 := Compute(old, next, at1)

	later := conf(talk("s1", "One", day1.Add(30*time.Minute), "H2", "a"), talk("s2", "[CANCELLED] Two", day1.Add(time.Hour), "H1", "b"),
		talk("s3", "Three!", day1.Add(2*time.Hour), "H1"), talk("s5", "Five", time.Time{}, ""))
	set2 := Compute(next, later, at1.Add(time.Hour))

	mine := func(id string) (bool, bool, bool) {
		switch id {
		case "s4":
			return true, false, false
		case "s3":
			return false, false, true
		}
		return false, false, false
	}
	items := Order([]*Set{set1, set2}, mine)
	var got []string
	for _, it := range items {
		got = append(got, it.ID+":"+string(it.Kind))
	}
	want := []string{"s4:removed", "s3:changed", "s1:moved", "s1:moved", "s2:cancelled", "s5:added"}
	if len(got) != len(want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
	if !items[2].At.Equal(set2.At) {
		t.Errorf("the later set's move should come first: %v", items[2].At)
	}
	if !items[0].Mine() || items[0].Title != "Four" {
		t.Errorf("removed starred session: %+v", items[0])
	}

	js, err := json.Marshal(JSONList(set1.Ordered(mine)[:2]))
	if err != nil {
		t.Fatal(err)
	}
	wantJSON := `[{"id":"s4","title":"Four","kind":"removed","starred":true,"rated":false,"noted":false,` +
		`"fields":{"date":["2026-01-31",""],"end":["2026-01-31T13:30:00+01:00",""],"room":["H1",""],"start":["2026-01-31T13:00:00+01:00",""]},"at":"2026-01-31T08:00:00Z"},` +
		`{"id":"s3","title":"Three!","kind":"changed","starred":false,"rated":false,"noted":true,` +
		`"fields":{"title":["Three","Three!"]},"at":"2026-01-31T08:00:00Z"}]`
	if string(js) != wantJSON {
		t.Errorf("JSON\n got %s\nwant %s", js, wantJSON)
	}
	if js, _ := json.Marshal(JSONList(nil)); string(js) != "[]" {
		t.Errorf("empty list encodes as %s", js)
	}
	if items := Order([]*Set{nil, set1}, nil); len(items) != len(set1.Entries) || items[0].Mine() {
		t.Errorf("nil mine: %+v", items)
	}
}

func TestSetStoredRoundTrip(t *testing.T) {
	set := Compute(conf(talk("s1", "One", day1, "H1", "a")), conf(talk("s1", "One", day1, "H2", "a")), day1)
	b, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	var back Set
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if e := back.Entry("s1"); e == nil || e.Kind != Moved {
		t.Fatalf("decoded set without index: %+v", back)
	}
	back.Prepare()
	if e := back.Entry("s1"); e == nil || e.FieldMap()[FieldRoom] != [2]string{"H1", "H2"} || !e.Start.Equal(day1) {
		t.Errorf("decoded entry %+v", e)
	}
	if back.Entry("nope") != nil {
		t.Error("entry for an unknown id")
	}
}

func FuzzStripCancelled(f *testing.F) {
	for _, s := range []string{"[CANCELLED] Foo", "Canceled: Foo", "Foo - cancelled", "(", "*", "Cancelled flights", "[cancelled"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, title string) {
		s := &data.Session{Title: title}
		stripped := StripCancelled(title)
		if !IsCancelled(s) && stripped != title {
			t.Fatalf("%q is not cancelled but strips to %q", title, stripped)
		}
		if len(stripped) > len(title) {
			t.Fatalf("%q strips to the longer %q", title, stripped)
		}
	})
}
