package store_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/storetest"
	bolt "go.etcd.io/bbolt"
)

// damagedStore makes a store with personal data on three sessions, then
// changes the file in place with damage, which finds its spot by a marker.
func damagedStore(t *testing.T, damage func(b []byte)) (path string, sum [32]byte) {
	t.Helper()
	return damagedStoreAt(t, func(_ string, b []byte) { damage(b) })
}

// damagedStoreAt is damagedStore for damage that looks at the file first.
func damagedStoreAt(t *testing.T, damage func(path string, b []byte)) (path string, sum [32]byte) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "lineup.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	slug := data.BuiltinSlug
	for _, err := range []error{
		st.SetNote(slug, "vlb19-gitops-101", "keep me"),
		st.SetRating(slug, "vlb19-sre-classroom", 4),
		st.SetStarred(slug, "vlb19-sre-classroom", true),
		st.SetNote(slug, "vlb19-k8s-very-hard-way", "DAMAGE-MARKER"),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	c := builtin.Conference()
	c.Slug, c.Name = "second", "Second"
	c.Sessions[1].Title = "TITLE-MARKER-1234"
	if _, err := st.PutConference(c); err != nil {
		t.Fatal(err)
	}
	if err := st.SetRating("second", c.Sessions[0].ID, 5); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	damage(path, b)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, sha256.Sum256(b)
}

// at returns the offset of marker in b, failing the test without it.
func at(t *testing.T, b []byte, marker string) int {
	t.Helper()
	i := bytes.Index(b, []byte(marker))
	if i < 0 {
		t.Fatalf("no %q in the file", marker)
	}
	return i
}

func unchanged(t *testing.T, path string, sum [32]byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if sha256.Sum256(b) != sum {
		t.Fatal("the damaged file was written")
	}
}

// salvage runs Salvage into a new file, checks the copy with bbolt's
// consistency check and opens it.
func salvage(t *testing.T, path string) (*store.Store, store.SalvageReport) {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "rescued.db")
	rep, err := store.Salvage(path, dst)
	if err != nil {
		t.Fatalf("salvage: %v", err)
	}
	storetest.Check(t, dst)
	st, err := store.Open(dst)
	if err != nil {
		t.Fatalf("the copy does not open: %v", err)
	}
	if _, err := store.Salvage(path, dst); err == nil {
		t.Error("salvage wrote over an existing file")
	}
	return st, rep
}

// One personal record with a flipped byte: the others stay readable, no
// write reaches the file, and Salvage copies everything else.
func TestDamagedPersonalRecord(t *testing.T) {
	var tried [][]byte
	path, sum := damagedStore(t, func(b []byte) {
		i := at(t, b, `"note":"DAMAGE-MARKER"`)
		b[i] = 0xff
		tried = append(tried, b)
	})
	st, err := store.Open(path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	mine, err := st.Personal(data.BuiltinSlug)
	if !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), "vlb19-k8s-very-hard-way") {
		t.Errorf("Personal: %v", err)
	}
	if mine["vlb19-gitops-101"].Note != "keep me" || mine["vlb19-sre-classroom"].Rating != 4 || len(mine) != 2 {
		t.Errorf("the readable records: %+v", mine)
	}
	if err := st.SetRating(data.BuiltinSlug, "vlb19-gitops-101", 2); !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), "nothing is written") {
		t.Errorf("a write after damage was found: %v", err)
	}
	// A Store that has not read the bad record finds it before writing.
	fresh := func() *store.Store {
		st, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	c := builtin.Conference()
	for what, write := range map[string]func() error{
		"import":  func() error { _, err := fresh().ImportConference(c); return err },
		"remove":  func() error { return fresh().RemoveConference("second", false) },
		"rate":    func() error { return fresh().SetRating("second", "vlb19-gitops-101", 3) },
		"current": func() error { return fresh().SetCurrent("second") },
		"view":    func() error { return fresh().SetViewState("second", []byte("{}")) },
	} {
		if err := write(); !errors.Is(err, store.ErrDamaged) {
			t.Errorf("%s into a damaged store: %v", what, err)
		}
	}
	unchanged(t, path, sum)

	rescued, rep := salvage(t, path)
	unchanged(t, path, sum)
	if rep.Conferences != 2 || rep.Personal != 3 || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0], "vlb19-k8s-very-hard-way") {
		t.Errorf("report %+v", rep)
	}
	got, err := rescued.Personal(data.BuiltinSlug)
	if err != nil || got["vlb19-gitops-101"].Note != "keep me" || !got["vlb19-sre-classroom"].Starred {
		t.Errorf("rescued personal data: %+v, %v", got, err)
	}
	if c, err := rescued.Conference("second"); err != nil || len(c.Sessions) != 33 {
		t.Errorf("rescued schedule: %v", err)
	}
	if err := rescued.SetRating("second", "vlb19-gitops-101", 3); err != nil {
		t.Errorf("the copy is not writable: %v", err)
	}
}

