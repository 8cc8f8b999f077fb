package store

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/lineup-tui/lineup/data"
	bolt "go.etcd.io/bbolt"
)

// Mine returns everything this identity recorded, by conference slug and
// session id, sessions no longer in their schedule and conferences no longer
// in the store included.
func (s *Store) Mine() (map[string]map[string]data.Personal, error) {
	out := map[string]map[string]data.Personal{}
	err := s.view(func(tx *bolt.Tx) error {
		ib := bucket(tx, bucketPeople, []byte(s.Identity()))
		if ib == nil {
			return nil
		}
		return ib.ForEachBucket(func(slug []byte) error {
			recs, bad := readPersonal(ib.Bucket(slug).Bucket(bucketSessions), string(slug))
			if len(bad) > 0 {
				return s.damaged(summary(bad))
			}
			if len(recs) == 0 {
				return nil
			}
			out[string(slug)] = recs
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Merged is what MergePersonal did.
type Merged struct {
	Changed   int // records that took at least one incoming field
	Unchanged int // records where what is here was as new or newer
}

// MergePersonal merges records from elsewhere (an export) into this
// identity's data on the conference slug, in one transaction: per session
// and per field, the change made later wins (data.MergePersonal). Records of
// sessions the schedule does not have are kept, as orphans, like any other.
func (s *Store) MergePersonal(slug string, in map[string]data.Personal) (Merged, error) {
	var m Merged
	ids := make([]string, 0, len(in))
	for id := range in {
		if err := s.checkKeys(slug, id); err != nil {
			return m, err
		}
		if err := data.CheckRating(in[id].Rating); err != nil {
			return m, err
		}
		if err := data.CheckNote(in[id].Note); err != nil {
			return m, fmt.Errorf("session %q: %w", id, err)
		}
		ids = append(ids, id)
	}
	sort.Strings(ids)
	rated := false
	err := s.update(func(tx *bolt.Tx) error {
		m, rated = Merged{}, false
		for _, id := range ids {
			have, err := s.getPersonal(tx, slug, id)
			if err != nil {
				return err
			}
			p, changed := data.MergePersonal(have, in[id])
			if !changed {
				m.Unchanged++
				continue
			}
			m.Changed++
			rated = rated || p.Rating != have.Rating
			if err := s.putPersonal(tx, slug, id, have, p); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil && rated {
		s.ratingsChanged()
	}
	return m, err
}

// personalIDs lists the sessions of slug that any identity has a record
// of, sorted, each once.
func personalIDs(tx *bolt.Tx, slug []byte) ([]string, error) {
	seen := map[string]bool{}
	pb := tx.Bucket(bucketPeople)
	if pb == nil {
		return nil, nil
	}
	err := pb.ForEachBucket(func(identity []byte) error {
		sb := bucket(tx, bucketPeople, identity, slug, bucketSessions)
		if sb == nil {
			return nil
		}
		return sb.ForEach(func(k, _ []byte) error {
			seen[string(k)] = true
			return nil
		})
	})
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids, err
}

// purgePersonal deletes every identity's data on slug and its rating
// tallies, and reports whether there was any.
func purgePersonal(tx *bolt.Tx, slug []byte) (bool, error) {
	found := false
	if pb := tx.Bucket(bucketPeople); pb != nil {
		var holders [][]byte
		if err := pb.ForEachBucket(func(identity []byte) error {
			if pb.Bucket(identity).Bucket(slug) != nil {
				holders = append(holders, bytes.Clone(identity))
			}
			return nil
		}); err != nil {
			return false, err
		}
		for _, identity := range holders {
			if err := pb.Bucket(identity).DeleteBucket(slug); err != nil {
				return false, err
			}
			found = true
		}
	}
	dropped, err := dropBucket(tx, bucketRatings, slug)
	return found || dropped, err
}
