package tui

import (
	"encoding/json"
	"errors"
	"io"
	"log"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/clock"
	"github.com/lineup-tui/lineup/data/notify"
	"github.com/lineup-tui/lineup/data/search"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/tui/theme"
)

// Store is what the TUI needs of the store. *store.Store satisfies it; every
// call is one short transaction, so the TUI never holds the file's lock.
type Store interface {
	Path() string
	Conferences() ([]store.ConferenceInfo, error)
	Conference(slug string) (*data.Conference, error)
	Personal(slug string) (map[string]data.Personal, error)
	Others(slug string) (map[string]data.Tally, error)
	UpdatePersonal(slug, id string, fn func(*data.Personal)) (data.Personal, error)
	ViewState(slug string) ([]byte, error)
	SetViewState(slug string, b []byte) error
	SetCurrent(slug string) error
}

// glancer is a Store that keeps a search snapshot of each conference
// (*store.Store): the programme's first screen and its search as you type
// come from the snapshot, and whole sessions are read when a screen needs
// them. A Store without it is read whole at once.
type glancer interface {
	Glance(slug string) (snap []byte, mine map[string]data.Personal, others map[string]data.Tally, err error)
	SessionsAt(slug string, sessions, speakers []int) (*data.Conference, error)
}

// shared is the context one program gives all its screens. New makes one per
// program (there is no package-level state), so several programs, one per
// terminal, can run side by side. Whatever a program needs that is not one
// screen's own belongs here, set by an Option.
type shared struct {
	st  Store
	w   *writer     // applies changes to the store off the UI goroutine
	log *log.Logger // io.Discard unless WithLog
	now func() time.Time
	// quitWait is how long quitting waits for changes the store's lock
	// holds back before the program ends and says they were not saved.
	quitWait time.Duration

	// Refreshing a conference fetched from a URL (live.go).
	refresher    Refresher
	refreshEvery time.Duration
	refreshing   bool   // a refresh is running
	failed       string // why the last refresh failed, "" when it worked
	opens        int    // conferences opened, so a stale timer is dropped
	// openURL opens a URL in the browser; nil means the platform's opener.
	openURL func(string) error
	// zone is the viewer's zone and the zone to start in.
	zone zoneChoice
	// remind is how long before a starred session its banner shows; 0 is
	// off. notify, when set, also sends reminders to the terminal by method.
	remind       time.Duration
	notify       bool
	notifyMethod notify.Method

	keys          KeyMap
	styles        styles
	theme         theme.Choice // the person's --theme
	width, height int

	// The open conference; replaced whole when another one is opened.
	*programme
	// gen counts the times hits was replaced, so that screens holding
	// indexes into it know to lay themselves out again.
	gen int
	// edits counts the person's changes made here, so that a read of the
	// store that started before one is not applied over it.
	edits int

	// noColor, when set, overrides NO_COLOR (WithNoColor).
	noColor *bool
	// allowWrite, when set, is asked before each change (WithWriteGate).
	allowWrite func() bool
	// notices is set when changes made elsewhere arrive as StoreChangedMsg
	// (WithChangeNotices) instead of being looked for in the file.
	notices bool
}

// errTooFast is what the footer says when the write gate refuses a change.
var errTooFast = errors.New("too many changes at once: wait a moment and try again")

// programme is the open conference, its search index, what the person
// recorded on it and the query with its results.
type programme struct {
	conf  *data.Conference
	ix    *search.Index
	mine  map[string]data.Personal
	query data.Query
	hits  []search.Hit
	live  liveInfo // its source and change sets
	// widths is every session measured for the session rows.
	widths *rowWidths
	// disp is the zone the conference is shown in; conf's sessions are
	// already in it (data.Display.Show).
	disp data.Display

	// sn, when not nil, is the search snapshot conf was made from: its
	// sessions have what a list row shows (no abstracts, no speakers but
	// their names in sn) until full is set, when the whole conference has
	// been read into them (loadFull). ix is the snapshot's index; fullIx,
	// once needed, indexes the whole conference for a search the snapshot
	// does not answer (Snapshot.Covers).
	sn          *search.Snapshot
	full        bool
	loadingFull bool
	fullErr     string
	fullIx      *search.Index
}

// viewState is what the TUI remembers per conference between runs.
type viewState struct {
	Query data.Query `json:"query"`
	// Local is set when the conference is shown in the local zone (z).
	Local bool `json:"local,omitempty"`
}

// zoneChoice is which zone a programme is shown in.
type zoneChoice struct {
	local *time.Location // the viewer's zone; nil is time.Local
	// force, when not nil, says whether to show the local zone, over the
	// choice remembered for the conference.
	force *bool
}

