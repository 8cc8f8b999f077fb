package data

import (
	"fmt"
	"time"
)

// MaxRating is the highest rating a person can give; ratings run from 1 to
// MaxRating, and 0 means "not rated". This is the one place that says so:
// the CLI, the TUI and the store check ratings with ValidRating,
// CheckRating and ValidMinRating.
const MaxRating = 5

// ValidRating reports whether r is a rating a person can record: 1 to
// MaxRating, or 0 for none.
func ValidRating(r int) bool { return r >= 0 && r <= MaxRating }

// CheckRating returns an error when r is not a rating a person can record.
func CheckRating(r int) error {
	if !ValidRating(r) {
		return fmt.Errorf("rating %d is out of range: use 1 to %d, or 0 to clear", r, MaxRating)
	}
	return nil
}

// ValidMinRating reports whether m can be a minimum rating filter
// (Query.MinRating): 0 (off) to MaxRating.
func ValidMinRating(m float64) bool { return m >= 0 && m <= MaxRating }

// MaxNoteBytes is the most a note on a session may hold: 64 KiB of UTF-8
// (65,536 bytes, some 10,000 words). The CLI, the TUI and the store all check
// notes with CheckNote; a longer note is refused whole, never cut.
const MaxNoteBytes = 64 << 10

// CheckNote returns an error when note is longer than MaxNoteBytes.
func CheckNote(note string) error {
	if len(note) > MaxNoteBytes {
		return fmt.Errorf("the note is %s; a note holds at most %s: shorten it, nothing was saved", KiB(len(note)), KiB(MaxNoteBytes))
	}
	return nil
}

// KiB is n bytes in KiB, rounded up, as "64 KiB".
func KiB(n int) string { return fmt.Sprintf("%d KiB", (n+1023)/1024) }

// Personal is what one person added to one session: their rating (0 = none,
// 1–5), whether it is starred for their agenda, and a free-text note.
type Personal struct {
	Rating  int       `json:"rating,omitempty"`
	Starred bool      `json:"starred,omitempty"`
	Note    string    `json:"note,omitempty"`
	Updated time.Time `json:"updated,omitzero"`
	// Title is the session's title when the person last changed this record,
	// so that a session which leaves the schedule can still be named.
	Title string `json:"title,omitempty"`
}

// Empty reports whether nothing is recorded (the remembered title alone is
// nothing).
func (p Personal) Empty() bool { return p.Rating == 0 && !p.Starred && p.Note == "" }

// CombinedRating merges a published rating with the person's own (0 = none):
// published 4.00 from 4 plus a 5 gives 4.20 from 5. With neither it returns 0, 0.
func CombinedRating(pub *Rating, mine int) (avg float64, count int) {
	var sum float64
	if pub != nil && pub.Count > 0 {
		sum = pub.Average * float64(pub.Count)
		count = pub.Count
	}
	if mine > 0 {
		sum += float64(mine)
		count++
	}
	if count == 0 {
		return 0, 0
	}
	return sum / float64(count), count
}
