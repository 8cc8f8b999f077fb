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
// 1–5), whether it is starred for their agenda, and a free-text note, each
// with the time it last changed.
type Personal struct {
	Rating  int       `json:"rating,omitempty"`
	Starred bool      `json:"starred,omitempty"`
	Note    string    `json:"note,omitempty"`
	Updated time.Time `json:"updated,omitzero"`
	// RatingAt, StarredAt and NoteAt are when each field last changed;
	// records written before they existed have only Updated (see At).
	RatingAt  time.Time `json:"rating_at,omitzero"`
	StarredAt time.Time `json:"starred_at,omitzero"`
	NoteAt    time.Time `json:"note_at,omitzero"`
	// Title is the session's title when the person last changed this record,
	// so that a session which leaves the schedule can still be named.
	Title string `json:"title,omitempty"`
}

// Empty reports whether nothing is recorded (the remembered title alone is
// nothing).
func (p Personal) Empty() bool { return p.Rating == 0 && !p.Starred && p.Note == "" }

// Field names one of the three things a person records on a session.
type Field int

const (
	FieldRating Field = iota
	FieldStarred
	FieldNote
)

// At is when field last changed: its own time; else, for a field that has a
// value (a record written before fields had times), Updated; else never
// (the zero time).
func (p Personal) At(f Field) time.Time {
	t := [...]time.Time{p.RatingAt, p.StarredAt, p.NoteAt}[f]
	set := [...]bool{p.Rating != 0, p.Starred, p.Note != ""}[f]
	if t.IsZero() && set {
		return p.Updated
	}
	return t
}

// Touch records a change made at now from old to p: Updated, and the time
// of each field that differs from old.
func (p *Personal) Touch(old Personal, now time.Time) {
	p.Updated = now
	if p.Rating != old.Rating {
		p.RatingAt = now
	}
	if p.Starred != old.Starred {
		p.StarredAt = now
	}
	if p.Note != old.Note {
		p.NoteAt = now
	}
}

// MergePersonal combines two records of one session, field by field: for the
// rating, the star and the note, the one changed later wins (At); on a tie,
// have stays. A field of in with no time (neither its own nor Updated) never
// wins. The title comes along when have has none or a field was taken. It
// reports whether the result differs from have.
func MergePersonal(have, in Personal) (Personal, bool) {
	out, changed := have, false
	take := func(f Field) bool {
		at := in.At(f)
		if !at.After(have.At(f)) {
			return false
		}
		changed = true
		if at.After(out.Updated) {
			out.Updated = at
		}
		return true
	}
	if in.Rating != have.Rating && take(FieldRating) {
		out.Rating, out.RatingAt = in.Rating, in.At(FieldRating)
	}
	if in.Starred != have.Starred && take(FieldStarred) {
		out.Starred, out.StarredAt = in.Starred, in.At(FieldStarred)
	}
	if in.Note != have.Note && take(FieldNote) {
		out.Note, out.NoteAt = in.Note, in.At(FieldNote)
	}
	if !changed {
		return have, false
	}
	if in.Title != "" {
		out.Title = in.Title
	}
	return out, true
}

// Tally is the ratings people gave a session through lineup: how many and
// their sum. One identity counts once; re-rating replaces its rating.
type Tally struct {
	Count int
	Sum   int
}

// Add counts rating r (0, no rating, counts nothing).
func (t Tally) Add(r int) Tally {
	if r > 0 {
		t.Count++
		t.Sum += r
	}
	return t
}

// Remove takes rating r out of the tally (0 takes nothing).
func (t Tally) Remove(r int) Tally {
	if r > 0 {
		t.Count--
		t.Sum -= r
	}
	return t
}

// CombinedRating is the one rule for the rating lineup shows: the published
// figures, every other identity's rating (others) and the person's own
// (mine, 0 = none), each rating counted once. Published 4.00 from 4 plus a 5
// gives 4.20 from 5. With none at all it returns 0, 0.
func CombinedRating(pub *Rating, others Tally, mine int) (avg float64, count int) {
	var sum float64
	if pub != nil && pub.Count > 0 {
		sum = pub.Average * float64(pub.Count)
		count = pub.Count
	}
	if others.Count > 0 {
		sum += float64(others.Sum)
		count += others.Count
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

// SetOthers gives each session of c its tally of other people's ratings,
// from a map by session id; sessions missing from it get none.
func SetOthers(c *Conference, others map[string]Tally) {
	for i := range c.Sessions {
		// Only what changes is written, so a conference that several
		// readers share is never written to when nobody rated anything.
		if t := others[c.Sessions[i].ID]; c.Sessions[i].Others != t {
			c.Sessions[i].Others = t
		}
	}
}
