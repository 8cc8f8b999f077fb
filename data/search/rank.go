package search

// The ranking rules, in one place. The reference matcher
// (reference_test.go) writes the same rules the slow way.
//
// Every positive term of the query (see syntax.go) finds its best match in
// a session: the lowest tier, then the best field, then the fewest letters
// skipped. The tiers, best first:
//
//	1  a whole word in the title, a speaker's name, the track or the room
//	   (also the subtitle, the type and a speaker's company)
//	2  the start of a word in those fields
//	3  a whole word in the abstract, the description or the person's note
//	4  inside a word anywhere, or the start of a word in the abstract,
//	   description or note
//	5  fuzzy: the letters in order, in the title or a speaker's name, with
//	   at most fuzzyMaxGaps bytes skipped
//
// Terms of one or two letters match only at the start of a word (tiers 1–4
// without "inside a word"); fuzzy matching needs fuzzyMinRunes letters, and
// is off for exact ('), anchored (^, $) and quoted terms with a space.
//
// The fields, best first: the title, the speakers' names, the track or the
// room, then the subtitle, type or company, then the abstract or
// description, then the note.
//
// Sessions are ordered by their Rank: the worst tier of their terms (so a
// session where every term matches in tier 1 or 2 comes before every
// session where one does not), then the sum of the terms' tiers, then the
// sum of their fields, then the letters skipped by fuzzy matches, then
// programme order. Facet terms (track:, room:, type:, day:) and negated terms
// select sessions without ranking them.

// Tiers.
const (
	tierWord   = 1
	tierPrefix = 2
	tierLong   = 3
	tierInside = 4
	tierFuzzy  = 5
)

// Field ranks.
const (
	rankTitle   = 0
	rankSpeaker = 1
	rankPlace   = 2 // track or room
	rankMeta    = 3 // subtitle, type, company
	rankLong    = 4 // abstract, description
	rankNote    = 5
)

// fuzzyMinRunes is the shortest term that may match fuzzily.
const fuzzyMinRunes = 4

// fuzzyMaxGaps is how many bytes a fuzzy match may skip in all. More
// scattered subsequences ("hard" in "Hybrid topologies with Kubernetes And
// EnvoY: seRvice Discovery") are noise, not matches. It is the same for
// every word length, so a longer word never matches where its prefix did
// not (narrowing relies on that).
const fuzzyMaxGaps = 10

// Rank is how well a session matched a query; smaller is better, compared
// field by field. The zero Rank is a query without ranking terms.
type Rank struct {
	Tier   int // the worst tier of the terms (1–5)
	Tiers  int // the sum of the terms' tiers
	Fields int // the sum of the terms' field ranks
	Gaps   int // bytes skipped by fuzzy matches
}

// termRank is one term's best match.
type termRank struct {
	tier, field, gaps int
}

func (a termRank) better(b termRank) bool {
	if a.tier != b.tier {
		return a.tier < b.tier
	}
	if a.field != b.field {
		return a.field < b.field
	}
	return a.gaps < b.gaps
}

func (r *Rank) add(t termRank) {
	r.Tier = max(r.Tier, t.tier)
	r.Tiers += t.tier
	r.Fields += t.field
	r.Gaps += t.gaps
}

// Score packs a Rank into one number, higher is better: the order of
// Scores is the order of Ranks. The zero Rank scores 0.
func (r Rank) Score() int {
	if r.Tier == 0 {
		return 0
	}
	key := min(r.Tier, 7)<<27 | min(r.Tiers, 255)<<19 | min(r.Fields, 255)<<11 | min(r.Gaps, 2047)
	return 1<<30 - key
}

// occurrence tiers: what a substring found in a short field (class 3 a
// whole word, 2 the start of a word, 1 inside one) is worth.
func shortTier(class int, short bool) int {
	switch {
	case class == 3:
		return tierWord
	case class == 2:
		return tierPrefix
	case class == 1 && !short:
		return tierInside
	}
	return 0
}

// longTier is the same for the abstract, the description and the note.
func longTier(class int, short bool) int {
	switch {
	case class == 3:
		return tierLong
	case class == 2, class == 1 && !short:
		return tierInside
	}
	return 0
}
