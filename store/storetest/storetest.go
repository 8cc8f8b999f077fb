// Package storetest holds the test helpers that the tests of store, tui and
// cmd share: a store in a temporary folder whose file passes bbolt's
// consistency check (tx.Check) when the test ends, and a buffer that a
// program can write while the test reads it.
//
// Nothing here touches the person's real store: every file lives in
// t.TempDir().
package storetest

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/lineup-tui/lineup/store"
)

// Open opens a new store (with the built-in conference) at Path(t).
func Open(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(Path(t))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// Path returns the path of a store file in a new temporary folder. When the
// test ends, the file, if one was made there, must pass Check.
func Path(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "lineup.db")
	t.Cleanup(func() {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return
		}
		Check(t, path)
	})
	return path
}

// Check runs bbolt's consistency check on the file at path and fails the
// test with every problem it finds.
func Check(t testing.TB, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Errorf("check %s: %v", path, err)
		return
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		return errors.Join(errs...)
	})
	if err != nil {
		t.Errorf("check %s: %v", path, err)
	}
}

// SyncBuffer is a bytes.Buffer that one goroutine (or a child process's
// output copier) writes while the test reads it.
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns what has been written so far.
func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
