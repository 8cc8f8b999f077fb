package data

import "testing"

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
