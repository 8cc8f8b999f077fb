package tui

import (
	"bytes"
	"errors"
	"io"
	"os"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
)

// Run opens the TUI on the conference slug and returns when the person quits.
// Every change is in the store when it returns, or the error says how many
// could not be saved (the store stayed locked by another lineup).
//
// On a terminal the first frame is drawn at once (PaintFirst), before
// Bubble Tea takes the terminal over.
func Run(st Store, slug string, opts ...Option) error {
	m, err := New(st, slug, opts...)
	if err != nil {
		return err
	}
	out := &watchedFile{File: os.Stdout}
	painted := false
	if w, h, err := term.GetSize(os.Stdout.Fd()); err == nil && term.IsTerminal(os.Stdin.Fd()) {
		env := os.Environ()
		painted = PaintFirst(os.Stdout, m, w, h, env, colorprofile.Detect(os.Stdout, env)) == nil
	}
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

// PaintFirst draws m's first frame on out, a terminal of w×h cells, as
// Bubble Tea's renderer would: on the alternate screen, in the colours
// profile allows, through the same cell renderer (ultraviolet). Bubble Tea
// writes its own first frame only at its frame ticker's first tick, 8 ms
// after it starts; this puts the programme on the screen as soon as it is
// loaded, and that first tick then draws the same cells again. m is sized
// to w×h.
func PaintFirst(out io.Writer, m *Model, w, h int, env []string, profile colorprofile.Profile) error {
	if w <= 0 || h <= 0 {
		return errors.New("no screen to draw on")
	}
	m.resize(w, h)
	v := m.View()
	var buf bytes.Buffer
	buf.WriteString(enterFirstPaint)
	scr := uv.NewTerminalRenderer(&buf, env)
	scr.SetColorProfile(profile)
	scr.SetTabStops(-1)
	scr.Resize(w, h)
	scr.SetFullscreen(true)
	scr.SetRelativeCursor(false)
	scr.Erase()
	cells := uv.NewScreenBuffer(w, h)
	uv.NewStyledString(v.Content).Draw(cells, cells.Bounds())
	scr.Render(cells.RenderBuffer)
	if err := scr.Flush(); err != nil {
		return err
	}
	_, err := out.Write(buf.Bytes())
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
