package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"time"
	"unsafe"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/clock"
	"github.com/lineup-tui/lineup/data/search"
	bolt "go.etcd.io/bbolt"
)

// Damage found in a file is remembered by the Store: after it, no method
// writes the file again (see once), and a write transaction first checks
// the whole file (verify) unless a receipt says nothing has changed it since
// the last checked write (receipt.go), so damage that another process found,
// or that no read has met yet, stops a write too. Salvage copies what can be
// read out of a damaged file into a new one without writing the old.

// readable is what a tolerant walk of a store file could read.
type readable struct {
	version  uint64
	current  string
	confs    []*data.Conference
	personal map[string]map[string]map[string]data.Personal // identity → slug → session id → record
	views    map[string]map[string][]byte                   // identity → slug → view state
	problems []string
}

func (r *readable) problem(format string, args ...any) {
	r.problems = append(r.problems, fmt.Sprintf(format, args...))
}

// try runs fn, turning a panic or memory fault (bbolt's reaction to some
// damage) into a problem named what.
func (r *readable) try(what string, fn func() error) {
	old := debug.SetPanicOnFault(true)
	defer func() {
		debug.SetPanicOnFault(old)
		if p := recover(); p != nil {
			r.problem("%s: unreadable (%v)", what, p)
		}
	}()
	if err := fn(); err != nil {
		r.problem("%s: %v", what, err)
	}
}

// readAll walks the whole file inside tx, keeping every value that decodes
// and noting every one that does not. Without keep it returns at the first
// problem and keeps nothing: the check a write runs first.
func readAll(tx *bolt.Tx, keep bool) *readable {
	r := &readable{personal: map[string]map[string]map[string]data.Personal{}, views: map[string]map[string][]byte{}}
	stop := func() bool { return !keep && len(r.problems) > 0 }
	r.try("the meta bucket", func() error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return errors.New("missing")
		}
		r.current = string(meta.Get(keyCurrent))
		if v := meta.Get(keyVersion); len(v) == 8 {
			r.version = binary.BigEndian.Uint64(v)
		}
		return nil
	})
	for _, slug := range r.names(tx, bucketSchedules, "the list of schedules") {
		if stop() {
			return r
		}
		r.readConference(tx, slug, keep)
	}
	r.try("the conference index", func() error {
		ib := bucket(tx, bucketIndex, bucketConferences)
		if ib == nil {
			return errors.New("missing")
		}
		return ib.ForEach(func(k, v []byte) error {
			var ci ConferenceInfo
			if err := json.Unmarshal(v, &ci); err != nil {
				r.problem("the index entry of %q: %v", k, err)
			}
			return nil
		})
	})
	if stop() {
		return r
	}
	r.readPeople(tx, keep, stop)
	if keep || stop() {
		return r
	}
	r.try("the rating tallies", func() error {
		rb := tx.Bucket(bucketRatings)
		if rb == nil {
			if r.version >= 5 {
				return errors.New("missing")
			}
			return nil
		}
		return rb.ForEachBucket(func(slug []byte) error {
			return rb.Bucket(slug).ForEach(func(k, v []byte) error {
				if _, ok := decodeTally(v); !ok {
					r.problem("the rating tally of %q in %q: unreadable", k, slug)
				}
				return nil
			})
		})
	})
	return r
}

// readPeople reads the personal data: people/<identity>/<slug>/… (schema
// 5), or personal/<slug>/… (schema 1–4: the local identity's).
func (r *readable) readPeople(tx *bolt.Tx, keep bool, stop func() bool) {
	type place struct {
		identity string
		b        *bolt.Bucket // the identity's bucket of conferences
	}
	var places []place
	top, name := bucketPeople, "people"
	if r.version < 5 {
		top, name = bucketPersonal, "personal"
	}
	r.try("the list of personal data", func() error {
		pb := tx.Bucket(top)
		if pb == nil {
			return fmt.Errorf("the %s bucket is missing", name)
		}
		if r.version < 5 {
			places = append(places, place{LocalIdentity, pb})
			return nil
		}
		return pb.ForEachBucket(func(id []byte) error {
			places = append(places, place{string(id), pb.Bucket(id)})
			return nil
		})
	})
	for _, pl := range places {
		var slugs [][]byte
		r.try(fmt.Sprintf("the personal data of %q", pl.identity), func() error {
			return pl.b.ForEachBucket(func(k []byte) error {
				slugs = append(slugs, append([]byte(nil), k...))
				return nil
			})
		})
		for _, slug := range slugs {
			if stop() {
				return
			}
			r.readSlug(pl.identity, slug, pl.b.Bucket(slug), keep)
		}
	}
}

