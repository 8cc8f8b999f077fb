// Package store keeps lineup's conferences, and what the person adds to them,
// in one bbolt file.
//
// The bucket tree:
//
//	meta/
//	    magic          → "lineup" (marks the file as a lineup store)
//	    version        → schema version, uint64 big-endian
//	    current        → slug of the conference used last
//	schedules/                        replaced wholesale by an import
//	    <slug>/
//	        conf       → conference fields as JSON (no sessions, no speakers)
//	        sessions/
//	            <seq>  → one session in the binary codec (codec.go); the
//	                     key is its place in programme order, uint32
//	                     big-endian, so a load needs no sorting
//	        speakers/
//	            <seq>  → one speaker in the binary codec, in schedule order
//	personal/                         never touched by an import
//	    <slug>/
//	        sessions/
//	            <id>   → data.Personal as JSON (rating, starred, note)
//	        view       → the TUI's view state, JSON the store does not read
//	index/                            (schema 2)
//	    conferences/
//	        <slug>     → ConferenceInfo as JSON, so listing needs no decoding
//
// Schedules and personal data live in separate trees, so an import can
// replace a schedule without touching a rating or a note. Personal data is
// keyed by conference slug and session id; a session that disappears from a
// schedule keeps its personal record (an orphan) until it is removed.
//
// The store does not keep the file open. Open checks the file (read-only
// first, so a file that is not a lineup store or is damaged is never
// written), runs pending migrations in one read-write transaction, seeds the
// built-in conference on first run, and closes it again. Every method then
// opens the file for one short transaction: read-only with a shared lock for
// reads, read-write with an exclusive lock for writes. A second process can
// thus use the store while the TUI is open; one that finds the file locked
// waits about a second and fails with ErrLocked instead of hanging.
package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Bucket and key names.
var (
	bucketMeta        = []byte("meta")
	bucketSchedules   = []byte("schedules")
	bucketPersonal    = []byte("personal")
	bucketIndex       = []byte("index")
	bucketSessions    = []byte("sessions")
	bucketSpeakers    = []byte("speakers")
	bucketConferences = []byte("conferences")

	keyMagic   = []byte("magic")
	keyVersion = []byte("version")
	keyCurrent = []byte("current")
	keyConf    = []byte("conf")
	keyView    = []byte("view")

	magic = []byte("lineup")
)

// lockTimeout is how long a method waits for another process's lock.
const lockTimeout = time.Second

// Errors, matched with errors.Is. The error values returned carry the path
// and what to do in their message.
var (
	ErrLocked       = errors.New("store is locked by another lineup process")
	ErrNotStore     = errors.New("not a lineup store")
	ErrDamaged      = errors.New("store is damaged")
	ErrNewerSchema  = errors.New("store was written by a newer lineup")
	ErrNoConference = errors.New("no such conference")
)

// Error is a store failure with a message meant for the person.
type Error struct {
	Kind error // one of the Err… values
	Msg  string
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Kind }

// Store is a lineup store file. It holds no open handle between calls.
type Store struct {
	path string
}

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
}

// DefaultPath is $LINEUP_DB, else $XDG_DATA_HOME/lineup/lineup.db, else
// ~/.local/share/lineup/lineup.db.
func DefaultPath() (string, error) {
	if p := os.Getenv("LINEUP_DB"); p != "" {
		return p, nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "lineup", "lineup.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find the store: %w; set LINEUP_DB", err)
	}
	return filepath.Join(home, ".local", "share", "lineup", "lineup.db"), nil
}

// Open checks the store at path (DefaultPath when empty), creating it with
// the built-in conference when missing and migrating it when older, then
// releases the file.
func Open(path string) (*Store, error) {
	if path == "" {
		p, err := DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	s := &Store{path: path}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the folder for %s: %w", path, err)
	}
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return nil, &Error{ErrNotStore, fmt.Sprintf("%s is a folder, not a lineup store; pass a file path", path)}
	case err == nil && fi.Size() > 0:
		ver, err := s.check()
		if err != nil {
			return nil, err
		}
		if ver < SchemaVersion {
			if err := s.migrate(); err != nil {
				return nil, err
			}
		}
	case err == nil || errors.Is(err, fs.ErrNotExist):
		if err := s.create(); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	return s, nil
}

