package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// helpPage shows every key of the program, grouped as KeyMap.FullHelp has
// them. Every key closes it, but for the scrolling keys when it is taller
// than the screen.
type helpPage struct {
	sh *shared
	h  help.Model
	pg pager
}

func newHelpPage(sh *shared) *helpPage {
	h := help.New()
	h.Styles = sh.styles.Help
	h.SetWidth(sh.width)
	p := &helpPage{sh: sh, h: h}
	p.pg.lines = strings.Split(p.render(), "\n")
	return p
}

// SetSize lays the groups out again for the width.
func (p *helpPage) SetSize(w, _ int) {
	p.h.SetWidth(w)
	p.pg.lines = strings.Split(p.render(), "\n")
	p.pg.scroll(0, p.pg.height(p.sh))
}

func (p *helpPage) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		// On a screen too small for every key, the scrolling keys scroll;
		// any other key closes the help.
		if p.pg.more(p.sh) && p.pg.scrollKey(p.sh, msg) {
			return nil
		}
		return closePage(nil)
	case tea.MouseWheelMsg:
		p.pg.scrollKey(p.sh, msg)
	}
	return nil
}

func (p *helpPage) View() string { return p.pg.view(p.sh) }

// render lays the groups side by side, starting a new row of groups when the
// next one would not fit the width, so no key is cut off.
func (p *helpPage) render() string {
	st := p.sh.styles
	h := p.h
	h.SetWidth(0) // measure without truncating
	var rows []string
	var row [][]key.Binding
	for _, g := range p.sh.keys.FullHelp() {
		if len(row) > 0 && ansi.StringWidth(firstLine(h.FullHelpView(append(row, g)))) > p.sh.width {
			rows = append(rows, h.FullHelpView(row))
			row = nil
		}
		row = append(row, g)
	}
	rows = append(rows, h.FullHelpView(row))
	// The search syntax goes beside the last group of keys (the one with /)
	// when it fits, else below.
	syn := p.syntax()
	if beside := lipgloss.JoinHorizontal(lipgloss.Top, rows[len(rows)-1], "    ", syn); lipgloss.Width(beside) <= p.sh.width {
		rows[len(rows)-1] = beside
	} else {
		rows = append(rows, syn)
	}
	body := st.PanelTitle.Render("Keys") + "\n\n" + strings.Join(rows, "\n\n") + "\n\n" + markersHelp + "\n"
	return body + p.closing(strings.Count(body, "\n")+1)
}

// closing says which keys close the page, as Update has them: every key,
// but for the scrolling keys when the page (of n lines before this) is
// taller than the screen.
func (p *helpPage) closing(n int) string {
	st := p.sh.styles
	say := "Any key closes this help; ctrl+c quits lineup."
	if n > p.pg.height(p.sh) {
		say = "↑/↓, j/k, pgup/pgdn, ctrl+u/ctrl+d, home/g and end/G scroll; any other key closes this help; ctrl+c quits lineup."
	}
	lines := wrap(say, max(1, p.sh.width))
	for i, l := range lines {
		lines[i] = st.Dim.Render(l)
	}
	return strings.Join(lines, "\n")
}

// searchSyntax is what the search text understands (data/search's syntax),
// as the ? page lists it: the text, then what it does.
var searchSyntax = [][2]string{
	{"kube lat", "all words"},
	{"a | b", "either"},
	{"!a", "not"},
	{"'a", "exact"},
	{"^a  a$", "starts / ends"},
	{"title: speaker:", "in that field"},
	{"track: room: type: day:", "that value"},
}

// syntax is the search syntax as a block: a title and one line a form.
func (p *helpPage) syntax() string {
	st := p.sh.styles
	kw := 0
	for _, s := range searchSyntax {
		kw = max(kw, ansi.StringWidth(s[0]))
	}
	lines := []string{st.Section.Render("Search (/) and its syntax")}
	for _, s := range searchSyntax {
		lines = append(lines, st.Help.FullKey.Render(fit(s[0], kw))+" "+st.Help.FullDesc.Render(s[1]))
	}
	return strings.Join(lines, "\n")
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

// KeyMap: closeKey stands for every key that is not bound otherwise.
func (p *helpPage) KeyMap() keyMap {
	closeKey := key.NewBinding(key.WithKeys("esc"), key.WithHelp("any key", "close"))
	if p.pg.more(p.sh) {
		k := p.sh.keys
		scroll := key.NewBinding(key.WithKeys(slices.Concat(k.Up.Keys(), k.Down.Keys(), k.PageUp.Keys(), k.PageDown.Keys(), k.Home.Keys(), k.End.Keys())...), key.WithHelp("↑↓/pgup/pgdn", "scroll"))
		closeKey.SetHelp("other keys", "close")
		return keyMap{short: []key.Binding{scroll, closeKey}, bound: append(moveKeys(k), closeKey), pos: p.pg.position(p.sh)}
	}
	return keyMap{short: []key.Binding{closeKey}, bound: []key.Binding{closeKey}}
}
