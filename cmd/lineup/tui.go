package main

import (
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/tui"
)

// runTUI opens the terminal interface on the conference slug and makes it the
// current one.
func runTUI(st *store.Store, slug string) error {
	if err := st.SetCurrent(slug); err != nil {
		return err
	}
	return tui.Run(st, slug)
}
