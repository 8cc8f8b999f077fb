package bigmem

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// A hinted slice keeps what is written to it, small or large, of any type.
func TestHintKeepsContents(t *testing.T) {
	for _, n := range []int{0, 1, 4096, 2*HugePage - 1, 2 * HugePage, 5*HugePage + 123} {
		b := make([]byte, n)
		Hint(b)
		for i := range b {
			b[i] = byte(i * 7)
		}
		for i := range b {
			if b[i] != byte(i*7) {
				t.Fatalf("%d bytes: byte %d changed", n, i)
			}
		}
	}
	type rec struct {
		a string
		b int64
	}
	rs := make([]rec, 3*HugePage/int(unsafe.Sizeof(rec{})))
	Hint(rs)
	for i := range rs {
		rs[i] = rec{"x", int64(i)}
	}
	runtime.GC()
	for i := range rs {
		if rs[i].b != int64(i) || rs[i].a != "x" {
			t.Fatalf("record %d changed", i)
		}
	}
}

// On Linux with transparent huge pages on request, a hinted region is
// marked for them: the process's memory map says so.
func TestHintMarksTheRegion(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("huge page hints are Linux only")
	}
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || !bytes.Contains(mode, []byte("[madvise]")) {
		t.Skip("transparent huge pages are not on request here")
	}
	b := make([]byte, 8*HugePage)
	Hint(b)
	b[len(b)/2] = 1
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	mid := uintptr(unsafe.Pointer(&b[len(b)/2]))
	// Find the mapping that holds mid and look at its flags.
	inside := false
	for _, l := range strings.Split(string(smaps), "\n") {
		if lo, hi, ok := mapping(l); ok {
			inside = lo <= mid && mid < hi
			continue
		}
		if inside && strings.HasPrefix(l, "VmFlags:") {
			if !strings.Contains(l, " hg") {
				t.Fatalf("the hinted region's flags are %q, without hg", l)
			}
			return
		}
	}
	t.Fatal("no mapping holds the hinted slice")
}

// mapping reads the address range of a mapping's first line in smaps
// ("7f12a000-7f12c000 rw-p ...").
func mapping(line string) (lo, hi uintptr, ok bool) {
	r, _, _ := strings.Cut(line, " ")
	a, b, found := strings.Cut(r, "-")
	if !found {
		return 0, 0, false
	}
	x, err1 := strconv.ParseUint(a, 16, 64)
	y, err2 := strconv.ParseUint(b, 16, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uintptr(x), uintptr(y), true
}