// Path is the store file.
func (s *Store) Path() string { return s.path }

// Close does nothing: the file is opened per call. It exists so a Store can
// be used like other resources.
func (s *Store) Close() error { return nil }

func (s *Store) locked() error {
	return &Error{ErrLocked, fmt.Sprintf("%s is locked by another lineup process; close it or try again", s.path)}
}

func (s *Store) notStore(why string) error {
	return &Error{ErrNotStore, fmt.Sprintf("%s is not a lineup store (%s); it was left untouched: pass another file with --db or LINEUP_DB", s.path, why)}
}

func (s *Store) damaged(why string) error {
	return &Error{ErrDamaged, fmt.Sprintf("%s is damaged (%s); it was left untouched: move it aside and lineup starts a new store", s.path, why)}
}

func (s *Store) newer(v uint64) error {
	return &Error{ErrNewerSchema, fmt.Sprintf("%s was written by a newer lineup (store schema %d, this lineup knows up to %d); update lineup to use it", s.path, v, SchemaVersion)}
}

func (s *Store) noConference(slug string) error {
	return &Error{ErrNoConference, fmt.Sprintf("no conference %q in %s (see `lineup conferences`)", slug, s.path)}
}

// boltMagic is the magic number of a bbolt meta page.
const boltMagic = 0xED0CDAED

// looksLikeBolt reports whether the file has a bbolt meta page, so a bbolt
// error means damage rather than a different kind of file. The magic sits
// right after the 16-byte page header of page 0 (or of page 1 at 4 KiB).
func (s *Store) looksLikeBolt() bool {
	f, err := os.Open(s.path)
	if err != nil {
		return false
	}
	defer f.Close()
	var buf [20]byte
	for _, off := range []int64{0, 4096, 8192, 16384, 65536} {
		if _, err := f.ReadAt(buf[:], off); err != nil {
			continue
		}
		m := binary.LittleEndian.Uint32(buf[16:])
		if m == boltMagic || binary.BigEndian.Uint32(buf[16:]) == boltMagic {
			return true
		}
	}
	return false
}

// openDB opens the file for one transaction. It never creates the file.
// grow is how many bytes the transaction may add: mapping that much room
// up front spares bbolt remapping the file (and copying every node it holds)
// each time a large write outgrows the map.
func (s *Store) openDB(write bool, grow int) (db *bolt.DB, err error) {
	opts := &bolt.Options{
		ReadOnly:        !write,
		Timeout:         lockTimeout,
		InitialMmapSize: initialMmap(s.fileSize(), grow),
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			return os.OpenFile(name, flag&^os.O_CREATE, perm)
		},
	}
	err = s.guard(func() error {
		var err error
		db, err = bolt.Open(s.path, 0o600, opts)
		return err
	})
	if err != nil {
		return nil, s.openError(err)
	}
	return db, nil
}

// initialMmap is the map size for a write of grow bytes into a file of
// size bytes: 0 (bbolt's default) for small writes.
func initialMmap(size int64, grow int) int {
	if grow < 1<<20 {
		return 0
	}
	return int(max(size, 0)) + 3*grow
}

func (s *Store) openError(err error) error {
	var se *Error
	switch {
	case errors.As(err, &se):
		return err
	case errors.Is(err, berrors.ErrTimeout):
		return s.locked()
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s has disappeared; start lineup again to create a new store", s.path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("cannot open %s: permission denied", s.path)
	}
	if s.looksLikeBolt() {
		return s.damaged(err.Error())
	}
	return s.notStore("not a bbolt database")
}

// guard turns a panic or memory fault while reading the file (which bbolt
// raises on some kinds of damage) into ErrDamaged.
func (s *Store) guard(fn func() error) (err error) {
	old := debug.SetPanicOnFault(true)
	defer func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			err = s.damaged(fmt.Sprint(r))
		}
	}()
	return fn()
}

// fileSize returns the size of the store file.
func (s *Store) fileSize() int64 {
	fi, err := os.Stat(s.path)
	if err != nil {
		return -1
	}
	return fi.Size()
}

