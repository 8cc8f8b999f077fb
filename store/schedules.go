package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/changes"
	"github.com/lineup-tui/lineup/data/search"
	bolt "go.etcd.io/bbolt"
)

// ConferenceInfo summarises a stored conference.
type ConferenceInfo struct {
	Slug       string    `json:"slug"`
	Name       string    `json:"name"`
	Edition    string    `json:"edition,omitempty"`
	Start      string    `json:"start,omitempty"`
	End        string    `json:"end,omitempty"`
	Source     string    `json:"source,omitempty"`
	Sessions   int       `json:"sessions"`
	ImportedAt time.Time `json:"imported_at,omitzero"`
}

// Change says what PutConference did to a schedule.
type Change struct {
	New                                bool // the conference was not in the store
	Added, Removed, Changed, Unchanged int
	// Orphans are ids with personal data that the new schedule does not
	// have. Their personal data is kept.
	Orphans []string
	// Set is the change set recorded against the previous version: nil for a
	// new conference, empty when nothing differs.
	Set *changes.Set
}

// Conferences lists the stored conferences by first day, then slug.
func (s *Store) Conferences() ([]ConferenceInfo, error) {
	var out []ConferenceInfo
	err := s.view(func(tx *bolt.Tx) error {
		b := bucket(tx, bucketIndex, bucketConferences)
		if b == nil {
			return s.damaged("the conference index is missing")
		}
		return b.ForEach(func(k, v []byte) error {
			var ci ConferenceInfo
			if err := json.Unmarshal(v, &ci); err != nil {
				return s.damaged(fmt.Sprintf("the entry of %q in the conference index: %v", k, err))
			}
			out = append(out, ci)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].Slug < out[j].Slug
	})
	return out, nil
}

// Conference loads a conference with all its sessions and speakers, indexed.
func (s *Store) Conference(slug string) (*data.Conference, error) {
	var c *data.Conference
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		c, err = s.readConference(tx, slug)
		return err
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// readConference decodes a stored conference inside tx, indexed. Nothing it
// returns points into the file.
func (s *Store) readConference(tx *bolt.Tx, slug string) (*data.Conference, error) {
	var c data.Conference
	b := bucket(tx, bucketSchedules, []byte(slug))
	if b == nil {
		return nil, s.noConference(slug)
	}
	if err := json.Unmarshal(b.Get(keyConf), &c); err != nil {
		return nil, s.damaged(fmt.Sprintf("the fields of conference %q: %v", slug, err))
	}
	n := 0
	if ib := bucket(tx, bucketIndex, bucketConferences); ib != nil {
		var ci ConferenceInfo
		if json.Unmarshal(ib.Get([]byte(slug)), &ci) == nil {
			n = ci.Sessions
		}
	}
	if sb := b.Bucket(bucketSessions); sb != nil {
		// The values stay valid until the transaction ends: gather them,
		// then decode them on every core.
		keys, vals := make([][]byte, 0, n), make([][]byte, 0, n)
		if err := sb.ForEach(func(k, v []byte) error {
			keys, vals = append(keys, k), append(vals, v)
			return nil
		}); err != nil {
			return nil, err
		}
		c.Sessions = make([]data.Session, len(vals))
		if i, err := decodeAll(len(vals), func(i int) error { return decodeSession(vals[i], &c.Sessions[i]) }); err != nil {
			return nil, s.damaged(fmt.Sprintf("session %q of %q: %v", keys[i], slug, err))
		}
	}
	if sb := b.Bucket(bucketSpeakers); sb != nil {
		c.Speakers = make([]data.Speaker, 0, sb.Stats().KeyN)
		err := sb.ForEach(func(k, v []byte) error {
			c.Speakers = append(c.Speakers, data.Speaker{})
			if err := decodeSpeaker(v, &c.Speakers[len(c.Speakers)-1]); err != nil {
				return s.damaged(fmt.Sprintf("speaker %x of %q: %v", k, slug, err))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	c.Prepare()
	return &c, nil
}

// encodedConference is a conference turned into store values, built before
// the write transaction so the lock is held briefly.
type encodedConference struct {
	slug     []byte
	conf     []byte
	info     []byte
	sessions [][]byte       // in programme order
	index    map[string]int // the place of each session id
	speakers [][]byte
	search   []byte // the search snapshot (search.EncodeSnapshot)
	size     int    // bytes of all values
}

// encodeHead encodes the conference's own fields and its index entry.
func encodeHead(c *data.Conference) (conf, info []byte) {
	head := *c
	head.Sessions, head.Speakers = nil, nil
	conf, err := json.Marshal(&head)
	if err != nil {
		// Conference holds only strings, numbers and times.
		panic(fmt.Sprintf("store: encoding conference fields: %v", err))
	}
	info, _ = json.Marshal(ConferenceInfo{
		Slug: c.Slug, Name: c.Name, Edition: c.Edition, Start: c.Start, End: c.End,
		Source: c.Source, Sessions: len(c.Sessions), ImportedAt: c.ImportedAt,
	})
	return conf, info
}

// sessionIndex maps each session id of c to its place.
func sessionIndex(c *data.Conference) map[string]int {
	index := make(map[string]int, len(c.Sessions))
	for i := range c.Sessions {
		index[c.Sessions[i].ID] = i
	}
	return index
}

// encodeConference encodes an indexed conference.
func encodeConference(c *data.Conference) *encodedConference {
	conf, info := encodeHead(c)
	e := &encodedConference{
		slug:     []byte(c.Slug),
		conf:     conf,
		info:     info,
		sessions: make([][]byte, len(c.Sessions)),
		index:    sessionIndex(c),
	}
	buf := make([]byte, 0, sessionsSize(c))
	for i := range c.Sessions {
		start := len(buf)
		buf = encodeSession(buf, &c.Sessions[i])
		e.sessions[i] = buf[start:len(buf):len(buf)]
	}
	e.size = len(buf) + len(conf)
	for i := range c.Speakers {
		e.speakers = append(e.speakers, encodeSpeaker(nil, &c.Speakers[i]))
		e.size += len(e.speakers[i])
	}
	// Its only failure, encoding the conference's fields, panicked above.
	e.search, _ = search.EncodeSnapshot(c)
	e.size += len(e.search)
	return e
}

// The longest conference slug and session id the store keys by.
const (
	maxSlugBytes = 200
	maxIDBytes   = 1000
)

// validate refuses a conference the store cannot key.
func validate(c *data.Conference) error {
	if c == nil {
		return errors.New("no conference to store")
	}
	if c.Slug == "" {
		return errors.New("the conference has no slug")
	}
	if len(c.Slug) > maxSlugBytes {
		return fmt.Errorf("the conference slug is %d bytes long; at most %d", len(c.Slug), maxSlugBytes)
	}
	seen := make(map[string]bool, len(c.Sessions))
	for i := range c.Sessions {
		id := c.Sessions[i].ID
		switch {
		case id == "":
			return fmt.Errorf("session %d (%q) has no id", i+1, c.Sessions[i].Title)
		case len(id) > maxIDBytes:
			return fmt.Errorf("session %d has an id of %d bytes; at most %d", i+1, len(id), maxIDBytes)
		case seen[id]:
			return fmt.Errorf("session id %q appears twice", id)
		}
		seen[id] = true
	}
	return nil
}

// PutConference replaces the schedule of c.Slug in one transaction, leaving
// personal data alone. It indexes c and sets c.ImportedAt to now.
func (s *Store) PutConference(c *data.Conference) (Change, error) {
	return s.Replace(c, ReplaceOptions{})
}

// ImportConference is PutConference and SetCurrent in one transaction.
func (s *Store) ImportConference(c *data.Conference) (Change, error) {
	return s.Replace(c, ReplaceOptions{Current: true})
}

// ReplaceOptions say how Replace stores a schedule.
type ReplaceOptions struct {
	// Current makes the conference the one used last.
	Current bool
	// Source is the URL the schedule was fetched from, for refresh; nil for
	// a schedule read from a file, which then no longer refreshes.
	Source *Source
	// At is when the schedule was read (ImportedAt, the change set's time
	// and Source.FetchedAt/CheckedAt); zero means now by the store's clock.
	At time.Time
}

// Replace replaces the schedule of c.Slug, leaving personal data alone, and
// in the same transaction records the change set against the previous
// version (keeping the last MaxChangeSets) and the schedule's source. It
// indexes c and sets c.ImportedAt.
func (s *Store) Replace(c *data.Conference, o ReplaceOptions) (Change, error) {
	if err := validate(c); err != nil {
		return Change{}, err
	}
	at := o.At
	if at.IsZero() {
		at = s.now()
	}
	at = at.UTC().Truncate(time.Second)
	c.Prepare()
	c.ImportedAt = at
	var src []byte
	if o.Source != nil {
		rec := *o.Source
		rec.FetchedAt, rec.CheckedAt = at, at
		var err error
		if src, err = encodeSource(&rec); err != nil {
			return Change{}, err
		}
	}
	if s.held == nil && len(c.Sessions) >= stagedSessions {
		return s.replaceStaged(c, o, at, src)
	}
	enc := encodeConference(c)
	var ch Change
	err := s.updateGrow(enc.size, func(tx *bolt.Tx) error {
		prev, err := previous(s, tx, enc.slug)
		if err != nil {
			return err
		}
		if ch, err = writeConference(tx, enc); err != nil {
			return err
		}
		return s.recordReplace(tx, &ch, prev, c, at, src, o.Current)
	})
	if err != nil {
		return Change{}, err
	}
	return ch, nil
}

// previous decodes the stored version of a conference, for the change
// set; nil when there is none.
func previous(s *Store, tx *bolt.Tx, slug []byte) (*data.Conference, error) {
	if bucket(tx, bucketSchedules, slug, bucketSessions) == nil {
		return nil, nil
	}
	return s.readConference(tx, string(slug))
}

// recordReplace is the end of a Replace once the new schedule is written:
// the change set against prev (when there was one), the source, the time
// first stored and, when current, the current conference.
func (s *Store) recordReplace(tx *bolt.Tx, ch *Change, prev, c *data.Conference, at time.Time, src []byte, current bool) error {
	slug := []byte(c.Slug)
	if prev != nil {
		ch.Set = changes.Compute(prev, c, at)
		if err := putChangeSet(tx, slug, ch.Set); err != nil {
			return err
		}
	}
	if err := putSource(tx, slug, src); err != nil {
		return err
	}
	if err := putFirst(tx, slug, at); err != nil {
		return err
	}
	if current {
		return tx.Bucket(bucketMeta).Put(keyCurrent, slug)
	}
	return nil
}

// writeConference replaces a schedule inside tx and says what changed.
func writeConference(tx *bolt.Tx, e *encodedConference) (Change, error) {
	cb, err := makeBucket(tx, bucketSchedules, e.slug)
	if err != nil {
		return Change{}, err
	}
	ch, err := compareSessions(tx, cb, e.slug, e.index, len(e.sessions), func(i int, v []byte) bool {
		return bytes.Equal(e.sessions[i], v)
	})
	if err != nil {
		return ch, err
	}
	if err := replaceSeq(cb, bucketSessions, e.sessions); err != nil {
		return ch, fmt.Errorf("storing the sessions: %w", err)
	}
	if err := replaceSeq(cb, bucketSpeakers, e.speakers); err != nil {
		return ch, fmt.Errorf("storing the speakers: %w", err)
	}
	if err := cb.Put(keyConf, e.conf); err != nil {
		return ch, err
	}
	if err := putSnapshot(cb, e.search); err != nil {
		return ch, fmt.Errorf("storing the search snapshot: %w", err)
	}
	ib, err := makeBucket(tx, bucketIndex, bucketConferences)
	if err != nil {
		return ch, err
	}
	return ch, ib.Put(e.slug, e.info)
}

// compareSessions says what storing n sessions, whose ids are at their
// places in index, changes in the conference bucket cb: same(i, v) tells
// whether the i-th new session is stored as v. It also lists the orphans.
// It runs before anything is written: values read from the file are not
// valid after a write grows it.
func compareSessions(tx *bolt.Tx, cb *bolt.Bucket, slug []byte, index map[string]int, n int, same func(i int, v []byte) bool) (Change, error) {
	var ch Change
	if sb := cb.Bucket(bucketSessions); sb == nil {
		ch.New = true
		ch.Added = n
	} else {
		seen := 0
		err := sb.ForEach(func(k, v []byte) error {
			id, err := sessionID(v)
			if err != nil {
				return fmt.Errorf("stored session %x of %q: %w", k, slug, err)
			}
			switch i, ok := index[id]; {
			case !ok:
				ch.Removed++
			case same(i, v):
				ch.Unchanged++
				seen++
			default:
				ch.Changed++
				seen++
			}
			return nil
		})
		if err != nil {
			return ch, err
		}
		ch.Added = n - seen
	}
	orphans, err := personalIDs(tx, slug)
	if err != nil {
		return ch, err
	}
	for _, id := range orphans {
		if _, ok := index[id]; !ok {
			ch.Orphans = append(ch.Orphans, id)
		}
	}
	return ch, nil
}

// replaceSeq replaces the bucket name in cb with one that holds vals under
// seqKey(0), seqKey(1), ….
func replaceSeq(cb *bolt.Bucket, name []byte, vals [][]byte) error {
	if cb.Bucket(name) != nil {
		if err := cb.DeleteBucket(name); err != nil {
			return err
		}
	}
	b, err := cb.CreateBucket(name)
	if err != nil {
		return err
	}
	b.FillPercent = 1 // keys only ever grow
	for i, v := range vals {
		if err := b.Put(seqKey(i), v); err != nil {
			return err
		}
	}
	return nil
}

// RemoveConference deletes a conference's schedule. Its personal data is kept
// (and comes back with a re-import) unless purge is set.
func (s *Store) RemoveConference(slug string, purge bool) error {
	return s.update(func(tx *bolt.Tx) error {
		found, err := dropBucket(tx, bucketSchedules, []byte(slug))
		if err != nil {
			return err
		}
		if ib := bucket(tx, bucketIndex, bucketConferences); ib != nil {
			if err := ib.Delete([]byte(slug)); err != nil {
				return err
			}
		}
		if purge {
			dropped, err := purgePersonal(tx, []byte(slug))
			if err != nil {
				return err
			}
			found = found || dropped
		}
		if !found {
			return s.noConference(slug)
		}
		meta := tx.Bucket(bucketMeta)
		if string(meta.Get(keyCurrent)) == slug {
			return meta.Delete(keyCurrent)
		}
		return nil
	})
}

// Current returns the conference used last; when that is gone, the built-in
// one, else the first stored one.
func (s *Store) Current() (string, error) {
	var slug string
	err := s.view(func(tx *bolt.Tx) (err error) {
		slug, err = s.currentIn(tx)
		return err
	})
	return slug, err
}

// currentIn is Current inside tx.
func (s *Store) currentIn(tx *bolt.Tx) (string, error) {
	sch := tx.Bucket(bucketSchedules)
	if sch == nil {
		return "", s.damaged("the schedules bucket is missing")
	}
	if cur := tx.Bucket(bucketMeta).Get(keyCurrent); len(cur) > 0 && sch.Bucket(cur) != nil {
		return string(cur), nil
	}
	if sch.Bucket([]byte(data.BuiltinSlug)) != nil {
		return data.BuiltinSlug, nil
	}
	if k, _ := sch.Cursor().First(); k != nil {
		return string(k), nil
	}
	return "", s.noConferences()
}

// schedule is the bucket of the conference slug in tx, and slug itself,
// resolved to the current conference when empty.
func (s *Store) schedule(tx *bolt.Tx, slug string) (string, *bolt.Bucket, error) {
	if slug == "" {
		var err error
		if slug, err = s.currentIn(tx); err != nil {
			return "", nil, err
		}
	}
	b := bucket(tx, bucketSchedules, []byte(slug))
	if b == nil {
		return "", nil, s.noConference(slug)
	}
	return slug, b, nil
}

// SetCurrent records slug as the conference used last.
func (s *Store) SetCurrent(slug string) error {
	// Most calls (every start of the TUI) name the current one already: a
	// read says so without the write lock, a commit and its disk syncs.
	same := false
	if err := s.view(func(tx *bolt.Tx) error {
		if bucket(tx, bucketSchedules, []byte(slug)) == nil {
			return s.noConference(slug)
		}
		same = bytes.Equal(tx.Bucket(bucketMeta).Get(keyCurrent), []byte(slug))
		return nil
	}); err != nil || same {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		if bucket(tx, bucketSchedules, []byte(slug)) == nil {
			return s.noConference(slug)
		}
		meta := tx.Bucket(bucketMeta)
		if bytes.Equal(meta.Get(keyCurrent), []byte(slug)) {
			return nil
		}
		return meta.Put(keyCurrent, []byte(slug))
	})
}

// decodeAll runs decode(0) … decode(n-1) on every core and returns the first
// failing index and its error.
func decodeAll(n int, decode func(i int) error) (int, error) {
	workers := min(runtime.GOMAXPROCS(0), n/256+1)
	errs := make([]error, workers)
	at := make([]int, workers)
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / max(workers, 1)
	for w := range workers {
		lo, hi := w*chunk, min(n, (w+1)*chunk)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				if err := decode(i); err != nil {
					errs[w], at[w] = err, i
					return
				}
			}
		}()
	}
	wg.Wait()
	for w, err := range errs {
		if err != nil {
			return at[w], err
		}
	}
	return 0, nil
}
