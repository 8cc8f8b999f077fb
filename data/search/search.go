// Package search is lineup's search engine, shared by the TUI's search as you
// type and the CLI's --search: an Index holds the folded text of a
// conference's sessions (index.go); the search text is parsed with fzf's
// extended syntax and field prefixes (syntax.go); a Query is compiled
// against the index and every session scanned with fast paths (byte masks,
// a narrowing cache, parallel chunks; run.go) and a word index of abstracts
// (tokens.go), matched (match.go, facetterms.go) and ranked by the rules of
// rank.go; abstracts of a one-shot index are searched without folding plain
// ASCII (long.go), and the hits ordered (sort.go). reference_test.go checks
// the fast paths against a plain matcher.
package search

import (
	"github.com/lineup-tui/lineup/data"
)

// Hit is one session a query selected. Each search term is highlighted in
// the field of its best match: a term found in the title marks the title,
// one found in a speaker's name marks the speaker names, one found
// elsewhere marks nothing.
type Hit struct {
	Session *data.Session
	// Score is the search score, Rank.Score (0 without ranking terms);
	// higher is better.
	Score int
	// Tier is the worst tier of the query's terms in this session (1–5, see
	// rank.go; 0 without ranking terms).
	Tier int
	// Title holds the rune indexes of the matched characters in
	// Session.Title, ascending; nil without search text or title match.
	Title []int
	// Speakers holds the rune indexes of the matched characters in
	// Conference.SpeakerNames(Session), ascending.
	Speakers []int
}
