package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/store"
)

// confSwitcher lists the conferences in the store; enter opens one.
type confSwitcher struct {
	sh    *shared
	confs []store.ConferenceInfo
	nav   listNav
	err   string
}

// switchConfMsg asks the root to open another conference.
type switchConfMsg struct{ slug string }

func newConfSwitcher(sh *shared) *confSwitcher {
	p := &confSwitcher{sh: sh}
	confs, err := sh.st.Conferences()
	if err != nil {
		p.err = err.Error()
	}
	p.confs = confs
	for i, c := range confs {
		if c.Slug == sh.conf.Slug {
			p.nav.cursor = i
		}
	}
	return p
}

func (p *confSwitcher) editing() bool { return false }

func (p *confSwitcher) update(msg tea.Msg) (page, tea.Cmd) {
	n := len(p.confs)
	k := p.sh.keys
	if p.nav.handle(k, msg, n, max(1, p.sh.height-4), all) {
		return p, nil
	}
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(msg, k.Back), key.Matches(msg, k.Conferences):
			return nil, nil
		case key.Matches(msg, k.Open) && n > 0:
			slug := p.confs[p.nav.cursor].Slug
			return nil, func() tea.Msg { return switchConfMsg{slug} }
		}
	}
	return p, nil
}

func (p *confSwitcher) view() string {
	sh := p.sh
	st := sh.styles
	w := sh.width
	lines := []string{st.PanelTitle.Render("Conferences"), ""}
	if p.err != "" {
		lines = append(lines, st.Error.Render(trunc(p.err, w)))
	}
	end := min(len(p.confs), p.nav.offset+max(1, sh.height-4))
	for i := p.nav.offset; i < end; i++ {
		c := p.confs[i]
		cur := "  "
		if c.Slug == sh.conf.Slug {
			cur = "● "
		}
		name := c.Name
		if c.Edition != "" && c.Edition != c.Name {
			name = c.Edition
		}
		detail := fmt.Sprintf("%s · %s · %d sessions", c.Slug, data.DateRange(c.Start, c.End), c.Sessions)
		line := cur + fit(name, max(8, w/2)) + " " + detail
		if i == p.nav.cursor {
			lines = append(lines, st.Selected.Render(fit(line, w)))
		} else {
			lines = append(lines, trunc(line, w))
		}
	}
	lines = append(lines, "", st.Dim.Render(trunc("Add more with: lineup import FILE|URL", w)))
	return strings.Join(lines, "\n")
}

func (p *confSwitcher) shortHelp() []key.Binding {
	k := p.sh.keys
	return []key.Binding{k.Open, k.Up, k.Down, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close"))}
}
