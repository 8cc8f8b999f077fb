package main

import (
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