// forced is z with the choice set to local.
func (z zoneChoice) forced(local bool) zoneChoice {
	z.force = &local
	return z
}

// loadProgramme reads a conference, the person's data and the remembered
// query, builds the index and runs the query. It reads the disk and builds
// the index, so it runs in a command, never on the UI goroutine. From a
// store with search snapshots (glancer), shown in the conference's zone,
// it reads only the snapshot (glance).
func loadProgramme(st Store, slug string, now time.Time, z zoneChoice, lg *log.Logger) (*programme, error) {
	watch := clock.StartWatch()
	vs := readViewState(st, slug)
	local := vs.Local
	if z.force != nil {
		local = *z.force
	}
	if g, ok := st.(glancer); ok && !local {
		p, err := glance(st, g, slug, vs, now, z)
		if err != nil {
			return nil, err
		}
		if p != nil {
			lg.Printf("loaded %s: %d sessions, %d personal records in %v (its search snapshot)", slug, len(p.conf.Sessions), len(p.mine), watch.Elapsed())
			return p, nil
		}
	}
	c, err := st.Conference(slug)
	if err != nil {
		return nil, err
	}
	mine, err := st.Personal(slug)
	if err != nil {
		return nil, err
	}
	others, err := st.Others(slug)
	if err != nil {
		return nil, err
	}
	data.SetOthers(c, others)
	lg.Printf("loaded %s: %d sessions, %d personal records in %v", slug, len(c.Sessions), len(mine), watch.Elapsed())
	p := newProgramme(st, c, mine, now, z)
	p.live = loadLive(st, slug)
	return p, nil
}

// glance makes the programme from the conference's search snapshot; nil
// when it has none this lineup can use.
func glance(st Store, g glancer, slug string, vs viewState, now time.Time, z zoneChoice) (*programme, error) {
	snap, mine, others, err := g.Glance(slug)
	if err != nil || snap == nil {
		return nil, err
	}
	sn, err := search.LoadSnapshot(snap)
	if err != nil || !sn.FillLooks() {
		return nil, nil
	}
	// The snapshot is this program's own copy: its word index of abstracts
	// is checked on the other core while the first frame is made.
	go sn.CheckWordIndex()
	c := sn.Conference()
	if c.Slug != slug {
		return nil, nil
	}
	// The snapshot's sessions are in programme order; the index's arrays
	// follow that order, so it must not change.
	if !c.PrepareInOrder() {
		return nil, nil
	}
	data.SetOthers(c, others)
	p := &programme{conf: c, ix: sn.Index(), sn: sn, mine: mine, query: vs.Query,
		disp: data.NewDisplay(c, false, z.local)}
	p.widths = measureSessions(c, p.rowCells)
	q := p.query
	q.Now = now
	p.hits = p.search(q)
	p.live = loadLive(st, slug)
	return p, nil
}

// readViewState is what the TUI remembered of the conference slug.
func readViewState(st Store, slug string) viewState {
	var vs viewState
	if b, err := st.ViewState(slug); err == nil && len(b) > 0 {
		if json.Unmarshal(b, &vs) != nil {
			vs = viewState{}
		}
	}
	return vs
}

// newProgramme puts c in the zone chosen for it, indexes it and restores
// the query remembered for it.
func newProgramme(st Store, c *data.Conference, mine map[string]data.Personal, now time.Time, z zoneChoice) *programme {
	if mine == nil {
		mine = map[string]data.Personal{}
	}
	vs := readViewState(st, c.Slug)
	local := vs.Local
	if z.force != nil {
		local = *z.force
	}
	disp := data.NewDisplay(c, local, z.local)
	c = disp.Show(c)
	p := &programme{conf: c, ix: search.New(c), mine: mine, query: vs.Query, disp: disp, full: true}
	p.widths = measureSessions(c, p.rowCells)
	q := p.query
	q.Now = now
	p.hits = p.ix.Run(q, p.mine)
	return p
}

// rowCells is a session's time range and speaker names.
func (p *programme) rowCells(s *data.Session) (when, names string) {
	if p.sn != nil {
		_, when, names, _ = p.sn.Cells(s)
		return when, names
	}
	return data.TimeRange(s), p.conf.SpeakerNames(s)
}

// speakerNames joins the names of a session's speakers with ", ".
func (p *programme) speakerNames(s *data.Session) string {
	if p.sn != nil {
		_, _, names, _ := p.sn.Cells(s)
		return names
	}
	return p.conf.SpeakerNames(s)
}

// search runs q over the programme. A search the snapshot does not answer
// exactly (a word with punctuation needs the abstracts' text) runs over the
// whole conference once it is read, and meanwhile over the snapshot (see
// searchPending).
func (p *programme) search(q data.Query) []search.Hit {
	ix := p.ix
	if p.sn != nil && p.full && !p.sn.Covers(q) {
		if p.fullIx == nil {
			p.fullIx = search.New(p.conf)
		}
		ix = p.fullIx
	}
	return ix.Run(q, p.mine)
}

