package layout

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// cell is what a terminal shows in one cell: its text and the attributes
// that matter to these tests.
type cell struct {
	text                         string
	bold, underline, reverse, bg bool
}

// screenCells plays a line of text with SGR sequences the way a terminal
// does and returns its cells.
func screenCells(s string) []cell {
	var out []cell
	var cur cell
	for i := 0; i < len(s); {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			if j < len(s) && s[j] == 'm' {
				applySGR(&cur, s[i+2:j])
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
		for k := range w {
			c := cur
			if k == 0 {
				c.text = g
			} else {
				c.text = ""
			}
			out = append(out, c)
		}
		i += len(g)
	}
	return out
}

func applySGR(c *cell, params string) {
	if params == "" {
		*c = cell{}
		return
	}
	ps := strings.Split(params, ";")
	for k := 0; k < len(ps); k++ {
		p := ps[k]
		if strings.HasPrefix(p, "4:") {
			c.underline = p != "4:0"
			continue
		}
		n, _ := strconv.Atoi(p)
		switch {
		case n == 0:
			*c = cell{}
		case n == 1:
			c.bold = true
		case n == 22:
			c.bold = false
		case n == 4:
			c.underline = true
		case n == 24:
			c.underline = false
		case n == 7:
			c.reverse = true
		case n == 27:
			c.reverse = false
		case n == 38:
			k += skipColour(ps[k+1:])
		case n == 48:
			c.bg = true
			k += skipColour(ps[k+1:])
		case n == 49:
			c.bg = false
		case n >= 40 && n <= 47, n >= 100 && n <= 107:
			c.bg = true
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
