package tui

import (
	"encoding/json"
	"errors"
	"io"
	"log"
	"os"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/search"
	"github.com/lineup-tui/lineup/store"
)

// Store is what the TUI needs of the store. *store.Store satisfies it; every
// call is one short transaction, so the TUI never holds the file's lock.
type Store interface {
	Path() string
	Conferences() ([]store.ConferenceInfo, error)
	Conference(slug string) (*data.Conference, error)
	Personal(slug string) (map[string]data.Personal, error)
	UpdatePersonal(slug, id string, fn func(*data.Personal)) (data.Personal, error)
	ViewState(slug string) ([]byte, error)
	SetViewState(slug string, b []byte) error
	SetCurrent(slug string) error
}

// shared is the context every screen gets: size, styles, keys, clock, the
// store, the conference and the person's own data for it.
type shared struct {
	width, height int
	styles        styles
	keys          KeyMap
	now           func() time.Time

	st    Store
	conf  *data.Conference
	ix    *search.Index
	mine  map[string]data.Personal
	query data.Query
	hits  []search.Hit
	// gen counts the times hits was replaced, so that screens holding
	// indexes into it know to lay themselves out again.
	gen int

	w   *writer
	log *log.Logger

	// changed is set when the person's data changed in memory.
	changed bool

	// Requests from a child to the root, consumed after the child's Update.
	pushes []page
	status string
	err    string
}

// viewState is what the TUI remembers per conference between runs.
type viewState struct {
	Query data.Query `json:"query"`
}

func (sh *shared) setConference(c *data.Conference, mine map[string]data.Personal) {
	sh.conf = c
	sh.ix = search.New(c)
	if mine == nil {
		mine = map[string]data.Personal{}
	}
	sh.mine = mine
	sh.query = data.Query{}
	if b, err := sh.st.ViewState(c.Slug); err == nil && len(b) > 0 {
		var vs viewState
		if json.Unmarshal(b, &vs) == nil {
			sh.query = vs.Query
		}
	}
	sh.run()
}

// run re-runs the query over the conference.
func (sh *shared) run() {
	q := sh.query
	q.Now = sh.now()
	start := time.Now()
	sh.hits = sh.ix.Run(q, sh.mine)
	sh.gen++
	if sh.log.Writer() != io.Discard {
		sh.log.Printf("query %q, %d filters, sort %s: %d hits in %v", q.Text, len(q.Chips()), q.EffectiveSort(), len(sh.hits), time.Since(start))
	}
}

// personalMatters reports whether the query's results depend on the
// person's ratings, stars or notes, so that a change to them needs a new run.
func (sh *shared) personalMatters() bool {
	q := sh.query
	return q.Starred || q.Rated != "" || q.MinRating > 0 || q.Text != "" || q.EffectiveSort() == data.SortRating
}

// saveView remembers the search, filters and sort for this conference.
func (sh *shared) saveView() {
	q := sh.query
	q.Now = time.Time{}
	b, err := json.Marshal(viewState{Query: q})
	if err != nil {
		return
	}
	slug := sh.conf.Slug
	sh.w.do(func(st Store) error { return st.SetViewState(slug, b) })
}

// personal returns what the person recorded for a session.
func (sh *shared) personal(id string) data.Personal { return sh.mine[id] }

// change applies fn to a session's personal record at once in memory and queues
// the same change for the store, so the screen never waits for the disk.
func (sh *shared) change(id string, fn func(*data.Personal)) {
	if s := sh.conf.Session(id); s != nil {
		title, change := s.Title, fn
		fn = func(p *data.Personal) {
			change(p)
			p.Title = title
		}
	}
	p := sh.mine[id]
	fn(&p)
	p.Updated = sh.now()
	if p.Empty() {
		delete(sh.mine, id)
	} else {
		sh.mine[id] = p
	}
	slug := sh.conf.Slug
	sh.w.do(func(st Store) error {
		_, err := st.UpdatePersonal(slug, id, fn)
		return err
	})
	sh.changed = true
	if sh.personalMatters() {
		sh.run()
	}
}

func (sh *shared) rate(id string, n int) {
	sh.change(id, func(p *data.Personal) { p.Rating = n })
	if n == 0 {
		sh.status = "rating cleared"
	} else {
		sh.status = "rated " + data.Stars(float64(n))
	}
}

func (sh *shared) toggleStar(id string) {
	on := !sh.mine[id].Starred
	sh.change(id, func(p *data.Personal) { p.Starred = on })
	if on {
		sh.status = "★ added to your agenda"
	} else {
		sh.status = "removed from your agenda"
	}
}

func (sh *shared) setNote(id, note string) {
	sh.change(id, func(p *data.Personal) { p.Note = note })
	if note == "" {
		sh.status = "note cleared"
	} else {
		sh.status = "note saved"
	}
}

func (sh *shared) push(p page) { sh.pushes = append(sh.pushes, p) }

// combined returns the session's rating merged with the person's own.
func (sh *shared) combined(s *data.Session) (float64, int) {
	return data.CombinedRating(s.Rating, sh.mine[s.ID].Rating)
}

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
		start := time.Now()
		err := op(w.st)
		// Another lineup holding the file for longer than the store's own
		// wait: keep trying for a while rather than drop the change.
		for try := 1; try < writeTries && errors.Is(err, store.ErrLocked); try++ {
			err = op(w.st)
		}
		w.log.Printf("write: %v in %v", err, time.Since(start))
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

// fileStamp is what the refresh tick compares to notice another process's writes.
type fileStamp struct {
	mod  time.Time
	size int64
}

func stampOf(path string) fileStamp {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{fi.ModTime(), fi.Size()}
}
