package store

import (
	"bytes"
	"errors"

	bolt "go.etcd.io/bbolt"
)

// ViewState returns the view state this identity saved for a conference, or nil.
func (s *Store) ViewState(slug string) ([]byte, error) {
	var out []byte
	err := s.view(func(tx *bolt.Tx) error {
		if b := bucket(tx, bucketPeople, []byte(s.Identity()), []byte(slug)); b != nil {
			out = bytes.Clone(b.Get(keyView))
		}
		return nil
	})
	return out, err
}

// SetViewState saves this identity's view state of a conference; nil deletes it.
func (s *Store) SetViewState(slug string, b []byte) error {
	if slug == "" {
		return errors.New("view state needs a conference")
	}
	return s.update(func(tx *bolt.Tx) error {
		if b == nil {
			if pb := bucket(tx, bucketPeople, []byte(s.Identity()), []byte(slug)); pb != nil {
				return pb.Delete(keyView)
			}
			return nil
		}
		pb, err := makeBucket(tx, bucketPeople, []byte(s.Identity()), []byte(slug))
		if err != nil {
			return err
		}
		return pb.Put(keyView, b)
	})
}
