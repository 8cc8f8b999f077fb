package refresh

import (
	"strings"
	"time"

	"github.com/lineup-tui/lineup/data/changes"
)

// FieldText shows what changed in an entry after its title: ": start Sat
// 10:00 → Sat 12:00; room A → B", or "" when there is nothing to show. With
// placeOnly only the day, times and room are shown; otherwise long texts
// (abstract, description) are named and the rest shown cut at 60 runes.
func FieldText(e *changes.Entry, placeOnly bool) string {
	if e.Kind == changes.Removed {
		// Only the old place is known: "was Sat 10:30, H.1302".
		var was []string
		if f, ok := e.Field(changes.FieldStart); ok {
			was = append(was, shortTime(f.Old))
		}
		if f, ok := e.Field(changes.FieldRoom); ok {
			was = append(was, f.Old)
		}
		if len(was) == 0 {
			return ""
		}
		return ": was " + strings.Join(was, ", ")
	}
	var parts []string
	for _, f := range e.Fields {
		switch f.Name {
		case changes.FieldStart, changes.FieldEnd:
			parts = append(parts, f.Name+" "+arrow(shortTime(f.Old), shortTime(f.New)))
		case changes.FieldDate, changes.FieldRoom:
			parts = append(parts, f.Name+" "+arrow(f.Old, f.New))
		case changes.FieldAbstract, changes.FieldDescription:
			if !placeOnly {
				parts = append(parts, f.Name)
			}
		default:
			if !placeOnly {
				parts = append(parts, f.Name+" "+arrow(clip(f.Old), clip(f.New)))
			}
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return ": " + strings.Join(parts, "; ")
}

// MineMark is the one-cell mark of the person's own session in a change
// list: ★ starred, • rated or noted, " " otherwise.
func MineMark(it *changes.Item) string {
	switch {
	case it.Starred:
		return "★"
	case it.Rated || it.Noted:
		return "•"
	}
	return " "
}

func arrow(old, new string) string {
	switch {
	case old == "":
		return new
	case new == "":
		return old + " → (none)"
	}
	return old + " → " + new
}

// shortTime shows an entry's RFC 3339 time as "Sat 10:00", in the
// conference's offset as recorded.
func shortTime(v string) string {
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return v
	}
	return t.Format("Mon 15:04")
}

func clip(s string) string {
	const max = 60
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max-1]) + "…"
}
