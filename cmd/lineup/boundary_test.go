package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os/exec"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/creack/pty"
	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/storetest"
)

// hostile is text a schedule reader might forget to clean: OSC 0 (window
// title), OSC 52 (clipboard), a device status report (the terminal types
// the answer), SGR, C1 CSI and OSC, bidi overrides and a carriage return.
const hostile = "A\x1b]0;pwned\x07B\x1b]52;c;ZWNobyBoaQ==\x1b\\C\x1b[6nD\x1b[31mE\u009b2JF\u009d0;t\u009cG\u202eH\u2066I\rJ\x00K"

// onPTY runs the lineup binary with stdout and stderr on a pseudo-terminal
// and returns every byte the terminal received, with the exit code.
func onPTY(t *testing.T, env []string, args ...string) (string, int) {
	t.Helper()
	cmd := lineupCmd(t, args...)
	cmd.Env = append(cmd.Env, env...)
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	pty.Setsize(ptmx, &pty.Winsize{Rows: 50, Cols: 200})
	cmd.Stdout, cmd.Stderr = tty, tty
	cmd.Stdin = strings.NewReader("")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close()
	var out bytes.Buffer
	done := make(chan struct{})
	go func() {
		io.Copy(&out, ptmx) // ends with EIO once the process has gone
		close(done)
	}()
	err = cmd.Wait()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("lineup %s: the terminal was not released", strings.Join(args, " "))
	}
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), code
}

// assertTerminalSafe fails when s holds an escape, a control other than
// tab, newline and carriage return (the terminal's own line discipline
// adds CR before LF), a C1 control, DEL or a bidi control.
func assertTerminalSafe(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%s: invalid UTF-8 reached the terminal: %q", what, s)
	}
	for i, r := range s {
		bad := (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r < 0xa0) ||
			(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f
		if bad {
			t.Errorf("%s: %U at byte %d reached the terminal: %q", what, r, i, s[max(0, i-40):min(len(s), i+40)])
			return
		}
	}
}

// hostileStore writes, without any reader's cleaning, a conference whose
// every text field is hostile, and a hostile note.
func hostileStore(t *testing.T) string {
	db := storetest.Path(t)
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	c := builtin.Conference()
	c.Slug = "evil"
	c.Name, c.Edition, c.City, c.Venue, c.Source = hostile, hostile, hostile, hostile, "https://example.org/"+hostile
	for i := range c.Days {
		c.Days[i].Label = hostile
	}
	for i := range c.Sessions {
		s := &c.Sessions[i]
		s.Title, s.Subtitle, s.Room, s.Track, s.Type, s.Level = hostile, hostile, hostile, hostile, hostile, hostile
		s.Abstract, s.Description, s.URL = hostile+"\n"+hostile, hostile, hostile
		s.Audience, s.Outcomes = []string{hostile}, []string{hostile}
	}
	for i := range c.Speakers {
		c.Speakers[i].Name, c.Speakers[i].Company, c.Speakers[i].Bio = "Müller "+hostile, hostile, hostile
	}
	if _, err := st.ImportConference(c); err != nil {
		t.Fatal(err)
	}
	id := c.Sessions[0].ID
	if err := st.SetNote(c.Slug, id, "note \x1b]0;x\x07 "+hostile); err != nil {
		t.Fatal(err)
	}
	if err := st.SetStarred(c.Slug, id, true); err != nil {
		t.Fatal(err)
	}
	return db
}

// Every command that prints schedule text, on a pseudo-terminal, with a
// store whose text no reader cleaned: nothing a terminal acts on arrives,
// JSON stays JSON with the values intact, and one-line fields keep the
// conferences table to one line a conference.
func TestOutputBoundaryOnATerminal(t *testing.T) {
	db := hostileStore(t)
	id := builtin.Conference().Sessions[0].ID
	for _, args := range [][]string{
		{"sessions"}, {"sessions", "--search", "a"}, {"show", id}, {"speakers"}, {"speaker", "müller"},
		{"agenda"}, {"conferences"}, {"agenda", "--ics"}, {"note", id, "\x1b]0;x\x07typed"}, {"show", id},
		{"show", "no-such-\x1b]0;x\x07id"}, {"speaker", "\u202eevil"},
	} {
		out, _ := onPTY(t, nil, append(args, "--db", db)...)
		assertTerminalSafe(t, strings.Join(args, " "), out)
	}
	out, code := onPTY(t, nil, "conferences", "--db", db)
	if code != 0 {
		t.Fatalf("conferences: exit %d\n%s", code, out)
	}
	if n := strings.Count(strings.TrimRight(out, "\r\n"), "\n"); n != 2 {
		t.Errorf("conferences: %d lines for a heading and 2 conferences:\n%s", n+1, out)
	}
	for _, args := range [][]string{{"sessions", "--json"}, {"show", id, "--json"}, {"conferences", "--json"}, {"agenda", "--json"}} {
		out, _ := onPTY(t, nil, append(args, "--db", db)...)
		assertTerminalSafe(t, strings.Join(args, " "), out)
		var v any
		if err := json.Unmarshal([]byte(strings.ReplaceAll(out, "\r\n", "\n")), &v); err != nil {
			t.Errorf("%s: not JSON on a terminal: %v\n%.300s", strings.Join(args, " "), err, out)
		}
	}
	// Escaped, not stripped: a script reads the note as it was typed.
	cmd := lineupCmd(t, "show", id, "--json", "--db", db)
	b, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Note, Title string }
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Note != "\x1b]0;x\x07typed" || got.Title != hostile {
		t.Errorf("JSON values changed: note %q, title %q", got.Note, got.Title)
	}
}

// A server whose status text carries escapes: the error is one clean line.
func TestHTTPStatusTextOnATerminal(t *testing.T) {
	addr := rawServer(t, func(conn net.Conn) {
		fmt.Fprintf(conn, "HTTP/1.1 403 No\x1b]0;pwned\x07 \u009b6n\u202eway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
	})
	out, code := onPTY(t, nil, "import", "http://"+addr+"/s.xml", "--db", storetest.Path(t))
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	assertTerminalSafe(t, "import error", out)
	if strings.Count(strings.TrimRight(out, "\r\n"), "\n") != 0 || !strings.Contains(out, "403") {
		t.Errorf("not one line with the status: %q", out)
	}
}
