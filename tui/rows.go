package tui

import (
	"image/color"
	"runtime"
	"strings"
	"sync"
	"unsafe"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/search"
	"github.com/lineup-tui/lineup/tui/layout"
	"github.com/lineup-tui/lineup/tui/theme"
)

// rowWidths is every session of a conference measured once for the session
// rows (layout.MeasureRow), so that laying out the results of a search adds
// numbers instead of measuring text again. It is built with the programme,
// off the UI goroutine.
type rowWidths struct {
	widths []layout.Widths // by index in Conference.Sessions, without the room's name
	// sessions is the Conference.Sessions measured: a session's index is
	// its place in it (indexOf).
	sessions []data.Session
	room     []int32  // by index in Conference.Sessions: the room's index in rooms; -1 for none
	rooms    []string // the conference's rooms
	rated    bool     // some session has a published rating
	// all is the content of every session (rowWidths.content), once
	// measured: what the list without a search or filter shows.
	all *layout.Content
	// Each track's colour as drawn on a dark and on a light background.
	darkColors, lightColors map[string]color.Color
}

// measureSessions measures the sessions of c; cells gives a session's
// time range and speaker names. The measuring is spread over the processors.
func measureSessions(c *data.Conference, cells func(*data.Session) (when, names string)) *rowWidths {
	rw := &rowWidths{
		widths:      make([]layout.Widths, len(c.Sessions)),
		sessions:    c.Sessions,
		room:        make([]int32, len(c.Sessions)),
		darkColors:  map[string]color.Color{},
		lightColors: map[string]color.Color{},
	}
	c.Speaker("") // prepares c, if it is not, before it is read in parallel
	n := len(c.Sessions)
	parts := min(runtime.GOMAXPROCS(0), max(1, n/2000))
	var wg sync.WaitGroup
	for k := range parts {
		wg.Go(func() {
			for i := k * n / parts; i < (k+1)*n/parts; i++ {
				s := &c.Sessions[i]
				when, names := cells(s)
				r := layout.Row{Title: s.Title, Speakers: names, Room: s.Room, Track: s.Track, Level: s.Level}
				if s.Scheduled() {
					r.Time = when
				}
				rw.widths[i] = layout.MeasureRow(&r)
				rw.widths[i].Room = "" // added once a room by measureHits
			}
		})
	}
	roomIDs := map[string]int32{}
	file := map[string]string{}
	for _, t := range c.Tracks {
		file[t.Name] = t.Color
	}
	for i := range c.Sessions {
		s := &c.Sessions[i]
		rw.room[i] = -1
		if s.Room != "" {
			id, ok := roomIDs[s.Room]
			if !ok {
				id = int32(len(rw.rooms))
				roomIDs[s.Room] = id
				rw.rooms = append(rw.rooms, s.Room)
			}
			rw.room[i] = id
		}
		rw.rated = rw.rated || s.Rating != nil
		if _, ok := rw.darkColors[s.Track]; !ok && s.Track != "" {
			rw.darkColors[s.Track] = theme.TrackColor(s.Track, file[s.Track], true)
			rw.lightColors[s.Track] = theme.TrackColor(s.Track, file[s.Track], false)
		}
	}
	wg.Wait()
	return rw
}

// indexOf is the index of s in the sessions measured; false when s is not
// one of them.
func (rw *rowWidths) indexOf(s *data.Session) (int, bool) {
	if len(rw.sessions) == 0 || s == nil {
		return 0, false
	}
	d := uintptr(unsafe.Pointer(s)) - uintptr(unsafe.Pointer(&rw.sessions[0]))
	size := unsafe.Sizeof(rw.sessions[0])
	if d%size != 0 || d/size >= uintptr(len(rw.sessions)) {
		return 0, false
	}
	return int(d / size), true
}

// trackColor is the colour a track is drawn in on a dark or light
// background; nil for no track.
func (rw *rowWidths) trackColor(track string, dark bool) color.Color {
	if dark {
		return rw.darkColors[track]
	}
	return rw.lightColors[track]
}

// measureHits is the content of the rows of hits: the columns' widths come
// from the sessions listed, not from the whole conference, so a search for
// sessions without speakers gives the title their room. grouped is whether
// the time column holds times only (else "Wed " before each).
func (sh *shared) measureHits(hits []search.Hit, grouped bool) layout.Content {
	rw := sh.widths
	var c layout.Content
	if len(hits) == len(rw.widths) && rw.all != nil {
		c = *rw.all // every session: the list without a search or filter
	} else {
		c = rw.content(hits)
		if len(hits) == len(rw.widths) {
			all := c
			rw.all = &all
		}
	}
	// The mark column (the star, then the change mark) keeps its width
	// whether or not anything is starred or changed, so the rows do not
	// shift when the first star is given.
	extra := layout.Row{Mark: "  "}
	if rw.rated || sh.anyRated() {
		extra.Rating = data.Stars(5)
	}
	if !grouped && len(hits) > 0 {
		// Out of programme order each time carries its weekday ("Wed ").
		extra.Time = strings.Repeat("0", c.Need(layout.Time)+4)
	}
	c.Add(&extra)
	return c
}

// content measures the rows of hits, without the columns' extras.
func (rw *rowWidths) content(hits []search.Hit) layout.Content {
	var c layout.Content
	seen := make([]bool, len(rw.rooms))
	for i := range hits {
		if k, ok := rw.indexOf(hits[i].Session); ok {
			c.AddWidths(&rw.widths[k])
			if r := rw.room[k]; r >= 0 {
				seen[r] = true
			}
		}
	}
	for r, ok := range seen {
		if ok {
			c.Add(&layout.Row{Room: rw.rooms[r]})
		}
	}
	return c
}

// anyRated reports whether the person rated a session of this conference.
func (sh *shared) anyRated() bool {
	for _, p := range sh.mine {
		if p.Rating > 0 {
			return true
		}
	}
	return false
}

// sessionRow is what the row of a hit shows.
func (sh *shared) sessionRow(hit *search.Hit, grouped bool) layout.Row {
	s := hit.Session
	r := layout.Row{
		Mark:           " " + sh.changeMark(s),
		Title:          s.Title,
		Speakers:       sh.speakerNames(s),
		Room:           s.Room,
		Track:          s.Track,
		Level:          s.Level,
		TitleMatches:   hit.Title,
		SpeakerMatches: hit.Speakers,
		TrackColor:     sh.widths.trackColor(s.Track, sh.styles.isDark),
	}
	// The mark: ★ when starred, else ▶ when running now; then the change
	// mark (live.go), else ▶ for a starred session running now.
	running := data.Running(s, sh.now())
	first, second := " ", sh.changeMark(s)
	switch {
	case sh.personal(s.ID).Starred:
		first = "★"
	case running:
		first, running = "▶", false
	}
	if running && second == " " {
		second = "▶"
	}
	r.Mark = first + second
	switch {
	case grouped && s.Scheduled():
		r.Time = data.TimeRange(s)
	case !grouped && s.Scheduled():
		r.Time = data.DayShort(s.Date)[:3] + " " + data.TimeRange(s)
	case !grouped:
		r.Time = data.DayShort(s.Date)[:3] + " –"
	}
	if avg, n := sh.combined(s); n > 0 {
		r.Rating = data.Stars(avg)
	}
	return r
}
