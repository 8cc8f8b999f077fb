package theme

import (
	"hash/fnv"
	"image/color"
	"math"
	"strings"

	"charm.land/lipgloss/v2"
)

// The track palettes: twelve hues, bright enough to read on a dark
// background, dark enough on a light one. A track keeps its colour across
// runs and machines: the index is a hash of its name, so the order of these
// lists must not change (append only).
var (
	darkPalette = []string{
		"#FF8A80", "#FFB74D", "#FFE066", "#A5D66F", "#5FD7A6", "#4DD0E1",
		"#64B5F6", "#9FA8FF", "#CE93D8", "#F48FB1", "#BCAAA4", "#B0BEC5",
	}
	lightPalette = []string{
		"#B3261E", "#A14A00", "#7A6000", "#3D6B12", "#00704F", "#006A7A",
		"#1558A8", "#4338A8", "#7B1F8C", "#A3155A", "#6D4C41", "#455A64",
	}
)

// PaletteSize is how many colours a palette holds.
func PaletteSize() int { return len(darkPalette) }

// PaletteIndex is the palette slot of a track name: a hash of the name with
// case and surrounding space ignored, so "DevOps" and "devops " agree.
func PaletteIndex(track string) int {
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(strings.TrimSpace(track))))
	return int(h.Sum32() % uint32(len(darkPalette)))
}

// Palette returns the colour of palette slot i for a dark or light background.
func Palette(i int, dark bool) color.Color {
	p := lightPalette
	if dark {
		p = darkPalette
	}
	return lipgloss.Color(p[((i%len(p))+len(p))%len(p)])
}

// TrackColor is the colour a track is drawn in: the schedule file's own colour
// when it is a valid "#rgb" or "#rrggbb" (lightened or darkened until it reads
// on the background), else the palette colour of its name. A session with no
// track has no colour (nil).
func TrackColor(track, fileColor string, dark bool) color.Color {
	if strings.TrimSpace(track) == "" && fileColor == "" {
		return nil
	}
	if c, ok := ParseHex(fileColor); ok {
		return Readable(c, dark)
	}
	return Palette(PaletteIndex(track), dark)
}

// ParseHex reads "#rgb" or "#rrggbb" (either case). Anything else, including
// names and "rgb(…)", is refused.
func ParseHex(s string) (color.RGBA, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 4 && len(s) != 7 || s[0] != '#' {
		return color.RGBA{}, false
	}
	var v [6]byte
	for i := 1; i < len(s); i++ {
		d, ok := hexDigit(s[i])
		if !ok {
			return color.RGBA{}, false
		}
		v[i-1] = d
	}
	if len(s) == 4 {
		return color.RGBA{R: v[0] * 17, G: v[1] * 17, B: v[2] * 17, A: 0xff}, true
	}
	return color.RGBA{R: v[0]<<4 | v[1], G: v[2]<<4 | v[3], B: v[4]<<4 | v[5], A: 0xff}, true
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// minContrast is the WCAG contrast ratio a track colour keeps against a
// black or white background (3:1, the ratio for large text and graphics).
const minContrast = 3.0

// Readable returns c, mixed step by step towards white (dark background) or
// black (light background) until it has a contrast of at least 3:1 against
// black or white respectively.
func Readable(c color.RGBA, dark bool) color.Color {
	target := color.RGBA{A: 0xff}
	bg := 0.0 // luminance of black
	if dark {
		target = color.RGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	} else {
		bg = 1
	}
	cur := c
	for step := 0; step <= 10 && contrast(luminance(cur), bg) < minContrast; step++ {
		cur = mix(c, target, float64(step+1)/10)
	}
	return cur
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	m := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return color.RGBA{R: m(a.R, b.R), G: m(a.G, b.G), B: m(a.B, b.B), A: 0xff}
}

// luminance is the WCAG relative luminance of c, 0 (black) to 1 (white).
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

func contrast(l1, l2 float64) float64 {
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}
