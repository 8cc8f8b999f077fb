// Package store keeps lineup's conferences, and what the person adds to them,
// in one bbolt file.
//
// The bucket tree:
//
//	meta/
//	    magic          → "lineup" (marks the file as a lineup store)
//	    version        → schema version, uint64 big-endian
//	    current        → slug of the conference used last
//	    theme          → "dark" or "light" when chosen with --theme (no
//	                     key: auto); a key older versions never read, so
//	                     it needs no migration
//	schedules/                        sessions/speakers/conf replaced by an import
//	    <slug>/
//	        conf       → conference fields as JSON (no sessions, no speakers)
//	        search/                   (schema 4)
//	            snapshot → the search snapshot (search.EncodeSnapshot): what
//	                     a search and the CLI's session lines need, read in
//	                     place with one Get. Alone in its bucket, under an
//	                     8-byte key, it lies 8-byte aligned in the file, so
//	                     its arrays are used where they are, not copied.
//	        sessions/
//	            <seq>  → one session in the binary codec (codec.go); the
//	                     key is its place in programme order, uint32
//	                     big-endian, so a load needs no sorting
//	        speakers/
//	            <seq>  → one speaker in the binary codec, in schedule order
//	        source     → Source as JSON, for a schedule fetched from a URL
//	                     (schema 3): the address without credentials, the
//	                     import options, validators, last fetch and check
//	        first      → when the conference was first stored, RFC 3339
//	                     (schema 3; the DTSTAMP of calendar events that
//	                     never changed)
//	        changes/   → kept across imports (schema 3)
//	            <seq>  → one changes.Set as JSON, uint64 big-endian key in
//	                     the order recorded; the last MaxChangeSets are kept
//	people/                           never touched by an import (schema 5)
//	    <identity>/                   "local" for the person at this machine;
//	                                  an SSH key's "SHA256:…" fingerprint on a server
//	        <slug>/
//	            sessions/
//	                <id>   → data.Personal as JSON (rating, starred, note
//	                         and when each changed)
//	            view       → the TUI's view state, JSON the store does not read
//	ratings/                          (schema 5)
//	    <slug>/
//	        <id>       → data.Tally of every identity's rating of the session:
//	                     count and sum, two uint64 big-endian; kept in step
//	                     with people/ in the transaction that changes a rating
//	index/                            (schema 2)
//	    conferences/
//	        <slug>     → ConferenceInfo as JSON, so listing needs no decoding
//	staging/                          only while a big schedule is imported
//	    sessions/, speakers/, search/ → the new schedule's buckets, written
//	                     over several transactions and then moved into
//	                     schedules/<slug>/ by the last (staged.go); one left
//	                     by an import that was killed is deleted by the next
//
// (Schema 1 to 3 kept one person's data in personal/<slug>/…; migration 4
// moves it to people/local/<slug>/… and counts the ratings.)
//
// Schedules and personal data live in separate trees, so an import can
// replace a schedule without touching a rating or a note. Personal data is
// keyed by identity, conference slug and session id; a session that
// disappears from a schedule keeps its personal records (orphans) until
// they are removed. A Store reads and writes the personal layer of one
// identity (LocalIdentity unless made with As); stars, notes and view state
// are that identity's alone, while ratings are also counted in ratings/, so
// everyone sees the combined figure (data.CombinedRating).
//
// The store does not keep the file open. Open checks the file (read-only
// first, so a file that is not a lineup store or is damaged is never
// written), runs pending migrations in one read-write transaction, seeds the
// built-in conference on first run, and closes it again. Every method then
// opens the file for one short transaction: read-only with a shared lock for
// reads, read-write with an exclusive lock for writes. A second process can
// thus use the store while the TUI is open; one that finds the file locked
// waits about a second and fails with ErrLocked instead of hanging.
//
// The exception is a server (Hold): it keeps the file open for its lifetime
// and runs the writes of all its connections through bbolt's Batch, many to
// a transaction. A note beside the file says so, and other lineup processes
// that find it locked tell the person to use the server over SSH.
//
// One file per concern:
//
//	buckets.go     this tree: bucket and key names, nested-bucket helpers
//	db.go          Store, Open, the file and lock checks, one transaction a call
//	errors.go      the error kinds and their messages
//	migrations.go  the schema version and the ordered list of migrations
//	schedules.go   conferences: list, load, import, remove, the current one
//	staged.go      a big schedule imported in stages, never all in memory
//	live.go        where a schedule was fetched from, and its change sets
//	personal.go    ratings, stars and notes of one identity; the rating tallies
//	mine.go        a person's data across conferences, and merging an import
//	held.go        a store held open by a server, with batched writes
//	settings.go    the person's settings (the theme)
//	viewstate.go   the TUI's saved view of a conference
//	codec.go       the binary form of sessions and speakers
//	search.go      the search snapshot: read with the person's data
//
// Tests elsewhere open a store with the storetest package, which checks the
// file's consistency when the test ends.
package store

import (
	"encoding/binary"

	bolt "go.etcd.io/bbolt"
)

// Bucket and key names: the only place they are spelled.
var (
	bucketMeta        = []byte("meta")
	bucketSchedules   = []byte("schedules")
	bucketPersonal    = []byte("personal") // schema 1–4; see migratePeople
	bucketPeople      = []byte("people")
	bucketRatings     = []byte("ratings")
	bucketIndex       = []byte("index")
	bucketSessions    = []byte("sessions")
	bucketSpeakers    = []byte("speakers")
	bucketConferences = []byte("conferences")
	bucketChanges     = []byte("changes")

	keyMagic     = []byte("magic")
	keyVersion   = []byte("version")
	keyCurrent   = []byte("current")
	keyTheme     = []byte("theme")
	keyConf      = []byte("conf")
	keyView      = []byte("view")
	keySource    = []byte("source")
	keyFirst     = []byte("first")
	bucketSearch = []byte("search")
	keySnapshot  = []byte("snapshot")

	magic = []byte("lineup")
)

// bucket walks a path of nested buckets, returning nil when one is missing.
func bucket(tx *bolt.Tx, path ...[]byte) *bolt.Bucket {
	b := tx.Bucket(path[0])
	for _, name := range path[1:] {
		if b == nil {
			return nil
		}
		b = b.Bucket(name)
	}
	return b
}

// makeBucket walks a path of nested buckets, creating the missing ones.
func makeBucket(tx *bolt.Tx, path ...[]byte) (*bolt.Bucket, error) {
	b, err := tx.CreateBucketIfNotExists(path[0])
	for _, name := range path[1:] {
		if err != nil {
			return nil, err
		}
		b, err = b.CreateBucketIfNotExists(name)
	}
	return b, err
}

// dropBucket deletes the bucket name inside the bucket at parent, if both
// are there, and says whether it was.
func dropBucket(tx *bolt.Tx, parent, name []byte) (bool, error) {
	b := tx.Bucket(parent)
	if b == nil || b.Bucket(name) == nil {
		return false, nil
	}
	return true, b.DeleteBucket(name)
}

// seqKey is the key of the i-th item of an ordered bucket.
func seqKey(i int) []byte { return binary.BigEndian.AppendUint32(nil, uint32(i)) }
