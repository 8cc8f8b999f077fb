//go:build !linux

package bigmem

// adviseHuge does nothing: the pages come as the system gives them.
func adviseHuge(addr, n uintptr) {}

// adviseDrop does nothing where it is not known to be harmless: the pages
// stay mapped until the mapping is closed.
func adviseDrop(addr, n uintptr) {}