// readSlug reads one identity's records and view state of one conference.
func (r *readable) readSlug(identity string, slug []byte, b *bolt.Bucket, keep bool) {
	mine := map[string]data.Personal{}
	r.try(fmt.Sprintf("the ratings, stars and notes of %s on %q", identity, slug), func() error {
		sb := b.Bucket(bucketSessions)
		if sb == nil {
			return nil
		}
		return sb.ForEach(func(k, v []byte) error {
			var p data.Personal
			if err := json.Unmarshal(v, &p); err != nil {
				r.problem("the record of session %q of %q (%s): %v", k, slug, identity, err)
			} else if keep {
				mine[string(k)] = p
			}
			return nil
		})
	})
	if !keep {
		return
	}
	if r.personal[identity] == nil {
		r.personal[identity] = map[string]map[string]data.Personal{}
		r.views[identity] = map[string][]byte{}
	}
	r.personal[identity][string(slug)] = mine
	r.try(fmt.Sprintf("the saved view of %q (%s)", slug, identity), func() error {
		if v := b.Get(keyView); v != nil {
			r.views[identity][string(slug)] = append([]byte(nil), v...)
		}
		return nil
	})
}

// names lists the buckets inside the top-level bucket top.
func (r *readable) names(tx *bolt.Tx, top []byte, what string) [][]byte {
	var out [][]byte
	r.try(what, func() error {
		b := tx.Bucket(top)
		if b == nil {
			return errors.New("missing")
		}
		return b.ForEachBucket(func(k []byte) error {
			out = append(out, append([]byte(nil), k...))
			return nil
		})
	})
	return out
}

// readConference reads one schedule: its fields, then each session and
// speaker that decodes.
func (r *readable) readConference(tx *bolt.Tx, slug []byte, keep bool) {
	c := &data.Conference{}
	ok := false
	r.try(fmt.Sprintf("the fields of conference %q", slug), func() error {
		if err := json.Unmarshal(bucket(tx, bucketSchedules, slug).Get(keyConf), c); err != nil {
			return err
		}
		ok = true
		return nil
	})
	if !ok {
		return
	}
	c.Slug = string(slug)
	// The search snapshot is rebuilt from the sessions; a damaged one is
	// still damage in the file.
	r.try(fmt.Sprintf("the search snapshot of %q", slug), func() error {
		if sb := bucket(tx, bucketSchedules, slug, bucketSearch); sb != nil {
			_, err := search.LoadSnapshot(sb.Get(keySnapshot))
			return err
		}
		return nil
	})
	c.Sessions = readValues(r, tx, slug, bucketSessions, "session", keep, decodeSessionString)
	c.Speakers = readValues(r, tx, slug, bucketSpeakers, "speaker", keep, decodeSpeakerString)
	if keep {
		r.confs = append(r.confs, c)
	}
}

// readValues decodes each value of the bucket name of a schedule, keeping
// the ones that decode (when keep) and noting the others.
func readValues[T any](r *readable, tx *bolt.Tx, slug, name []byte, what string, keep bool, decode func(string, *T) error) []T {
	var out []T
	r.try(fmt.Sprintf("the %ss of %q", what, slug), func() error {
		b := bucket(tx, bucketSchedules, slug, name)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var x T
			if err := decodeValue(v, keep, &x, decode); err != nil {
				r.problem("%s %x of %q: %v", what, k, slug, err)
			} else if keep {
				out = append(out, x)
			}
			return nil
		})
	})
	return out
}

// decodeValue decodes the bbolt value v into x. To keep x it copies v
// first; a check that drops x at once reads bbolt's memory in place.
func decodeValue[T any](v []byte, keep bool, x *T, decode func(string, *T) error) error {
	if keep || len(v) == 0 {
		return decode(string(v), x)
	}
	return decode(unsafe.String(unsafe.SliceData(v), len(v)), x)
}

// verify checks the whole file before a write: bbolt's page check, then
// every value decoded. The first problem is returned as damage.
func (s *Store) verify(tx *bolt.Tx) error {
	s.verified.Add(1)
	for err := range tx.Check() {
		return s.damaged(err.Error())
	}
	if r := readAll(tx, false); len(r.problems) > 0 {
		return s.damaged(r.problems[0])
	}
	return nil
}

