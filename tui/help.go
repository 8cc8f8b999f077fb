package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// helpPage shows every key, grouped.
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

func (p *helpPage) editing() bool { return false }

func (p *helpPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		p.h.SetWidth(msg.Width)
		p.pg.lines = strings.Split(p.render(), "\n")
	case tea.KeyPressMsg:
		// On a screen too small for every key, the scrolling keys scroll;
		// any other key closes the help.
		if p.pg.more(p.sh) && p.pg.scrollKey(p.sh, msg) {
			return p, nil
		}
		return nil, nil
	case tea.MouseWheelMsg:
		p.pg.scrollKey(p.sh, msg)
	}
	return p, nil
}

func (p *helpPage) position() string { return p.pg.position(p.sh) }

func (p *helpPage) groups() [][]key.Binding {
	k := p.sh.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End, k.NextDay, k.PrevDay},
		{k.Open, k.Back, k.NextTab, k.PrevTab, k.NextSpeaker, k.PrevSpeaker, k.Conferences},
		{k.Star, k.Rate, k.ClearRating, k.Note, k.SaveNote},
		{k.Search, k.Filter, k.Sort, k.HideRoom, k.HideTrack, k.RemoveChip, k.ClearFilters},
		{k.Help, k.Quit},
	}
}

func (p *helpPage) view() string { return p.pg.view(p.sh) }

// render lays the groups side by side, starting a new row of groups when the
// next one would not fit the width, so no key is cut off.
func (p *helpPage) render() string {
	st := p.sh.styles
	h := p.h
	h.SetWidth(0) // measure without truncating
	var rows []string
	var row [][]key.Binding
	for _, g := range p.groups() {
		if len(row) > 0 && ansi.StringWidth(firstLine(h.FullHelpView(append(row, g)))) > p.sh.width {
			rows = append(rows, h.FullHelpView(row))
			row = nil
		}
		row = append(row, g)
	}
	rows = append(rows, h.FullHelpView(row))
	return st.PanelTitle.Render("Keys") + "\n\n" + strings.Join(rows, "\n\n") + "\n\n" + st.Dim.Render("Any key closes this help (ctrl+c quits).")
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

func (p *helpPage) shortHelp() []key.Binding {
	closeKey := key.NewBinding(key.WithKeys("esc"), key.WithHelp("any key", "close"))
	if p.pg.more(p.sh) {
		scroll := key.NewBinding(key.WithKeys("down"), key.WithHelp("↑↓/pgup/pgdn", "scroll"))
		closeKey.SetHelp("other keys", "close")
		return []key.Binding{scroll, closeKey}
	}
	return []key.Binding{closeKey}
}
