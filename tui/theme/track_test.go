package theme

import (
	"image/color"
	"testing"
)

func rgba(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

func TestParseHex(t *testing.T) {
	good := map[string]color.RGBA{
		"#aabbcc": {0xaa, 0xbb, 0xcc, 0xff},
		"#AABBCC": {0xaa, 0xbb, 0xcc, 0xff},
		"#abc":    {0xaa, 0xbb, 0xcc, 0xff},
		" #0f0 ":  {0, 0xff, 0, 0xff},
	}
	for in, want := range good {
		if got, ok := ParseHex(in); !ok || got != want {
			t.Errorf("ParseHex(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "#", "aabbcc", "#aabbc", "#aabbccdd", "#ggg", "red", "rgb(1,2,3)", "#12345g", "#\x1b[31"} {
		if _, ok := ParseHex(in); ok {
			t.Errorf("ParseHex(%q) accepted", in)
		}
	}
}

func TestPaletteReadsOnItsBackground(t *testing.T) {
	for i := range PaletteSize() {
		if c := contrast(luminance(Palette(i, true)), 0); c < minContrast {
			t.Errorf("dark palette %d: contrast %.2f on black", i, c)
		}
		if c := contrast(luminance(Palette(i, false)), 1); c < minContrast {
			t.Errorf("light palette %d: contrast %.2f on white", i, c)
		}
	}
	if len(darkPalette) != len(lightPalette) {
		t.Fatal("palettes differ in size")
	}
}

func TestPaletteIndexStable(t *testing.T) {
	if PaletteIndex("go") != PaletteIndex("Go") || PaletteIndex("  GO ") != PaletteIndex("Go") {
		t.Error("case or spaces changed the colour")
	}
	// Different names spread over the palette.
	seen := map[int]bool{}
	for _, name := range []string{"Go", "Rust", "Python", "Databases", "Security", "Kernel", "Web", "Mozilla", "Containers", "LLVM", "Embedded", "Legal"} {
		seen[PaletteIndex(name)] = true
	}
	if len(seen) < 6 {
		t.Errorf("12 track names used only %d palette colours", len(seen))
	}
	// Pinned: a track must keep its colour from one release to the next.
	want := map[string]int{"Go": 7, "Rust": 11}
	for name, i := range want {
		if got := PaletteIndex(name); got != i {
			t.Errorf("PaletteIndex(%q) = %d; was %d (changing it recolours every schedule)", name, got, i)
		}
	}
}

func TestTrackColor(t *testing.T) {
	if c := TrackColor("", "", true); c != nil {
		t.Errorf("no track: %v, want nil", c)
	}
	// The file's colour is used when it reads.
	if got := rgba(TrackColor("Go", "#4DD0E1", true)); got != (color.RGBA{0x4d, 0xd0, 0xe1, 0xff}) {
		t.Errorf("file colour not kept: %v", got)
	}
	// A near-black file colour is lightened on a dark background, a
	// near-white one darkened on a light background.
	for _, c := range []struct {
		hex  string
		dark bool
		bg   float64
	}{{"#101010", true, 0}, {"#000080", true, 0}, {"#f0f0f0", false, 1}, {"#ffff00", false, 1}} {
		got := TrackColor("X", c.hex, c.dark)
		if ct := contrast(luminance(got), c.bg); ct < minContrast {
			t.Errorf("%s dark=%v: contrast %.2f", c.hex, c.dark, ct)
		}
	}
	// An invalid file colour falls back to the palette.
	if got, want := rgba(TrackColor("Go", "blue", false)), rgba(Palette(PaletteIndex("Go"), false)); got != want {
		t.Errorf("invalid colour: %v, want palette %v", got, want)
	}
}
