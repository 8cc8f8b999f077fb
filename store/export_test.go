package store

// What the external tests (package store_test) use of the package's insides.
var (
	EncodeSession = encodeSession
	EncodeSpeaker = encodeSpeaker
	MigrateTree   = migrateTree
	SameSession   = sameSession
)
