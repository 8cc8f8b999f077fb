package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// newField is a one-line text field (a search or find field) in the
// program's styles.
func newField(sh *shared, prompt, placeholder string, limit int) textinput.Model {
	ti := textinput.New()
	ti.Prompt = prompt
	ti.Placeholder = placeholder
	ti.CharLimit = limit
	styleField(sh, &ti)
	return ti
}

// styleField gives a field the program's styles (again, after the
// background colour is known).
func styleField(sh *shared, ti *textinput.Model) {
	s := textinput.DefaultStyles(sh.styles.isDark)
	s.Focused.Prompt = sh.styles.Prompt
	s.Blurred.Prompt = sh.styles.Prompt
	ti.SetStyles(s)
}

// What a key did to a focused field.
type fieldKey int

const (
	fieldTyped  fieldKey = iota // the text may have changed
	fieldAccept                 // enter: done typing, keep the text
	fieldCancel                 // esc: done typing
	fieldMove                   // an arrow or page key, for the list under the field
)

// typeKey handles a key while a field has the focus: enter and esc end
// typing (the field loses the focus), arrows and page keys are left to the
// list, anything else edits the text. changed reports whether the text did.
func typeKey(ti *textinput.Model, k KeyMap, msg tea.KeyPressMsg) (what fieldKey, changed bool, cmd tea.Cmd) {
	switch {
	case key.Matches(msg, k.Accept):
		ti.Blur()
		return fieldAccept, false, nil
	case key.Matches(msg, k.Cancel):
		ti.Blur()
		return fieldCancel, false, nil
	case key.Matches(msg, k.ArrowUp), key.Matches(msg, k.ArrowDown), key.Matches(msg, k.TypingPageUp), key.Matches(msg, k.TypingPageDown):
		return fieldMove, false, nil
	}
	before := ti.Value()
	*ti, cmd = ti.Update(msg)
	return fieldTyped, ti.Value() != before, cmd
}

// typingKeys is the key map of a screen whose field has the focus; accept
// is enter as the screen names it.
func typingKeys(k KeyMap, accept key.Binding) keyMap {
	return keyMap{
		short: []key.Binding{accept, k.Cancel, k.ArrowUp, k.ArrowDown},
		bound: []key.Binding{accept, k.Cancel, k.ArrowUp, k.ArrowDown, k.TypingPageUp, k.TypingPageDown},
	}
}
