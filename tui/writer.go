package tui

import (
	"errors"
	"log"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data/clock"
	"github.com/lineup-tui/lineup/store"
)

// writer applies store changes one after another on its own goroutine, in the
// order the keys were pressed.
type writer struct {
	st      Store
	log     *log.Logger
	ops     chan func(Store) error
	results chan error
	pending sync.WaitGroup
	mu      sync.Mutex
	n       int
}

// writeTries is how often the writer tries a change while the file is locked
// (each try waits about a second for the lock).
const writeTries = 5

func newWriter(st Store, lg *log.Logger) *writer {
	w := &writer{st: st, log: lg, ops: make(chan func(Store) error, 1024), results: make(chan error, 64)}
	go w.loop()
	return w
}

func (w *writer) loop() {
	for op := range w.ops {
		watch := clock.StartWatch()
		err := op(w.st)
		// Another lineup holding the file for longer than the store's own
		// wait: keep trying for a while rather than drop the change.
		for try := 1; try < writeTries && errors.Is(err, store.ErrLocked); try++ {
			err = op(w.st)
		}
		w.log.Printf("write: %v in %v", err, watch.Elapsed())
		w.mu.Lock()
		w.n--
		w.mu.Unlock()
		w.pending.Done()
		if err != nil {
			select {
			case w.results <- err:
			default:
			}
		}
	}
}

func (w *writer) do(op func(Store) error) {
	w.mu.Lock()
	w.n++
	w.mu.Unlock()
	w.pending.Add(1)
	w.ops <- op
}

// busy reports whether changes are still on their way to the store.
func (w *writer) busy() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.n > 0
}

// flush waits until every queued change is in the store.
func (w *writer) flush() { w.pending.Wait() }

// writeErrMsg carries a failed store write back to the screen.
type writeErrMsg struct{ err error }

func (w *writer) listen() tea.Cmd {
	return func() tea.Msg { return writeErrMsg{<-w.results} }
}

// flushedMsg says every queued change is in the store.
type flushedMsg struct{}

// flushed waits for the queued changes off the UI goroutine.
// Out of line, so every command it makes is one function (see tell).
//
//go:noinline
func (w *writer) flushed() tea.Cmd {
	return func() tea.Msg {
		w.flush()
		return flushedMsg{}
	}
}
