package data_test

import (
	"math/rand/v2"
	"testing"

	"github.com/lineup-tui/lineup/data/synth"
)

// BenchmarkPrepareShuffled100k puts a 100,000-session programme read in
// no particular order into programme order, as every import does.
func BenchmarkPrepareShuffled100k(b *testing.B) {
	c := synth.Generate(100_000, 1)
	r := rand.New(rand.NewPCG(1, 2))
	for b.Loop() {
		b.StopTimer()
		r.Shuffle(len(c.Sessions), func(i, j int) { c.Sessions[i], c.Sessions[j] = c.Sessions[j], c.Sessions[i] })
		b.StartTimer()
		c.Prepare()
	}
}
