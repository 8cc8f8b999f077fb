package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/text"
	"github.com/lineup-tui/lineup/store"
)

// streamSessionsJSON writes `sessions --json` a session at a time: in one
// read transaction each selected session is decoded, turned into its JSON
// object and written, so a conference of any size is never held whole.
// Without search text, in programme order, the sessions are read in the
// store's key order and filtered one by one; a search, or another order,
// takes its hits from the search snapshot and decodes only those. done is
// false when neither can answer (--local, whose times re-sort the
// sessions; no snapshot; a search word the snapshot cannot answer): the
// caller then loads the whole conference. The output is the one the full
// load gives, byte for byte.
func (a *app) streamSessionsJSON(qf *queryFlags) (done bool, err error) {
	// What a stream allocates is garbage at once: collecting it early
	// keeps the heap small (tuneGC favours a held schedule).
	st, err := a.storeForSnapshot(100)
	if st == nil || err != nil {
		return err != nil, err
	}
	out := &spillWriter{w: a.stdout, limit: spillLimit}
	err = st.Read(a.defaultSlug(), func(r *store.Reader) error {
		c, err := r.Conference()
		if err != nil {
			return err
		}
		if err := a.tolerate(r.Mine, r.MineErr); err != nil {
			return err
		}
		qc := c
		if len(qf.days) > 0 {
			if qc, err = withDates(r, c); err != nil {
				return err
			}
		}
		q, err := qf.query(qc)
		if err != nil {
			done = true
			return err
		}
		list := &jsonList{w: out}
		if inProgrammeOrder(q) {
			done = true
			keep := newSessionFilter(q, c, r.Mine)
			now := a.now()
			return pipeline(list, c, r.Mine, func(emit func(*data.Session) error) error {
				return r.Each(func(s *data.Session) error {
					if !keep(s) || !qf.keepAt(s, now) {
						return nil
					}
					return emit(s)
				})
			})
		}
		sn := r.Snapshot()
		if sn == nil || !sn.Covers(q) {
			return nil
		}
		done = true
		hits := qf.byTime(sn.Index().Run(q, r.Mine), a.now())
		var s data.Session
		for _, h := range hits {
			if err := r.At(sn.Position(h.Session), &s); err != nil {
				return err
			}
			if err := list.add(c, &s, r.Mine[s.ID]); err != nil {
				return err
			}
		}
		return list.close()
	})
	if err != nil || !done {
		return done || err != nil, err
	}
	return true, out.flush()
}

// pipeline writes the sessions read gives to list and closes it, on two
// cores: read decodes and filters the sessions and hands them over in
// batches; another goroutine turns them into JSON and writes it. Neither
// waits on the other more than a few batches. The first error of either
// side is returned, and stops the reading.
func pipeline(list *jsonList, c *data.Conference, mine map[string]data.Personal, read func(emit func(*data.Session) error) error) error {
	const batchLen, batches = 256, 4
	full := make(chan []data.Session, batches)
	free := make(chan []data.Session, batches)
	for range batches {
		free <- make([]data.Session, 0, batchLen)
	}
	var failed atomic.Bool
	written := make(chan error, 1)
	go func() {
		var err error
		// The sessions' text lies in the store's memory map: a fault
		// reading it (a damaged file) is an error here too, as the
		// store's own reads make it.
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() {
			if r := recover(); r != nil {
				failed.Store(true)
				written <- fmt.Errorf("reading the store: %v", r)
				for b := range full {
					free <- b[:0]
				}
			}
		}()
		for b := range full {
			for i := 0; i < len(b) && err == nil; i++ {
				if err = list.add(c, &b[i], mine[b[i].ID]); err != nil {
					failed.Store(true)
				}
			}
			clear(b) // drop the sessions' text
			free <- b[:0]
		}
		written <- err
	}()
	b := <-free
	err := read(func(s *data.Session) error {
		b = append(b, *s)
		if len(b) == batchLen {
			if failed.Load() {
				return errStopped
			}
			full <- b
			b = <-free
		}
		return nil
	})
	if err == nil && len(b) > 0 {
		full <- b
	}
	close(full)
	if werr := <-written; werr != nil {
		return werr
	}
	if err != nil {
		return err
	}
	return list.close()
}

// errStopped ends a read whose output failed (the output's error is the
// one reported).
var errStopped = errors.New("stopped")

// defaultSlug is the conference a command works on when the store says
// which: --conf, else the one a server serves, else "" (the current one).
func (a *app) defaultSlug() string {
	if a.confSlug != "" {
		return a.confSlug
	}
	return a.served
}

