package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/lineup-tui/lineup/tui/links"
)

// withOpener puts open in place of the browser opener for one test.
func withOpener(t *testing.T, open func(string) error) {
	t.Helper()
	was := openURL
	openURL = open
	t.Cleanup(func() { openURL = was })
}

func TestOpenCommand(t *testing.T) {
	c := newCLI(t)
	const page = "https://conferences.oreilly.com/velocity/vl-eu/public/schedule/detail/78929.html"

	var opened []string
	withOpener(t, func(u string) error { opened = append(opened, u); return nil })
	if out := c.ok("open", "vlb19-k8s-very-hard-way"); out != page+"\n" {
		t.Errorf("stdout %q, want the URL", out)
	}
	if len(opened) != 1 || opened[0] != page {
		t.Errorf("opened %q", opened)
	}

	// No opener: the URL on stdout, a word on stderr, exit 0.
	withOpener(t, func(string) error { return fmt.Errorf("tried xdg-open: %w", links.ErrNoOpener) })
	code, out, errs := c.run("open", "vlb19-k8s-very-hard-way")
	if code != 0 || out != page+"\n" || !strings.Contains(errs, "no browser opener") {
		t.Errorf("no opener: exit %d, stdout %q, stderr %q", code, out, errs)
	}

	// An opener that fails, a session without a page, an unknown id.
	withOpener(t, func(string) error { return fmt.Errorf("exec format error") })
	if errs := c.fails(1, "open", "vlb19-k8s-very-hard-way"); !strings.Contains(errs, "exec format error") {
		t.Errorf("failing opener: %q", errs)
	}
	withOpener(t, func(u string) error { t.Errorf("opened %q", u); return nil })
	if errs := c.fails(1, "open", "vlb19-observability-graph"); !strings.Contains(errs, "no web page") {
		t.Errorf("no page: %q", errs)
	}
	c.fails(1, "open", "no-such-session")
	c.fails(2, "open")
}
