package data_test

import (
	"sync"
	"testing"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/synth"
)

var (
	benchMu   sync.Mutex
	benchIdx  = map[int]*data.Index{}
)

func benchIndex(b *testing.B, n int) *data.Index {
	benchMu.Lock()
	defer benchMu.Unlock()
	if ix, ok := benchIdx[n]; ok {
		return ix
	}
	ix := data.NewIndex(synth.Generate(n, 1))
	benchIdx[n] = ix
	return ix
}

var benchQueries = []string{"k", "ku", "kube", "latency", "kube lat", "mülr", "xyzzyq", "observability pipelines"}

func benchSearch(b *testing.B, n int) {
	ix := benchIndex(b, n)
	for _, q := range benchQueries {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			hits := 0
			for b.Loop() {
				ix.Forget() // a fresh scan every time, not a narrowed one
				hits = len(ix.Run(data.Query{Text: q}, nil))
			}
			b.ReportMetric(float64(hits), "hits")
		})
	}
}

func BenchmarkSearch10k(b *testing.B)  { benchSearch(b, 10_000) }
func BenchmarkSearch100k(b *testing.B) { benchSearch(b, 100_000) }
