package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/lineup-tui/lineup/data"
	bolt "go.etcd.io/bbolt"
)

// LocalIdentity is the identity of the person using the store on this
// machine: the CLI and the TUI run as it, and data from before identities
// (schema 1–4) belongs to it.
const LocalIdentity = "local"

// maxIdentityBytes bounds an identity's length (an SSH fingerprint is 50).
const maxIdentityBytes = 200

// As returns the store seen as identity: the same file (and, for a held
// store, the same open handle), with identity's stars, ratings, notes and
// view state. "" means LocalIdentity.
func (s *Store) As(identity string) *Store {
	if identity == "" {
		identity = LocalIdentity
	}
	c := *s
	c.identity = identity
	return &c
}

// Identity is whose personal layer this Store reads and writes.
func (s *Store) Identity() string {
	if s.identity == "" {
		return LocalIdentity
	}
	return s.identity
}

// personalBucket is people/<identity>/<slug>/sessions, or nil.
func (s *Store) personalBucket(tx *bolt.Tx, slug string) *bolt.Bucket {
	return bucket(tx, bucketPeople, []byte(s.Identity()), []byte(slug), bucketSessions)
}

// readPersonal decodes the personal records in b (nil: none) by session id,
// and describes each record that does not decode.
func readPersonal(b *bolt.Bucket, slug string) (out map[string]data.Personal, bad []string) {
	out = map[string]data.Personal{}
	if b == nil {
		return out, nil
	}
	_ = b.ForEach(func(k, v []byte) error {
		var p data.Personal
		if err := json.Unmarshal(v, &p); err != nil {
			bad = append(bad, fmt.Sprintf("personal record %q of %q: %v", k, slug, err))
			return nil
		}
		out[string(k)] = p
		return nil
	})
	return out, bad
}

