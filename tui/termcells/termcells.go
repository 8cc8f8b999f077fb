// Package termcells plays lines of text with SGR sequences the way a
// terminal does: for tests that check what each cell shows (a highlight that
// must not break, a style that must not leak), and for cmd/lineup-svg, which
// draws a captured screen.
package termcells

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Cell is what a terminal shows in one cell: its text ("" on the second
// half of a wide character) and the attributes these tests look at.
type Cell struct {
	Text                         string
	Bold, Underline, Reverse, Bg bool
}

// Line plays a line of text with SGR sequences the way a terminal does and
// returns its cells. Other escape sequences (OSC hyperlinks) are skipped.
func Line(s string) []Cell {
	var out []Cell
	var cur Cell
	Scan(s, func(params string) { applySGR(&cur, params) }, func(g string, w int) {
		for k := range w {
			c := cur
			if k == 0 {
				c.Text = g
			} else {
				c.Text = ""
			}
			out = append(out, c)
		}
	})
	return out
}

// Scan reads s the way a terminal does: the parameters of each SGR
// sequence go to sgr, each character (a grapheme cluster) with its width in
// cells to text; other CSI sequences and OSC strings (hyperlinks) are
// skipped.
func Scan(s string, sgr func(params string), text func(g string, width int)) {
	for i := 0; i < len(s); {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			if j < len(s) && s[j] == 'm' {
				sgr(s[i+2 : j])
			}
			i = j + 1
			continue
		}
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == ']' { // OSC: skip to BEL or ST
			j := i + 2
			for j < len(s) && s[j] != 0x07 && !(s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\') {
				j++
			}
			if j < len(s) && s[j] == 0x1b {
				j++
			}
			i = j + 1
			continue
		}
		g, w := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
		if g == "" {
			i++
			continue
		}
		text(g, w)
		i += len(g)
	}
}

func applySGR(c *Cell, params string) {
	if params == "" {
		*c = Cell{}
		return
	}
	ps := strings.Split(params, ";")
	for k := 0; k < len(ps); k++ {
		p := ps[k]
		if strings.HasPrefix(p, "4:") {
			c.Underline = p != "4:0"
			continue
		}
		n, _ := strconv.Atoi(p)
		switch {
		case n == 0:
			*c = Cell{}
		case n == 1:
			c.Bold = true
		case n == 22:
			c.Bold = false
		case n == 4:
			c.Underline = true
		case n == 24:
			c.Underline = false
		case n == 7:
			c.Reverse = true
		case n == 27:
			c.Reverse = false
		case n == 38:
			k += skipColour(ps[k+1:])
		case n == 48:
			c.Bg = true
			k += skipColour(ps[k+1:])
		case n == 49:
			c.Bg = false
		case n >= 40 && n <= 47, n >= 100 && n <= 107:
			c.Bg = true
		}
	}
}

// skipColour is how many parameters an extended colour (5;n or 2;r;g;b) takes.
func skipColour(rest []string) int {
	if len(rest) > 0 && rest[0] == "5" {
		return 2
	}
	if len(rest) > 0 && rest[0] == "2" {
		return 4
	}
	return 0
}
