//go:build !linux

package store

// dropPages does nothing where it is not known to be harmless: the pages
// stay mapped until the store is closed.
func dropPages(addr, n uintptr) {}
