package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// held is a store file kept open by a server for its lifetime. Reads share
// the handle; writes of small records go through bbolt's Batch, which
// commits the changes of many connections in one transaction, so hundreds of
// people rating at once do not each wait for a disk sync.
type held struct {
	db   *bolt.DB
	note string

	mu       sync.Mutex
	onRating func()

	closeOnce sync.Once
	closeErr  error
}

// ServerNote is what the note beside a held store tells other lineup
// processes about the server that holds it.
type ServerNote struct {
	PID    int    `json:"pid"`
	Listen string `json:"listen"` // the server's listen address, such as ":2222"
}

// notePath is the file beside the store that says a server holds it.
func notePath(path string) string { return path + ".server" }

// Hold opens the store at path (see Open) and keeps it open until Close,
// for a server: the file stays locked, so other lineup processes cannot use
// it meanwhile, and a note beside it (path + ".server") tells them which
// server has it. Writes from many goroutines are batched into shared
// transactions.
func Hold(path string, note ServerNote, opts ...Option) (*Store, error) {
	s, err := Open(path, opts...)
	if err != nil {
		return nil, err
	}
	db, err := s.openDB(true, 0)
	if err != nil {
		return nil, err
	}
	// Checked once here: while the server holds the file, only it writes.
	err = s.guard(func() error { return db.View(s.verify) })
	if err != nil {
		db.Close()
		return nil, err
	}
	b, err := json.Marshal(note)
	if err == nil {
		err = os.WriteFile(notePath(s.path), append(b, '\n'), 0o600)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot write %s: %w", notePath(s.path), err)
	}
	s.held = &held{db: db, note: notePath(s.path)}
	return s, nil
}

// Held reports whether this store is held open (Hold).
func (s *Store) Held() bool { return s.held != nil }

// Close writes out and releases a held store and removes its note; every
// Store made from it with As is closed with it, and closing again does
// nothing. It does nothing for a store that is not held.
func (s *Store) Close() error {
	h := s.held
	if h == nil {
		return nil
	}
	h.closeOnce.Do(func() {
		h.closeErr = h.db.Close()
		if err := os.Remove(h.note); err != nil && !errors.Is(err, fs.ErrNotExist) && h.closeErr == nil {
			h.closeErr = err
		}
	})
	return h.closeErr
}

// OnRatingChange sets fn to be called after each committed change of any
// identity's rating in a held store (a server tells its connected screens to
// look again). fn must not block.
func (s *Store) OnRatingChange(fn func()) {
	if s.held == nil {
		return
	}
	s.held.mu.Lock()
	s.held.onRating = fn
	s.held.mu.Unlock()
}

// ratingsChanged runs the hook set by OnRatingChange.
func (s *Store) ratingsChanged() {
	if s.held == nil {
		return
	}
	s.held.mu.Lock()
	fn := s.held.onRating
	s.held.mu.Unlock()
	if fn != nil {
		fn()
	}
}

// run runs fn in one transaction on the held handle: a view to read, an
// update of its own for a large write, and a shared batch for the rest.
func (h *held) run(write bool, grow int, fn func(tx *bolt.Tx) error) error {
	switch {
	case !write:
		return h.db.View(fn)
	case grow > 0:
		return h.db.Update(fn)
	}
	return h.db.Batch(fn)
}

// serverNote reads the note of a server holding the store, if there is one.
func (s *Store) serverNote() (ServerNote, bool) {
	b, err := os.ReadFile(notePath(s.path))
	if err != nil {
		return ServerNote{}, false
	}
	var n ServerNote
	if json.Unmarshal(b, &n) != nil || n.PID <= 0 {
		return ServerNote{}, false
	}
	return n, true
}

// heldMessage says that a server holds the store and how to reach it.
func heldMessage(path string, n ServerNote) string {
	port := "2222"
	if _, p, err := net.SplitHostPort(n.Listen); err == nil && p != "" {
		port = p
	}
	return fmt.Sprintf("a lineup server holds %s (pid %d, listening on %s); use it over SSH instead: `ssh -p %s HOST COMMAND`, or stop the server first",
		path, n.PID, n.Listen, port)
}
