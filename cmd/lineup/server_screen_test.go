package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// vtScreen is a small terminal for the tests: it applies what a Bubble Tea
// program writes to a grid of cells, so a test looks at what a person would
// see. Looking for text in the bytes sent is not enough: the renderer writes
// only the cells that changed since its last frame, with cursor moves
// between them, and frames it never flushed are never written at all.
//
// It knows the sequences the renderer uses: cursor moves (CUP, CUU, CUD,
// CUF, CUB, CHA, HPA, VPA, CNL, CPL, tabs, RI, IND, NEL), erasing (EL, ED,
// ECH), REP, inserting and deleting characters and lines (ICH, DCH, IL, DL,
// the insert mode), scrolling (SU, SD, the scroll region), autowrap and the
// alternate screen, and of SGR only reverse video, which marks the cursor
// row of a list when colours are off. Everything else (queries, titles,
// other modes) leaves the screen as it is.
type vtScreen struct {
	mu sync.Mutex
	p  *ansi.Parser

	w, h     int
	cells    [][]vtCell
	x, y     int
	wrapNext bool // the last column was written: the next character wraps
	top, bot int  // the scroll region, rows top..bot inclusive
	rev      bool // reverse video is on for what is written next
	insert   bool // IRM: characters written push the rest of the line right
	noWrap   bool // autowrap off
	onlcr    bool // a line feed also returns the carriage, as a pty's ONLCR does
	last     vtCell
	savedX   int
	savedY   int
}

// vtCell is one cell: its grapheme ("" for the right half of a wide one)
// and whether it is shown in reverse video.
type vtCell struct {
	s   string
	rev bool
}

var blankCell = vtCell{s: " "}

func newVTScreen(w, h int) *vtScreen {
	v := &vtScreen{w: w, h: h, top: 0, bot: h - 1}
	v.cells = make([][]vtCell, h)
	for i := range v.cells {
		v.cells[i] = blankLine(w)
	}
	v.p = ansi.NewParser()
	v.p.SetHandler(ansi.Handler{
		Print:     v.print,
		Execute:   v.execute,
		HandleCsi: v.csi,
		HandleEsc: v.esc,
	})
	return v
}

func blankLine(w int) []vtCell {
	l := make([]vtCell, w)
	for i := range l {
		l[i] = blankCell
	}
	return l
}

// Write applies b, which may end in the middle of a sequence or a character.
func (v *vtScreen) Write(b []byte) (int, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, c := range b {
		v.p.Advance(c)
	}
	return len(b), nil
}

// Lines is the screen's text, a string per row without trailing blanks.
func (v *vtScreen) Lines() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	out := make([]string, v.h)
	for y, l := range v.cells {
		var sb strings.Builder
		for _, c := range l {
			sb.WriteString(c.s)
		}
		out[y] = strings.TrimRight(sb.String(), " ")
	}
	return out
}

// Line is the text of row y without trailing blanks.
func (v *vtScreen) Line(y int) string {
	v.mu.Lock()
	defer v.mu.Unlock()
	var sb strings.Builder
	for _, c := range v.cells[y] {
		sb.WriteString(c.s)
	}
	return strings.TrimRight(sb.String(), " ")
}

// String is the screen's text, its rows joined by newlines.
func (v *vtScreen) String() string { return strings.Join(v.Lines(), "\n") }

// Reversed is the text of the rows that have cells in reverse video.
func (v *vtScreen) Reversed() []string {
	lines := v.Lines()
	v.mu.Lock()
	defer v.mu.Unlock()
	var out []string
	for y, l := range v.cells {
		for _, c := range l {
			if c.rev {
				out = append(out, lines[y])
				break
			}
		}
	}
	return out
}

func (v *vtScreen) clampCursor() {
	v.x = min(max(v.x, 0), v.w-1)
	v.y = min(max(v.y, 0), v.h-1)
	v.wrapNext = false
}

