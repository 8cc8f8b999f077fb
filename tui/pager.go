package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// pager scrolls a block of pre-rendered lines.
type pager struct {
	lines  []string
	offset int
}

func (p *pager) height(sh *shared) int { return max(1, sh.height-2) }

func (p *pager) scroll(delta, h int) {
	p.offset = clamp(p.offset+delta, 0, max(0, len(p.lines)-h))
}

// show makes line i visible.
func (p *pager) show(i, h int) {
	if i < p.offset {
		p.offset = i
	} else if i >= p.offset+h {
		p.offset = i - h + 1
	}
	p.scroll(0, h)
}

// scrollKey handles the scrolling keys and the wheel; it reports whether msg was one.
func (p *pager) scrollKey(sh *shared, msg tea.Msg) bool {
	h := p.height(sh)
	k := sh.keys
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			p.scroll(-3, h)
		case tea.MouseWheelDown:
			p.scroll(3, h)
		}
		return true
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			p.scroll(-1, h)
		case key.Matches(msg, k.Down):
			p.scroll(1, h)
		case key.Matches(msg, k.PageUp):
			p.scroll(-h, h)
		case key.Matches(msg, k.PageDown):
			p.scroll(h, h)
		case key.Matches(msg, k.Home):
			p.offset = 0
		case key.Matches(msg, k.End):
			p.scroll(len(p.lines), h)
		default:
			return false
		}
		return true
	}
	return false
}

// top is the first line shown, p.offset kept inside the page.
func (p *pager) top(h int) int { return clamp(p.offset, 0, max(0, len(p.lines)-h)) }

func (p *pager) view(sh *shared) string {
	h := p.height(sh)
	top := p.top(h)
	end := min(len(p.lines), top+h)
	out := make([]string, 0, h)
	for _, l := range p.lines[top:end] {
		out = append(out, trunc(l, sh.width))
	}
	return strings.Join(out, "\n")
}

// more reports whether the page is taller than the screen.
func (p *pager) more(sh *shared) bool { return len(p.lines) > p.height(sh) }

// position is how far down a page taller than the screen is shown, as
// "top", "42%" or "end"; "" when it fits.
func (p *pager) position(sh *shared) string {
	h := p.height(sh)
	if len(p.lines) <= h {
		return ""
	}
	switch top, end := p.top(h), max(1, len(p.lines)-h); {
	case top <= 0:
		return "top ↓"
	case top >= end:
		return "end ↑"
	default:
		return fmt.Sprintf("%d%% ↕", top*100/end)
	}
}
