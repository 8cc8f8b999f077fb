package main

import (
	"bytes"
	"fmt"
	"github.com/lineup-tui/lineup/data/bigmem"
	"io"
	"os"
	"runtime/debug"
	"sync"
	"unsafe"

	"github.com/lineup-tui/lineup/data/formats"
)

// importMemoryLimit is the soft heap limit while a schedule is imported.
const importMemoryLimit = 320 << 20

// boundImportMemory undoes tuneGC's trade of memory for speed for an
// import: an import runs once, and a big schedule held at five times its
// live heap (GOGC=400) took 650–770 MB for 100,000 sessions. Collecting at
// each doubling, with a soft limit, keeps it near 430 MB. GOGC and
// GOMEMLIMIT in the environment still win.
func boundImportMemory() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(100)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(importMemoryLimit)
	}
}

// readSized reads r, which says it holds about size bytes, up to limit+1
// bytes, into a buffer made that size at once: io.ReadAll's buffer grows a
// step at a time, and a 160 MB schedule then passed through a few hundred
// MB of copies, which set the import's peak memory.
func readSized(r io.Reader, size, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(int(min(max(size, 0), limit)) + 512)
	_, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	return buf.Bytes(), err
}

// mapMin is the size from which a schedule file is mapped into memory
// (mapFile) instead of read.
const mapMin = 1 << 20

// importInput is the bytes of a schedule file. A big file is mapped into
// memory where the system allows it (importmap_linux.go): its pages are
// then not part of the heap, and the reader lets go of them as it goes
// (formats.Options.Release), so that the file and the conference it
// becomes are not both held at once. While the file is mapped, the heap's
// soft limit is lowered by as much of the file as may be in memory.
type importInput struct {
	b    []byte
	free func() // unmaps b; nil when b was read

	mu       sync.Mutex
	dropped  []bool // per page of b: let go of since it was last read whole
	resident int    // bytes of b not let go of
	limit    bool   // the heap limit follows resident
}

// bytes is the file's content.
func (in *importInput) bytes() []byte { return in.b }

// options sets the reader's hooks for a mapped file.
func (in *importInput) options(o *formats.Options) {
	if in.free == nil {
		return
	}
	o.Release = in.release
	o.Reread = in.reread
}

// track starts following the mapped file in the heap limit.
func (in *importInput) track() {
	in.dropped = make([]bool, (len(in.b)+pageSize-1)/pageSize)
	in.resident = len(in.b)
	in.limit = os.Getenv("GOMEMLIMIT") == ""
	in.setLimit()
}

func (in *importInput) setLimit() {
	if in.limit {
		debug.SetMemoryLimit(int64(max(importMemoryLimit-in.resident, importMemoryLimit/4)))
	}
}

// release lets go of the whole pages of part, a part of the file.
func (in *importInput) release(part []byte) {
	if len(part) == 0 || len(in.b) == 0 {
		return
	}
	off := int(uintptr(unsafe.Pointer(unsafe.SliceData(part))) - uintptr(unsafe.Pointer(unsafe.SliceData(in.b))))
	if off < 0 || off+len(part) > len(in.b) {
		return
	}
	lo := (off + pageSize - 1) / pageSize
	hi := (off + len(part)) / pageSize
	if off+len(part) == len(in.b) {
		hi = len(in.dropped) // the last page, even if not whole
	}
	if hi <= lo {
		return
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	bigmem.DropBytes(in.b[lo*pageSize : min(hi*pageSize, len(in.b))])
	for p := lo; p < hi; p++ {
		if !in.dropped[p] {
			in.dropped[p] = true
			in.resident -= min(pageSize, len(in.b)-p*pageSize)
		}
	}
	in.setLimit()
}

// reread is told that the reader reads all of the file again.
func (in *importInput) reread() {
	in.mu.Lock()
	defer in.mu.Unlock()
	clear(in.dropped)
	in.resident = len(in.b)
	in.setLimit()
}

// close unmaps a mapped file and puts the heap limit back.
func (in *importInput) close() {
	if in.free == nil {
		return
	}
	in.free()
	in.free, in.b = nil, nil
	if in.limit {
		debug.SetMemoryLimit(importMemoryLimit)
	}
}

// parseInput is formats.Parse of in. A mapped file cut short while it is
// read faults when the missing part is read: that is an error, not a crash.
func parseInput(in *importInput, f formats.Format, opt formats.Options) (res *formats.Result, err error) {
	if in.free != nil {
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() {
			if r := recover(); r != nil {
				if _, fault := r.(interface{ Addr() uintptr }); !fault {
					panic(r)
				}
				res, err = nil, fmt.Errorf("the file changed while it was read")
			}
		}()
		in.options(&opt)
	}
	return formats.Parse(in.bytes(), f, opt)
}
