package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/lineup-tui/lineup/data/clock"

	"github.com/lineup-tui/lineup/refresh"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/tui"
)

// tuiOptions are the global flags the terminal interface takes.
type tuiOptions struct {
	clock        clock.Clock
	refreshEvery time.Duration
}

// runTUI opens the terminal interface on the conference slug and makes it the
// current one. With debug it logs to debugLogPath (never to the screen).
func runTUI(st *store.Store, slug string, debug bool, o tuiOptions) error {
	if err := st.SetCurrent(slug); err != nil {
		return err
	}
	refresher := func(ctx context.Context, slug string) (*refresh.Outcome, error) {
		return refresh.Run(ctx, st, refresh.NewClient(), slug, o.clock.Now())
	}
	opts := []tui.Option{tui.WithClock(o.clock.Now), tui.WithRefresh(refresher, max(0, o.refreshEvery))}
	if debug {
		path, err := debugLogPath()
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return fmt.Errorf("debug log: %w", err)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err != nil {
			return fmt.Errorf("debug log: %w", err)
		}
		defer f.Close()
		opts = append(opts, tui.WithLog(f))
	}
	return tui.Run(st, slug, opts...)
}

// debugLogPath is $XDG_STATE_HOME/lineup/debug.log, else
// ~/.local/state/lineup/debug.log.
func debugLogPath() (string, error) {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("debug log: no home folder: %w", err)
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "lineup", "debug.log"), nil
}
