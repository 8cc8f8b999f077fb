// Command lineup-svg draws a terminal screen as an SVG picture: it reads
// text with SGR sequences (what `tmux capture-pane -p -e` prints) on stdin
// and writes the SVG on stdout, one cell a character, with the colours,
// bold, italic, underline and reverse video the sequences ask for.
// scripts/screenshot.sh uses it for the README's picture.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/lineup-tui/lineup/tui/termcells"
)

// style is one cell's look; colours are "#rrggbb", "" for the default.
type style struct {
	fg, bg                           string
	bold, italic, underline, reverse bool
}

type cell struct {
	text string
	st   style
}

const (
	cellW, cellH = 8.4, 18.0
	fontSize     = 14.0
	defaultFg    = "#d8d8d8"
	defaultBg    = "#16161e"
)

func main() {
	cols := flag.Int("cols", 100, "screen width in cells")
	rows := flag.Int("rows", 30, "screen height in cells")
	flag.Parse()
	in, err := io.ReadAll(bufio.NewReader(os.Stdin))
	if err != nil {
		fmt.Fprintln(os.Stderr, "lineup-svg:", err)
		os.Exit(1)
	}
	lines := strings.Split(strings.TrimRight(string(in), "\n"), "\n")
	grid := make([][]cell, 0, *rows)
	for i := 0; i < *rows; i++ {
		l := ""
		if i < len(lines) {
			l = lines[i]
		}
		grid = append(grid, play(l, *cols))
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	draw(w, grid, *cols, *rows)
}

// play turns one line into cols cells, the way a terminal would.
func play(s string, cols int) []cell {
	out := make([]cell, 0, cols)
	var cur style
	termcells.Scan(s, func(params string) { sgr(&cur, params) }, func(g string, w int) {
		if w == 0 || g[0] < 0x20 {
			return
		}
		out = append(out, cell{g, cur})
		for k := 1; k < w; k++ {
			out = append(out, cell{"", cur})
		}
	})
	for len(out) < cols {
		out = append(out, cell{" ", style{}})
	}
	return out[:cols]
}

// sgr applies a Select Graphic Rendition sequence's parameters.
func sgr(st *style, params string) {
	ps := strings.Split(strings.ReplaceAll(params, ":", ";"), ";")
	for i := 0; i < len(ps); i++ {
		n, _ := strconv.Atoi(ps[i])
		switch {
		case n == 0:
			*st = style{}
		case n == 1:
			st.bold = true
		case n == 3:
			st.italic = true
		case n == 4:
			st.underline = true
		case n == 7:
			st.reverse = true
		case n == 22:
			st.bold = false
		case n == 23:
			st.italic = false
		case n == 24:
			st.underline = false
		case n == 27:
			st.reverse = false
		case n >= 30 && n <= 37:
			st.fg = palette(n - 30)
		case n >= 90 && n <= 97:
			st.fg = palette(n - 90 + 8)
		case n >= 40 && n <= 47:
			st.bg = palette(n - 40)
		case n >= 100 && n <= 107:
			st.bg = palette(n - 100 + 8)
		case n == 39:
			st.fg = ""
		case n == 49:
			st.bg = ""
		case n == 38 || n == 48:
			c, used := extended(ps[i+1:])
			i += used
			if n == 38 {
				st.fg = c
			} else {
				st.bg = c
			}
		}
	}
}

// extended reads "5;n" or "2;r;g;b" and returns the colour and how many
// parameters it took.
func extended(ps []string) (string, int) {
	num := func(i int) int {
		if i < len(ps) {
			n, _ := strconv.Atoi(ps[i])
			return n
		}
		return 0
	}
	switch num(0) {
	case 5:
		return palette(num(1)), 2
	case 2:
		return fmt.Sprintf("#%02x%02x%02x", num(1)&255, num(2)&255, num(3)&255), 4
	}
	return "", 1
}

// palette is xterm's 256-colour palette.
func palette(n int) string {
	base := []string{"#1e1e1e", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
		"#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff"}
	switch {
	case n < 16:
		return base[max(n, 0)]
	case n < 232:
		n -= 16
		v := func(x int) int {
			if x == 0 {
				return 0
			}
			return 55 + 40*x
		}
		return fmt.Sprintf("#%02x%02x%02x", v(n/36), v(n/6%6), v(n%6))
	case n < 256:
		g := 8 + 10*(n-232)
		return fmt.Sprintf("#%02x%02x%02x", g, g, g)
	}
	return ""
}

// colours is what a cell draws with, reverse video applied.
func colours(st style) (fg, bg string) {
	fg, bg = st.fg, st.bg
	if fg == "" {
		fg = defaultFg
	}
	if bg == "" {
		bg = defaultBg
	}
	if st.reverse {
		fg, bg = bg, fg
	}
	return fg, bg
}

// draw writes the grid as SVG: a background, then runs of cells that share
// a background as rectangles, and runs that share a style as text.
func draw(w io.Writer, grid [][]cell, cols, rows int) {
	width, height := float64(cols)*cellW+16, float64(rows)*cellH+16
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f">`+"\n", width, height, width, height)
	fmt.Fprintf(w, `<rect width="100%%" height="100%%" rx="6" fill="%s"/>`+"\n", defaultBg)
	fmt.Fprintf(w, `<g transform="translate(8,8)" font-family="'DejaVu Sans Mono','Menlo','Consolas',monospace" font-size="%.0f">`+"\n", fontSize)
	for y, row := range grid {
		top := float64(y) * cellH
		for x := 0; x < len(row); {
			_, bg := colours(row[x].st)
			end := x + 1
			for end < len(row) {
				if _, b := colours(row[end].st); b != bg {
					break
				}
				end++
			}
			if bg != defaultBg {
				fmt.Fprintf(w, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`+"\n", float64(x)*cellW, top, float64(end-x)*cellW, cellH, bg)
			}
			x = end
		}
		for x := 0; x < len(row); {
			st := row[x].st
			end := x + 1
			var text strings.Builder
			text.WriteString(row[x].text)
			for end < len(row) && row[end].st == st {
				text.WriteString(row[end].text)
				end++
			}
			if t := text.String(); strings.TrimSpace(t) != "" {
				fg, _ := colours(st)
				attrs := ""
				if st.bold {
					attrs += ` font-weight="bold"`
				}
				if st.italic {
					attrs += ` font-style="italic"`
				}
				if st.underline {
					attrs += ` text-decoration="underline"`
				}
				fmt.Fprintf(w, `<text x="%.1f" y="%.1f" fill="%s" xml:space="preserve" textLength="%.1f"%s>%s</text>`+"\n",
					float64(x)*cellW, top+cellH*0.78, fg, float64(end-x)*cellW, attrs, html.EscapeString(t))
			}
			x = end
		}
	}
	fmt.Fprintln(w, "</g>\n</svg>")
}
