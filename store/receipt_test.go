package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/store"
)

// A checked write leaves a receipt, so the next write, by this Store or by
// another process's, skips the whole-file check; the file is still checked
// in full after anything else has touched it.
func TestReceiptSparesTheWholeCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lineup.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	slug, id := data.BuiltinSlug, "vlb19-gitops-101"
	if err := st.SetRating(slug, id, 3); err != nil {
		t.Fatal(err)
	}
	if n := st.WholeChecks(); n != 1 {
		t.Fatalf("first write: %d whole checks, want 1", n)
	}
	if _, err := os.Stat(path + ".checked"); err != nil {
		t.Fatalf("no receipt after a checked write: %v", err)
	}
	for i := range 5 {
		if err := st.SetStarred(slug, id, i%2 == 0); err != nil {
			t.Fatal(err)
		}
	}
	other, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := other.SetNote(slug, id, "hi"); err != nil {
		t.Fatal(err)
	}
	if st.WholeChecks() != 1 || other.WholeChecks() != 0 {
		t.Errorf("writes after a receipt checked the whole file: %d, %d", st.WholeChecks(), other.WholeChecks())
	}

	// An unreadable receipt, one for another file, or none: the whole check.
	for name, spoil := range map[string]func(){
		"garbage": func() { os.WriteFile(path+".checked", []byte("lineup-checked\x00\x01 not a receipt"), 0o600) },
		"gone":    func() { os.Remove(path + ".checked") },
		"another file": func() {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// Same bytes, new inode: a file moved over the store.
			tmp := path + ".copy"
			if err := os.WriteFile(tmp, b, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(tmp, path); err != nil {
				t.Fatal(err)
			}
		},
	} {
		spoil()
		before := st.WholeChecks()
		if err := st.SetRating(slug, id, 4); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if st.WholeChecks() != before+1 {
			t.Errorf("%s: the write did not check the whole file", name)
		}
	}
}

// Damage made in place right after a write, within the same tick of the
// file clock, is still found by the next write: the receipt never vouches
// for a file changed after it.
func TestReceiptNeverVouchesForALaterChange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lineup.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	slug, id := data.BuiltinSlug, "vlb19-gitops-101"
	for i := range 20 {
		marker := fmt.Sprintf("DAMAGE-MARKER-%02d", i)
		if err := st.SetNote(slug, id, marker); err != nil {
			t.Fatalf("round %d: %v", i, err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		j := at(t, b, `"note":"`+marker)
		b[j] = 0xff
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteAt(b[j:j+1], int64(j)); err != nil {
			t.Fatal(err)
		}
		f.Close()
		fresh, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := fresh.SetRating(slug, "vlb19-sre-classroom", 2); !errors.Is(err, store.ErrDamaged) {
			t.Fatalf("round %d: a write into a file damaged after the receipt: %v", i, err)
		}
		// Mend it for the next round.
		b[j] = '"'
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		os.Remove(path + ".checked")
		st, err = store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
	}
}

// A rating with a 100k-session conference in the file: the receipt left by
// the import spares each rating the whole-file check.
func BenchmarkSetRating100k(b *testing.B) {
	if testing.Short() {
		b.Skip("a 100k-session store")
	}
	benchmarkSetRating(b, 100000)
}

// Setting the current conference to the one that is current already (as
// every start of the TUI does) writes nothing: no commit, no disk sync.
func TestSetCurrentUnchangedWritesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lineup.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetCurrent(data.BuiltinSlug); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the file was written to set the current conference it had")
	}
	if err := st.SetCurrent("nope"); !errors.Is(err, store.ErrNoConference) {
		t.Errorf("SetCurrent(nope): %v", err)
	}
}
