package theme

import (
	"image/color"
	"testing"
)

func TestParseColorFGBG(t *testing.T) {
	cases := map[string]Background{
		"15;0":            DarkBackground,  // white on black
		"0;15":            LightBackground, // black on white
		"0;7":             LightBackground, // black on light grey
		"7;0":             DarkBackground,
		"15;default;0":    DarkBackground,
		"0;default;15":    LightBackground,
		"15;8":            DarkBackground, // dark grey
		"0;11":            LightBackground,
		"12;4":            DarkBackground,
		"default;default": Unknown,
		"":                Unknown,
		"15":              LightBackground, // one field: it is the background
		"0;16":            Unknown,
		"0;-1":            Unknown,
		"0;x":             Unknown,
		" 0;15 ":          LightBackground,
	}
	for in, want := range cases {
		if got := ParseColorFGBG(in); got != want {
			t.Errorf("ParseColorFGBG(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestIsDark(t *testing.T) {
	cases := []struct {
		choice   Choice
		terminal Background
		fgbg     string
		want     bool
	}{
		{Light, DarkBackground, "15;0", false}, // the flag wins over everything
		{Dark, LightBackground, "0;15", true},
		{Auto, LightBackground, "15;0", false}, // the terminal's answer beats COLORFGBG
		{Auto, DarkBackground, "0;15", true},
		{Auto, Unknown, "0;15", false}, // no answer: COLORFGBG decides
		{Auto, Unknown, "15;0", true},
		{Auto, Unknown, "", true}, // nothing known: dark
		{Auto, Unknown, "garbage", true},
		{"", Unknown, "0;15", false},
	}
	for _, c := range cases {
		if got := IsDark(c.choice, c.terminal, c.fgbg); got != c.want {
			t.Errorf("IsDark(%q, %v, %q) = %v, want %v", c.choice, c.terminal, c.fgbg, got, c.want)
		}
	}
}

func TestParseChoice(t *testing.T) {
	for in, want := range map[string]Choice{"": Auto, "auto": Auto, "LIGHT": Light, " dark ": Dark} {
		got, err := ParseChoice(in)
		if err != nil || got != want {
			t.Errorf("ParseChoice(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseChoice("solarized"); err == nil {
		t.Error("ParseChoice accepted an unknown theme")
	}
}

func TestFromColor(t *testing.T) {
	cases := []struct {
		c    color.Color
		want Background
	}{
		{nil, Unknown},
		{color.RGBA{0, 0, 0, 255}, DarkBackground},
		{color.RGBA{0x28, 0x2c, 0x34, 255}, DarkBackground},
		{color.RGBA{255, 255, 255, 255}, LightBackground},
		{color.RGBA{0xfd, 0xf6, 0xe3, 255}, LightBackground}, // solarized light
	}
	for _, c := range cases {
		if got := FromColor(c.c); got != c.want {
			t.Errorf("FromColor(%v) = %v, want %v", c.c, got, c.want)
		}
	}
}
