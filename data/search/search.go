// Package search is lineup's search engine, shared by the TUI's search as you
// type and the CLI's --search: an Index holds the folded text of a
// conference's sessions (index.go), a Query is compiled against it and every
// session scanned with fast paths (byte masks, a narrowing cache, parallel
// chunks; run.go) and a word index of abstracts (tokens.go), matched and
// scored (match.go),
// abstracts of a one-shot index searched without folding plain ASCII
// (long.go), and the hits ordered (sort.go). reference_test.go checks the fast
// paths against a plain matcher.
package search

import (
	"github.com/lineup-tui/lineup/data"
)

// Search scores. Every word of a query takes the score of the best field it
// matches (fields are tried in this order, best first); a session's score is
// the sum over its words.
//
//	title, whole word        1000    speaker, whole word        520
//	title, word prefix        900    speaker, word prefix       500
//	title, inside a word      700    speaker, inside a word     450
//	title, fuzzy        500 – 690    speaker, fuzzy       320 – 440
//	subtitle, track, room, type or company: word 220, prefix 200, inside 160
//	abstract or description (substring)                           100
//	the person's note (substring)                                  60
//
// Fuzzy means the letters of the word appear in order (fzf-like) with at
// most fuzzyMaxGaps bytes skipped: 650 (title) or 420 (speaker), minus 15
// (10) per skipped byte, plus 10 (5) per matched letter that starts a word,
// so contiguous beats scattered. Long fields match substrings only, which
// keeps noise out. A title match at the very start gets 20 more.
const (
	scoreTitleWord    = 1000
	scoreTitlePrefix  = 900
	scoreTitleInside  = 700
	scoreTitleFuzzy   = 650
	scoreTitleFuzzMax = 690
	scoreTitleFuzzMin = 500
	scoreTitleStart   = 20

	scoreSpeakerWord    = 520
	scoreSpeakerPrefix  = 500
	scoreSpeakerInside  = 450
	scoreSpeakerFuzzy   = 420
	scoreSpeakerFuzzMax = 440
	scoreSpeakerFuzzMin = 320

	scoreMetaWord   = 220
	scoreMetaPrefix = 200
	scoreMetaInside = 160
	scoreLong       = 100
	scoreNote       = 60
)

// Hit is one session a query selected. Each search word is highlighted in
// the field where it scored: a word found in the title marks the title, one
// found in a speaker's name marks the speaker names, one found elsewhere
// marks nothing.
type Hit struct {
	Session *data.Session
	// Score is the search score (0 without search text); higher is better.
	Score int
	// Title holds the rune indexes of the matched characters in
	// Session.Title, ascending; nil without search text or title match.
	Title []int
	// Speakers holds the rune indexes of the matched characters in
	// Conference.SpeakerNames(Session), ascending.
	Speakers []int
}
