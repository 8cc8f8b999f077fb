package tui

import (
	"errors"
	"fmt"
	"log"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data/clock"
	"github.com/lineup-tui/lineup/store"
)

// writer applies store changes one after another on its own goroutine, in the
// order the keys were pressed. A change that fails because another lineup
// holds the store's lock stays queued and is tried again until it is written;
// any other failure is reported and the change dropped.
type writer struct {
	st      Store
	log     *log.Logger
	ops     chan func(Store) error
	results chan error
	halted  chan struct{} // closed when the loop stops for stop

	mu      sync.Mutex
	n       int  // changes queued and not yet in the store (or dropped)
	locked  bool // the change at the head failed on the lock and is retried
	stopped bool // stop was called: try nothing more
}

// Backoff between tries of a change while the store is locked (each try
// itself waits about a second for the lock).
const (
	retryFirst = 100 * time.Millisecond
	retryMax   = time.Second
)

func newWriter(st Store, lg *log.Logger) *writer {
	w := &writer{
		st: st, log: lg,
		ops:     make(chan func(Store) error, 1024),
		results: make(chan error, 64),
		halted:  make(chan struct{}),
	}
	go w.loop()
	return w
}

func (w *writer) loop() {
	defer close(w.halted)
	for op := range w.ops {
		if w.isStopped() {
			return
		}
		watch := clock.StartWatch()
		err := op(w.st)
		// Another lineup holding the file (a big import holds it for
		// seconds): keep the change and try again until it is written.
		for wait := retryFirst; errors.Is(err, store.ErrLocked); wait = min(2*wait, retryMax) {
			w.setLocked(true)
			w.log.Printf("write: %v; trying again in %v", err, wait)
			if !w.sleep(wait) {
				return // stopped: the change stays counted as not written
			}
			err = op(w.st)
		}
		w.log.Printf("write: %v in %v", err, watch.Elapsed())
		if err != nil {
			select {
			case w.results <- err:
			default:
			}
		}
		w.mu.Lock()
		w.n--
		w.locked = false
		stopped := w.stopped
		w.mu.Unlock()
		if stopped {
			return
		}
	}
}

// sleep waits d, or less when stop is called; it reports whether to go on.
func (w *writer) sleep(d time.Duration) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if w.isStopped() {
			return false
		}
		time.Sleep(min(10*time.Millisecond, time.Until(deadline)))
	}
	return !w.isStopped()
}

func (w *writer) setLocked(on bool) {
	w.mu.Lock()
	w.locked = on
	w.mu.Unlock()
}

func (w *writer) isStopped() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.stopped
}

func (w *writer) do(op func(Store) error) {
	w.mu.Lock()
	if w.stopped {
		w.n++ // never written: counted in what finish reports
		w.mu.Unlock()
		return
	}
	w.n++
	w.mu.Unlock()
	w.ops <- op
}

// busy reports whether changes are still on their way to the store.
func (w *writer) busy() bool { return w.left() > 0 }

func (w *writer) left() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.n
}

// waiting is how many changes are not in the store because it is locked
// (0 while the writer is not retrying).
func (w *writer) waiting() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.locked {
		return 0
	}
	return w.n
}

// idle waits up to d (for ever when d < 0) until every queued change is
// in the store, and reports whether they are.
func (w *writer) idle(d time.Duration) bool {
	deadline := time.Now().Add(d)
	for w.busy() {
		if d >= 0 && !time.Now().Before(deadline) {
			return false
		}
		select {
		case <-w.halted:
			return !w.busy()
		case <-time.After(10 * time.Millisecond):
		}
	}
	return true
}

// flush waits until every queued change is in the store (or the writer
// was stopped).
func (w *writer) flush() { w.idle(-1) }

// finish waits up to d for the queued changes, then stops the writer and
// returns how many changes were not written. Called again it answers at once.
func (w *writer) finish(d time.Duration) int {
	if w.idle(d) {
		return 0
	}
	w.mu.Lock()
	w.stopped = true
	w.mu.Unlock()
	<-w.halted // at most one try, about a second
	return w.left()
}

// notSaved is what the person is told after the TUI closed with n changes
// that never reached the store.
func notSaved(n int) error {
	if n == 1 {
		return errors.New("1 change could not be saved: the store is locked by another lineup (an import or another terminal); make it again once that is done")
	}
	return fmt.Errorf("%d changes could not be saved: the store is locked by another lineup (an import or another terminal); make them again once that is done", n)
}

// pendingNote is the footer's word on changes waiting for the lock.
func pendingNote(n int) string {
	if n == 1 {
		return "1 change not saved yet · retrying"
	}
	return fmt.Sprintf("%d changes not saved yet · retrying", n)
}

// writeErrMsg carries a failed store write back to the screen.
type writeErrMsg struct{ err error }

func (w *writer) listen() tea.Cmd {
	return func() tea.Msg { return writeErrMsg{<-w.results} }
}

// flushedMsg says the queued changes are in the store, or that quitWait
// passed and the writer was stopped.
type flushedMsg struct{}

// flushed waits for the queued changes off the UI goroutine, at most wait.
// Out of line, so every command it makes is one function (see tell).
//
//go:noinline
func (w *writer) flushed(wait time.Duration) tea.Cmd {
	return func() tea.Msg {
		w.finish(wait)
		return flushedMsg{}
	}
}
