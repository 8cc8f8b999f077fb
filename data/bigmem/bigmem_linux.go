package bigmem

import "syscall"

// madvHugePage is MADV_HUGEPAGE, which package syscall does not name.
const madvHugePage = 14

// advise gives the kernel advice on [addr, addr+n); a refusal (no huge
// page support, an older kernel) changes nothing, so its error is dropped.
func advise(addr, n uintptr, advice int) {
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, addr, n, uintptr(advice))
}

func adviseHuge(addr, n uintptr) { advise(addr, n, madvHugePage) }

func adviseDrop(addr, n uintptr) { advise(addr, n, syscall.MADV_DONTNEED) }