// SalvageReport says what Salvage copied and what it could not read.
type SalvageReport struct {
	Conferences, Sessions, Speakers, Personal int
	Problems                                  []string
}

// Salvage copies everything readable in the store file src into a new
// store file dst: each schedule with the sessions and speakers that decode,
// every personal record and saved view that decodes, and the current
// conference. src is opened read-only and never written; dst must not
// exist. The report lists what was copied and each part that could not be
// read.
func Salvage(src, dst string) (SalvageReport, error) {
	var rep SalvageReport
	if fi, err := os.Stat(src); err != nil {
		return rep, fmt.Errorf("cannot read %s: %w", src, err)
	} else if !fi.Mode().IsRegular() {
		return rep, fmt.Errorf("%s is not a regular file", src)
	}
	if _, err := os.Lstat(dst); err == nil {
		return rep, fmt.Errorf("%s already exists; lineup doctor writes a new file only", dst)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return rep, fmt.Errorf("cannot use %s: %w", dst, err)
	}
	from := newStore(src)
	var r *readable
	err := from.guard(func() error {
		db, err := bolt.Open(src, 0o600, &bolt.Options{ReadOnly: true, Timeout: lockTimeout})
		if err != nil {
			return from.openError(err)
		}
		defer db.Close()
		return db.View(func(tx *bolt.Tx) error {
			r = readAll(tx, true)
			if size := from.fileSize(); tx.Size() > size {
				r.problem("the file is %d bytes but its pages reach %d: it was cut short", size, tx.Size())
			}
			return nil
		})
	})
	switch {
	case err != nil && r == nil:
		return rep, fmt.Errorf("nothing in %s can be read: %s", src, strings.TrimPrefix(err.Error(), src+" is "))
	case err != nil:
		r.problem("%v", err)
	case r.version > SchemaVersion:
		return rep, from.newer(r.version)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return rep, fmt.Errorf("cannot create the folder for %s: %w", dst, err)
	}
	f, err := os.OpenFile(dst, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return rep, fmt.Errorf("cannot create %s: %w", dst, err)
	}
	f.Close()
	to := newStore(dst)
	err = to.once(true, 0, func(tx *bolt.Tx) error {
		if err := runMigrations(tx, 0); err != nil {
			return err
		}
		return r.write(tx, &rep)
	})
	if err != nil {
		os.Remove(dst)
		return rep, fmt.Errorf("writing %s: %w", dst, err)
	}
	rep.Problems = r.problems
	return rep, nil
}

// write puts what was read into a new store's transaction.
func (r *readable) write(tx *bolt.Tx, rep *SalvageReport) error {
	sort.Slice(r.confs, func(i, j int) bool { return r.confs[i].Slug < r.confs[j].Slug })
	current := ""
	for _, c := range r.confs {
		c.Prepare()
		if c.ImportedAt.IsZero() {
			c.ImportedAt = clock.System().Now().UTC().Truncate(time.Second)
		}
		if _, err := writeConference(tx, encodeConference(c)); err != nil {
			return err
		}
		rep.Conferences++
		rep.Sessions += len(c.Sessions)
		rep.Speakers += len(c.Speakers)
		if current == "" {
			current = c.Slug
		}
	}
	for _, c := range r.confs {
		if c.Slug == r.current {
			current = c.Slug
		}
	}
	for identity, confs := range r.personal {
		who := newStore("").As(identity)
		for slug, mine := range confs {
			for id, p := range mine {
				if err := who.putPersonal(tx, slug, id, data.Personal{}, p); err != nil {
					return err
				}
				rep.Personal++
			}
			if v, ok := r.views[identity][slug]; ok {
				b, err := makeBucket(tx, bucketPeople, []byte(identity), []byte(slug))
				if err != nil {
					return err
				}
				if err := b.Put(keyView, v); err != nil {
					return err
				}
			}
		}
	}
	if current == "" {
		return nil
	}
	return tx.Bucket(bucketMeta).Put(keyCurrent, []byte(current))
}

// summary is the problems in one line, for an error message.
func summary(problems []string) string {
	if len(problems) == 1 {
		return problems[0]
	}
	return fmt.Sprintf("%s, and %d more", strings.Join(problems[:1], ""), len(problems)-1)
}
