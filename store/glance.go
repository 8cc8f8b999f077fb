package store

import (
	"errors"
	"github.com/lineup-tui/lineup/data/bigmem"
	"os"
	"runtime"
	"sync"
	"unsafe"

	"github.com/lineup-tui/lineup/data"
	bolt "go.etcd.io/bbolt"
)

// Glance reads, in one read transaction, what the first screen of the
// terminal interface needs of a conference: a copy of its search snapshot
// (search.LoadSnapshot reads it), the person's data and everyone else's
// ratings (as Personal and Others). snap is nil when the conference has no
// snapshot or a personal record is unreadable: the caller then loads the
// whole conference (Conference, Personal), which reports any damage.
func (s *Store) Glance(slug string) (snap []byte, mine map[string]data.Personal, others map[string]data.Tally, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		b := bucket(tx, bucketSchedules, []byte(slug))
		if b == nil {
			return s.noConference(slug)
		}
		var bad []string
		mine, bad = readPersonal(s.personalBucket(tx, slug), slug)
		if len(bad) > 0 {
			mine = nil
			return nil
		}
		v := snapshotValue(b)
		if v == nil {
			return nil
		}
		var err error
		if others, err = s.othersIn(tx, slug, mine); err != nil {
			return err
		}
		// The value lies in the file's memory map, which is gone once the
		// transaction ends: the copy outlives it.
		snap = copyOut(tx, v)
		return nil
	})
	if err != nil || snap == nil {
		return nil, nil, nil, err
	}
	return snap, mine, others, nil
}

// SessionsAt reads a conference's fields with only the sessions and the
// speakers at the given places (Snapshot.Positions gives them), whole: what
// a session's page shows, without decoding the rest. The caller checks
// that the conference is the version its places came from (ImportedAt, the
// sessions' ids).
func (s *Store) SessionsAt(slug string, sessions, speakers []int) (*data.Conference, error) {
	var c *data.Conference
	err := s.view(func(tx *bolt.Tx) error {
		b := bucket(tx, bucketSchedules, []byte(slug))
		if b == nil {
			return s.noConference(slug)
		}
		for _, l := range []struct {
			b  *bolt.Bucket
			at []int
		}{{b.Bucket(bucketSessions), sessions}, {b.Bucket(bucketSpeakers), speakers}} {
			for _, i := range l.at {
				if l.b == nil || i < 0 || l.b.Get(seqKey(i)) == nil {
					return ErrMoved
				}
			}
		}
		var err error
		if c, err = readSome(b, []byte(slug), sessions, speakers); err != nil {
			return s.damaged(err.Error())
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// ErrMoved says a place asked of SessionsAt is not in the conference: it
// changed since the places were found.
var ErrMoved = errors.New("the schedule changed meanwhile")

// copyOut copies v, a value in the memory map of tx's file, by reading the
// file where the value lies rather than the map: the map's pages are then
// never faulted in, which for a value of many megabytes (the snapshot of a
// big conference) is most of the time a copy takes, and they do not count
// in the process's memory. The open transaction keeps the value's pages as
// they are meanwhile. A value it cannot find in the file is copied from
// the map.
func copyOut(tx *bolt.Tx, v []byte) []byte {
	out := make([]byte, len(v))
	if len(v) >= 1<<20 {
		db := tx.DB()
		if off := int64(uintptr(unsafe.Pointer(&v[0])) - db.Info().Data); off >= 0 && off+int64(len(v)) <= tx.Size() {
			if f, err := os.Open(db.Path()); err == nil {
				bigmem.Hint(out)
				err := readAtParallel(f, out, off)
				f.Close()
				if err == nil && out[0] == v[0] && out[len(v)/2] == v[len(v)/2] && out[len(v)-1] == v[len(v)-1] {
					return out
				}
			}
		}
	}
	copy(out, v)
	return out
}

// readAtParallel fills out from f at off, a piece on each core: most of a
// large read's time is faulting in the pages of out, which the cores can
// share.
func readAtParallel(f *os.File, out []byte, off int64) error {
	parts := max(1, min(runtime.GOMAXPROCS(0), len(out)>>19))
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for k := range parts {
		lo, hi := k*len(out)/parts, (k+1)*len(out)/parts
		wg.Go(func() {
			_, errs[k] = f.ReadAt(out[lo:hi], off+int64(lo))
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}
