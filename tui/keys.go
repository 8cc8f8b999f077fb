package tui

import (
	"slices"

	"charm.land/bubbles/v2/key"
)

// KeyMap holds every key binding of the TUI, built once per program by
// DefaultKeyMap. Its FullHelp is what the ? page shows. Each screen and page
// builds its own keyMap (below) from these bindings, choosing by its state
// which ones it answers to now (a few relabel one: space is "unstar" on the
// agenda, enter "open speaker" on a session page); the help line, the keys
// the root handles for the screen, and the help honesty test all read that
// keyMap, and the screen's Update matches keys from the same bindings.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
	NextDay, PrevDay                      key.Binding
	Open, Back                            key.Binding
	OpenURL                               key.Binding
	NextTab, PrevTab                      key.Binding
	NextSpeaker, PrevSpeaker              key.Binding
	Rate, ClearRating, Star, Note         key.Binding
	Search, Filter, Sort                  key.Binding
	HideRoom, HideTrack                   key.Binding
	RemoveChip, ClearFilters              key.Binding
	Conferences                           key.Binding
	Refresh, Changes                      key.Binding
	Zone, JumpNow                         key.Binding
	Help, Quit                            key.Binding

	// Inside the search field, the note editor and the panels.
	Accept, Cancel, Toggle, SaveNote key.Binding
	// Arrows and page keys only, for moving while typing (j, k and ctrl+u
	// edit the text there).
	ArrowUp, ArrowDown, TypingPageUp, TypingPageDown key.Binding
}

// DefaultKeyMap returns lineup's keys.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return KeyMap{
		Up:             b([]string{"up", "k"}, "↑/k", "up"),
		Down:           b([]string{"down", "j"}, "↓/j", "down"),
		PageUp:         b([]string{"pgup", "ctrl+u"}, "pgup", "page up"),
		PageDown:       b([]string{"pgdown", "ctrl+d"}, "pgdn", "page down"),
		Home:           b([]string{"home", "g"}, "home/g", "top"),
		End:            b([]string{"end", "G"}, "end/G", "bottom"),
		NextDay:        b([]string{"]", "ctrl+n"}, "]", "next day"),
		PrevDay:        b([]string{"[", "ctrl+p"}, "[", "prev day"),
		Open:           b([]string{"enter"}, "enter", "open"),
		Back:           b([]string{"esc", "backspace"}, "esc", "back"),
		OpenURL:        b([]string{"o"}, "o", "browser"),
		NextTab:        b([]string{"tab"}, "tab", "next screen"),
		PrevTab:        b([]string{"shift+tab"}, "shift+tab", "prev screen"),
		NextSpeaker:    b([]string{"right", "l"}, "→/l", "next speaker"),
		PrevSpeaker:    b([]string{"left", "h"}, "←/h", "prev speaker"),
		Rate:           b([]string{"1", "2", "3", "4", "5"}, "1-5", "rate"),
		ClearRating:    b([]string{"0"}, "0", "clear rating"),
		Star:           b([]string{"space", "*"}, "space/*", "star"),
		Note:           b([]string{"n"}, "n", "note"),
		Search:         b([]string{"/"}, "/", "search"),
		Filter:         b([]string{"f"}, "f", "filters"),
		Sort:           b([]string{"o"}, "o", "sort"),
		HideRoom:       b([]string{"R"}, "R", "hide room"),
		HideTrack:      b([]string{"T"}, "T", "hide track"),
		RemoveChip:     b([]string{"x"}, "x", "drop last filter"),
		ClearFilters:   b([]string{"X"}, "X", "clear filters"),
		Conferences:    b([]string{"c"}, "c", "conferences"),
		Refresh:        b([]string{"r"}, "r", "refresh"),
		Changes:        b([]string{"u"}, "u", "what changed"),
		Zone:           b([]string{"z"}, "z", "time zone"),
		JumpNow:        b([]string{"."}, ".", "now"),
		Help:           b([]string{"?"}, "?", "help"),
		Quit:           b([]string{"q", "ctrl+c"}, "q", "quit"),
		Accept:         b([]string{"enter"}, "enter", "keep"),
		Cancel:         b([]string{"esc"}, "esc", "cancel"),
		Toggle:         b([]string{"space", "enter"}, "space", "toggle"),
		SaveNote:       b([]string{"ctrl+s"}, "ctrl+s", "save note"),
		ArrowUp:        b([]string{"up"}, "↑", "up"),
		ArrowDown:      b([]string{"down"}, "↓", "down"),
		TypingPageUp:   b([]string{"pgup"}, "pgup", "page up"),
		TypingPageDown: b([]string{"pgdown"}, "pgdn", "page down"),
	}
}

// FullHelp is every key of the program in the groups the ? page shows.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End, k.NextDay, k.PrevDay},
		{k.Open, k.Back, k.NextTab, k.PrevTab, k.NextSpeaker, k.PrevSpeaker, k.OpenURL, k.Conferences},
		{k.Star, k.Rate, k.ClearRating, k.Note, k.SaveNote, k.Refresh, k.Changes},
		{k.Search, k.Filter, k.Sort, k.HideRoom, k.HideTrack, k.RemoveChip, k.ClearFilters},
		{k.JumpNow, k.Zone, k.Help, k.Quit},
	}
}

// ShortHelp is the help line of the ? page itself: nothing beyond its own keys.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Help, k.Quit} }

// keyMap is what one screen or page answers to right now, built by its
// KeyMap method from the program's KeyMap and the screen's state:
//
//   - short is the help line at the bottom of the screen;
//   - bound is every key the screen reacts to, the help line's included;
//     the screen's Update matches keys only against these bindings, and
//     the root handles its global keys (quit, help, tab, shift+tab,
//     conferences) only on screens whose bound list carries them;
//   - pos is how far down a page taller than the screen is shown ("top ↓",
//     "42% ↕", "end ↑"), drawn at the right of the help line; "" when the
//     page fits.
//
// A test checks, screen by screen, that every key in short is in bound and
// that the screen reacts to the keys in bound and to no other.
type keyMap struct {
	short []key.Binding
	bound []key.Binding
	pos   string
}

// ShortHelp is the help line.
func (km keyMap) ShortHelp() []key.Binding { return km.short }

// FullHelp is every key the screen reacts to, in one group.
func (km keyMap) FullHelp() [][]key.Binding { return [][]key.Binding{km.bound} }

// binds reports whether the screen reacts to every key of b.
func (km keyMap) binds(b key.Binding) bool {
	for _, k := range b.Keys() {
		if !slices.ContainsFunc(km.bound, func(x key.Binding) bool { return x.Enabled() && slices.Contains(x.Keys(), k) }) {
			return false
		}
	}
	return len(b.Keys()) > 0
}

// globals is the keys the root handles for a screen that answers to them.
func (k KeyMap) globals() []key.Binding {
	return []key.Binding{k.Quit, k.Help, k.NextTab, k.PrevTab}
}