// Personal returns what this identity recorded for a conference, by session
// id. A record that cannot be read does not hide the others: Personal then
// returns the readable ones together with an error that matches ErrDamaged
// and names the unreadable ones (and the Store writes the file no more).
func (s *Store) Personal(slug string) (map[string]data.Personal, error) {
	var out map[string]data.Personal
	var bad []string
	err := s.view(func(tx *bolt.Tx) error {
		out, bad = readPersonal(s.personalBucket(tx, slug), slug)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		return out, s.damaged(summary(bad))
	}
	return out, nil
}

// Others returns, by session id, the ratings every other identity gave the
// sessions of a conference: the tally of all ratings less this identity's
// own, read in one transaction so the two agree.
func (s *Store) Others(slug string) (map[string]data.Tally, error) {
	var out map[string]data.Tally
	err := s.view(func(tx *bolt.Tx) error {
		mine, bad := readPersonal(s.personalBucket(tx, slug), slug)
		if len(bad) > 0 {
			return s.damaged(summary(bad))
		}
		var err error
		out, err = s.othersIn(tx, slug, mine)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// othersIn reads the rating tallies of a conference less the ratings in
// mine, this identity's records.
func (s *Store) othersIn(tx *bolt.Tx, slug string, mine map[string]data.Personal) (map[string]data.Tally, error) {
	out := map[string]data.Tally{}
	rb := bucket(tx, bucketRatings, []byte(slug))
	if rb == nil {
		return out, nil
	}
	if err := rb.ForEach(func(k, v []byte) error {
		t, ok := decodeTally(v)
		if !ok {
			return s.damaged(fmt.Sprintf("the rating tally of %q in %q is unreadable", k, slug))
		}
		out[string(k)] = t
		return nil
	}); err != nil {
		return nil, err
	}
	for id, p := range mine {
		if p.Rating > 0 {
			out[id] = out[id].Remove(p.Rating)
		}
	}
	for id, t := range out {
		if t.Count <= 0 {
			delete(out, id)
		}
	}
	return out, nil
}

// Tally is every identity's ratings of one session, this one's included.
func (s *Store) Tally(slug, id string) (data.Tally, error) {
	var t data.Tally
	err := s.view(func(tx *bolt.Tx) error {
		if rb := bucket(tx, bucketRatings, []byte(slug)); rb != nil {
			if v := rb.Get([]byte(id)); v != nil {
				var ok bool
				if t, ok = decodeTally(v); !ok {
					return s.damaged(fmt.Sprintf("the rating tally of %q in %q is unreadable", id, slug))
				}
			}
		}
		return nil
	})
	return t, err
}

func encodeTally(t data.Tally) []byte {
	b := binary.BigEndian.AppendUint64(nil, uint64(t.Count))
	return binary.BigEndian.AppendUint64(b, uint64(t.Sum))
}

func decodeTally(v []byte) (data.Tally, bool) {
	if len(v) != 16 {
		return data.Tally{}, false
	}
	return data.Tally{Count: int(binary.BigEndian.Uint64(v)), Sum: int(binary.BigEndian.Uint64(v[8:]))}, true
}

// retally moves one identity's rating of a session from old to new in the
// conference's tally. Every write of a rating goes through it.
func retally(tx *bolt.Tx, slug, id string, old, new int) error {
	if old == new {
		return nil
	}
	rb, err := makeBucket(tx, bucketRatings, []byte(slug))
	if err != nil {
		return err
	}
	var t data.Tally
	if v := rb.Get([]byte(id)); v != nil {
		t, _ = decodeTally(v)
	}
	t = t.Remove(old).Add(new)
	if t.Count <= 0 {
		return rb.Delete([]byte(id))
	}
	return rb.Put([]byte(id), encodeTally(t))
}

// putPersonal writes this identity's record of a session (deleting it when
// empty) and keeps the rating tally in step with it. old is the record it
// replaces.
func (s *Store) putPersonal(tx *bolt.Tx, slug, id string, old, p data.Personal) error {
	b, err := makeBucket(tx, bucketPeople, []byte(s.Identity()), []byte(slug), bucketSessions)
	if err != nil {
		return err
	}
	if err := retally(tx, slug, id, old.Rating, p.Rating); err != nil {
		return err
	}
	if p.Empty() {
		return b.Delete([]byte(id))
	}
	v, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return b.Put([]byte(id), v)
}

// getPersonal reads this identity's record of a session (zero when none).
func (s *Store) getPersonal(tx *bolt.Tx, slug, id string) (data.Personal, error) {
	var p data.Personal
	if b := s.personalBucket(tx, slug); b != nil {
		if v := b.Get([]byte(id)); v != nil {
			if err := json.Unmarshal(v, &p); err != nil {
				return p, s.damaged(fmt.Sprintf("personal record %q of %q: %v", id, slug, err))
			}
		}
	}
	return p, nil
}

// errCallerPanicked rolls back the transaction of an UpdatePersonal whose
// fn panicked.
var errCallerPanicked = errors.New("caller panicked")

// checkKeys refuses a personal record that cannot be keyed.
func (s *Store) checkKeys(slug, id string) error {
	if slug == "" || id == "" {
		return errors.New("a personal record needs a conference and a session id")
	}
	if len(id) > maxIDBytes {
		return fmt.Errorf("session id of %d bytes; at most %d", len(id), maxIDBytes)
	}
	if len(s.Identity()) > maxIdentityBytes {
		return fmt.Errorf("identity of %d bytes; at most %d", len(s.Identity()), maxIdentityBytes)
	}
	return nil
}

// UpdatePersonal reads, changes and writes one personal record of this
// identity in one transaction, stamping the time of each field that changed
// (data.Personal.Touch). A record left empty is deleted; one with a rating
// outside 0–5 is refused. A panic in fn is passed on to the caller after the
// transaction is rolled back. fn may run more than once on a held store (a
// batch that fails is retried one change at a time), so it should only set
// fields.
func (s *Store) UpdatePersonal(slug, id string, fn func(*data.Personal)) (data.Personal, error) {
	if err := s.checkKeys(slug, id); err != nil {
		return data.Personal{}, err
	}
	var p data.Personal
	var callerPanic any
	rated := false
	err := s.update(func(tx *bolt.Tx) error {
		old, err := s.getPersonal(tx, slug, id)
		if err != nil {
			return err
		}
		p = old
		callerPanic = nil
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
		if err := data.CheckNote(p.Note); err != nil {
			return err
		}
		p.Touch(old, s.now().UTC().Truncate(time.Millisecond))
		rated = p.Rating != old.Rating
		return s.putPersonal(tx, slug, id, old, p)
	})
	if callerPanic != nil {
		panic(callerPanic)
	}
	if err != nil {
		return data.Personal{}, err
	}
	if rated {
		s.ratingsChanged()
	}
	return p, nil
}

// SetRating sets this identity's rating of a session: 1–5, or 0 to clear it.
func (s *Store) SetRating(slug, id string, r int) error {
	_, err := s.UpdatePersonal(slug, id, func(p *data.Personal) { p.Rating = r })
	return err
}

// SetStarred adds a session to this identity's agenda or takes it off.
func (s *Store) SetStarred(slug, id string, on bool) error {
	_, err := s.UpdatePersonal(slug, id, func(p *data.Personal) { p.Starred = on })
	return err
}

// SetNote sets this identity's note on a session; "" clears it.
func (s *Store) SetNote(slug, id, note string) error {
	_, err := s.UpdatePersonal(slug, id, func(p *data.Personal) { p.Note = note })
	return err
}