// readVersion checks the lineup marker and returns the schema version.
func (s *Store) readVersion(tx *bolt.Tx) (uint64, error) {
	if size := s.fileSize(); size >= 0 && tx.Size() > size {
		return 0, s.damaged(fmt.Sprintf("the file is %d bytes but its pages reach %d: it was cut short", size, tx.Size()))
	}
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return 0, s.notStore("a bbolt database without lineup's meta bucket")
	}
	if m := meta.Get(keyMagic); !bytes.Equal(m, magic) {
		return 0, s.notStore("a bbolt database without lineup's marker")
	}
	v := meta.Get(keyVersion)
	if len(v) != 8 {
		return 0, s.damaged("the schema version is unreadable")
	}
	return binary.BigEndian.Uint64(v), nil
}

// checkCurrent fails unless the file is a lineup store at this binary's schema.
func (s *Store) checkCurrent(tx *bolt.Tx) error {
	v, err := s.readVersion(tx)
	switch {
	case err != nil:
		return err
	case v > SchemaVersion:
		return s.newer(v)
	case v < SchemaVersion:
		return fmt.Errorf("%s is at schema %d, older than this lineup's %d; start lineup again to update it", s.path, v, SchemaVersion)
	}
	return nil
}

// check opens the file read-only and returns its schema version.
func (s *Store) check() (uint64, error) {
	db, err := s.openDB(false, 0)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var ver uint64
	err = s.guard(func() error {
		return db.View(func(tx *bolt.Tx) error {
			v, err := s.readVersion(tx)
			if err != nil {
				return err
			}
			if v > SchemaVersion {
				return s.newer(v)
			}
			ver = v
			return nil
		})
	})
	return ver, err
}

// upgrade runs the migrations a file at an older schema version needs, and
// refuses a file from a newer lineup.
func (s *Store) upgrade(tx *bolt.Tx) error {
	v, err := s.readVersion(tx)
	if err != nil {
		return err
	}
	if v > SchemaVersion {
		return s.newer(v)
	}
	return runMigrations(tx, v)
}

// migrate runs the pending migrations in one read-write transaction.
func (s *Store) migrate() error {
	db, err := s.openDB(true, 0)
	if err != nil {
		return err
	}
	defer db.Close()
	return s.guard(func() error {
		return db.Update(s.upgrade)
	})
}

// create makes a new store with the built-in conference as current.
func (s *Store) create() error {
	f, err := os.OpenFile(s.path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("cannot create %s: %w", s.path, err)
	}
	f.Close()
	db, err := s.openDB(true, 0)
	if err != nil {
		return err
	}
	defer db.Close()
	return s.guard(func() error {
		return db.Update(func(tx *bolt.Tx) error {
			if tx.Bucket(bucketMeta) != nil {
				// Another process created it in the meantime.
				return s.upgrade(tx)
			}
			if err := tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
				return s.notStore(fmt.Sprintf("a bbolt database with a bucket %q", name))
			}); err != nil {
				return err
			}
			if err := runMigrations(tx, 0); err != nil {
				return err
			}
			c := builtin.Conference()
			c.Source = "built-in"
			c.ImportedAt = time.Now().UTC().Truncate(time.Second)
			if _, err := putConference(tx, c, encodeConference(c)); err != nil {
				return err
			}
			return tx.Bucket(bucketMeta).Put(keyCurrent, []byte(c.Slug))
		})
	})
}

// view runs fn in a read-only transaction on a freshly opened file.
func (s *Store) view(fn func(tx *bolt.Tx) error) error { return s.transact(false, 0, fn) }

// update runs fn in a read-write transaction on a freshly opened file.
func (s *Store) update(fn func(tx *bolt.Tx) error) error { return s.transact(true, 0, fn) }

// updateGrow is update for a transaction that may add about grow bytes.
func (s *Store) updateGrow(grow int, fn func(tx *bolt.Tx) error) error {
	return s.transact(true, grow, fn)
}

// transact opens the file (shared lock to read, exclusive to write), runs fn
// in one transaction after checking the schema, and closes the file again.
func (s *Store) transact(write bool, grow int, fn func(tx *bolt.Tx) error) error {
	db, err := s.openDB(write, grow)
	if err != nil {
		return err
	}
	defer db.Close()
	run := db.View
	if write {
		run = db.Update
	}
	return s.guard(func() error {
		return run(func(tx *bolt.Tx) error {
			if err := s.checkCurrent(tx); err != nil {
				return err
			}
			return fn(tx)
		})
	})
}