// A session whose value is damaged (a length byte changed): the schedule
// no longer loads and is not written; Salvage copies every other session.
func TestDamagedSessionValue(t *testing.T) {
	path, sum := damagedStore(t, func(b []byte) {
		i := at(t, b, "TITLE-MARKER-1234")
		b[i-1] = 0x7f
	})
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Conference("second"); !errors.Is(err, store.ErrDamaged) {
		t.Errorf("load: %v", err)
	}
	if _, err := st.ImportConference(builtin.Conference()); !errors.Is(err, store.ErrDamaged) {
		t.Errorf("import: %v", err)
	}
	unchanged(t, path, sum)
	rescued, rep := salvage(t, path)
	if rep.Sessions != 33+32 || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0], `"second"`) {
		t.Errorf("report %+v", rep)
	}
	if c, err := rescued.Conference("second"); err != nil || len(c.Sessions) != 32 {
		t.Errorf("rescued schedule: %v", err)
	}
	if mine, err := rescued.Personal("second"); err != nil || len(mine) != 1 {
		t.Errorf("rescued personal data: %v, %v", mine, err)
	}
}

// A file cut short, or pages overwritten with garbage: Salvage neither
// panics nor writes the file, copies what it can and says what it could
// not read. (Cutting only the file's unused tail loses nothing.)
func TestSalvageTruncatedAndGarbage(t *testing.T) {
	for name, damage := range map[string]func(path string, b []byte) []byte{
		"truncated": func(_ string, b []byte) []byte { return b[:len(b)/2] },
		"garbage": func(_ string, b []byte) []byte {
			for i := 2 * 4096; i < len(b); i++ {
				b[i] = byte(i*7 + 3)
			}
			return b
		},
		// The header of a page in use: the root of a schedule's sessions
		// (a fixed page number may be a free one, whose damage is harmless).
		"one page header": func(path string, b []byte) []byte {
			at := livePage(t, path, "schedules", "second", "sessions")
			for i := at; i < at+16; i++ {
				b[i] ^= 0x5a
			}
			return b
		},
	} {
		t.Run(name, func(t *testing.T) {
			var cut []byte
			path, _ := damagedStoreAt(t, func(path string, b []byte) { cut = damage(path, bytes.Clone(b)) })
			os.WriteFile(path, cut, 0o600)
			sum := sha256.Sum256(cut)
			dst := filepath.Join(t.TempDir(), "rescued.db")
			rep, err := store.Salvage(path, dst)
			unchanged(t, path, sum)
			if err != nil {
				t.Logf("salvage: %v", err)
				return
			}
			storetest.Check(t, dst)
			if len(rep.Problems) == 0 {
				t.Errorf("no problem reported: %+v", rep)
			}
			t.Logf("%+v", rep)
		})
	}
}

// livePage is the offset in the store file at path of the root page of the
// nested bucket names, read before any damage.
func livePage(t *testing.T, path string, names ...string) int {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var at int
	err = db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(names[0]))
		for _, n := range names[1:] {
			if b == nil {
				break
			}
			b = b.Bucket([]byte(n))
		}
		if b == nil || b.Root() == 0 {
			return fmt.Errorf("no page of its own for bucket %q", names)
		}
		at = int(b.Root()) * db.Info().PageSize
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return at
}
