package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/lineup-tui/lineup/data"
	bolt "go.etcd.io/bbolt"
)

// Personal returns what the person recorded for a conference, by session id.
// A record that cannot be read does not hide the others: Personal then
// returns the readable ones together with an error that matches ErrDamaged
// and names the unreadable ones (and the Store writes the file no more).
func (s *Store) Personal(slug string) (map[string]data.Personal, error) {
	var out map[string]data.Personal
	var bad []string
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, bad, err = personalIn(tx, slug)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		return out, s.damaged(summary(bad))
	}
	return out, nil
}

// personalIn reads the personal data of a conference inside tx; bad
// names the records that cannot be read.
func personalIn(tx *bolt.Tx, slug string) (out map[string]data.Personal, bad []string, err error) {
	out = map[string]data.Personal{}
	b := bucket(tx, bucketPersonal, []byte(slug), bucketSessions)
	if b == nil {
		return out, nil, nil
	}
	err = b.ForEach(func(k, v []byte) error {
		var p data.Personal
		if err := json.Unmarshal(v, &p); err != nil {
			bad = append(bad, fmt.Sprintf("personal record %q of %q: %v", k, slug, err))
			return nil
		}
		out[string(k)] = p
		return nil
	})
	return out, bad, err
}

// errCallerPanicked rolls back the transaction of an UpdatePersonal whose
// fn panicked.
var errCallerPanicked = errors.New("caller panicked")

// UpdatePersonal reads, changes and writes one personal record in one
// transaction, setting Updated. A record left empty is deleted; one with a
// rating outside 0–5 is refused. A panic in fn is passed on to the caller
// after the transaction is rolled back.
func (s *Store) UpdatePersonal(slug, id string, fn func(*data.Personal)) (data.Personal, error) {
	if slug == "" || id == "" {
		return data.Personal{}, errors.New("a personal record needs a conference and a session id")
	}
	if len(id) > maxIDBytes {
		return data.Personal{}, fmt.Errorf("session id of %d bytes; at most %d", len(id), maxIDBytes)
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
		if err := data.CheckNote(p.Note); err != nil {
			return err
		}
		p.Updated = s.now().UTC().Truncate(time.Millisecond)
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
