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

func (e *noteEditor) editing() bool { return true }

func (e *noteEditor) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		e.resize()
		return e, nil
	case tea.KeyPressMsg:
		k := e.sh.keys
		switch {
		case key.Matches(msg, k.SaveNote):
			e.sh.setNote(e.id, strings.TrimSpace(e.ta.Value()))
			return nil, nil // pop
		case key.Matches(msg, k.Cancel):
			e.sh.status = "note not changed"
			return nil, nil
		}
	}
	var cmd tea.Cmd
	e.ta, cmd = e.ta.Update(msg)
	return e, cmd
}

func (e *noteEditor) view() string {
	st := e.sh.styles
	head := st.PanelTitle.Render(trunc("Note · "+e.title, e.sh.width))
	return head + "\n\n" + e.ta.View()
}

func (e *noteEditor) shortHelp() []key.Binding {
	k := e.sh.keys
	return []key.Binding{k.SaveNote, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))}
}
