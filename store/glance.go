package store

import (
	"errors"

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
		sb := b.Bucket(bucketSearch)
		if sb == nil {
			return nil
		}
		v := sb.Get(keySnapshot)
		if v == nil {
			return nil
		}
		var err error
		if others, err = s.othersIn(tx, slug, mine); err != nil {
			return err
		}
		// The value lies in the file's memory map, which is gone once the
		// transaction ends: the copy outlives it.
		snap = append([]byte(nil), v...)
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
