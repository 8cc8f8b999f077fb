package tui

import (
	"bytes"
	"errors"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/mattn/go-runewidth"
)

// Run opens the TUI on the conference slug and returns when the person quits.
// Every change is in the store when it returns, or the error says how many
// could not be saved (the store stayed locked by another lineup).
//
// On a terminal the first frame is drawn at once (PaintFirst), before
// Bubble Tea takes the terminal over.
func Run(st Store, slug string, opts ...Option) error {
	// Bubble Tea's cell renderer measures characters beyond ASCII with
	// runewidth, whose tables take about a millisecond to build on first
	// use: built on the other core while the programme loads and the
	// first frame is drawn, they are ready for Bubble Tea's.
	go runewidth.StringWidth("★")
	// Nearly all that is loaded before the first frame stays: collecting
	// meanwhile would only walk the programme again. The soft memory limit
	// still holds.
	gc := debug.SetGCPercent(-1)
	m, err := New(st, slug, opts...)
	if err != nil {
		debug.SetGCPercent(gc)
		return err
	}
	out := &watchedFile{File: os.Stdout}
	painted := false
	// Not on Windows: there Bubble Tea first turns on the console's escape
	// sequences, which the frame is written in.
	if w, h, err := term.GetSize(os.Stdout.Fd()); err == nil && term.IsTerminal(os.Stdin.Fd()) && runtime.GOOS != "windows" {
		env := os.Environ()
		painted = PaintFirst(os.Stdout, m, w, h, colorprofile.Detect(os.Stdout, env)) == nil
	}
	debug.SetGCPercent(gc)
	err = run(m, tea.WithOutput(out))
	if painted && !out.wrote.Load() {
		// Bubble Tea stopped before it drew anything, so it did not leave
		// the screen PaintFirst entered either.
		_, _ = io.WriteString(os.Stdout, leaveFirstPaint)
	}
	return err
}

// frameRate is how many frames a second the screen is drawn at most: the
// most Bubble Tea allows, so that a frame waits at most about 8 ms for its
// tick rather than 17.
const frameRate = 120

// run runs the program on m, then waits for its changes to reach the store.
func run(m *Model, popts ...tea.ProgramOption) error {
	popts = append([]tea.ProgramOption{tea.WithFPS(frameRate)}, popts...)
	_, err := tea.NewProgram(m, popts...).Run()
	return errors.Join(err, m.finish())
}

// enterFirstPaint and leaveFirstPaint are what PaintFirst adds around the
// frame: the alternate screen with the cursor hidden, as the program draws
// it, and back.
const (
	enterFirstPaint = ansi.SetModeAltScreenSaveCursor + ansi.ResetModeTextCursorEnable
	leaveFirstPaint = ansi.ResetModeAltScreenSaveCursor + ansi.SetModeTextCursorEnable
)

// PaintFirst draws m's first frame on out, a terminal of w×h cells: on the
// alternate screen with the cursor hidden, as Bubble Tea draws it, in the
// colours profile allows. Bubble Tea writes its first frame only at its
// frame ticker's first tick, 8 ms after it starts; this puts the programme
// on the screen as soon as it is loaded, and that first tick then draws the
// same cells again. m is sized to w×h.
//
// A first frame goes onto a blank screen, so each line is written as it is
// at its row; autowrap is off meanwhile, so a line wider than the screen
// is cut at its edge rather than wrapped.
func PaintFirst(out io.Writer, m *Model, w, h int, profile colorprofile.Profile) error {
	if w <= 0 || h <= 0 {
		return errors.New("no screen to draw on")
	}
	m.resize(w, h)
	content := m.View().Content
	var buf bytes.Buffer
	buf.Grow(len(content) + 16*h + 64)
	buf.WriteString(enterFirstPaint + ansi.ResetModeAutoWrap + ansi.EraseEntireScreen)
	for y := 0; y < h && content != ""; y++ {
		line, rest, _ := strings.Cut(content, "\n")
		content = rest
		buf.WriteString(ansi.CursorPosition(1, y+1))
		buf.WriteString(line)
		buf.WriteString(ansi.ResetStyle)
	}
	buf.WriteString(ansi.SetModeAutoWrap)
	cw := &colorprofile.Writer{Forward: out, Profile: profile}
	_, err := cw.Write(buf.Bytes())
	return err
}

// watchedFile is the terminal Bubble Tea writes to, noting whether it
// entered the alternate screen (with its first frame).
type watchedFile struct {
	*os.File
	wrote atomic.Bool
}

func (f *watchedFile) Write(b []byte) (int, error) {
	if !f.wrote.Load() && bytes.Contains(b, []byte(ansi.SetModeAltScreenSaveCursor)) {
		f.wrote.Store(true)
	}
	return f.File.Write(b)
}
