//go:build !linux

package bigmem

// adviseHuge does nothing: the pages come as the system gives them.
func adviseHuge(addr, n uintptr) {}