func (v *vtScreen) print(r rune) {
	s := string(r)
	w := ansi.StringWidth(s)
	if w == 0 {
		// A combining mark or a joiner: part of the previous cell.
		px, py := v.x-1, v.y
		if v.wrapNext {
			px = v.x
		}
		if px >= 0 {
			v.cells[py][px].s += s
		}
		return
	}
	if v.wrapNext && !v.noWrap {
		v.x = 0
		v.lineFeed()
	}
	v.wrapNext = false
	if v.x+w > v.w {
		if v.noWrap {
			v.x = v.w - w
		} else {
			v.x = 0
			v.lineFeed()
		}
	}
	c := vtCell{s: s, rev: v.rev}
	if v.insert {
		v.insertChars(w)
	}
	line := v.cells[v.y]
	line[v.x] = c
	for i := 1; i < w; i++ {
		line[v.x+i] = vtCell{rev: v.rev}
	}
	v.last = c
	if v.x+w >= v.w {
		v.x = v.w - 1
		v.wrapNext = true
	} else {
		v.x += w
	}
}

func (v *vtScreen) execute(b byte) {
	switch b {
	case '\r':
		v.x, v.wrapNext = 0, false
	case '\n', '\v', '\f':
		v.wrapNext = false
		if v.onlcr {
			v.x = 0
		}
		v.lineFeed()
	case '\b':
		if v.wrapNext {
			v.wrapNext = false
		} else if v.x > 0 {
			v.x--
		}
	case '\t':
		v.x = min(v.w-1, (v.x/8+1)*8)
		v.wrapNext = false
	}
}

// lineFeed moves down a row, scrolling the region when at its bottom.
func (v *vtScreen) lineFeed() {
	switch {
	case v.y == v.bot:
		v.scrollUp(1)
	case v.y < v.h-1:
		v.y++
	}
}

// reverseIndex moves up a row, scrolling the region down when at its top.
func (v *vtScreen) reverseIndex() {
	switch {
	case v.y == v.top:
		v.scrollDown(1)
	case v.y > 0:
		v.y--
	}
}

// scrollUp moves the rows of the scroll region up n, blank rows in at the bottom.
func (v *vtScreen) scrollUp(n int) { v.deleteLinesAt(v.top, n) }

// scrollDown moves the rows of the scroll region down n, blank rows in at the top.
func (v *vtScreen) scrollDown(n int) { v.insertLinesAt(v.top, n) }

func (v *vtScreen) insertLinesAt(y, n int) {
	if y < v.top || y > v.bot {
		return
	}
	n = min(n, v.bot-y+1)
	region := v.cells[y : v.bot+1]
	copy(region[n:], region[:len(region)-n])
	for i := range n {
		region[i] = blankLine(v.w)
	}
}

func (v *vtScreen) deleteLinesAt(y, n int) {
	if y < v.top || y > v.bot {
		return
	}
	n = min(n, v.bot-y+1)
	region := v.cells[y : v.bot+1]
	copy(region, region[n:])
	for i := len(region) - n; i < len(region); i++ {
		region[i] = blankLine(v.w)
	}
}

func (v *vtScreen) insertChars(n int) {
	line := v.cells[v.y]
	n = min(n, v.w-v.x)
	copy(line[v.x+n:], line[v.x:v.w-n])
	for i := v.x; i < v.x+n; i++ {
		line[i] = blankCell
	}
}

func (v *vtScreen) deleteChars(n int) {
	line := v.cells[v.y]
	n = min(n, v.w-v.x)
	copy(line[v.x:], line[v.x+n:])
	for i := v.w - n; i < v.w; i++ {
		line[i] = blankCell
	}
}

func (v *vtScreen) erase(y, from, to int) {
	for x := max(from, 0); x < min(to, v.w); x++ {
		v.cells[y][x] = blankCell
	}
}

