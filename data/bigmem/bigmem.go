// Package bigmem gives the system advice on large regions of memory, the
// one place lineup does.
//
// Hint asks for huge pages under large slices that are about to be filled.
// Filling fresh memory is mostly the kernel faulting it in a 4 KiB page at
// a time, zeroed; in 2 MiB pages the same fill faults 512 times less.
// Loading a 100,000-session conference fills about 120 MB of new memory
// (its search snapshot and its sessions), and its first frame waited most
// on those faults.
//
// Drop lets go of pages of a read-only file mapping already read (the
// store's map while sessions are streamed out, an imported file as it is
// read), so that they stop counting in the process's memory.
package bigmem

import "unsafe"

// HugePage is the size of a huge page where this package asks for them.
const HugePage = 2 << 20

// Hint asks for huge pages under the whole huge pages inside s, before s
// is filled: on Linux with transparent huge pages on request (madvise, the
// usual setting), pages not yet touched then come as huge pages when the
// kernel has them. Elsewhere, or for a slice under two huge pages, it does
// nothing; contents and behaviour never change.
//
// It is for large slices made once and kept, not for ones made anew at
// each key press: a region stays marked after s is freed, and the heap
// reuses it for other things.
func Hint[T any](s []T) {
	if len(s) == 0 {
		return
	}
	size := uintptr(len(s)) * unsafe.Sizeof(s[0])
	if size < 2*HugePage {
		return
	}
	start := uintptr(unsafe.Pointer(&s[0]))
	lo := (start + HugePage - 1) &^ (HugePage - 1)
	hi := (start + size) &^ (HugePage - 1)
	if hi > lo {
		adviseHuge(lo, hi-lo)
	}
}

// Drop takes the pages at [addr, addr+n) of a read-only file mapping out
// of the process's resident set (MADV_DONTNEED on Linux; elsewhere nothing):
// the file and the page cache keep them, and a page read again is mapped
// again. addr and n must be whole pages.
func Drop(addr, n uintptr) {
	if n > 0 {
		adviseDrop(addr, n)
	}
}

// DropBytes is Drop for the pages of b, which must start on a page and be
// whole pages but for the mapping's last.
func DropBytes(b []byte) {
	if len(b) > 0 {
		adviseDrop(uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
	}
}
