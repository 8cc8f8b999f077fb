package main

import (
	"strings"
	"testing"

	"github.com/lineup-tui/lineup/store/storetest"
	"github.com/lineup-tui/lineup/tui/theme"
)

// --theme takes light, dark or auto; anything else is a usage error, said
// before anything else is looked at.
func TestThemeFlagRefusesUnknown(t *testing.T) {
	c := newCLI(t)
	if errs := c.fails(2, "--theme", "purple"); !strings.Contains(errs, "purple") {
		t.Errorf("stderr %q does not name the value", errs)
	}
}

// A --theme is remembered; without one the remembered one applies.
func TestThemeRemembered(t *testing.T) {
	st := storetest.Open(t)
	for _, step := range []struct {
		flag string
		want theme.Choice
	}{
		{"", theme.Auto},
		{"light", theme.Light},
		{"", theme.Light},
		{"DARK", theme.Dark},
		{"auto", theme.Auto},
		{"", theme.Auto},
	} {
		got, err := chooseTheme(st, step.flag)
		if err != nil || got != step.want {
			t.Fatalf("--theme %q: %q, %v; want %q", step.flag, got, err, step.want)
		}
	}
}
