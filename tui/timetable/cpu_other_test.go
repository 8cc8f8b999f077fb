//go:build !unix

package timetable

import "testing"

func reportCPU(b *testing.B, body func()) {
	for b.Loop() {
		body()
	}
}
