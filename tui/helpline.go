package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// helpLine draws the help line in w cells: as many of the keys in short as
// fit, in the order short gives them (each screen lists its keys most
// useful first). The ways to more keys and out ("? help", "q quit") are
// kept at the end whenever short has them and they fit; a key too long
// for the room left is skipped and a shorter one after it may still come.
// A wide terminal thus shows more keys than a narrow one, and nothing is
// cut in the middle.
func helpLine(h help.Model, k KeyMap, short []key.Binding, w int) string {
	sep := h.Styles.ShortSeparator.Inline(true).Render(h.ShortSeparator)
	sepW := ansi.StringWidth(sep)
	item := func(b key.Binding) string {
		return h.Styles.ShortKey.Inline(true).Render(b.Help().Key) + " " + h.Styles.ShortDesc.Inline(true).Render(b.Help().Desc)
	}
	same := func(a, b key.Binding) bool { return slices.Equal(a.Keys(), b.Keys()) }
	var body, tail []key.Binding
	for _, b := range short {
		if !b.Enabled() {
			continue
		}
		if same(b, k.Help) || same(b, k.Quit) {
			tail = append(tail, b)
		} else {
			body = append(body, b)
		}
	}
	// The tail first, so the room left for the rest is known.
	var keep []string
	used := 0
	place := func(b key.Binding, room int) bool {
		s := item(b)
		sw := ansi.StringWidth(s)
		if len(keep) > 0 {
			sw += sepW
		}
		if used+sw > room {
			return false
		}
		keep = append(keep, s)
		used += sw
		return true
	}
	for _, b := range tail {
		place(b, w)
	}
	tailItems := keep
	keep = nil
	if len(tailItems) > 0 {
		used += sepW // between the body and the tail
	}
	for _, b := range body {
		place(b, w)
	}
	return strings.Join(append(keep, tailItems...), sep)
}
