package store

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// Errors, matched with errors.Is. The error values returned carry the path
// and what to do in their message.
var (
	ErrLocked       = errors.New("store is locked by another lineup process")
	ErrNotStore     = errors.New("not a lineup store")
	ErrDamaged      = errors.New("store is damaged")
	ErrNewerSchema  = errors.New("store was written by a newer lineup")
	ErrNoConference = errors.New("no such conference")
)

// storeError is a store failure of one of the kinds above, with a message
// meant for the person.
type storeError struct {
	kind error
	msg  string
}

func (e *storeError) Error() string { return e.msg }
func (e *storeError) Unwrap() error { return e.kind }

func (s *Store) locked() error {
	if n, ok := s.serverNote(); ok {
		return &storeError{ErrLocked, heldMessage(s.path, n)}
	}
	return &storeError{ErrLocked, fmt.Sprintf("%s is locked by another lineup process; close it or try again", s.path)}
}

func (s *Store) folder() error {
	return &storeError{ErrNotStore, fmt.Sprintf("%s is a folder, not a lineup store; pass a file path", s.path)}
}

func (s *Store) special(m fs.FileMode) error {
	what := "a special file"
	switch {
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0:
		what = "a device"
	}
	return &storeError{ErrNotStore, fmt.Sprintf("%s is %s, not a lineup store; pass a regular file path", s.path, what)}
}

func (s *Store) notStore(why string) error {
	return &storeError{ErrNotStore, fmt.Sprintf("%s is not a lineup store (%s); it was left untouched: pass another file with --db or LINEUP_DB", s.path, why)}
}

// damaged reports damage and remembers it: the Store writes the file no more.
func (s *Store) damaged(why string) error {
	e := &storeError{ErrDamaged, fmt.Sprintf("%s is damaged (%s); it was left untouched: `lineup doctor` copies what can be read into a new file (or move it aside and lineup starts a new store)", s.path, why)}
	s.bad.CompareAndSwap(nil, e)
	return e
}

// refuseWrite is the answer to a write after damage was found.
func (s *Store) refuseWrite(first *storeError) error {
	return &storeError{ErrDamaged, fmt.Sprintf("%s is damaged, so nothing is written to it: %s", s.path, strings.TrimPrefix(first.msg, s.path+" is "))}
}

func (s *Store) newer(v uint64) error {
	return &storeError{ErrNewerSchema, fmt.Sprintf("%s was written by a newer lineup (store schema %d, this lineup knows up to %d); update lineup to use it", s.path, v, SchemaVersion)}
}

func (s *Store) older(v uint64) error {
	return fmt.Errorf("%s is at schema %d, older than this lineup's %d; start lineup again to update it", s.path, v, SchemaVersion)
}

func (s *Store) noConference(slug string) error {
	return &storeError{ErrNoConference, fmt.Sprintf("no conference %q in %s (see `lineup conferences`)", slug, s.path)}
}

func (s *Store) noConferences() error {
	return &storeError{ErrNoConference, fmt.Sprintf("no conferences in %s; import one with `lineup import`", s.path)}
}
