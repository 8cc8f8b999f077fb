package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// migration moves a store from version-1 to version.
type migration struct {
	version uint64
	what    string
	apply   func(tx *bolt.Tx) error
}

// migrations are applied in order; a store records the last one it has.
// Append only: never change or reorder a released migration. The list is an
// array so that its length, the schema version, is a constant.
var migrations = [...]migration{
	{1, "create the bucket tree", migrateTree},
	{2, "index the conferences", migrateConferenceIndex},
	{3, "record where URL-imported schedules come from", migrateSources},
	{4, "write the search snapshots", migrateSearchSnapshots},
	{5, "key personal data by identity and count the ratings", migratePeople},
	{6, "rewrite the search snapshots without tracks and levels", migrateSnapshotLooks},
}

// SchemaVersion is the store schema this binary writes: the number of
// migrations.
const SchemaVersion = uint64(len(migrations))

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

// knownVersion is readVersion refusing a file from a newer lineup.
func (s *Store) knownVersion(tx *bolt.Tx) (uint64, error) {
	v, err := s.readVersion(tx)
	if err == nil && v > SchemaVersion {
		return 0, s.newer(v)
	}
	return v, err
}

// checkCurrent fails unless the file is a lineup store at this binary's schema.
func (s *Store) checkCurrent(tx *bolt.Tx) error {
	v, err := s.knownVersion(tx)
	if err == nil && v < SchemaVersion {
		return s.older(v)
	}
	return err
}

// upgrade runs the migrations a file at an older schema version needs, and
// refuses a file from a newer lineup.
func (s *Store) upgrade(tx *bolt.Tx) error {
	v, err := s.knownVersion(tx)
	if err != nil {
		return err
	}
	return runMigrations(tx, v)
}

// migrate runs the pending migrations in one read-write transaction.
func (s *Store) migrate() error { return s.once(true, 0, s.upgrade) }

// runMigrations applies every migration after version from, inside tx, and
// records the new version.
func runMigrations(tx *bolt.Tx, from uint64) error {
	for _, m := range migrations {
		if m.version <= from {
			continue
		}
		if err := m.apply(tx); err != nil {
			return fmt.Errorf("updating the store to schema %d (%s): %w", m.version, m.what, err)
		}
	}
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return fmt.Errorf("updating the store: the meta bucket is missing")
	}
	return meta.Put(keyVersion, binary.BigEndian.AppendUint64(nil, SchemaVersion))
}

// migrateTree (1) creates the top-level buckets and the lineup marker.
func migrateTree(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketMeta, bucketSchedules, bucketPersonal} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketMeta).Put(keyMagic, magic)
}

// migrateConferenceIndex (2) adds index/conferences, one ConferenceInfo a
// schedule, so listing conferences does not open every schedule.
func migrateConferenceIndex(tx *bolt.Tx) error {
	ib, err := makeBucket(tx, bucketIndex, bucketConferences)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketSchedules).ForEachBucket(func(slug []byte) error {
		cb := tx.Bucket(bucketSchedules).Bucket(slug)
		var ci ConferenceInfo
		if err := json.Unmarshal(cb.Get(keyConf), &ci); err != nil {
			return fmt.Errorf("conference %q: %w", slug, err)
		}
		ci.Slug = string(slug)
		ci.Sessions = 0
		if sb := cb.Bucket(bucketSessions); sb != nil {
			ci.Sessions = sb.Stats().KeyN
		}
		v, err := json.Marshal(ci)
		if err != nil {
			return err
		}
		return ib.Put(slug, v)
	})
}

// migratePeople (5) moves personal/<slug>/… (one person's data) to
// people/local/<slug>/…, the local identity's, and counts every rating in
// ratings/<slug>/<id>. The records are copied byte for byte.
func migratePeople(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketPeople, bucketRatings} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	old := tx.Bucket(bucketPersonal)
	if old == nil {
		return nil
	}
	err := old.ForEachBucket(func(slug []byte) error {
		src := old.Bucket(slug)
		dst, err := makeBucket(tx, bucketPeople, []byte(LocalIdentity), slug)
		if err != nil {
			return err
		}
		if v := src.Get(keyView); v != nil {
			if err := dst.Put(keyView, bytes.Clone(v)); err != nil {
				return err
			}
		}
		ss := src.Bucket(bucketSessions)
		if ss == nil {
			return nil
		}
		ds, err := dst.CreateBucketIfNotExists(bucketSessions)
		if err != nil {
			return err
		}
		return ss.ForEach(func(id, v []byte) error {
			var p struct {
				Rating int `json:"rating"`
			}
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("personal record %q of %q: %w", id, slug, err)
			}
			if err := ds.Put(bytes.Clone(id), bytes.Clone(v)); err != nil {
				return err
			}
			return retally(tx, string(slug), string(id), 0, p.Rating)
		})
	})
	if err != nil {
		return err
	}
	return tx.DeleteBucket(bucketPersonal)
}
