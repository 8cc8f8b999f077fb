package store

import (
	"github.com/lineup-tui/lineup/data"
	bolt "go.etcd.io/bbolt"
)

// Sessions loads what a command about a few sessions needs (show, rate,
// star, note): the conference with only the sessions of ids that it has and
// their speakers, and the person's data. Like Recorded, it decodes only those
// through the search snapshot (the whole conference without one), and an
// unreadable personal record gives the readable ones with an error that
// matches ErrDamaged.
func (s *Store) Sessions(slug string, ids ...string) (*data.Conference, map[string]data.Personal, error) {
	return s.partial(slug, func(map[string]data.Personal) []string { return ids })
}

// partial loads the conference with the sessions that pick names, given the
// person's data, and that data.
func (s *Store) partial(slug string, pick func(mine map[string]data.Personal) []string) (*data.Conference, map[string]data.Personal, error) {
	var c *data.Conference
	var mine map[string]data.Personal
	var bad []string
	err := s.view(func(tx *bolt.Tx) error {
		b := bucket(tx, bucketSchedules, []byte(slug))
		if b == nil {
			return s.noConference(slug)
		}
		var err error
		mine, bad = readPersonal(s.personalBucket(tx, slug), slug)
		sn := snapshotIn(b)
		if sn == nil {
			c, err = s.readConference(tx, slug)
			return err
		}
		ss, sps := sn.Positions(pick(mine))
		if c, err = readSome(b, []byte(slug), ss, sps); err != nil {
			return s.damaged(err.Error())
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if len(bad) > 0 {
		return c, mine, s.damaged(summary(bad))
	}
	return c, mine, nil
}
