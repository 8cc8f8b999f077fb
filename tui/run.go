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

// frameRate is how many frames a second the screen is drawn at most: the
// most Bubble Tea allows, so that a frame (the first one too) waits at most
// about 8 ms for its tick rather than 17.
const frameRate = 120

// run runs the program on m, then waits for its changes to reach the store.
func run(m *Model, popts ...tea.ProgramOption) error {
	popts = append([]tea.ProgramOption{tea.WithFPS(frameRate)}, popts...)
	_, err := tea.NewProgram(m, popts...).Run()
	return errors.Join(err, m.finish())
}
