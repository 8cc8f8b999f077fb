package store_test

import (
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/search"
	"github.com/lineup-tui/lineup/data/synth"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/storetest"
)

// searchIDs runs q on the store's snapshot of slug and on the whole
// conference, and returns the ids of both.
func searchIDs(t *testing.T, st *store.Store, slug string, q data.Query) (snap, full []string) {
	t.Helper()
	var mine map[string]data.Personal
	err := st.Search(slug, func(sn *search.Snapshot, m map[string]data.Personal) error {
		if sn == nil {
			t.Fatalf("no search snapshot for %s", slug)
		}
		mine = m
		for _, h := range sn.Index().Run(q, mine) {
			snap = append(snap, strings.Clone(h.Session.ID)) // valid only inside Search
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.Conference(slug)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range search.NewOneShot(c).Run(q, mine) {
		full = append(full, h.Session.ID)
	}
	return snap, full
}

// An import writes the snapshot, a re-import replaces it, and the
// person's data comes with it: a note is searched, a star filters.
func TestSearchSnapshotFollowsImports(t *testing.T) {
	st := storetest.Open(t)
	c := synth.Generate(500, 3)
	if _, err := st.PutConference(c); err != nil {
		t.Fatal(err)
	}
	id := c.Sessions[17].ID
	if err := st.SetNote(c.Slug, id, "zebracorn"); err != nil {
		t.Fatal(err)
	}
	if err := st.SetStarred(c.Slug, c.Sessions[3].ID, true); err != nil {
		t.Fatal(err)
	}
	snap, full := searchIDs(t, st, c.Slug, data.Query{Text: "zebracorn"})
	if !slices.Equal(snap, []string{id}) || !slices.Equal(snap, full) {
		t.Errorf("note search: snapshot %v, conference %v", snap, full)
	}
	snap, full = searchIDs(t, st, c.Slug, data.Query{Starred: true})
	if !slices.Equal(snap, []string{c.Sessions[3].ID}) || !slices.Equal(snap, full) {
		t.Errorf("starred: snapshot %v, conference %v", snap, full)
	}
	// Re-import a changed schedule: the snapshot follows.
	c2 := synth.Generate(500, 3)
	c2.Sessions[40].Title = "Quokkas in production"
	if _, err := st.PutConference(c2); err != nil {
		t.Fatal(err)
	}
	snap, full = searchIDs(t, st, c.Slug, data.Query{Text: "quokkas"})
	if len(snap) != 1 || !slices.Equal(snap, full) {
		t.Errorf("after re-import: snapshot %v, conference %v", snap, full)
	}
}

// A damaged snapshot is not used: Search says there is none.
func TestSearchSnapshotDamaged(t *testing.T) {
	st := storetest.Open(t)
	db, err := bolt.Open(st.Path(), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("schedules")).Bucket([]byte(data.BuiltinSlug)).Bucket([]byte("search"))
		v := slices.Clone(b.Get([]byte("snapshot")))
		return b.Put([]byte("snapshot"), v[:len(v)/2])
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	err = st.Search(data.BuiltinSlug, func(sn *search.Snapshot, _ map[string]data.Personal) error {
		if sn != nil {
			t.Error("a damaged snapshot was loaded")
		}
		return nil
	})
	if err != nil {
		t.Error(err)
	}
}

// Migration 3 writes the snapshot of every conference already stored.
func TestMigration3WritesSearchSnapshots(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	c := makeVersion1(t, path)
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer storetest.Check(t, path)
	for _, q := range []string{"kube", "hard way", "liz"} {
		snap, full := searchIDs(t, st, c.Slug, data.Query{Text: q})
		if len(snap) == 0 || !slices.Equal(snap, full) {
			t.Errorf("%q after migration: snapshot %v, conference %v", q, snap, full)
		}
	}
}

// Recorded decodes only the sessions with a personal record, and the
// agenda built from it is the agenda of the whole conference: the same
// days, clashes and sessions no longer in the schedule.
func TestRecordedGivesTheSameAgenda(t *testing.T) {
	st := storetest.Open(t)
	c := synth.Generate(300, 4)
	if _, err := st.PutConference(c); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 300; i += 7 {
		if err := st.SetStarred(c.Slug, c.Sessions[i].ID, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetRating(c.Slug, c.Sessions[5].ID, 4); err != nil {
		t.Fatal(err)
	}
	if err := st.SetStarred(c.Slug, "gone-from-the-schedule", true); err != nil {
		t.Fatal(err)
	}
	part, mine, err := st.Recorded(c.Slug)
	if err != nil {
		t.Fatal(err)
	}
	if len(part.Sessions) != 44 {
		t.Errorf("Recorded decoded %d sessions, want the 44 with a record", len(part.Sessions))
	}
	full, err := st.Conference(c.Slug)
	if err != nil {
		t.Fatal(err)
	}
	got, want := data.BuildAgenda(part, mine), data.BuildAgenda(full, mine)
	if !reflect.DeepEqual(agendaShape(got), agendaShape(want)) {
		g, w := agendaShape(got), agendaShape(want)
		for k := range min(len(g), len(w)) {
			if g[k] != w[k] {
				t.Fatalf("agenda item %d from Recorded:\n%s\nfrom the conference:\n%s", k, g[k], w[k])
			}
		}
		t.Errorf("agenda from Recorded has %d items, from the conference %d", len(g), len(w))
	}
	for _, d := range got.Days {
		for _, it := range d.Items {
			if full.SpeakerNames(full.Session(it.Session.ID)) != part.SpeakerNames(it.Session) {
				t.Errorf("speakers of %s differ", it.Session.ID)
			}
		}
	}
}

// agendaShape is an agenda as comparable values: ids, clashes, free time.
func agendaShape(ag data.Agenda) []string {
	var out []string
	for _, d := range ag.Days {
		for _, it := range d.Items {
			out = append(out, fmt.Sprint(d.Date, it.Session.ID, it.Clashes, it.FreeBefore, sessionShape(it.Session)))
		}
	}
	for _, it := range ag.Unscheduled {
		out = append(out, fmt.Sprint("unscheduled ", sessionShape(it.Session)))
	}
	return append(out, ag.Orphans...)
}

func sessionShape(s *data.Session) string {
	r := data.Rating{}
	if s.Rating != nil {
		r = *s.Rating
	}
	c := *s
	c.Rating = nil
	return fmt.Sprint(c, r)
}