func (v *vtScreen) esc(cmd ansi.Cmd) {
	if cmd.Intermediate() != 0 {
		return
	}
	switch cmd.Final() {
	case 'M':
		v.wrapNext = false
		v.reverseIndex()
	case 'D':
		v.wrapNext = false
		v.lineFeed()
	case 'E':
		v.x, v.wrapNext = 0, false
		v.lineFeed()
	case '7':
		v.savedX, v.savedY = v.x, v.y
	case '8':
		v.x, v.y = v.savedX, v.savedY
		v.clampCursor()
	case 'c':
		for y := range v.cells {
			v.cells[y] = blankLine(v.w)
		}
		v.x, v.y, v.wrapNext, v.top, v.bot = 0, 0, false, 0, v.h-1
		v.rev, v.insert, v.noWrap = false, false, false
	}
}

func (v *vtScreen) csi(cmd ansi.Cmd, params ansi.Params) {
	arg := func(i, def int) int {
		n, _, _ := params.Param(i, def)
		if n == 0 && def > 0 {
			return def
		}
		return n
	}
	if cmd.Intermediate() != 0 {
		return // DECSCUSR, DECRQM and the like
	}
	switch cmd.Prefix() {
	case '?':
		if f := cmd.Final(); f == 'h' || f == 'l' {
			params.ForEach(-1, func(_, mode int, _ bool) {
				switch mode {
				case 7:
					v.noWrap = f == 'l'
				case 47, 1047, 1049:
					for y := range v.cells {
						v.cells[y] = blankLine(v.w)
					}
					if mode == 1049 && f == 'h' {
						v.x, v.y = 0, 0
					}
				}
			})
		}
		return
	case 0:
	default:
		return
	}
	switch cmd.Final() {
	case 'H', 'f':
		v.y, v.x = arg(0, 1)-1, arg(1, 1)-1
		v.clampCursor()
	case 'A':
		v.y -= arg(0, 1)
		if v.y < v.top && v.y+arg(0, 1) >= v.top {
			v.y = v.top
		}
		v.clampCursor()
	case 'B':
		v.y += arg(0, 1)
		if v.y > v.bot && v.y-arg(0, 1) <= v.bot {
			v.y = v.bot
		}
		v.clampCursor()
	case 'C':
		v.x += arg(0, 1)
		v.clampCursor()
	case 'D':
		if v.wrapNext {
			v.wrapNext = false
		}
		v.x -= arg(0, 1)
		v.clampCursor()
	case 'E':
		v.y, v.x = v.y+arg(0, 1), 0
		v.clampCursor()
	case 'F':
		v.y, v.x = v.y-arg(0, 1), 0
		v.clampCursor()
	case 'G', '`':
		v.x = arg(0, 1) - 1
		v.clampCursor()
	case 'd':
		v.y = arg(0, 1) - 1
		v.clampCursor()
	case 'I':
		for range arg(0, 1) {
			v.x = min(v.w-1, (v.x/8+1)*8)
		}
		v.wrapNext = false
	case 'Z':
		for range arg(0, 1) {
			v.x = max(0, (v.x-1)/8*8)
		}
		v.wrapNext = false
	case 'K':
		switch arg(0, 0) {
		case 0:
			v.erase(v.y, v.x, v.w)
		case 1:
			v.erase(v.y, 0, v.x+1)
		case 2:
			v.erase(v.y, 0, v.w)
		}
		v.wrapNext = false
	case 'J':
		switch arg(0, 0) {
		case 0:
			v.erase(v.y, v.x, v.w)
			for y := v.y + 1; y < v.h; y++ {
				v.erase(y, 0, v.w)
			}
		case 1:
			for y := 0; y < v.y; y++ {
				v.erase(y, 0, v.w)
			}
			v.erase(v.y, 0, v.x+1)
		case 2, 3:
			for y := range v.h {
				v.erase(y, 0, v.w)
			}
		}
		v.wrapNext = false
	case 'X':
		v.erase(v.y, v.x, v.x+arg(0, 1))
		v.wrapNext = false
	case 'b':
		c := v.last
		for range arg(0, 1) {
			rev := v.rev
			v.rev = c.rev
			for _, r := range c.s {
				v.print(r)
			}
			v.rev = rev
		}
	case '@':
		v.insertChars(arg(0, 1))
		v.wrapNext = false
	case 'P':
		v.deleteChars(arg(0, 1))
		v.wrapNext = false
	case 'L':
		v.insertLinesAt(v.y, arg(0, 1))
		v.x, v.wrapNext = 0, false
	case 'M':
		v.deleteLinesAt(v.y, arg(0, 1))
		v.x, v.wrapNext = 0, false
	case 'S':
		v.scrollUp(arg(0, 1))
	case 'T':
		v.scrollDown(arg(0, 1))
	case 'r':
		top, bot := arg(0, 1)-1, arg(1, v.h)-1
		if top < bot && bot < v.h {
			v.top, v.bot = top, bot
		} else {
			v.top, v.bot = 0, v.h-1
		}
		v.x, v.y, v.wrapNext = 0, 0, false
	case 'h', 'l':
		params.ForEach(-1, func(_, mode int, _ bool) {
			if mode == 4 {
				v.insert = cmd.Final() == 'h'
			}
		})
	case 'm':
		if len(params) == 0 {
			v.rev = false
		}
		for i := 0; i < len(params); i++ {
			p := params[i].Param(0)
			switch {
			case params[i].HasMore():
				// colon form (38:2:r:g:b): skip its sub-parameters
				for i < len(params) && params[i].HasMore() {
					i++
				}
			case p == 38 || p == 48 || p == 58:
				// semicolon form: 5;n or 2;r;g;b
				if i+1 < len(params) && params[i+1].Param(0) == 5 {
					i += 2
				} else if i+1 < len(params) && params[i+1].Param(0) == 2 {
					i += 4
				}
			case p == 0:
				v.rev = false
			case p == 7:
				v.rev = true
			case p == 27:
				v.rev = false
			}
		}
	}
}

