package timetable

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/lineup-tui/lineup/tui/cells"
)

// canvas is a grid of cells, each with its text and style, drawn onto in
// any order and turned into lines at the end. A wide character takes two
// cells; the second holds no text.
type canvas struct {
	w, h   int
	cells  []cell
	styles []cells.Paint
}

type cell struct {
	g    string // "" on the second half of a wide character
	st   int    // index into styles; 0 is plain
	used bool   // drawn by a block
	wide bool   // first half of a wide character
}

func newCanvas(w, h int) *canvas {
	c := &canvas{w: w, h: h, cells: make([]cell, w*h), styles: []cells.Paint{{}}}
	for i := range c.cells {
		c.cells[i].g = " "
	}
	return c
}

// style registers a style and returns its id.
func (c *canvas) style(s lipgloss.Style) int {
	c.styles = append(c.styles, cells.NewPaint(s))
	return len(c.styles) - 1
}

func (c *canvas) at(x, y int) *cell {
	if x < 0 || y < 0 || x >= c.w || y >= c.h {
		return nil
	}
	return &c.cells[y*c.w+x]
}

func (c *canvas) used(x, y int) bool {
	if p := c.at(x, y); p != nil {
		return p.used
	}
	return true
}

// fill paints n cells from (x, y) blank in style st, marking them used.
func (c *canvas) fill(x, y, n, st int) {
	for i := range n {
		c.put(x+i, y, " ", 1, st)
		if p := c.at(x+i, y); p != nil {
			p.used = true
		}
	}
}

// text writes s from (x, y) in style st, at most n cells of it.
func (c *canvas) text(x, y int, s string, n, st int) {
	for s != "" && n > 0 {
		g, w := cells.Next(s)
		s = s[len(g):]
		if w == 0 {
			continue
		}
		if w > n {
			break
		}
		c.put(x, y, g, w, st)
		x += w
		n -= w
	}
}

// put sets one character of width w (1 or 2) at (x, y), blanking whatever
// half of a wide character it overwrites.
func (c *canvas) put(x, y int, g string, w, st int) {
	p := c.at(x, y)
	if p == nil || w == 2 && c.at(x+1, y) == nil {
		return
	}
	used := p.used
	c.clear(x, y)
	if w == 2 {
		c.clear(x+1, y)
		*c.at(x+1, y) = cell{g: "", st: st, used: c.at(x+1, y).used}
	}
	*p = cell{g: g, st: st, used: used, wide: w == 2}
}

// clear makes (x, y) a blank, splitting any wide character it is half of.
func (c *canvas) clear(x, y int) {
	p := c.at(x, y)
	if p.wide {
		if q := c.at(x+1, y); q != nil {
			q.g, q.wide = " ", false
		}
	}
	if p.g == "" {
		if q := c.at(x-1, y); q != nil {
			q.g, q.wide = " ", false
		}
	}
	p.g, p.wide = " ", false
}

// String draws the canvas: runs of cells of one style rendered together.
func (c *canvas) String() string {
	var b, run strings.Builder
	for y := range c.h {
		if y > 0 {
			b.WriteByte('\n')
		}
		cur := -1
		for x := range c.w {
			p := &c.cells[y*c.w+x]
			if p.st != cur {
				c.flush(&b, &run, cur)
				cur = p.st
			}
			run.WriteString(p.g)
		}
		c.flush(&b, &run, cur)
	}
	return b.String()
}

func (c *canvas) flush(b, run *strings.Builder, st int) {
	if run.Len() == 0 {
		return
	}
	if st < 0 {
		st = 0
	}
	c.styles[st].Write(b, run.String())
	run.Reset()
}