// bucket walks a path of nested buckets, returning nil when one is missing.
func bucket(tx *bolt.Tx, path ...[]byte) *bolt.Bucket {
	b := tx.Bucket(path[0])
	for _, name := range path[1:] {
		if b == nil {
			return nil
		}
		b = b.Bucket(name)
	}
	return b
}

// makeBucket walks a path of nested buckets, creating the missing ones.
func makeBucket(tx *bolt.Tx, path ...[]byte) (*bolt.Bucket, error) {
	b, err := tx.CreateBucketIfNotExists(path[0])
	for _, name := range path[1:] {
		if err != nil {
			return nil, err
		}
		b, err = b.CreateBucketIfNotExists(name)
	}
	return b, err
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
	var c data.Conference
	err := s.view(func(tx *bolt.Tx) error {
		b := bucket(tx, bucketSchedules, []byte(slug))
		if b == nil {
			return s.noConference(slug)
		}
		if err := json.Unmarshal(b.Get(keyConf), &c); err != nil {
			return s.damaged(fmt.Sprintf("the fields of conference %q: %v", slug, err))
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
				return err
			}
			c.Sessions = make([]data.Session, len(vals))
			if i, err := decodeAll(len(vals), func(i int) error { return decodeSession(vals[i], &c.Sessions[i]) }); err != nil {
				return s.damaged(fmt.Sprintf("session %q of %q: %v", keys[i], slug, err))
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
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
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
	ids      []string // in programme order
	sessions map[string][]byte
	speakers [][]byte
	size     int // bytes of all values
}

// encodeConference encodes an indexed conference.
func encodeConference(c *data.Conference) *encodedConference {
	head := *c
	head.Sessions, head.Speakers = nil, nil
	conf, err := json.Marshal(&head)
	if err != nil {
		// Conference holds only strings, numbers and times.
		panic(fmt.Sprintf("store: encoding conference fields: %v", err))
	}
	info, _ := json.Marshal(ConferenceInfo{
		Slug: c.Slug, Name: c.Name, Edition: c.Edition, Start: c.Start, End: c.End,
		Source: c.Source, Sessions: len(c.Sessions), ImportedAt: c.ImportedAt,
	})
	e := &encodedConference{
		slug:     []byte(c.Slug),
		conf:     conf,
		info:     info,
		ids:      make([]string, len(c.Sessions)),
		sessions: make(map[string][]byte, len(c.Sessions)),
	}
	var buf []byte
	for i := range c.Sessions {
		start := len(buf)
		buf = encodeSession(buf, &c.Sessions[i])
		e.ids[i] = c.Sessions[i].ID
		e.sessions[e.ids[i]] = buf[start:len(buf):len(buf)]
	}
	e.size = len(buf) + len(conf)
	for i := range c.Speakers {
		e.speakers = append(e.speakers, encodeSpeaker(nil, &c.Speakers[i]))
		e.size += len(e.speakers[i])
	}
	return e
}

// seqKey is the key of the i-th item of an ordered bucket.
func seqKey(i int) []byte { return binary.BigEndian.AppendUint32(nil, uint32(i)) }

// validate refuses a conference the store cannot key.
func validate(c *data.Conference) error {
	if c == nil {
		return errors.New("no conference to store")
	}
	if c.Slug == "" {
		return errors.New("the conference has no slug")
	}
	if len(c.Slug) > 200 {
		return fmt.Errorf("the conference slug is %d bytes long; at most 200", len(c.Slug))
	}
	seen := make(map[string]bool, len(c.Sessions))
	for i := range c.Sessions {
		id := c.Sessions[i].ID
		switch {
		case id == "":
			return fmt.Errorf("session %d (%q) has no id", i+1, c.Sessions[i].Title)
		case len(id) > 1000:
			return fmt.Errorf("session %d has an id of %d bytes; at most 1000", i+1, len(id))
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
	return s.putConference(c, false)
}

// ImportConference is PutConference and SetCurrent in one transaction.
func (s *Store) ImportConference(c *data.Conference) (Change, error) {
	return s.putConference(c, true)
}

func (s *Store) putConference(c *data.Conference, current bool) (Change, error) {
	if err := validate(c); err != nil {
		return Change{}, err
	}
	c.Prepare()
	c.ImportedAt = time.Now().UTC().Truncate(time.Second)
	enc := encodeConference(c)
	var ch Change
	err := s.updateGrow(enc.size, func(tx *bolt.Tx) error {
		var err error
		if ch, err = putConference(tx, c, enc); err != nil {
			return err
		}
		if current {
			return tx.Bucket(bucketMeta).Put(keyCurrent, enc.slug)
		}
		return nil
	})
	if err != nil {
		return Change{}, err
	}
	return ch, nil
}

func putConference(tx *bolt.Tx, c *data.Conference, e *encodedConference) (Change, error) {
	var ch Change
	cb, err := makeBucket(tx, bucketSchedules, e.slug)
	if err != nil {
		return ch, err
	}
	// Compare with the stored sessions before writing anything: values
	// read from the file are not valid after a write grows it.
	if sb := cb.Bucket(bucketSessions); sb == nil {
		ch.New = true
		ch.Added = len(e.ids)
	} else {
		seen := 0
		err := sb.ForEach(func(k, v []byte) error {
			id, err := sessionID(v)
			if err != nil {
				return fmt.Errorf("stored session %x of %q: %w", k, e.slug, err)
			}
			switch nv, ok := e.sessions[id]; {
			case !ok:
				ch.Removed++
			case bytes.Equal(nv, v):
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
		ch.Added = len(e.ids) - seen
		if err := cb.DeleteBucket(bucketSessions); err != nil {
			return ch, err
		}
	}
	if pb := bucket(tx, bucketPersonal, e.slug, bucketSessions); pb != nil {
		err := pb.ForEach(func(k, _ []byte) error {
			if _, ok := e.sessions[string(k)]; !ok {
				ch.Orphans = append(ch.Orphans, string(k))
			}
			return nil
		})
		if err != nil {
			return ch, err
		}
	}
	sb, err := cb.CreateBucket(bucketSessions)
	if err != nil {
		return ch, err
	}
	sb.FillPercent = 1 // keys only ever grow
	for i, id := range e.ids {
		if err := sb.Put(seqKey(i), e.sessions[id]); err != nil {
			return ch, fmt.Errorf("storing session %q: %w", id, err)
		}
	}
	if cb.Bucket(bucketSpeakers) != nil {
		if err := cb.DeleteBucket(bucketSpeakers); err != nil {
			return ch, err
		}
	}
	spb, err := cb.CreateBucket(bucketSpeakers)
	if err != nil {
		return ch, err
	}
	spb.FillPercent = 1
	for i, v := range e.speakers {
		if err := spb.Put(seqKey(i), v); err != nil {
			return ch, err
		}
	}
	if err := cb.Put(keyConf, e.conf); err != nil {
		return ch, err
	}
	ib, err := makeBucket(tx, bucketIndex, bucketConferences)
	if err != nil {
		return ch, err
	}
	return ch, ib.Put(e.slug, e.info)
}

// RemoveConference deletes a conference's schedule. Its personal data is kept
// (and comes back with a re-import) unless purge is set.
func (s *Store) RemoveConference(slug string, purge bool) error {
	return s.update(func(tx *bolt.Tx) error {
		found := false
		if sch := tx.Bucket(bucketSchedules); sch != nil && sch.Bucket([]byte(slug)) != nil {
			if err := sch.DeleteBucket([]byte(slug)); err != nil {
				return err
			}
			found = true
		}
		if ib := bucket(tx, bucketIndex, bucketConferences); ib != nil {
			if err := ib.Delete([]byte(slug)); err != nil {
				return err
			}
		}
		if purge {
			if p := tx.Bucket(bucketPersonal); p != nil && p.Bucket([]byte(slug)) != nil {
				if err := p.DeleteBucket([]byte(slug)); err != nil {
					return err
				}
				found = true
			}
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
	err := s.view(func(tx *bolt.Tx) error {
		sch := tx.Bucket(bucketSchedules)
		if sch == nil {
			return s.damaged("the schedules bucket is missing")
		}
		if cur := tx.Bucket(bucketMeta).Get(keyCurrent); len(cur) > 0 && sch.Bucket(cur) != nil {
			slug = string(cur)
			return nil
		}
		if sch.Bucket([]byte(data.BuiltinSlug)) != nil {
			slug = data.BuiltinSlug
			return nil
		}
		if k, _ := sch.Cursor().First(); k != nil {
			slug = string(k)
			return nil
		}
		return &Error{ErrNoConference, fmt.Sprintf("no conferences in %s; import one with `lineup import`", s.path)}
	})
	return slug, err
}

// SetCurrent records slug as the conference used last.
func (s *Store) SetCurrent(slug string) error {
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

// Personal returns what the person recorded for a conference, by session id.
func (s *Store) Personal(slug string) (map[string]data.Personal, error) {
	out := map[string]data.Personal{}
	err := s.view(func(tx *bolt.Tx) error {
		b := bucket(tx, bucketPersonal, []byte(slug), bucketSessions)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var p data.Personal
			if err := json.Unmarshal(v, &p); err != nil {
				return s.damaged(fmt.Sprintf("personal record %q of %q: %v", k, slug, err))
			}
			out[string(k)] = p
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

var errCallerPanicked = errors.New("caller panicked")

// UpdatePersonal reads, changes and writes one personal record in one
// transaction, setting Updated. A record left empty is deleted.
func (s *Store) UpdatePersonal(slug, id string, fn func(*data.Personal)) (data.Personal, error) {
	if slug == "" || id == "" {
		return data.Personal{}, errors.New("a personal record needs a conference and a session id")
	}
	if len(id) > 1000 {
		return data.Personal{}, fmt.Errorf("session id of %d bytes; at most 1000", len(id))
	}
	var p data.Personal
	var callerPanic any
	err := s.update(func(tx *bolt.Tx) error {
		b, err := makeBucket(tx, bucketPersonal, []byte(slug), bucketSessions)
		if err != nil {
			return err
		}
		p = data.Personal{}
		if v := b.Get([]byte(id)); v != nil {
			if err := json.Unmarshal(v, &p); err != nil {
				return s.damaged(fmt.Sprintf("personal record %q of %q: %v", id, slug, err))
			}
		}
		func() {
			defer func() { callerPanic = recover() }()
			fn(&p)
		}()
		if callerPanic != nil {
			return errCallerPanicked
		}
		if err := data.CheckRating(p.Rating); err != nil {
			return err
		}
		p.Updated = time.Now().UTC().Truncate(time.Millisecond)
		if p.Empty() {
			return b.Delete([]byte(id))
		}
		v, err := json.Marshal(p)
		if err != nil {
			return err
		}
		return b.Put([]byte(id), v)
	})
	if callerPanic != nil {
		panic(callerPanic)
	}
	if err != nil {
		return data.Personal{}, err
	}
	return p, nil
}

// SetRating sets the person's rating of a session: 1–5, or 0 to clear it.
func (s *Store) SetRating(slug, id string, r int) error {
	if err := data.CheckRating(r); err != nil {
		return err
	}
	_, err := s.UpdatePersonal(slug, id, func(p *data.Personal) { p.Rating = r })
	return err
}

// SetStarred adds a session to the person's agenda or takes it off.
func (s *Store) SetStarred(slug, id string, on bool) error {
	_, err := s.UpdatePersonal(slug, id, func(p *data.Personal) { p.Starred = on })
	return err
}

// SetNote sets the person's note on a session; "" clears it.
func (s *Store) SetNote(slug, id, note string) error {
	_, err := s.UpdatePersonal(slug, id, func(p *data.Personal) { p.Note = note })
	return err
}

// ViewState returns the view state saved for a conference, or nil.
func (s *Store) ViewState(slug string) ([]byte, error) {
	var out []byte
	err := s.view(func(tx *bolt.Tx) error {
		if b := bucket(tx, bucketPersonal, []byte(slug)); b != nil {
			out = bytes.Clone(b.Get(keyView))
		}
		return nil
	})
	return out, err
}

// SetViewState saves the view state of a conference; nil deletes it.
func (s *Store) SetViewState(slug string, b []byte) error {
	if slug == "" {
		return errors.New("view state needs a conference")
	}
	return s.update(func(tx *bolt.Tx) error {
		if b == nil {
			if pb := bucket(tx, bucketPersonal, []byte(slug)); pb != nil {
				return pb.Delete(keyView)
			}
			return nil
		}
		pb, err := makeBucket(tx, bucketPersonal, []byte(slug))
		if err != nil {
			return err
		}
		return pb.Put(keyView, b)
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