// scriptModel shows one view after another: each scriptNext shows the next.
type scriptModel struct {
	views []string
	i     int
}

type scriptNext struct{}

func (m *scriptModel) Init() tea.Cmd { return nil }

func (m *scriptModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(scriptNext); ok && m.i < len(m.views)-1 {
		m.i++
	}
	return m, nil
}

func (m *scriptModel) View() tea.View {
	v := tea.NewView(m.views[m.i])
	v.AltScreen = true
	return v
}

// screenScript is a run of frames like a list's: it scrolls up and down by
// a few rows, the cursor row in reverse video moves, rows change in the
// middle, grow and shrink, and the footer changes, so the renderer uses its
// scrolls, inserts, deletes, repeats and erases.
func screenScript(w, h, n int, seed uint64) []string {
	rnd := rand.New(rand.NewPCG(seed, 1))
	words := []string{"Kubernetes", "the", "very", "hard", "way", "★★★★☆", "–", "Hall A1", "日本語", "…", "------", "Intermediate", "    "}
	items := make([]string, 3*h)
	for i := range items {
		var sb strings.Builder
		fmt.Fprintf(&sb, "%2d ", i)
		for sb.Len() < rnd.IntN(w+20) {
			sb.WriteString(words[rnd.IntN(len(words))] + " ")
		}
		items[i] = sb.String()
	}
	fit := func(s string) string { return ansi.Truncate(s, w, "") }
	off, cur := 0, 0
	var views []string
	for range n {
		switch rnd.IntN(6) {
		case 0:
			off = min(off+1+rnd.IntN(3), len(items)-(h-1))
		case 1:
			off = max(off-1-rnd.IntN(3), 0)
		case 2:
			cur = rnd.IntN(h - 1)
		case 3:
			k := rnd.IntN(len(items))
			at := rnd.IntN(len(items[k]) + 1)
			for !utf8.RuneStart(items[k][min(at, len(items[k])-1)]) {
				at--
			}
			items[k] = items[k][:at] + words[rnd.IntN(len(words))] + items[k][at:]
		case 4:
			k := rnd.IntN(len(items))
			items[k] = items[k][:len(items[k])/2]
			for !utf8.ValidString(items[k]) {
				items[k] = items[k][:len(items[k])-1]
			}
		}
		lines := make([]string, 0, h)
		for i := range h - 1 {
			l := fit(items[off+i])
			if i == cur {
				l = "\x1b[7m" + l + "\x1b[m"
			}
			lines = append(lines, l)
		}
		footer := "↑/↓ move · / search · 1-5 rate · ? help"
		if rnd.IntN(3) == 0 {
			footer = "rated " + strings.Repeat("★", 1+rnd.IntN(5))
		}
		lines = append(lines, fit(footer))
		views = append(views, strings.Join(lines, "\n"))
	}
	return views
}

