package store

import (
	"encoding/json"
	"fmt"
	"github.com/lineup-tui/lineup/data/bigmem"
	"strings"
	"time"
	"unsafe"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/search"
	bolt "go.etcd.io/bbolt"
)

// A Reader reads one conference inside a read transaction (Store.Read), a
// session at a time, so that a command can write each one out as it is
// decoded instead of holding them all. Nothing it returns points into the
// file, except the Snapshot and what is taken from it; all of it is valid
// only until the function given to Read returns.
type Reader struct {
	s    *Store
	slug string
	b    *bolt.Bucket // schedules/<slug>

	// Mine is what the person recorded for the conference, by session id.
	// MineErr matches ErrDamaged when some records could not be read:
	// Mine then holds the readable ones (as Personal returns them).
	Mine    map[string]data.Personal
	MineErr error
	// Others is every other identity's ratings, by session id (nil when
	// the person's own records are damaged and cannot be told apart, as
	// the CLI's full load treats it); Each and At fill it into the
	// sessions.
	Others map[string]data.Tally

	conf      *data.Conference
	snap      *search.Snapshot
	snapDone  bool
	othersSet bool
}

// Read runs fn with a Reader of the conference slug ("" is the current
// one, Current) in one read transaction. The file stays locked for reading
// while fn runs: a writer waits for it (up to its lock timeout), so fn
// should not wait long on anything outside the process.
func (s *Store) Read(slug string, fn func(r *Reader) error) error {
	return s.view(func(tx *bolt.Tx) error {
		slug, b, err := s.schedule(tx, slug)
		if err != nil {
			return err
		}
		r := &Reader{s: s, slug: slug, b: b}
		var bad []string
		r.Mine, bad = readPersonal(s.personalBucket(tx, slug), slug)
		if len(bad) > 0 {
			r.MineErr = s.damaged(summary(bad))
		} else {
			// An unreadable tally leaves Others nil, as the full load
			// shows only the published figures then.
			r.Others, _ = s.othersIn(tx, slug, r.Mine)
		}
		return fn(r)
	})
}

// Slug is the conference the Reader reads.
func (r *Reader) Slug() string { return r.slug }

// Conference returns the conference's fields and its speakers, prepared,
// without sessions. Of each speaker only the ID, Name and Company are read
// (what session lists show); bios, job titles and URLs are left out.
func (r *Reader) Conference() (*data.Conference, error) {
	if r.conf != nil {
		return r.conf, nil
	}
	var c data.Conference
	if err := json.Unmarshal(r.b.Get(keyConf), &c); err != nil {
		return nil, r.s.damaged(fmt.Sprintf("the fields of conference %q: %v", r.slug, err))
	}
	if sb := r.b.Bucket(bucketSpeakers); sb != nil {
		c.Speakers = make([]data.Speaker, 0, sb.Stats().KeyN)
		err := sb.ForEach(func(k, v []byte) error {
			var sp data.Speaker
			if err := decodeSpeaker(v, &sp); err != nil {
				return r.s.damaged(fmt.Sprintf("speaker %x of %q: %v", k, r.slug, err))
			}
			// Copies of the three fields, so the rest of the value
			// (a bio can be long) is not kept alive by them.
			c.Speakers = append(c.Speakers, data.Speaker{
				ID: strings.Clone(sp.ID), Name: strings.Clone(sp.Name), Company: strings.Clone(sp.Company),
			})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	c.Prepare()
	r.conf = &c
	return r.conf, nil
}

// Snapshot returns the conference's search snapshot (see Store.Search),
// with the other identities' ratings filled into its sessions; nil when
// there is none this lineup can read.
func (r *Reader) Snapshot() *search.Snapshot {
	if !r.snapDone {
		r.snapDone = true
		r.snap = snapshotIn(r.b)
		if r.snap != nil && len(r.Others) > 0 {
			data.SetOthers(r.snap.Conference(), r.Others)
		}
	}
	return r.snap
}

// Each calls fn with every session in programme order (the store's key
// order, which Conference.Prepare would give), decoding one at a time into
// the same Session. Unlike every other read of the store, the session's
// text is not copied out of the file's memory map: it is valid only until
// the function given to Read returns, and what is kept longer must be
// copied (strings.Clone). It stops at fn's first error and returns it.
func (r *Reader) Each(fn func(s *data.Session) error) error {
	c, err := r.Conference()
	if err != nil {
		return err
	}
	sb := r.b.Bucket(bucketSessions)
	if sb == nil {
		return nil
	}
	loc := c.Location()
	var s data.Session
	var win, last span
	n := 0
	cur := sb.Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		if err := r.decode(k, v, loc, &s); err != nil {
			return err
		}
		win.add(v)
		if err := fn(&s); err != nil {
			return err
		}
		// The pages of the sessions read two windows ago are long
		// written out: this process lets go of them, so what it holds of
		// the file stays a few megabytes however big the schedule.
		if n++; n%releaseEvery == 0 {
			last.release()
			last, win = win, span{}
		}
	}
	return nil
}

// releaseEvery is how many sessions Each reads before it lets go of the
// pages of the ones before.
const releaseEvery = 2048

// span is the stretch of the file's memory map some values lie in.
type span struct{ lo, hi uintptr }

func (w *span) add(v []byte) {
	if len(v) == 0 {
		return
	}
	p := uintptr(unsafe.Pointer(unsafe.SliceData(v)))
	if w.hi == 0 || p < w.lo {
		w.lo = p
	}
	w.hi = max(w.hi, p+uintptr(len(v)))
}

// release gives the whole pages of the span back (bigmem.Drop): the file
// stays as it is, and a page read again is mapped again from the page
// cache, so a value still in use only costs a page fault.
func (w span) release() {
	const page = 4096
	lo, hi := (w.lo+page-1)&^(page-1), w.hi&^(page-1)
	if w.hi != 0 && hi > lo {
		bigmem.Drop(lo, hi-lo)
	}
}

// At decodes the session at place i of the programme order (a place the
// snapshot gives: Snapshot.Position) into s, whose text, as Each's, lies in
// the file's memory map.
func (r *Reader) At(i int, s *data.Session) error {
	c, err := r.Conference()
	if err != nil {
		return err
	}
	k := seqKey(i)
	var v []byte
	if sb := r.b.Bucket(bucketSessions); sb != nil {
		v = sb.Get(k)
	}
	if v == nil {
		return r.s.damaged(fmt.Sprintf("session %d of %q is missing", i, r.slug))
	}
	return r.decode(k, v, c.Location(), s)
}

// decode decodes one stored session as a load prepares it: times in the
// conference's zone, the day filled in, the other identities' ratings.
func (r *Reader) decode(k, v []byte, loc *time.Location, s *data.Session) error {
	// In place: copying each value (a kilobyte or more, mostly an
	// abstract a list does not show) was a fifth of `sessions --json`.
	if err := decodeSessionString(unsafe.String(unsafe.SliceData(v), len(v)), s); err != nil {
		return r.s.damaged(fmt.Sprintf("session %q of %q: %v", k, r.slug, err))
	}
	if s.Scheduled() {
		s.Start, s.End = s.Start.In(loc), s.End.In(loc)
		if s.Date == "" {
			s.Date = s.Start.Format(data.DateLayout)
		}
	}
	s.Others = r.Others[s.ID]
	return nil
}
