package storetest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/lineup-tui/lineup/store"
)

// recorder keeps the errors a helper reports instead of failing the test.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recorder) Helper() {}

func TestCheckPassesAFreshStore(t *testing.T) {
	rec := &recorder{TB: t}
	st := Open(rec)
	if _, err := st.Personal("x"); err != nil {
		t.Fatal(err)
	}
	Check(rec, st.Path())
	if len(rec.errs) != 0 {
		t.Errorf("a fresh store fails the check: %v", rec.errs)
	}
}

func TestCheckFindsDamage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lineup.db")
	if _, err := store.Open(path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Keep the two meta pages, scribble over every page after them.
	for i := 2 * os.Getpagesize(); i < len(b); i++ {
		b[i] = byte(i*7 + 3)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{TB: t}
	Check(rec, path)
	if len(rec.errs) == 0 || !strings.Contains(rec.errs[0], path) {
		t.Errorf("damage not reported with the path: %v", rec.errs)
	}
}

func TestPathChecksOnlyAFileThatWasMade(t *testing.T) {
	untouched, made := &recorder{TB: t}, &recorder{TB: t}
	// Cleanups run last first: this one runs after those of Path.
	t.Cleanup(func() {
		if len(untouched.errs) != 0 {
			t.Errorf("a store that was never made was checked: %v", untouched.errs)
		}
		if len(made.errs) == 0 {
			t.Error("a file that is not a store passed the check")
		}
	})
	Path(untouched)
	if err := os.WriteFile(Path(made), []byte("not a database\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestSyncBuffer(t *testing.T) {
	var buf SyncBuffer
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 100 {
				buf.Write([]byte("ab"))
				_ = buf.String()
			}
		})
	}
	wg.Wait()
	if got := buf.String(); len(got) != 800 || strings.Count(got, "ab") != 400 {
		t.Errorf("%d bytes written, want 800", len(got))
	}
}