// The screen shows what a Bubble Tea program shows, frame after frame, as
// the renderer sends it: the tests that look at served screens rely on it.
func TestVTScreenFollowsTheRenderer(t *testing.T) {
	for _, size := range [][2]int{{100, 30}, {40, 12}} {
		w, h := size[0], size[1]
		views := screenScript(w, h, 80, uint64(w))
		vt := newVTScreen(w, h)
		vt.onlcr = true // the output is no terminal: the program counts on a pty's
		p := tea.NewProgram(&scriptModel{views: views},
			tea.WithInput(nil), tea.WithOutput(vt), tea.WithWindowSize(w, h),
			tea.WithEnvironment([]string{"TERM=xterm-256color"}), tea.WithoutSignalHandler(),
			tea.WithColorProfile(colorprofile.Ascii)) // attributes, no colours, as NO_COLOR gets
		done := make(chan error, 1)
		go func() { _, err := p.Run(); done <- err }()
		for i, view := range views {
			if i > 0 {
				p.Send(scriptNext{})
			}
			want := strings.Split(ansi.Strip(view), "\n")
			for j := range want {
				want[j] = strings.TrimRight(want[j], " ")
			}
			var wantRev []string
			for _, l := range strings.Split(view, "\n") {
				if strings.Contains(l, "\x1b[7m") {
					wantRev = append(wantRev, strings.TrimRight(ansi.Strip(l), " "))
				}
			}
			deadline := time.Now().Add(5 * time.Second)
			for {
				got := vt.Lines()
				if slices.Equal(got, want) && slices.Equal(vt.Reversed(), wantRev) {
					break
				}
				if time.Now().After(deadline) {
					p.Kill()
					t.Fatalf("%dx%d frame %d: the screen shows\n%s\nwant\n%s\nreversed %q, want %q",
						w, h, i, strings.Join(got, "\n"), strings.Join(want, "\n"), vt.Reversed(), wantRev)
				}
				time.Sleep(2 * time.Millisecond)
			}
			if i%3 == 0 {
				// Some frames are flushed on their own, others together
				// with the next, as under load.
				time.Sleep(20 * time.Millisecond)
			}
		}
		p.Quit()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

// vtSession is an interactive session whose output goes to a vtScreen.
type vtSession struct {
	*vtScreen
	in io.Writer
}

// openVT opens the TUI as k in a w×h terminal without colours.
func (v *testVenue) openVT(t testing.TB, k gossh.Signer, w, h int) *vtSession {
	t.Helper()
	c := v.login(t, k)
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	_ = s.Setenv("NO_COLOR", "1")
	if err := s.RequestPty("xterm-256color", h, w, nil); err != nil {
		t.Fatal(err)
	}
	in, _ := s.StdinPipe()
	out, _ := s.StdoutPipe()
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	vs := &vtSession{vtScreen: newVTScreen(w, h), in: in}
	go func() { _, _ = io.Copy(vs.vtScreen, out) }()
	return vs
}

// press sends keys, one at a time.
func (vs *vtSession) press(t testing.TB, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, err := io.WriteString(vs.in, k); err != nil {
			t.Fatalf("key %q: %v", k, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitFor waits until the screen shows want and returns how long it took.
func (vs *vtSession) waitFor(t testing.TB, want string) time.Duration {
	t.Helper()
	start := time.Now()
	for !strings.Contains(vs.String(), want) {
		if time.Since(start) > serveWait {
			t.Fatalf("the screen never showed %q; it shows:\n%s", want, vs)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return time.Since(start)
}
