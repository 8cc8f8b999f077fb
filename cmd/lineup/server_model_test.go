package main

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/lineup-tui/lineup/tui"
)

// drawCounter counts its draws and shows how many messages it had.
type drawCounter struct{ msgs, draws int }

func (d *drawCounter) Init() tea.Cmd { return nil }

func (d *drawCounter) Update(tea.Msg) (tea.Model, tea.Cmd) { d.msgs++; return d, nil }

func (d *drawCounter) View() tea.View {
	d.draws++
	return tea.NewView(string(rune('0' + d.msgs)))
}

// A served screen is not drawn again for a notice that ratings changed,
// which only starts a read; any other message draws it again.
func TestServedModelDrawsOnlyWhatMayHaveChanged(t *testing.T) {
	d := &drawCounter{}
	s := &servedModel{m: d}
	view := func() string { return s.View().Content }
	if got := view(); got != "0" || d.draws != 1 {
		t.Fatalf("first frame %q after %d draws", got, d.draws)
	}
	for range 5 {
		s.Update(tui.StoreChangedMsg{})
		view()
	}
	if d.draws != 1 || d.msgs != 5 {
		t.Errorf("5 notices: %d draws, %d messages handed on; want 1 draw, 5 messages", d.draws, d.msgs)
	}
	s.Update(tea.KeyPressMsg{Code: 'j', Text: "j"})
	if got := view(); got != "6" || d.draws != 2 {
		t.Errorf("after a key: frame %q after %d draws, want \"6\" after 2", got, d.draws)
	}
	view()
	if d.draws != 2 {
		t.Errorf("drawn again with nothing new: %d draws", d.draws)
	}
}

func TestBroadcastSpacingGrowsWithTheVenue(t *testing.T) {
	for _, c := range []struct {
		screens int
		want    time.Duration
	}{
		{0, 200 * time.Millisecond},
		{5, 210 * time.Millisecond},
		{200, 600 * time.Millisecond},
		{1000, 800 * time.Millisecond},
	} {
		if got := broadcastSpacing(c.screens); got != c.want {
			t.Errorf("%d screens: %v, want %v", c.screens, got, c.want)
		}
	}
}
