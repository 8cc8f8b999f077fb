package main

import (
	"os"
	"syscall"
)

var pageSize = os.Getpagesize()

// mapFile maps the first size bytes of f into memory, read-only, or
// returns nil when it cannot.
func mapFile(f *os.File, size int64) *importInput {
	if size < mapMin || int64(int(size)) != size {
		return nil
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		return nil
	}
	in := &importInput{b: b, free: func() { syscall.Munmap(b) }}
	in.track()
	return in
}
