package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/lineup-tui/lineup/data/clock"
	"github.com/lineup-tui/lineup/data/notify"

	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/refresh"
	"github.com/lineup-tui/lineup/tui"
	"github.com/lineup-tui/lineup/tui/theme"
)

// tuiOptions are the global flags the terminal interface takes.
type tuiOptions struct {
	clock        clock.Clock
	refreshEvery time.Duration
	// theme is --theme: when given it is remembered, else the one
	// remembered applies.
	theme  string
	local  bool          // --local: start in the local zone
	remind time.Duration // --remind: how long before a starred session its banner shows; 0 is off
	notify bool          // --notify: reminders also as terminal notifications
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
	choice, err := chooseTheme(st, o.theme)
	if err != nil {
		return err
	}
	opts := []tui.Option{tui.WithClock(o.clock.Now), tui.WithRefresh(refresher, max(0, o.refreshEvery)), tui.WithTheme(choice),
		tui.WithLocalZone(localZone()), tui.WithReminders(o.remind)}
	if o.local {
		opts = append(opts, tui.WithLocal())
	}
	if o.notify {
		opts = append(opts, tui.WithNotifications(notify.For(os.Getenv("TERM_PROGRAM"), os.Getenv("TERM"))))
	}
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

// chooseTheme is the theme to draw with: themeFlag, which is remembered,
// or when it is "" the one remembered (auto when none).
func chooseTheme(st *store.Store, themeFlag string) (theme.Choice, error) {
	if themeFlag != "" {
		c, err := theme.ParseChoice(themeFlag)
		if err != nil {
			return theme.Auto, err
		}
		return c, st.SetTheme(string(c))
	}
	saved, err := st.Theme()
	if err != nil {
		return theme.Auto, err
	}
	c, _ := theme.ParseChoice(saved) // a value this version does not know is auto
	return c, nil
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
