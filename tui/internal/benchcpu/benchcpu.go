// Package benchcpu reports the CPU time a benchmark's operation used. On a
// busy machine it says more about a benchmark's cost than the wall clock.
package benchcpu

import "testing"

// Report runs body under b.Loop and reports the CPU time per operation as
// "cpu-ns/op" where the platform can measure it.
func Report(b *testing.B, body func()) {
	start, ok := cpuTime()
	n := 0
	for b.Loop() {
		body()
		n++
	}
	if end, ok2 := cpuTime(); ok && ok2 && n > 0 {
		b.ReportMetric(float64(end-start)/float64(n), "cpu-ns/op")
	}
}
