package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// migration moves a store from version-1 to version.
type migration struct {
	version int
	what    string
	apply   func(tx *bolt.Tx) error
}

// migrations are applied in order; a store records the last one it has.
// Append only: never change or reorder a released migration.
var migrations = []migration{
	{1, "create the bucket tree", migrateTree},
	{2, "index the conferences", migrateConferenceIndex},
}

// SchemaVersion is the store schema this binary writes.
var SchemaVersion = uint64(len(migrations))

// runMigrations applies every migration after version from, inside tx, and
// records the new version.
func runMigrations(tx *bolt.Tx, from uint64) error {
	for _, m := range migrations {
		if uint64(m.version) <= from {
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
