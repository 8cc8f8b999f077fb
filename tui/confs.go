package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/store"
)

// confSwitcher lists the conferences in the store; enter opens one.
// The list is read by a command (load); until it comes back the page says
// it is loading, and still closes on esc. While it is open it looks at the
// store file once a second (off the UI goroutine, as the root's change
// check does) and reads the list again when the file changed, so a
// conference another lineup imports meanwhile shows up.
type confSwitcher struct {
	sh      *shared
	loading bool
	confs   []store.ConferenceInfo
	nav     listNav
	err     string
	// stamp is the store file's when the list was read; watching counts
	// the change checks started, so only the latest one goes on.
	stamp    fileStamp
	watching int
}

func newConfSwitcher(sh *shared) *confSwitcher {
	return &confSwitcher{sh: sh, loading: true}
}

// load is the command that reads the list of conferences, and starts
// watching the store for changes.
func (p *confSwitcher) load() tea.Cmd { return batch(listConferences(p.sh.st), p.watch()) }

// confsCheckMsg is the switcher's change check: the store file's stamp,
// read off the UI goroutine.
type confsCheckMsg struct {
	p     *confSwitcher
	n     int
	stamp fileStamp
}

// watch starts the next change check, a second from now.
func (p *confSwitcher) watch() tea.Cmd {
	p.watching++
	sw, n, path := p, p.watching, p.sh.st.Path()
	return tea.Tick(refreshEvery, func(time.Time) tea.Msg { return confsCheckMsg{sw, n, stampOf(path)} })
}

func (p *confSwitcher) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case confsMsg:
		p.listed(msg)
		return nil
	case confsCheckMsg:
		if msg.p != p || msg.n != p.watching {
			return nil // an older check, or another switcher's
		}
		if msg.stamp != p.stamp && !p.loading {
			return batch(listConferences(p.sh.st), p.watch())
		}
		return p.watch()
	case refreshMsg:
		// Back on top after a page over it closed, whose key presses
		// took the check's messages: start it again.
		return p.watch()
	}
	n := len(p.confs)
	k := p.sh.keys
	if p.nav.handle(k, msg, n, max(1, p.sh.height-4), all) {
		return nil
	}
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(msg, k.Back), key.Matches(msg, k.Conferences):
			return closePage(nil)
		case key.Matches(msg, k.Open) && n > 0:
			return closePage(tell(switchConfMsg{p.confs[p.nav.cursor].Slug}))
		}
	}
	return nil
}

// listed shows a list read from the store. The cursor stays on the
// conference it was on; on the first list it starts on the open one.
func (p *confSwitcher) listed(msg confsMsg) {
	on := p.sh.conf.Slug
	if !p.loading && p.nav.cursor < len(p.confs) {
		on = p.confs[p.nav.cursor].Slug
	}
	p.loading = false
	p.err = ""
	if msg.err != nil {
		p.err = msg.err.Error()
	}
	p.stamp = msg.stamp
	p.confs = msg.confs
	p.nav.cursor = clamp(p.nav.cursor, 0, max(0, len(p.confs)-1))
	for i, c := range p.confs {
		if c.Slug == on {
			p.nav.cursor = i
		}
	}
	p.nav.keep(max(1, p.sh.height-4), len(p.confs), all)
}

// SetSize does nothing: the list reads the height as it draws.
func (p *confSwitcher) SetSize(int, int) {}

func (p *confSwitcher) View() string {
	sh := p.sh
	st := sh.styles
	w := sh.width
	lines := []string{st.PanelTitle.Render("Conferences"), ""}
	if p.loading {
		lines = append(lines, st.Dim.Render(trunc("Reading the store…", w)))
	}
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

func (p *confSwitcher) KeyMap() keyMap {
	k := p.sh.keys
	closeKey := key.NewBinding(key.WithKeys("esc", "backspace", "c"), key.WithHelp("esc", "close"))
	var bound []key.Binding
	if len(p.confs) > 0 {
		bound = append(moveKeys(k), k.Open)
	}
	bound = append(bound, closeKey)
	short := []key.Binding{closeKey}
	if len(p.confs) > 0 {
		short = []key.Binding{k.Open, k.Up, k.Down, closeKey}
	}
	return keyMap{
		short: short,
		bound: append(bound, k.globals()...),
	}
}
