package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"runtime/debug"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// held is a store file kept open by a server for its lifetime. Reads share
// the handle; writes of small records go to one committer goroutine, which
// commits every write that arrived while the previous commit was on its way
// in one transaction, so hundreds of people rating at once share each disk
// sync instead of queueing for one each.
//
// (bbolt's own Batch is not enough: it starts a new batch every
// MaxBatchDelay whether or not the previous one has been committed, so on a
// disk slower than that the batches queue for the write lock one after
// another, each with its own sync, and the queue grows faster than it
// drains.)
type held struct {
	db   *bolt.DB
	note string

	mu       sync.Mutex
	onRating func()

	qmu     sync.Mutex
	pending []heldCall
	closed  bool          // no more writes are taken
	wake    chan struct{} // a write is pending; closed by Close
	done    chan struct{} // closed when the committer has stopped

	closeOnce sync.Once
	closeErr  error
}

// heldCall is a write waiting for the committer.
type heldCall struct {
	fn  func(*bolt.Tx) error
	err chan error
}

// errSolo tells a writer that its function failed inside a shared
// transaction (which was rolled back without it) and is to run on its own.
var errSolo = errors.New("store: run the write on its own")

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
	s.held = &held{db: db, note: notePath(s.path), wake: make(chan struct{}, 1), done: make(chan struct{})}
	go s.held.commitLoop()
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
		// Writes already taken are committed first.
		h.qmu.Lock()
		h.closed = true
		close(h.wake)
		h.qmu.Unlock()
		<-h.done
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
// update of its own for a large write, and a commit shared with the other
// writes of the moment for the rest. As with bbolt's Batch, fn may run more
// than once (its transaction is rolled back when another write in it
// fails), so it must not have effects outside the transaction.
func (h *held) run(write bool, grow int, fn func(tx *bolt.Tx) error) error {
	switch {
	case !write:
		return h.db.View(fn)
	case grow > 0:
		return h.db.Update(fn)
	}
	c := heldCall{fn: fn, err: make(chan error, 1)}
	h.qmu.Lock()
	if h.closed {
		h.qmu.Unlock()
		return bolt.ErrDatabaseNotOpen
	}
	h.pending = append(h.pending, c)
	select {
	case h.wake <- struct{}{}:
	default: // the committer has been woken already
	}
	h.qmu.Unlock()
	err := <-c.err
	if err == errSolo {
		err = h.db.Update(fn)
	}
	return err
}

// commitLoop commits the pending writes, all of them at once, until Close;
// then it commits what is left and stops.
func (h *held) commitLoop() {
	defer close(h.done)
	// A damaged file can fault while a write reads it: a panic then, which
	// commitAll turns into the write's error, as guard does for the others.
	debug.SetPanicOnFault(true)
	for range h.wake {
		h.commitPending()
	}
	h.commitPending()
}

func (h *held) commitPending() {
	for {
		h.qmu.Lock()
		calls := h.pending
		h.pending = nil
		h.qmu.Unlock()
		if len(calls) == 0 {
			return
		}
		h.commitAll(calls)
	}
}

// commitAll runs calls in one transaction. A call whose function fails is
// taken out and told to run on its own, and the rest are tried again
// without it; an error of the commit itself goes to every call.
func (h *held) commitAll(calls []heldCall) {
	for len(calls) > 0 {
		failed := -1
		err := h.db.Update(func(tx *bolt.Tx) error {
			for i, c := range calls {
				if err := callSafely(c.fn, tx); err != nil {
					failed = i
					return err
				}
			}
			return nil
		})
		if failed >= 0 {
			calls[failed].err <- errSolo
			calls = append(calls[:failed:failed], calls[failed+1:]...)
			continue
		}
		for _, c := range calls {
			c.err <- err
		}
		return
	}
}

// callSafely runs fn, turning a panic into an error.
func callSafely(fn func(*bolt.Tx) error, tx *bolt.Tx) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return fn(tx)
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
