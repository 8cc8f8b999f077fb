package main

import (
	"regexp"
	"strings"
	"testing"
)

// lineup man prints a roff manual page: a .TH title line first, then
// sections, naming every command and only macros man knows.
func TestManPage(t *testing.T) {
	c := newCLI(t)
	page := c.ok("man")
	if !strings.HasPrefix(page, ".TH LINEUP 1 ") {
		t.Fatalf("the page does not start with its .TH line:\n%.200s", page)
	}
	for _, sec := range []string{"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "EXIT STATUS", "ENVIRONMENT", "FILES"} {
		if !strings.Contains(page, "\n.SH "+sec+"\n") {
			t.Errorf("no %s section", sec)
		}
	}
	root := (&app{}).rootCommand()
	for _, cmd := range root.Commands() {
		if cmd.Hidden {
			continue
		}
		if !strings.Contains(page, `\fB`+cmd.Name()+`\fP`) {
			t.Errorf("the page does not name the command %q", cmd.Name())
		}
	}
	known := map[string]bool{"TH": true, "SH": true, "SS": true, "PP": true, "TP": true, "RS": true, "RE": true, "IP": true, "B": true, "I": true, "br": true}
	macro := regexp.MustCompile(`^\.([A-Za-z]+)`)
	for i, l := range strings.Split(page, "\n") {
		if m := macro.FindStringSubmatch(l); m != nil && !known[m[1]] {
			t.Errorf("line %d: unknown macro %q", i+1, l)
		}
		for _, r := range l {
			if r < ' ' && r != '\t' || r >= 0x7f {
				t.Errorf("line %d holds %q, which roff may not read: %q", i+1, r, l)
				break
			}
		}
	}
	if strings.Count(page, ".TH ") != 1 {
		t.Error("more than one .TH line")
	}
}
