package store_test

import (
	"fmt"
	"testing"

	"github.com/lineup-tui/lineup/data/synth"
	"github.com/lineup-tui/lineup/store/storetest"
)

// BenchmarkDecode loads a whole conference of 10k and of 100k sessions:
// the cost per session (ns/session) is the same at both sizes, or lower
// at the larger (the open and the check of the file are shared).
func BenchmarkDecode(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			st := storetest.Open(b)
			c := synth.Generate(n, 1)
			if _, err := st.PutConference(c); err != nil {
				b.Fatal(err)
			}
			slug := c.Slug
			c = nil
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				got, err := st.Conference(slug)
				if err != nil || len(got.Sessions) != n {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/session")
		})
	}
}

// BenchmarkImport100k stores a conference of 100k sessions in a new store
// (staged: sessions, speakers and the search snapshot, then the move into
// place). B/op is what it allocates; the whole process's peak memory is
// cmd/lineup's BenchmarkImportProcess.
func BenchmarkImport100k(b *testing.B) {
	c := synth.Generate(100_000, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		st := storetest.Open(b)
		b.StartTimer()
		if _, err := st.ImportConference(c); err != nil {
			b.Fatal(err)
		}
	}
}
