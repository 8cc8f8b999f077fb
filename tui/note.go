package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data"
)

// noteEditor edits the person's note on one session. ctrl+s saves (an empty
// note clears it), esc cancels.
type noteEditor struct {
	sh    *shared
	id    string
	title string
	ta    textarea.Model
}

func newNoteEditor(sh *shared, s *data.Session) *noteEditor {
	ta := textarea.New()
	ta.Placeholder = "Your note on this session…"
	ta.ShowLineNumbers = false
	ta.CharLimit = 4000
	ta.SetStyles(textarea.DefaultStyles(sh.styles.isDark))
	ta.SetValue(sh.personal(s.ID).Note)
	ta.Focus()
	e := &noteEditor{sh: sh, id: s.ID, title: s.Title, ta: ta}
	e.resize()
	return e
}

func (e *noteEditor) resize() {
	e.ta.SetWidth(max(10, e.sh.width-2))
	e.ta.SetHeight(max(2, e.sh.height-5))
}

// SetSize fits the text area to the screen.
func (e *noteEditor) SetSize(int, int) { e.resize() }

func (e *noteEditor) Update(msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		k := e.sh.keys
		switch {
		case key.Matches(msg, k.SaveNote):
			return closePage(e.sh.setNote(e.id, strings.TrimSpace(e.ta.Value())))
		case key.Matches(msg, k.Cancel):
			return closePage(tell(statusMsg("note not changed")))
		}
	}
	if _, ok := msg.(refreshMsg); ok {
		return nil
	}
	var cmd tea.Cmd
	e.ta, cmd = e.ta.Update(msg)
	return cmd
}

func (e *noteEditor) View() string {
	st := e.sh.styles
	head := st.PanelTitle.Render(trunc("Note · "+e.title, e.sh.width))
	return head + "\n\n" + e.ta.View()
}

// KeyMap: every other key is typed into the note.
func (e *noteEditor) KeyMap() keyMap {
	k := e.sh.keys
	bs := []key.Binding{k.SaveNote, k.Cancel}
	return keyMap{short: bs, bound: bs}
}
