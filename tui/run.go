package tui

import (
	tea "charm.land/bubbletea/v2"
)

// Run opens the TUI on the conference slug and returns when the person quits.
// Every change is in the store when it returns.
func Run(st Store, slug string, opts ...Option) error {
	m, err := New(st, slug, opts...)
	if err != nil {
		return err
	}
	defer m.Flush()
	_, err = tea.NewProgram(m).Run()
	return err
}
