package bigmem

import "syscall"

// madvHugePage is MADV_HUGEPAGE, which package syscall does not name.
const madvHugePage = 14

// adviseHuge marks [addr, addr+n) for huge pages; a refusal (no huge page
// support, an older kernel) changes nothing, so its error is dropped.
func adviseHuge(addr, n uintptr) {
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, addr, n, madvHugePage)
}
