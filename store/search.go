package store

import (
	"encoding/json"
	"fmt"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/search"
	bolt "go.etcd.io/bbolt"
)

// Search runs fn with what a search of a conference needs, in one read
// transaction: its search snapshot, read with a single Get and used where
// it lies in the file (search.LoadSnapshot), and the person's data, which a
// search merges in (notes are searched, stars and ratings filter). The
// snapshot and everything taken from it are valid only until fn returns:
// copy what is kept, and write output after Search returns, so that a slow
// reader of the output does not hold the file's lock. sn is nil when the
// conference has no snapshot this lineup can read (written in another
// layout, or damaged): the caller then loads the whole conference, which
// reports any damage. An empty slug is the current conference (Current).
func (s *Store) Search(slug string, fn func(sn *search.Snapshot, mine map[string]data.Personal) error) error {
	return s.view(func(tx *bolt.Tx) error {
		slug, b, err := s.schedule(tx, slug)
		if err != nil {
			return err
		}
		mine, bad := readPersonal(s.personalBucket(tx, slug), slug)
		if len(bad) > 0 {
			// The full load says which records are unreadable.
			return fn(nil, mine)
		}
		return fn(snapshotIn(b), mine)
	})
}

// snapshotIn loads the search snapshot in a conference's bucket, in place;
// nil when there is none this lineup can read.
func snapshotIn(cb *bolt.Bucket) *search.Snapshot {
	v := snapshotValue(cb)
	if v == nil {
		return nil
	}
	sn, err := search.LoadSnapshot(v)
	if err != nil {
		return nil
	}
	return sn
}

// snapshotValue is the search snapshot's bytes in a conference's bucket,
// where they lie in the file's memory map; nil when it has none.
func snapshotValue(cb *bolt.Bucket) []byte {
	if sb := cb.Bucket(bucketSearch); sb != nil {
		return sb.Get(keySnapshot)
	}
	return nil
}

// putSnapshot replaces the search snapshot in a conference's bucket.
func putSnapshot(cb *bolt.Bucket, snap []byte) error {
	if cb.Bucket(bucketSearch) != nil {
		if err := cb.DeleteBucket(bucketSearch); err != nil {
			return err
		}
	}
	if snap == nil {
		return nil
	}
	sb, err := cb.CreateBucket(bucketSearch)
	if err != nil {
		return err
	}
	return sb.Put(keySnapshot, snap)
}

// migrateSearchSnapshots (4) writes the search snapshot of every stored
// conference. A conference that cannot be decoded gets none: searching it
// then reads the whole conference, which reports the damage.
func migrateSearchSnapshots(tx *bolt.Tx) error {
	return rewriteSnapshots(tx, func(*bolt.Bucket) bool { return true })
}

// migrateSnapshotLooks (6) rewrites the search snapshots written before
// they held each session's track and level, which the TUI's first frame
// is made from: from one without them it reads the whole conference. A
// snapshot this lineup cannot read is rewritten too.
func migrateSnapshotLooks(tx *bolt.Tx) error {
	return rewriteSnapshots(tx, func(cb *bolt.Bucket) bool {
		sn := snapshotIn(cb)
		return sn == nil || !sn.HasLooks()
	})
}

// rewriteSnapshots writes anew the search snapshot of each stored
// conference for which stale says so, from the conference as stored.
func rewriteSnapshots(tx *bolt.Tx, stale func(cb *bolt.Bucket) bool) error {
	sch := tx.Bucket(bucketSchedules)
	var slugs [][]byte
	if err := sch.ForEachBucket(func(slug []byte) error {
		slugs = append(slugs, append([]byte(nil), slug...))
		return nil
	}); err != nil {
		return err
	}
	for _, slug := range slugs {
		if !stale(sch.Bucket(slug)) {
			continue
		}
		// A throwaway Store: its errors are only skipped here.
		c, err := (&Store{}).readConference(tx, string(slug))
		if err != nil {
			continue
		}
		snap, err := search.EncodeSnapshot(c)
		if err != nil {
			continue
		}
		// Nothing read from the file is used after this write.
		if err := putSnapshot(sch.Bucket(slug), snap); err != nil {
			return err
		}
	}
	return nil
}

// Recorded loads what the agenda needs: the conference with only the
// sessions the person recorded something for (a star, a rating or a note:
// the agenda lists the starred ones and, of all, those no longer in the
// schedule) and their speakers, and the person's data. The search snapshot
// says where those sessions and speakers are, so only they are decoded;
// without a snapshot the whole conference is. Like Personal, an unreadable
// personal record gives the readable ones with an error that matches
// ErrDamaged.
func (s *Store) Recorded(slug string) (*data.Conference, map[string]data.Personal, error) {
	return s.partial(slug, func(mine map[string]data.Personal) []string {
		var ids []string
		for id, p := range mine {
			if !p.Empty() {
				ids = append(ids, id)
			}
		}
		return ids
	})
}

// readSome decodes a conference's fields and only the sessions and
// speakers at the given places, and prepares it.
func readSome(b *bolt.Bucket, slug []byte, sessions, speakers []int) (*data.Conference, error) {
	var c data.Conference
	if err := json.Unmarshal(b.Get(keyConf), &c); err != nil {
		return nil, fmt.Errorf("the fields of conference %q: %v", slug, err)
	}
	c.Sessions = make([]data.Session, len(sessions))
	sb := b.Bucket(bucketSessions)
	for k, i := range sessions {
		var v []byte
		if sb != nil {
			v = sb.Get(seqKey(i))
		}
		if err := decodeSession(v, &c.Sessions[k]); err != nil {
			return nil, fmt.Errorf("session %d of %q: %v", i, slug, err)
		}
	}
	c.Speakers = make([]data.Speaker, len(speakers))
	spb := b.Bucket(bucketSpeakers)
	for k, i := range speakers {
		var v []byte
		if spb != nil {
			v = spb.Get(seqKey(i))
		}
		if err := decodeSpeaker(v, &c.Speakers[k]); err != nil {
			return nil, fmt.Errorf("speaker %d of %q: %v", i, slug, err)
		}
	}
	c.Prepare()
	return &c, nil
}
