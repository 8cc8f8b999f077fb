package store

// What the external tests (package store_test) use of the package's insides.
var (
	EncodeSession = encodeSession
	EncodeSpeaker = encodeSpeaker
	MigrateTree   = migrateTree
	SameSession   = sameSession
)

// WholeChecks is how many times s has checked the whole file before a write.
func (s *Store) WholeChecks() int64 { return s.verified.Load() }

// SetStagedSessions sets the size of schedule Replace stages from, until
// the test ends.
func SetStagedSessions(t interface{ Cleanup(func()) }, n int) {
	old := stagedSessions
	stagedSessions = n
	t.Cleanup(func() { stagedSessions = old })
}

// BucketStaging is the name of the bucket a staged import writes into.
var BucketStaging = bucketStaging
