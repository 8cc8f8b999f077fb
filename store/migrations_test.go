package store

import "testing"

// The migrations are numbered 1, 2, … in order, so the schema version (the
// length of the list) is the number of the last one.
func TestMigrationsInOrder(t *testing.T) {
	for i, m := range migrations {
		if m.version != uint64(i+1) {
			t.Errorf("migration %d (%s) is numbered %d", i+1, m.what, m.version)
		}
	}
}
