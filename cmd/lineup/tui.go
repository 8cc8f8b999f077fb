package main

import (
	"errors"

	"github.com/lineup-tui/lineup/store"
)

func runTUI(st *store.Store, slug string) error {
	return errors.New("the terminal interface is not part of this build yet")
}
