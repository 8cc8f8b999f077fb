package main

import (
	"bytes"
	"io"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/store/storetest"
	"github.com/lineup-tui/lineup/tui"
)

// reverseSGR is an SGR sequence that turns reverse video on.
var reverseSGR = regexp.MustCompile(`\x1b\[(?:[0-9:]*;)*7(?:;[0-9:]*)*m`)

// screenOf is what a person sees of a frame: its lines without styles, and
// the lines drawn in reverse video (the cursor row without colours).
func screenOf(frame string) (lines, reversed []string) {
	for _, l := range strings.Split(frame, "\n") {
		plain := strings.TrimRight(ansi.Strip(l), " ")
		lines = append(lines, plain)
		if reverseSGR.MatchString(l) {
			reversed = append(reversed, plain)
		}
	}
	return lines, reversed
}

// The frame drawn before Bubble Tea starts is the program's first frame,
// cell for cell, at every size; Bubble Tea's own first frame, drawn over
// it, leaves the screen as it was.
func TestPaintFirstDrawsTheFirstFrame(t *testing.T) {
	st := storetest.Open(t)
	for _, size := range [][2]int{{80, 24}, {40, 12}, {200, 50}, {100, 30}} {
		w, h := size[0], size[1]
		m, err := tui.New(st, data.BuiltinSlug, tui.WithNoColor(true))
		if err != nil {
			t.Fatal(err)
		}
		vt := newVTScreen(w, h)
		vt.onlcr = true // a terminal not yet in raw mode
		if err := tui.PaintFirst(vt, m, w, h, colorprofile.Ascii); err != nil {
			t.Fatal(err)
		}
		want, wantRev := screenOf(m.View().Content)
		if len(want) != h {
			t.Fatalf("%dx%d: the frame has %d lines", w, h, len(want))
		}
		if got := vt.Lines(); !slices.Equal(got, want) || !slices.Equal(vt.Reversed(), wantRev) {
			t.Fatalf("%dx%d: the screen shows\n%s\nwant\n%s\nreversed %q, want %q", w, h,
				strings.Join(got, "\n"), strings.Join(want, "\n"), vt.Reversed(), wantRev)
		}
		if !strings.Contains(m.View().Content, "quit") {
			t.Fatalf("%dx%d: no help line in the first frame", w, h)
		}

		// Bubble Tea then starts on the same terminal and draws its first
		// frame over the painted one.
		bt := &countingWriter{w: vt}
		p := tea.NewProgram(m, tea.WithInput(nil), tea.WithOutput(bt), tea.WithWindowSize(w, h),
			tea.WithEnvironment([]string{"TERM=xterm-256color"}), tea.WithoutSignalHandler(),
			tea.WithColorProfile(colorprofile.Ascii))
		done := make(chan error, 1)
		go func() { _, err := p.Run(); done <- err }()
		drawn := func() bool { return bt.frames.Load() > 0 }
		deadline := time.Now().Add(5 * time.Second)
		for !drawn() && time.Now().Before(deadline) {
			time.Sleep(2 * time.Millisecond)
		}
		time.Sleep(30 * time.Millisecond) // a few more ticks
		got, gotRev := vt.Lines(), vt.Reversed()
		p.Quit()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		m.Flush()
		if !slices.Equal(got, want) || !slices.Equal(gotRev, wantRev) {
			t.Fatalf("%dx%d: after Bubble Tea's first frame the screen shows\n%s\nwant\n%s", w, h,
				strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// countingWriter counts the writes that draw a whole screen (with the
// sequence entering the alternate screen).
type countingWriter struct {
	w      io.Writer
	frames atomic.Int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	if bytes.Contains(b, []byte(ansi.SetModeAltScreenSaveCursor)) {
		c.frames.Add(1)
	}
	return c.w.Write(b)
}
