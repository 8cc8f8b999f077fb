// Package theme decides whether lineup draws for a dark or a light terminal
// background, and gives each track a colour that reads on it.
package theme

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"
)

// Choice is what the user asked for with --theme.
type Choice string

const (
	Auto  Choice = "auto"  // follow the terminal
	Dark  Choice = "dark"  // dark background, whatever the terminal says
	Light Choice = "light" // light background, whatever the terminal says
)

// ParseChoice reads a --theme value: "auto" (or empty), "dark" or "light",
// in any case.
func ParseChoice(s string) (Choice, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return Auto, nil
	case "dark":
		return Dark, nil
	case "light":
		return Light, nil
	}
	return Auto, fmt.Errorf("unknown theme %q (want auto, dark or light)", s)
}

// Background is what is known about the terminal's background.
type Background uint8

const (
	Unknown Background = iota
	DarkBackground
	LightBackground
)

// IsDark decides whether to draw for a dark background. An explicit choice
// wins; else the terminal's answer to the background colour query; else the
// COLORFGBG variable some terminals set; else dark, the common case.
func IsDark(choice Choice, terminal Background, colorFGBG string) bool {
	switch choice {
	case Dark:
		return true
	case Light:
		return false
	}
	if terminal != Unknown {
		return terminal == DarkBackground
	}
	if bg := ParseColorFGBG(colorFGBG); bg != Unknown {
		return bg == DarkBackground
	}
	return true
}

// FromColor classifies the colour a terminal reported as its background (nil
// is Unknown) by its HSL lightness, as Bubble Tea's BackgroundColorMsg.IsDark
// does: below one half is dark.
func FromColor(c color.Color) Background {
	if c == nil {
		return Unknown
	}
	r, g, b, _ := c.RGBA()
	hi, lo := max(r, g, b), min(r, g, b)
	if float64(hi+lo)/2/0xffff < 0.5 {
		return DarkBackground
	}
	return LightBackground
}

// ParseColorFGBG reads the COLORFGBG variable set by rxvt, Konsole and
// others: "fg;bg" or "fg;default;bg", with ANSI colour numbers. The last
// field is the background. Like vim, 0–6 and 8 (black, the dark colours and
// dark grey) are dark; 7 and 9–15 (light grey, white and the bright colours)
// are light. So "15;0" is white on black (dark) and "0;15" black on white
// (light). Anything else, including "default", is Unknown.
func ParseColorFGBG(v string) Background {
	v = strings.TrimSpace(v)
	if v == "" {
		return Unknown
	}
	field := v[strings.LastIndexByte(v, ';')+1:]
	n, err := strconv.Atoi(field)
	if err != nil || n < 0 || n > 15 {
		return Unknown
	}
	if n <= 6 || n == 8 {
		return DarkBackground
	}
	return LightBackground
}
