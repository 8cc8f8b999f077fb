package tui

import "charm.land/bubbles/v2/key"

// KeyMap is every key binding of the TUI. Bindings are enabled and disabled by
// state so that the help line shows only what works now.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
	NextDay, PrevDay                      key.Binding
	Open, Back                            key.Binding
	NextTab, PrevTab                      key.Binding
	NextSpeaker, PrevSpeaker              key.Binding
	Rate, ClearRating, Star, Note         key.Binding
	Search, Filter, Sort                  key.Binding
	HideRoom, HideTrack                   key.Binding
	RemoveChip, ClearFilters              key.Binding
	Conferences                           key.Binding
	Help, Quit                            key.Binding

	// Inside the search field, the note editor and the panels.
	Accept, Cancel, Toggle, SaveNote key.Binding
	// Arrows only, for moving while typing (j and k are letters there).
	ArrowUp, ArrowDown key.Binding
}

// DefaultKeyMap returns lineup's keys.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return KeyMap{
		Up:           b([]string{"up", "k"}, "↑/k", "up"),
		Down:         b([]string{"down", "j"}, "↓/j", "down"),
		PageUp:       b([]string{"pgup", "ctrl+u"}, "pgup", "page up"),
		PageDown:     b([]string{"pgdown", "ctrl+d"}, "pgdn", "page down"),
		Home:         b([]string{"home", "g"}, "home/g", "top"),
		End:          b([]string{"end", "G"}, "end/G", "bottom"),
		NextDay:      b([]string{"]", "ctrl+n"}, "]", "next day"),
		PrevDay:      b([]string{"[", "ctrl+p"}, "[", "prev day"),
		Open:         b([]string{"enter"}, "enter", "open"),
		Back:         b([]string{"esc", "backspace"}, "esc", "back"),
		NextTab:      b([]string{"tab"}, "tab", "next screen"),
		PrevTab:      b([]string{"shift+tab"}, "shift+tab", "prev screen"),
		NextSpeaker:  b([]string{"right", "l"}, "→/l", "next speaker"),
		PrevSpeaker:  b([]string{"left", "h"}, "←/h", "prev speaker"),
		Rate:         b([]string{"1", "2", "3", "4", "5"}, "1-5", "rate"),
		ClearRating:  b([]string{"0"}, "0", "clear rating"),
		Star:         b([]string{"space", "*"}, "space/*", "star"),
		Note:         b([]string{"n"}, "n", "note"),
		Search:       b([]string{"/"}, "/", "search"),
		Filter:       b([]string{"f"}, "f", "filters"),
		Sort:         b([]string{"o"}, "o", "sort"),
		HideRoom:     b([]string{"R"}, "R", "hide room"),
		HideTrack:    b([]string{"T"}, "T", "hide track"),
		RemoveChip:   b([]string{"x"}, "x", "drop last filter"),
		ClearFilters: b([]string{"X"}, "X", "clear filters"),
		Conferences:  b([]string{"c"}, "c", "conferences"),
		Help:         b([]string{"?"}, "?", "help"),
		Quit:         b([]string{"q", "ctrl+c"}, "q", "quit"),
		Accept:       b([]string{"enter"}, "enter", "keep"),
		Cancel:       b([]string{"esc"}, "esc", "cancel"),
		Toggle:       b([]string{"space", "enter"}, "space", "toggle"),
		SaveNote:     b([]string{"ctrl+s"}, "ctrl+s", "save note"),
		ArrowUp:      b([]string{"up"}, "↑", "up"),
		ArrowDown:    b([]string{"down"}, "↓", "down"),
	}
}
