package bigmem

import (
	"bytes"
	"os"
	"syscall"
	"testing"
	"unsafe"
)

// Pages of a read-only file mapping that were let go of read the same
// again: they come back from the file.
func TestDropKeepsAFileMappingReadable(t *testing.T) {
	page := os.Getpagesize()
	want := bytes.Repeat([]byte("lineup "), 3*page)
	path := t.TempDir() + "/f"
	if err := os.WriteFile(path, want, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := syscall.Mmap(int(f.Fd()), 0, len(want), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		t.Skip(err)
	}
	defer syscall.Munmap(m)
	if !bytes.Equal(m, want) {
		t.Fatal("the mapping does not show the file")
	}
	DropBytes(m[page : 3*page])
	Drop(uintptr(unsafe.Pointer(&m[0])), uintptr(page))
	if !bytes.Equal(m, want) {
		t.Fatal("pages let go of read differently")
	}
}
