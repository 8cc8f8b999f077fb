package store

import "syscall"

// dropPages takes the pages at [addr, addr+n) of a read-only file mapping
// out of the process's resident set (MADV_DONTNEED: the file and the page
// cache keep them).
func dropPages(addr, n uintptr) {
	syscall.Syscall(syscall.SYS_MADVISE, addr, n, syscall.MADV_DONTNEED)
}
