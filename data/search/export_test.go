package search

// What only the tests need.

// Forget drops what the index remembers of the last search, so that the
// next Run scans every session (results are the same either way).
func (ix *Index) Forget() {
	ix.mu.Lock()
	ix.last = narrowCache{}
	ix.mu.Unlock()
}