// withDates is c with a stand-in session on each day the conference's
// sessions fall on, which is all that resolving --day reads of them
// (Conference.Dates).
func withDates(r *store.Reader, c *data.Conference) (*data.Conference, error) {
	seen := map[string]bool{}
	var stand []data.Session
	err := r.Each(func(s *data.Session) error {
		if !seen[s.Date] {
			seen[s.Date] = true
			stand = append(stand, data.Session{Date: strings.Clone(s.Date)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	cc := *c
	cc.Sessions = stand
	return &cc, nil
}

// inProgrammeOrder reports whether q lists sessions in programme order
// with nothing but the filters newSessionFilter applies: no search text
// (relevance then keeps programme order too), no other order.
func inProgrammeOrder(q data.Query) bool {
	if strings.TrimSpace(q.Text) != "" || q.HidePast || q.Rated != data.RatedAny || len(q.HiddenRooms) > 0 || len(q.HiddenTracks) > 0 {
		return false
	}
	s := q.EffectiveSort()
	return s == data.SortTime || s == data.SortRelevance
}

// newSessionFilter returns what the search engine's filters keep of a
// query without text (search.Index.Run), one session at a time: the day
// as it is; room, track, type and level folded; a speaker value's folded
// words all in the folded name of one of the session's speakers; the
// person's star; the combined rating.
func newSessionFilter(q data.Query, c *data.Conference, mine map[string]data.Personal) func(*data.Session) bool {
	folded := func(vals []string) map[string]bool {
		if len(vals) == 0 {
			return nil
		}
		m := make(map[string]bool, len(vals))
		for _, v := range vals {
			m[text.Fold(strings.TrimSpace(v))] = true
		}
		return m
	}
	rooms, tracks, types, levels := folded(q.Rooms), folded(q.Tracks), folded(q.Types), folded(q.Levels)
	var speakers [][]string
	for _, v := range q.Speakers {
		if ws := strings.Fields(text.Fold(v)); len(ws) > 0 {
			speakers = append(speakers, ws)
		}
	}
	// Each distinct value is folded once.
	cache := map[string]string{}
	fold := func(v string) string {
		f, ok := cache[v]
		if !ok {
			f = text.Fold(v)
			cache[strings.Clone(v)] = f
		}
		return f
	}
	in := func(set map[string]bool, v string) bool { return set == nil || set[fold(v)] }
	spkFold := make([]string, len(c.Speakers))
	spkDone := make([]bool, len(c.Speakers))
	speakerMatches := func(s *data.Session) bool {
		for _, ws := range speakers {
			for _, id := range s.SpeakerIDs {
				k, ok := c.SpeakerIndex(id)
				if !ok {
					continue
				}
				if !spkDone[k] {
					spkFold[k], spkDone[k] = text.Fold(c.Speakers[k].Name), true
				}
				if containsAll(spkFold[k], ws) {
					return true
				}
			}
		}
		return false
	}
	return func(s *data.Session) bool {
		if len(q.Days) > 0 && !slices.Contains(q.Days, s.Date) ||
			!in(rooms, s.Room) || !in(tracks, s.Track) || !in(types, s.Type) || !in(levels, s.Level) ||
			len(speakers) > 0 && !speakerMatches(s) {
			return false
		}
		p := mine[s.ID]
		if q.Starred && !p.Starred {
			return false
		}
		if q.MinRating > 0 {
			avg, n := data.CombinedRating(s.Rating, s.Others, p.Rating)
			if n == 0 || avg < q.MinRating {
				return false
			}
		}
		return true
	}
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// jsonList writes the JSON array of `sessions --json` an element at a
// time, as writeJSON writes the whole array: indented by two spaces,
// without HTML escaping, with the characters a terminal would act on as \u
// escapes (text.EscapeJSON; see appendJSONString).
type jsonList struct {
	w   io.Writer
	buf []byte
	n   int
}

func (l *jsonList) add(c *data.Conference, s *data.Session, p data.Personal) error {
	l.buf = l.buf[:0]
	if l.n == 0 {
		l.buf = append(l.buf, "[\n  "...)
	} else {
		l.buf = append(l.buf, ",\n  "...)
	}
	l.n++
	var err error
	if l.buf, err = appendSessionJSON(l.buf, c, s, p); err != nil {
		return err
	}
	_, err = l.w.Write(l.buf)
	return err
}

func (l *jsonList) close() error {
	end := "\n]\n"
	if l.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(l.w, end)
	return err
}

// spillLimit is how much output a command keeps in memory while it reads
// the store: up to it, the output is written once the store is closed, so
// a slow reader of it (a pager) holds no lock on the file; beyond it
// (tens of thousands of sessions) it is written as it comes, so that
// memory stays bounded.
const spillLimit = 8 << 20

// spillWriter holds what is written up to limit bytes, then passes it on
// in pieces as more comes; flush writes the rest.
type spillWriter struct {
	w     io.Writer
	buf   []byte
	limit int
}

func (s *spillWriter) Write(p []byte) (int, error) {
	s.buf = append(s.buf, p...)
	if len(s.buf) >= s.limit {
		if err := s.flush(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// flush writes what is held, in pieces of 64 KiB (the output boundary's
// cleaning works on each write at once).
func (s *spillWriter) flush() error {
	for b := s.buf; len(b) > 0; {
		n := min(len(b), 64<<10)
		if _, err := s.w.Write(b[:n]); err != nil {
			return err
		}
		b = b[n:]
	}
	s.buf = s.buf[:0]
	return nil
}

// keepAt reports whether --upcoming and --running keep s at now (byTime
// for one session).
func (f *queryFlags) keepAt(s *data.Session, now time.Time) bool {
	return !(f.upcoming && !data.Upcoming(s, now)) && !(f.running && !data.Running(s, now))
}

// appendSessionJSON appends s as `sessions --json` writes an element of its
// array (toSessionJSON encoded by writeJSON: two spaces of indent, the
// element itself one level in), without reflection or an indenting pass:
// at a hundred thousand sessions those were most of the command's time.
// TestAppendSessionJSON holds it to encoding/json's bytes.
func appendSessionJSON(b []byte, c *data.Conference, s *data.Session, p data.Personal) ([]byte, error) {
	field := func(name string) {
		b = append(b, "\n    \""...)
		b = append(b, name...)
		b = append(b, "\": "...)
	}
	str := func(name, v string) {
		field(name)
		b = appendJSONString(b, v)
		b = append(b, ',')
	}
	b = append(b, '{')
	str("id", s.ID)
	str("title", s.Title)
	str("subtitle", s.Subtitle)
	for _, t := range []struct {
		name string
		at   time.Time
	}{{"start", s.Start}, {"end", s.End}} {
		field(t.name)
		if s.Scheduled() {
			b = append(b, '"')
			b = t.at.AppendFormat(b, time.RFC3339)
			b = append(b, "\","...)
		} else {
			b = append(b, "null,"...)
		}
	}
	str("date", s.Date)
	str("room", s.Room)
	str("track", s.Track)
	str("type", s.Type)
	str("level", s.Level)
	field("rating")
	if r := rating(s, p); r == nil {
		b = append(b, "null,"...)
	} else {
		b = append(b, "{\n      \"average\": "...)
		var err error
		if b, err = appendJSONFloat(b, r.Average); err != nil {
			return nil, err
		}
		b = append(b, ",\n      \"count\": "...)
		b = strconv.AppendInt(b, int64(r.Count), 10)
		b = append(b, ",\n      \"mine\": "...)
		b = strconv.AppendInt(b, int64(r.Mine), 10)
		b = append(b, "\n    },"...)
	}
	field("starred")
	b = strconv.AppendBool(b, p.Starred)
	b = append(b, ',')
	str("note", p.Note)
	field("speakers")
	n := 0
	for _, id := range s.SpeakerIDs {
		sp := c.Speaker(id)
		if sp == nil {
			continue
		}
		if n == 0 {
			b = append(b, '[')
		} else {
			b = append(b, ',')
		}
		n++
		b = append(b, "\n      {\n        \"name\": "...)
		b = appendJSONString(b, sp.Name)
		b = append(b, ",\n        \"company\": "...)
		b = appendJSONString(b, sp.Company)
		b = append(b, "\n      }"...)
	}
	if n == 0 {
		b = append(b, "[]"...)
	} else {
		b = append(b, "\n    ]"...)
	}
	b = append(b, "\n  }"...)
	return b, nil
}

// appendJSONString appends s as encoding/json writes a string without
// HTML escaping (quotes, backslashes and C0 controls escaped, U+2028 and
// U+2029 as \u escapes, invalid UTF-8 as \ufffd) and then text.EscapeJSON
// rewrites it (DEL, C1 controls, bidi controls and invisible format
// characters as \u escapes), in one pass.
func appendJSONString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != 0x7f {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029' || text.Unsafe(r):
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONFloat appends f as encoding/json writes a float64.
func appendJSONFloat(b []byte, f float64) ([]byte, error) {
	if abs := math.Abs(f); math.IsInf(f, 0) || math.IsNaN(f) || abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		// Outside what a rating average can be: encoding/json's own
		// spelling (or its error).
		v, err := json.Marshal(f)
		return append(b, v...), err
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64), nil
}
