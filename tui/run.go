package tui

import (
	"errors"

	tea "charm.land/bubbletea/v2"
)

// Run opens the TUI on the conference slug and returns when the person quits.
// Every change is in the store when it returns, or the error says how many
// could not be saved (the store stayed locked by another lineup).
func Run(st Store, slug string, opts ...Option) error {
	m, err := New(st, slug, opts...)
	if err != nil {
		return err
	}
	return run(m)
}

// run runs the program on m, then waits for its changes to reach the store.
func run(m *Model, popts ...tea.ProgramOption) error {
	_, err := tea.NewProgram(m, popts...).Run()
	return errors.Join(err, m.finish())
}
