package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// helpPage shows every key, grouped.
type helpPage struct {
	sh *shared
	h  help.Model
}

func newHelpPage(sh *shared) *helpPage {
	h := help.New()
	h.Styles = sh.styles.Help
	h.SetWidth(sh.width)
	return &helpPage{sh: sh, h: h}
}

func (p *helpPage) editing() bool { return false }

func (p *helpPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		p.h.SetWidth(msg.Width)
	case tea.KeyPressMsg:
		return nil, nil // any key closes the help
	}
	return p, nil
}

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

func (p *helpPage) view() string {
	st := p.sh.styles
	return st.PanelTitle.Render("Keys") + "\n\n" + p.h.FullHelpView(p.groups()) + "\n\n" + st.Dim.Render("Any key closes this help (ctrl+c quits).")
}

func (p *helpPage) shortHelp() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("any key", "close"))}
}
