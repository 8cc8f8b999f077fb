package search

import (
	"strings"

	"github.com/lineup-tui/lineup/data/text"
)

// BestValue finds the value a person means by typed text, such as a track
// or room name typed in a filter panel: of the values that match it by the
// rules of rank.go (each word of the text against the value, fuzzy for
// words of four letters or more), the best; of equals, one that starts
// with the first word, then the first. It reports false when none matches
// or the text is blank.
func BestValue(values []string, typed string) (int, bool) {
	words := Parse(typed)
	if words.Empty() {
		return -1, false
	}
	var terms []qterm
	for _, g := range words.Groups {
		for _, t := range g {
			t.Field, t.Not = FieldAny, false
			terms = append(terms, newTerm(t))
		}
	}
	best, bestScore, bestStarts := -1, 0, false
	for i, v := range values {
		f := text.Fold(v)
		all, starts := masksOf(f)
		var r Rank
		ok := true
		for k := range terms {
			t := &terms[k]
			tier, gaps := 0, 0
			if all&t.mask == t.mask {
				_, tier = shortMatch(f, starts, t, "")
				if tier == 0 && t.fuzzy {
					if g, _, hit := fuzzy(f, t.Text, nil); hit {
						tier, gaps = tierFuzzy, g
					}
				}
			}
			if tier == 0 {
				ok = false
				break
			}
			r.add(termRank{tier, 0, gaps})
		}
		if !ok {
			continue
		}
		first := strings.HasPrefix(f, terms[0].Text)
		if sc := r.Score(); sc > bestScore || sc == bestScore && first && !bestStarts {
			best, bestScore, bestStarts = i, sc, first
		}
	}
	return best, best >= 0
}
