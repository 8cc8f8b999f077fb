package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/tui/links"
)

// speakerPage is one speaker: who they are, their bio and their sessions;
// enter opens the selected session.
type speakerPage struct {
	sh       *shared
	id       string
	pg       pager
	sel      int
	sessions []*data.Session
	at       []int
}

func newSpeakerPage(sh *shared, id string) *speakerPage {
	p := &speakerPage{sh: sh, id: id}
	p.build()
	return p
}

func (p *speakerPage) build() {
	sh := p.sh
	st := sh.styles
	w := max(20, sh.width)
	sp := sh.conf.Speaker(p.id)
	var out []string
	if sp == nil {
		p.pg.lines = []string{st.Orphan.Render("This speaker is no longer in the schedule.")}
		return
	}
	for _, l := range wrap(sp.Name, w) {
		out = append(out, st.Title.Render(l))
	}
	if role := speakerRole(sp); role != "" {
		out = append(out, st.Subtitle.Render(trunc(role, w)))
	}
	if sp.Bio != "" {
		out = append(out, "", st.Section.Render("Bio"))
		out = append(out, st.paragraphs(sp.Bio, 2, w, lipgloss.NewStyle())...)
	}
	if sp.URL != "" {
		out = append(out, "")
		out = append(out, st.urls([]links.Item{{URL: sp.URL}}, 2, w)...)
	}
	p.sessions = sh.conf.SessionsOf(sp.ID)
	p.sel = clamp(p.sel, 0, max(0, len(p.sessions)-1))
	out = append(out, "", st.Section.Render(fmt.Sprintf("Sessions (%d)", len(p.sessions))))
	p.at = p.at[:0]
	for i, s := range p.sessions {
		p.at = append(p.at, len(out))
		when := data.DayShort(s.Date) + "  " + data.TimeRange(s)
		if s.Room != "" {
			when += "  " + s.Room
		}
		mark := " " + sh.changeMark(s)
		if sh.personal(s.ID).Starred {
			mark = "★" + sh.changeMark(s)
		}
		if i == p.sel {
			out = append(out, st.Selected.Render(fit("▸ "+mark+s.Title, w)))
		} else {
			out = append(out, trunc("  "+mark+s.Title, w))
		}
		out = append(out, st.Dim.Render(trunc("      "+when, w)))
	}
	p.pg.lines = out
}

func (p *speakerPage) Update(msg tea.Msg) tea.Cmd {
	sh := p.sh
	switch msg := msg.(type) {
	case refreshMsg:
		p.build()
	case tea.KeyPressMsg:
		k := sh.keys
		h := p.pg.height(sh)
		switch {
		case key.Matches(msg, k.Back):
			return closePage(nil)
		case key.Matches(msg, k.Up) && len(p.sessions) > 0:
			if p.sel == 0 {
				p.pg.scroll(-1, h)
				return nil
			}
			p.sel--
			p.build()
			p.pg.show(p.at[p.sel], h)
		case key.Matches(msg, k.Down) && len(p.sessions) > 0:
			p.sel = min(p.sel+1, len(p.sessions)-1)
			p.build()
			p.pg.show(p.at[p.sel]+1, h)
		case key.Matches(msg, k.Open) && len(p.sessions) > 0:
			return push(newSessionPage(sh, p.sessions[p.sel].ID))
		case len(p.sessions) > 0:
			done, cmd := sessionKey(sh, p.sessions[p.sel], msg)
			if done {
				p.build()
				return cmd
			}
			p.pg.scrollKey(sh, msg)
		default:
			p.pg.scrollKey(sh, msg)
		}
	default:
		p.pg.scrollKey(sh, msg)
	}
	return nil
}

// SetSize lays the page out again for the width.
func (p *speakerPage) SetSize(int, int) {
	p.build()
	p.pg.scroll(0, p.pg.height(p.sh))
}

func (p *speakerPage) View() string { return p.pg.view(p.sh) }

func (p *speakerPage) KeyMap() keyMap {
	k := p.sh.keys
	bound := []key.Binding{k.Back}
	if p.pg.more(p.sh) || len(p.sessions) > 1 {
		bound = append(bound, k.Up, k.Down)
	}
	if p.pg.more(p.sh) {
		bound = append(bound, k.PageUp, k.PageDown, k.Home, k.End)
	}
	short := []key.Binding{k.Back, k.Up, k.Down, k.Help, k.Quit}
	if len(p.sessions) > 0 {
		bound = append(bound, k.Open)
		bound = append(bound, sessionKeys(k)...)
		short = []key.Binding{k.Back, k.Up, k.Down, k.Open, k.Star, k.Help, k.Quit}
	}
	return keyMap{
		short: short,
		bound: append(bound, k.globals()...),
		pos:   p.pg.position(p.sh),
	}
}
