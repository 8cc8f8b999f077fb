package store

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/search"
	bolt "go.etcd.io/bbolt"
)

// The migrations are numbered 1, 2, … in order, so the schema version (the
// length of the list) is the number of the last one.
func TestMigrationsInOrder(t *testing.T) {
	for i, m := range migrations {
		if m.version != uint64(i+1) {
			t.Errorf("migration %d (%s) is numbered %d", i+1, m.what, m.version)
		}
	}
}

// A store written by a lineup of schema 5, whose search snapshot has no
// tracks and levels, gets one that has them when it is opened: the TUI
// then starts from it instead of reading the whole conference. The
// person's data and the schedule stay as they were.
func TestMigrationRewritesSnapshotsWithoutLooks(t *testing.T) {
	old, err := os.ReadFile(filepath.Join("testdata", "schema5-builtin.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "lineup.db")
	if err := os.WriteFile(path, old, 0o600); err != nil {
		t.Fatal(err)
	}
	snapOf := func() *search.Snapshot {
		t.Helper()
		db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var sn *search.Snapshot
		if err := db.View(func(tx *bolt.Tx) error {
			cb := tx.Bucket(bucketSchedules).Bucket([]byte(data.BuiltinSlug))
			if cb == nil {
				t.Fatal("no built-in conference in the store")
			}
			if sb := cb.Bucket(bucketSearch); sb != nil {
				// Copied out: the snapshot outlives the transaction.
				sn, _ = search.LoadSnapshot(append([]byte(nil), sb.Get(keySnapshot)...))
			}
			for err := range tx.Check() {
				t.Errorf("the store after the migration: %v", err)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return sn
	}
	if sn := snapOf(); sn == nil || sn.HasLooks() {
		t.Fatal("the schema 5 store should hold a snapshot without tracks and levels")
	}

	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	sn := snapOf()
	if sn == nil || !sn.FillLooks() {
		t.Fatal("after the migration the snapshot still has no tracks and levels")
	}
	c, err := st.Conference(data.BuiltinSlug)
	if err != nil {
		t.Fatal(err)
	}
	got := sn.Conference()
	if len(got.Sessions) != len(c.Sessions) {
		t.Fatalf("the snapshot has %d sessions, the conference %d", len(got.Sessions), len(c.Sessions))
	}
	levels := 0
	for i := range c.Sessions {
		s, g := &c.Sessions[i], &got.Sessions[i]
		if g.ID != s.ID || g.Track != s.Track || g.Level != s.Level {
			t.Fatalf("session %d: snapshot %q %q %q, conference %q %q %q", i, g.ID, g.Track, g.Level, s.ID, s.Track, s.Level)
		}
		if s.Level != "" {
			levels++
		}
	}
	if levels == 0 {
		t.Fatal("no session with a level: the test shows nothing")
	}
	mine, err := st.Personal(data.BuiltinSlug)
	if err != nil {
		t.Fatal(err)
	}
	if p := mine["vlb19-k8s-very-hard-way"]; p.Rating != 4 || !p.Starred {
		t.Fatalf("the rating and star given under schema 5: %+v", p)
	}
}
