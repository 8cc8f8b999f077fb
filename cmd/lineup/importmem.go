package main

import (
	"bytes"
	"io"
	"os"
	"runtime/debug"
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
