package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data"
)

// noteEditor edits the person's note on one session. ctrl+s saves (an empty
// note clears it), esc cancels. A note is never cut: the editor has no
// length limit of its own, a paste that would take the note past
// data.MaxNoteBytes is refused whole with a message, and a note over it
// (typed) is shown as too long and not saved until it is shortened. esc or
// ctrl+c with changes typed asks first: pressed again, it discards them.
type noteEditor struct {
	sh    *shared
	id    string
	title string
	ta    textarea.Model
	saved string // the note when the editor opened
	// confirm is the key (esc or ctrl+c) that was pressed once with
	// changes typed; pressing it again discards them.
	confirm string
}

// maxNoteLines is how many lines the text area can hold (bubbles'
// textarea keeps at most 10,000); a paste that would need more is refused.
const maxNoteLines = 10000

func newNoteEditor(sh *shared, s *data.Session) *noteEditor {
	ta := textarea.New()
	ta.Placeholder = "Your note on this session…"
	ta.ShowLineNumbers = false
	ta.CharLimit = 0 // no limit: a note too long is refused on save, never cut
	ta.MaxHeight = 0 // the default (99 lines) cuts a longer note when it is set
	ta.SetStyles(textarea.DefaultStyles(sh.styles.isDark))
	note := sh.personal(s.ID).Note
	ta.SetValue(note)
	ta.Focus()
	e := &noteEditor{sh: sh, id: s.ID, title: s.Title, ta: ta, saved: note}
	e.resize()
	return e
}

func (e *noteEditor) resize() {
	e.ta.SetWidth(max(10, e.sh.width-2))
	e.ta.SetHeight(max(2, e.sh.height-5))
}

// SetSize fits the text area to the screen.
func (e *noteEditor) SetSize(int, int) { e.resize() }

// draft is the note as typed, as it would be saved.
func (e *noteEditor) draft() string { return strings.TrimSpace(e.ta.Value()) }

// changed reports whether something typed would be lost by leaving.
func (e *noteEditor) changed() bool {
	d := e.draft()
	return d != "" && d != strings.TrimSpace(e.saved)
}

// hasDraft tells the root that ctrl+c must come here first.
func (e *noteEditor) hasDraft() bool { return e.changed() }

func (e *noteEditor) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case refreshMsg:
		return nil
	case tea.PasteMsg:
		e.confirm = ""
		if err := e.fits(msg.Content); err != nil {
			return tell(errMsg{err})
		}
	case tea.KeyPressMsg:
		k := e.sh.keys
		leave := key.Matches(msg, k.Cancel) || msg.String() == "ctrl+c"
		if !leave {
			e.confirm = ""
		}
		switch {
		case key.Matches(msg, k.SaveNote):
			note := e.draft()
			if err := data.CheckNote(note); err != nil {
				return tell(errMsg{err})
			}
			return closePage(e.sh.setNote(e.id, note))
		case leave && e.changed() && e.confirm != msg.String():
			e.confirm = msg.String()
			return tell(statusMsg(fmt.Sprintf("your changes to the note are not saved: ctrl+s saves, %s again discards them", msg.String())))
		case leave && msg.String() == "ctrl+c":
			return tell(quitMsg{})
		case leave:
			return closePage(tell(statusMsg("note not changed")))
		}
	}
	var cmd tea.Cmd
	e.ta, cmd = e.ta.Update(msg)
	return cmd
}

// fits refuses a paste that would take the note past data.MaxNoteBytes, or
// past the lines the text area holds.
func (e *noteEditor) fits(paste string) error {
	v := e.ta.Value()
	if n := len(v) + len(paste); n > data.MaxNoteBytes {
		return fmt.Errorf("not pasted: %s would make the note %s, and a note holds at most %s", data.KiB(len(paste)), data.KiB(n), data.KiB(data.MaxNoteBytes))
	}
	if strings.Count(v, "\n")+strings.Count(paste, "\n") >= maxNoteLines {
		return fmt.Errorf("not pasted: a note holds at most %d lines", maxNoteLines)
	}
	return nil
}

func (e *noteEditor) View() string {
	st := e.sh.styles
	title := "Note · " + e.title
	if n := len(e.draft()); n > data.MaxNoteBytes {
		title = fmt.Sprintf("Note too long to save: %s of %s · %s", data.KiB(n), data.KiB(data.MaxNoteBytes), e.title)
	}
	head := st.PanelTitle.Render(trunc(title, e.sh.width))
	return head + "\n\n" + e.ta.View()
}

// KeyMap: every other key is typed into the note.
func (e *noteEditor) KeyMap() keyMap {
	k := e.sh.keys
	bs := []key.Binding{k.SaveNote, k.Cancel}
	return keyMap{short: bs, bound: bs}
}