// searchPending reports whether the results shown are the snapshot's for a
// search that needs the whole conference, which is being read.
func (p *programme) searchPending() bool {
	return p.sn != nil && !p.full && !p.sn.Covers(p.query)
}

// merge puts the whole conference, read after the snapshot, into the
// programme's sessions, in place, so that every hit and row keeps pointing
// at its session. It reports false when full is another version.
func (p *programme) merge(full *data.Conference) bool {
	c := p.conf
	if !full.ImportedAt.Equal(c.ImportedAt) || len(full.Sessions) != len(c.Sessions) {
		return false
	}
	for i := range c.Sessions {
		if full.Sessions[i].ID != c.Sessions[i].ID {
			return false
		}
	}
	ss := c.Sessions
	for i := range ss {
		others := ss[i].Others
		ss[i] = full.Sessions[i]
		ss[i].Others = others
	}
	*c = *full
	c.Sessions = ss
	p.full = true
	return true
}

// open makes p the open conference.
func (sh *shared) open(p *programme) {
	sh.programme = p
	sh.gen++
}

// run re-runs the query over the conference.
func (sh *shared) run() {
	q := sh.query
	q.Now = sh.now()
	watch := clock.StartWatch()
	sh.hits = sh.search(q)
	sh.gen++
	if sh.log.Writer() != io.Discard {
		sh.log.Printf("query %q, %d filters, sort %s: %d hits in %v", q.Text, len(q.Chips()), q.EffectiveSort(), len(sh.hits), watch.Elapsed())
	}
}

// personalMatters reports whether the query's results depend on the
// person's ratings, stars or notes, so that a change to them needs a new run.
func (sh *shared) personalMatters() bool {
	q := sh.query
	return q.Starred || q.Rated != "" || q.MinRating > 0 || q.Text != "" || q.EffectiveSort() == data.SortRating
}

// setQuery applies a new query, runs it and remembers it for this conference.
// The command tells every screen, with status as the news to show.
func (sh *shared) setQuery(q data.Query, status string) tea.Cmd {
	sh.query = q
	sh.run()
	sh.saveView()
	return tell(changedMsg{status: status})
}

// saveView remembers the search, filters and sort for this conference.
func (sh *shared) saveView() {
	q := sh.query
	q.Now = time.Time{}
	b, err := json.Marshal(viewState{Query: q, Local: sh.disp.Local})
	if err != nil {
		return
	}
	slug := sh.conf.Slug
	sh.w.do(func(st Store) error { return st.SetViewState(slug, b) })
}

// tabKeys are the keys the root handles on every tab: the conference
// switcher, and z when the conference's zone and the local one differ.
func (sh *shared) tabKeys() []key.Binding {
	if sh.disp.Differs() {
		return []key.Binding{sh.keys.Conferences, sh.keys.Zone}
	}
	return []key.Binding{sh.keys.Conferences}
}

// personal returns what the person recorded for a session.
func (sh *shared) personal(id string) data.Personal { return sh.mine[id] }

// change applies fn to a session's personal record at once in memory and
// queues the same change for the store, so the screen never waits for the
// disk. The command tells the root, with status as the news to show.
func (sh *shared) change(id string, fn func(*data.Personal), status string) tea.Cmd {
	if sh.allowWrite != nil && !sh.allowWrite() {
		return tell(errMsg{errTooFast})
	}
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
	sh.edits++
	if sh.personalMatters() {
		sh.run()
	}
	return tell(changedMsg{status: status})
}

func (sh *shared) rate(id string, n int) tea.Cmd {
	status := "rated " + data.Stars(float64(n))
	if n == 0 {
		status = "rating cleared"
	}
	return sh.change(id, func(p *data.Personal) { p.Rating = n }, status)
}

func (sh *shared) toggleStar(id string) tea.Cmd {
	on := !sh.mine[id].Starred
	status := "removed from your agenda"
	if on {
		status = "★ added to your agenda"
	}
	return sh.change(id, func(p *data.Personal) { p.Starred = on }, status)
}

func (sh *shared) setNote(id, note string) tea.Cmd {
	status := "note saved"
	if note == "" {
		status = "note cleared"
	}
	return sh.change(id, func(p *data.Personal) { p.Note = note }, status)
}

// combined returns the session's rating: published, everyone else's and the
// person's own.
func (sh *shared) combined(s *data.Session) (float64, int) {
	return data.CombinedRating(s.Rating, s.Others, sh.mine[s.ID].Rating)
}
