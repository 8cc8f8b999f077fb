package main

import (
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/data/synth"
	"github.com/lineup-tui/lineup/store/storetest"
)

// `sessions` prints the same bytes from the search snapshot as from the
// whole conference: the same store is listed again after its snapshots
// were dropped, which makes lineup decode the sessions.
func TestSessionsFromSnapshotSameOutput(t *testing.T) {
	c := newCLI(t)
	big := synth.Generate(1500, 3)
	f, err := os.Create(filepath.Join(t.TempDir(), "big.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := formats.EncodeLineup(f, big); err != nil {
		t.Fatal(err)
	}
	f.Close()
	c.ok("import", f.Name())
	c.ok("star", "s10")
	c.ok("star", "s11")
	c.ok("rate", "s12", "2")
	c.ok("note", "s13", "bring the zebracorn")
	queries := [][]string{
		{"--search", "kube lat"},
		{"--search", "zebracorn"},
		{"--search", "data", "--sort", "rating"},
		{"--search", "go", "--sort", "title"},
		{"--search", "!kube latency", "--starred"},
		{"--search", "speaker:anna | track:rust", "--day", "2"},
		{"--min-rating", "4", "--room", big.Sessions[0].Room},
		{"--search", "kube", "--upcoming", "--now", "2026-09-16T12:00:00+02:00"},
		{"--search", "lat", "--running", "--now", "2026-09-16T12:00:00+02:00"},
		{"--search", "kube", "--local"},
		{"--search", "zzzzqqq"},
		{},
	}
	type result struct{ out, errs string }
	want := make([]result, len(queries))
	for i, q := range queries {
		_, want[i].out, want[i].errs = c.run(append([]string{"sessions"}, q...)...)
	}
	// Drop the snapshots: every listing now decodes the sessions.
	db, err := bolt.Open(c.db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("schedules")).ForEachBucket(func(slug []byte) error {
			return tx.Bucket([]byte("schedules")).Bucket(slug).DeleteBucket([]byte("search"))
		})
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	storetest.Check(t, c.db)
	for i, q := range queries {
		_, out, errs := c.run(append([]string{"sessions"}, q...)...)
		if out != want[i].out || errs != want[i].errs {
			t.Errorf("sessions %q: from the snapshot\n%s%s\nfrom the sessions\n%s%s", q, want[i].out, want[i].errs, out, errs)
		}
		if i < len(queries)-2 && out == "" {
			t.Errorf("sessions %q found nothing; the test does not exercise it", q)
		}
	}
}
