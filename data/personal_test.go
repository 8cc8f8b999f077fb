package data

import (
	"strings"
	"testing"
	"time"
)

func TestCombinedRating(t *testing.T) {
	for _, tc := range []struct {
		pub    *Rating
		others Tally
		mine   int
		avg    float64
		count  int
	}{
		{&Rating{4, 4}, Tally{}, 5, 4.2, 5},
		{&Rating{4, 4}, Tally{}, 0, 4, 4},
		{nil, Tally{}, 3, 3, 1},
		{nil, Tally{}, 0, 0, 0},
		{&Rating{0, 0}, Tally{}, 2, 2, 1},
		// Published 4.00 from 4, two other people gave 3 and 5, and mine is 1.
		{&Rating{4, 4}, Tally{2, 8}, 1, 25.0 / 7, 7},
		{nil, Tally{1, 5}, 0, 5, 1},
		{nil, Tally{}.Add(4).Add(2).Remove(4).Add(5), 0, 3.5, 2},
	} {
		avg, n := CombinedRating(tc.pub, tc.others, tc.mine)
		if n != tc.count || avg < tc.avg-1e-9 || avg > tc.avg+1e-9 {
			t.Errorf("CombinedRating(%v, %v, %d) = %v, %d; want %v, %d", tc.pub, tc.others, tc.mine, avg, n, tc.avg, tc.count)
		}
	}
}

func TestTouchStampsChangedFields(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	t1 := t0.Add(time.Hour)
	old := Personal{Rating: 3, Note: "a", Updated: t0}
	p := old
	p.Rating = 4
	p.Touch(old, t1)
	if !p.RatingAt.Equal(t1) || !p.StarredAt.IsZero() || !p.NoteAt.IsZero() || !p.Updated.Equal(t1) {
		t.Errorf("Touch after a rating: %+v", p)
	}
	if !p.At(FieldNote).Equal(t1) {
		// The note has no time of its own: Updated stands in.
		t.Errorf("At(note) = %v, want Updated %v", p.At(FieldNote), t1)
	}
	if !p.At(FieldStarred).IsZero() {
		// Never starred: no time at all, so any star from elsewhere wins.
		t.Errorf("At(starred) = %v for a field never set", p.At(FieldStarred))
	}
}

func TestMergePersonalNewerWinsPerField(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	have := Personal{Rating: 3, RatingAt: at(1), Starred: true, StarredAt: at(5), Note: "mine", NoteAt: at(1), Updated: at(5), Title: "T"}
	in := Personal{Rating: 5, RatingAt: at(2), Starred: false, StarredAt: at(3), Note: "theirs", NoteAt: at(0), Updated: at(3)}
	got, changed := MergePersonal(have, in)
	if !changed {
		t.Fatal("merge with a newer rating reported no change")
	}
	if got.Rating != 5 || !got.RatingAt.Equal(at(2)) {
		t.Errorf("rating: newer incoming 5 should win, got %d at %v", got.Rating, got.RatingAt)
	}
	if !got.Starred {
		t.Error("star: the newer local star should stay")
	}
	if got.Note != "mine" {
		t.Errorf("note: the newer local note should stay, got %q", got.Note)
	}
	if got.Title != "T" || !got.Updated.Equal(at(5)) {
		t.Errorf("title/updated: %q %v", got.Title, got.Updated)
	}
	// The same merge again changes nothing; so does an equal time.
	if _, changed := MergePersonal(got, in); changed {
		t.Error("merging the same record twice changed it again")
	}
	if _, changed := MergePersonal(have, Personal{Rating: 1, RatingAt: at(1)}); changed {
		t.Error("a tie in time replaced the record kept here")
	}
	// Old records without field times: Updated decides.
	oldHave := Personal{Rating: 2, Updated: at(1)}
	got, _ = MergePersonal(oldHave, Personal{Rating: 4, Note: "n", Updated: at(2)})
	if got.Rating != 4 || got.Note != "n" {
		t.Errorf("old-style records: %+v", got)
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
