package data

import (
	"strings"
	"testing"
)

func TestCombinedRating(t *testing.T) {
	for _, tc := range []struct {
		pub   *Rating
		mine  int
		avg   float64
		count int
	}{
		{&Rating{4, 4}, 5, 4.2, 5},
		{&Rating{4, 4}, 0, 4, 4},
		{nil, 3, 3, 1},
		{nil, 0, 0, 0},
		{&Rating{0, 0}, 2, 2, 1},
	} {
		avg, n := CombinedRating(tc.pub, tc.mine)
		if n != tc.count || avg < tc.avg-1e-9 || avg > tc.avg+1e-9 {
			t.Errorf("CombinedRating(%v, %d) = %v, %d; want %v, %d", tc.pub, tc.mine, avg, n, tc.avg, tc.count)
		}
	}
}

func TestCheckNote(t *testing.T) {
	if MaxNoteBytes < 64000 {
		t.Fatalf("MaxNoteBytes %d: notes must hold at least 64 KB", MaxNoteBytes)
	}
	if err := CheckNote(strings.Repeat("é", MaxNoteBytes/2)); err != nil {
		t.Errorf("a note of exactly the limit: %v", err)
	}
	err := CheckNote(strings.Repeat("x", 100_000))
	if err == nil || !strings.Contains(err.Error(), "98 KiB") || !strings.Contains(err.Error(), "64 KiB") {
		t.Errorf("a 100 KB note: %v", err)
	}
}
