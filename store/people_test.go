package store_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/search"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/storetest"
	bolt "go.etcd.io/bbolt"
)

const gitops = "vlb19-gitops-101"

func TestIdentitiesKeepStarsAndNotesApartAndShareRatings(t *testing.T) {
	st := storetest.Open(t)
	slug := data.BuiltinSlug
	ann, bob := st.As("SHA256:ann"), st.As("SHA256:bob")
	if st.Identity() != store.LocalIdentity || ann.Identity() != "SHA256:ann" {
		t.Fatalf("identities %q %q", st.Identity(), ann.Identity())
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(ann.SetRating(slug, gitops, 5))
	must(ann.SetNote(slug, gitops, "ann's secret"))
	must(ann.SetStarred(slug, gitops, true))
	must(bob.SetRating(slug, gitops, 3))
	must(st.SetRating(slug, gitops, 4))
	must(ann.SetViewState(slug, []byte(`{"ann":1}`)))

	pb, _ := bob.Personal(slug)
	if p := pb[gitops]; p.Note != "" || p.Starred || p.Rating != 3 {
		t.Errorf("bob sees %+v: another identity's note or star leaked", p)
	}
	if v, _ := bob.ViewState(slug); v != nil {
		t.Errorf("bob sees ann's view state %q", v)
	}
	if v, _ := ann.ViewState(slug); string(v) != `{"ann":1}` {
		t.Errorf("ann's view state %q", v)
	}
	if tl, _ := st.Tally(slug, gitops); tl != (data.Tally{Count: 3, Sum: 12}) {
		t.Errorf("tally %+v, want 3 ratings summing 12", tl)
	}
	// Each identity sees the others' ratings, never its own twice.
	for _, tc := range []struct {
		s    *store.Store
		want data.Tally
	}{{ann, data.Tally{Count: 2, Sum: 7}}, {bob, data.Tally{Count: 2, Sum: 9}}, {st, data.Tally{Count: 2, Sum: 8}}} {
		o, err := tc.s.Others(slug)
		must(err)
		if o[gitops] != tc.want {
			t.Errorf("%s: others %+v, want %+v", tc.s.Identity(), o[gitops], tc.want)
		}
	}
	// Re-rating replaces; clearing takes the rating out.
	must(ann.SetRating(slug, gitops, 1))
	must(bob.SetRating(slug, gitops, 0))
	if tl, _ := st.Tally(slug, gitops); tl != (data.Tally{Count: 2, Sum: 5}) {
		t.Errorf("tally after re-rating and clearing %+v, want 2 summing 5", tl)
	}
	// Purging a conference drops everyone's data on it and its tallies.
	must(st.RemoveConference(slug, true))
	if tl, _ := st.Tally(slug, gitops); tl != (data.Tally{}) {
		t.Errorf("tally after purge %+v", tl)
	}
	if p, _ := ann.Personal(slug); len(p) != 0 {
		t.Errorf("ann's data after purge %+v", p)
	}
}

// makeVersion4 writes a store at schema 4 by hand: a store migrated to the
// latest schema, with the people/ and ratings/ trees taken back out and
// personal data and a view state in personal/<slug>, as schema 4 kept them.
func makeVersion4(t *testing.T, path string) {
	t.Helper()
	makeVersion1(t, path)
	if _, err := store.Open(path); err != nil { // runs the migrations
		t.Fatal(err)
	}
	// Put the schema 4 layout back by hand over what the migration made.
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range []string{"people", "ratings"} {
			if tx.Bucket([]byte(b)) != nil {
				if err := tx.DeleteBucket([]byte(b)); err != nil {
					return err
				}
			}
		}
		pers, _ := tx.CreateBucket([]byte("personal"))
		pb, _ := pers.CreateBucket([]byte(data.BuiltinSlug))
		pb.Put([]byte("view"), []byte(`{"query":{"text":"kube"}}`))
		ps, _ := pb.CreateBucket([]byte("sessions"))
		ps.Put([]byte(gitops), []byte(`{"rating":3,"starred":true,"note":"bring laptop","updated":"2026-01-02T03:04:05Z"}`))
		ps.Put([]byte("gone-from-schedule"), []byte(`{"rating":5,"title":"Old talk"}`))
		ps.Put([]byte("vlb19-k8s-very-hard-way"), []byte(`{"note":"etcd"}`))
		other, _ := pers.CreateBucket([]byte("removed-conf"))
		osb, _ := other.CreateBucket([]byte("sessions"))
		osb.Put([]byte("x"), []byte(`{"starred":true}`))
		return tx.Bucket([]byte("meta")).Put([]byte("version"), binary.BigEndian.AppendUint64(nil, 4))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestMigration5MovesPersonalDataToTheLocalIdentity(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v4.db")
	makeVersion4(t, path)
	if v := storedVersion(t, path); v != 4 {
		t.Fatalf("setup: version %d", v)
	}
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer storetest.Check(t, path)
	if v := storedVersion(t, path); v != store.SchemaVersion {
		t.Errorf("version %d after migration", v)
	}
	p, err := st.Personal(data.BuiltinSlug)
	if err != nil {
		t.Fatal(err)
	}
	g := p[gitops]
	if g.Rating != 3 || !g.Starred || g.Note != "bring laptop" || g.Updated.IsZero() || len(p) != 3 {
		t.Errorf("local data after migration: %+v", p)
	}
	if p["gone-from-schedule"].Title != "Old talk" {
		t.Errorf("orphan lost: %+v", p["gone-from-schedule"])
	}
	if v, _ := st.ViewState(data.BuiltinSlug); string(v) != `{"query":{"text":"kube"}}` {
		t.Errorf("view state %q", v)
	}
	mine, _ := st.Mine()
	if !mine["removed-conf"]["x"].Starred {
		t.Errorf("data of a conference not in the store lost: %+v", mine)
	}
	if tl, _ := st.Tally(data.BuiltinSlug, gitops); tl != (data.Tally{Count: 1, Sum: 3}) {
		t.Errorf("tally %+v after migration", tl)
	}
	if tl, _ := st.Tally(data.BuiltinSlug, "gone-from-schedule"); tl != (data.Tally{Count: 1, Sum: 5}) {
		t.Errorf("orphan's tally %+v after migration", tl)
	}
	if p, _ := st.As("SHA256:someone").Personal(data.BuiltinSlug); len(p) != 0 {
		t.Errorf("another identity sees the local data: %+v", p)
	}
	if _, p, err := st.Recorded(data.BuiltinSlug); err != nil || p[gitops].Rating != 3 || len(p) != 3 {
		t.Errorf("the agenda's load after migration: %+v, %v", p, err)
	}
	if _, p, _ := st.As("SHA256:someone").Recorded(data.BuiltinSlug); len(p) != 0 {
		t.Errorf("another identity's agenda load sees the local data: %+v", p)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *bolt.Tx) error {
		if tx.Bucket([]byte("personal")) != nil {
			t.Error("the old personal bucket is still there")
		}
		return nil
	})
	db.Close()
}

func TestMergePersonal(t *testing.T) {
	st := storetest.Open(t)
	slug := data.BuiltinSlug
	if err := st.SetRating(slug, gitops, 2); err != nil {
		t.Fatal(err)
	}
	if err := st.SetNote(slug, gitops, "here"); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Personal(slug)
	past := before[gitops].Updated.Add(-time.Hour)
	future := before[gitops].Updated.Add(time.Hour)
	m, err := st.MergePersonal(slug, map[string]data.Personal{
		gitops:    {Rating: 5, RatingAt: future, Note: "old note", NoteAt: past, Updated: future},
		"orphan1": {Starred: true, StarredAt: past, Updated: past, Title: "Gone"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if m.Changed != 2 || m.Unchanged != 0 {
		t.Errorf("merged %+v", m)
	}
	after, _ := st.Personal(slug)
	if g := after[gitops]; g.Rating != 5 || g.Note != "here" {
		t.Errorf("after merge %+v: want the newer rating 5 and the newer local note", g)
	}
	if !after["orphan1"].Starred {
		t.Error("a session not in the schedule was not kept")
	}
	if tl, _ := st.Tally(slug, gitops); tl != (data.Tally{Count: 1, Sum: 5}) {
		t.Errorf("tally %+v after merge, want one rating of 5", tl)
	}
	if _, err := st.MergePersonal(slug, map[string]data.Personal{"x": {Rating: 7}}); err == nil {
		t.Error("a rating of 7 was merged")
	}
}

func TestHeldStoreBatchesWritesAndTellsOthers(t *testing.T) {
	path := storetest.Path(t)
	var rated atomic.Int64
	st, err := store.Hold(path, store.ServerNote{PID: os.Getpid(), Listen: ":2299"})
	if err != nil {
		t.Fatal(err)
	}
	st.OnRatingChange(func() { rated.Add(1) })
	// Many identities rating at once: each rating is counted once.
	const people, each = 40, 5
	c, err := st.Conference(data.BuiltinSlug)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, people*each)
	for i := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			me := st.As(fmt.Sprintf("SHA256:person%d", i))
			for j := range each {
				errs <- me.SetRating(data.BuiltinSlug, c.Sessions[j].ID, 1+(i+j)%5)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := rated.Load(); n != people*each {
		t.Errorf("rating hook ran %d times, want %d", n, people*each)
	}
	total := 0
	for j := range each {
		tl, err := st.Tally(data.BuiltinSlug, c.Sessions[j].ID)
		if err != nil {
			t.Fatal(err)
		}
		total += tl.Count
	}
	if total != people*each {
		t.Errorf("%d ratings counted, want %d", total, people*each)
	}

	// Another process (here: a store opened from the path) is told a
	// server holds the file, and how to reach it.
	other, err := store.Open(path)
	if err == nil {
		err = other.SetRating(data.BuiltinSlug, gitops, 1)
	}
	if !errors.Is(err, store.ErrLocked) || !strings.Contains(err.Error(), "a lineup server holds") || !strings.Contains(err.Error(), "ssh -p 2299") {
		t.Errorf("beside a server: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".server"); !os.IsNotExist(err) {
		t.Errorf("the server note is left after Close: %v", err)
	}
	// Released: the file is a normal store again, with every rating.
	again, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := again.As("SHA256:person7").Personal(data.BuiltinSlug); len(p) != each {
		t.Errorf("person7 has %d ratings after reopening, want %d", len(p), each)
	}
}

func TestSalvageKeepsEveryIdentity(t *testing.T) {
	st := storetest.Open(t)
	ann := st.As("SHA256:ann")
	if err := ann.SetRating(data.BuiltinSlug, gitops, 4); err != nil {
		t.Fatal(err)
	}
	if err := ann.SetNote(data.BuiltinSlug, gitops, "ann's"); err != nil {
		t.Fatal(err)
	}
	if err := st.SetRating(data.BuiltinSlug, gitops, 2); err != nil {
		t.Fatal(err)
	}
	if err := ann.SetViewState(data.BuiltinSlug, []byte(`{"v":1}`)); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "copy.db")
	rep, err := store.Salvage(st.Path(), dst)
	if err != nil || len(rep.Problems) != 0 || rep.Personal != 2 {
		t.Fatalf("salvage: %+v, %v", rep, err)
	}
	defer storetest.Check(t, dst)
	cp, err := store.Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := cp.As("SHA256:ann").Personal(data.BuiltinSlug); p[gitops].Rating != 4 || p[gitops].Note != "ann's" {
		t.Errorf("ann's data in the copy: %+v", p)
	}
	if v, _ := cp.As("SHA256:ann").ViewState(data.BuiltinSlug); string(v) != `{"v":1}` {
		t.Errorf("ann's view in the copy: %q", v)
	}
	if tl, _ := cp.Tally(data.BuiltinSlug, gitops); tl != (data.Tally{Count: 2, Sum: 6}) {
		t.Errorf("tally in the copy %+v", tl)
	}
}

func TestSearchAndAgendaReadTheCurrentIdentity(t *testing.T) {
	st := storetest.Open(t)
	slug := data.BuiltinSlug
	ann, bob := st.As("SHA256:ann"), st.As("SHA256:bob")
	if err := ann.SetNote(slug, gitops, "ann's note"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		st   *store.Store
		want int
	}{{ann, 1}, {bob, 0}, {st, 0}} {
		var got map[string]data.Personal
		if err := c.st.Search(slug, func(_ *search.Snapshot, m map[string]data.Personal) error {
			got = m
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(got) != c.want {
			t.Errorf("%s: search sees %+v", c.st.Identity(), got)
		}
		_, mine, err := c.st.Recorded(slug)
		if err != nil || len(mine) != c.want {
			t.Errorf("%s: the agenda's load sees %+v, %v", c.st.Identity(), mine, err)
		}
	}
}
