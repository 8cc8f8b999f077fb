package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data/changes"
	"github.com/lineup-tui/lineup/store/refresh"
)

// changesPage is "What changed": the recorded change sets of the open
// conference, the person's starred sessions first, then those rated or
// noted, then the rest, the latest set first in each group. enter opens a
// session that is still in the schedule.
type changesPage struct {
	sh    *shared
	items []changes.Item
	nav   listNav
}

func newChangesPage(sh *shared) *changesPage {
	p := &changesPage{sh: sh}
	p.reload()
	return p
}

func (p *changesPage) reload() {
	p.items = changes.Order(p.sh.live.sets, p.sh.mineFunc())
	p.nav.keep(p.height(), len(p.items), all)
}

// height is the rows the list gets: the screen less the title, a blank
// line, the tabs and the help line.
func (p *changesPage) height() int { return max(1, p.sh.height-4) }

func (p *changesPage) Update(msg tea.Msg) tea.Cmd {
	if _, ok := msg.(refreshMsg); ok {
		p.reload()
		return nil
	}
	k := p.sh.keys
	if p.nav.handle(k, msg, len(p.items), p.height(), all) {
		return nil
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, k.Back), key.Matches(km, k.Changes):
		return closePage(nil)
	case key.Matches(km, k.Open) && p.openable():
		return push(newSessionPage(p.sh, p.items[p.nav.cursor].ID))
	}
	return nil
}

// openable reports whether the focused change is a session still in the
// schedule.
func (p *changesPage) openable() bool {
	return p.nav.cursor < len(p.items) && p.sh.conf.Session(p.items[p.nav.cursor].ID) != nil
}

// SetSize does nothing: the list reads the height as it draws.
func (p *changesPage) SetSize(int, int) {}

func (p *changesPage) View() string {
	sh := p.sh
	st := sh.styles
	w := sh.width
	title := "What changed"
	if n := len(sh.live.sets); n > 0 {
		title += " · " + strconv.Itoa(n) + " refreshes, the last " + refresh.Ago(sh.now().Sub(sh.live.latest.At))
		if n == 1 {
			title = "What changed · the last refresh, " + refresh.Ago(sh.now().Sub(sh.live.latest.At))
		}
	}
	lines := []string{st.PanelTitle.Render(trunc(title, w)), ""}
	if len(p.items) == 0 {
		lines = append(lines, st.Dim.Render(trunc("  No changes recorded. A refresh (r) or a re-import that changes the schedule lists them here.", w)))
		return strings.Join(lines, "\n")
	}
	end := min(len(p.items), p.nav.offset+p.height())
	for i := p.nav.offset; i < end; i++ {
		it := &p.items[i]
		line := refresh.MineMark(it) + kindMark(it.Kind) + " " + fit(string(it.Kind), 9) + " " + it.Title + refresh.FieldText(&it.Entry, false)
		if i == p.nav.cursor {
			lines = append(lines, st.Selected.Render(fit(line, w)))
		} else {
			lines = append(lines, trunc(line, w))
		}
	}
	return strings.Join(lines, "\n")
}

// kindMark is the list marker of a kind of change; a removed session has
// no row in the lists, so it shows the cancelled marker here.
func kindMark(k changes.Kind) string {
	switch k {
	case changes.Moved:
		return markMoved
	case changes.Added:
		return markAdded
	case changes.Cancelled, changes.Removed:
		return markCancelled
	}
	return markChanged
}

func (p *changesPage) KeyMap() keyMap {
	k := p.sh.keys
	closeKey := key.NewBinding(key.WithKeys("esc", "backspace", "u"), key.WithHelp("esc", "close"))
	var short, bound []key.Binding
	if len(p.items) > 0 {
		bound = moveKeys(k)
		short = []key.Binding{k.Up, k.Down}
	}
	if p.openable() {
		bound = append(bound, k.Open)
		short = append([]key.Binding{k.Open}, short...)
	}
	bound = append(bound, closeKey)
	short = append(short, closeKey, k.Help, k.Quit)
	return keyMap{short: short, bound: append(bound, k.globals()...)}
}
