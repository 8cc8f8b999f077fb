//go:build !unix

package layout

import "testing"

func reportCPU(b *testing.B, body func()) {
	for b.Loop() {
		body()
	}
}
