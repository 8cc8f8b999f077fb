package store_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/search"
	"github.com/lineup-tui/lineup/data/synth"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/storetest"
)

// Glance gives the snapshot (a copy that outlives the read; over 1 MB, so
// read from the file), the person's data and everyone else's ratings as
// Personal and Others give them; and SessionsAt the sessions and speakers
// at the snapshot's places, whole.
func TestGlanceAndSessionsAt(t *testing.T) {
	st := storetest.Open(t)
	c := synth.Generate(2000, 7)
	if _, err := st.PutConference(c); err != nil {
		t.Fatal(err)
	}
	id := c.Sessions[10].ID
	if _, err := st.UpdatePersonal(c.Slug, id, func(p *data.Personal) { p.Rating, p.Starred = 4, true }); err != nil {
		t.Fatal(err)
	}
	if _, err := st.As("someone-else").UpdatePersonal(c.Slug, id, func(p *data.Personal) { p.Rating = 2 }); err != nil {
		t.Fatal(err)
	}
	snap, mine, others, err := st.Glance(c.Slug)
	if err != nil || snap == nil {
		t.Fatalf("Glance: %v, %d bytes", err, len(snap))
	}
	wantMine, _ := st.Personal(c.Slug)
	wantOthers, _ := st.Others(c.Slug)
	if !reflect.DeepEqual(mine, wantMine) || !reflect.DeepEqual(others, wantOthers) {
		t.Errorf("Glance: %v %v, want %v %v", mine, others, wantMine, wantOthers)
	}
	if _, err := st.UpdatePersonal(c.Slug, id, func(p *data.Personal) { p.Note = "after" }); err != nil {
		t.Fatal(err) // a write after the read: the copy stays whole
	}
	if len(snap) < 1<<20 {
		t.Fatalf("a snapshot of %d bytes does not test the read from the file", len(snap))
	}
	var inPlace []byte
	if err := st.Search(c.Slug, func(sn *search.Snapshot, _ map[string]data.Personal) error {
		inPlace = []byte(sn.Conference().Sessions[1999].Title)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	sn, err := search.LoadSnapshot(snap)
	if err != nil || !sn.FillLooks() {
		t.Fatalf("the snapshot Glance gave: %v", err)
	}
	if got := sn.Conference().Sessions[1999].Title; got != string(inPlace) {
		t.Errorf("the last session's title %q, in place %q", got, inPlace)
	}
	whole, err := st.Conference(c.Slug)
	if err != nil {
		t.Fatal(err)
	}
	ss, sps := sn.Positions([]string{id})
	part, err := st.SessionsAt(c.Slug, ss, sps)
	if err != nil {
		t.Fatal(err)
	}
	got, want := part.Session(id), whole.Session(id)
	if got == nil || !reflect.DeepEqual(*got, *want) {
		t.Fatalf("SessionsAt: %+v, want %+v", got, want)
	}
	if a, b := part.SpeakerNames(got), whole.SpeakerNames(want); a != b || a == "" {
		t.Errorf("speakers %q, want %q", a, b)
	}
	if _, err := st.SessionsAt(c.Slug, []int{len(c.Sessions)}, nil); !errors.Is(err, store.ErrMoved) {
		t.Errorf("a place past the end: %v", err)
	}
	if _, _, _, err := st.Glance("no-such-conference"); err == nil {
		t.Error("Glance of a conference not in the store did not fail")
	}
}
