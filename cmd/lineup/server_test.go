package main

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/cmd/lineup/serve/servetest"
	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/store"
	gossh "golang.org/x/crypto/ssh"
)

// showJSON runs `show ID --json` over SSH as k.
func (v *testVenue) showJSON(t *testing.T, k gossh.Signer, id string) map[string]any {
	t.Helper()
	out, errs, code := v.ssh(t, k, "show "+id+" --json")
	if code != 0 {
		t.Fatalf("show %s: exit %d, %s", id, code, errs)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("show %s: %v\n%s", id, err, out)
	}
	return m
}

func TestServeSharesRatingsKeepsNotesPrivate(t *testing.T) {
	v := startVenue(t, serveOptions{})
	ann, bob := servetest.NewKey(t), servetest.NewKey(t)
	for _, k := range []gossh.Signer{ann, bob} {
		if out, errs, code := v.ssh(t, k, "rate "+k8sID+" 5"); code != 0 || !strings.Contains(out, "Rated") {
			t.Fatalf("rate: %d %q %q", code, out, errs)
		}
	}
	if _, errs, code := v.ssh(t, ann, "note "+k8sID+" 'ann only'"); code != 0 {
		t.Fatalf("note: %s", errs)
	}
	// Published 4.00 from 4, plus two 5s: 4.33 from 6, for both.
	for _, k := range []gossh.Signer{ann, bob} {
		r := v.showJSON(t, k, k8sID)["rating"].(map[string]any)
		if r["average"] != 4.33 || r["count"] != 6.0 || r["mine"] != 5.0 {
			t.Errorf("%s sees rating %v, want 4.33 from 6, mine 5", identity(k), r)
		}
	}
	// Re-rating replaces.
	v.ssh(t, bob, "rate "+k8sID+" 2")
	if r := v.showJSON(t, ann, k8sID)["rating"].(map[string]any); r["average"] != 3.83 || r["count"] != 6.0 {
		t.Errorf("after bob re-rates 2, ann sees %v, want 3.83 from 6", r)
	}
	if note := v.showJSON(t, bob, k8sID)["note"]; note != "" {
		t.Errorf("bob sees note %q", note)
	}
	if note := v.showJSON(t, ann, k8sID)["note"]; note != "ann only" {
		t.Errorf("ann sees note %q", note)
	}
	bobs, _, _ := v.ssh(t, bob, "mine export")
	anns, _, _ := v.ssh(t, ann, "mine export")
	if strings.Contains(bobs, "ann only") || !strings.Contains(anns, "ann only") || !strings.Contains(bobs, `"rating": 2`) {
		t.Errorf("exports: bob's %s\nann's %s", bobs, anns)
	}

	// The local CLI on the same store is told a server holds it, and how to
	// reach it.
	_, port, _ := net.SplitHostPort(v.addr)
	code, _, errs := (&cli{t: t, db: v.db}).run("rate", k8sID, "1")
	if code != 1 || !strings.Contains(errs, "a lineup server holds") || !strings.Contains(errs, "ssh -p "+port) {
		t.Errorf("local rate beside the server: %d %q", code, errs)
	}
}

func TestServeRefuses(t *testing.T) {
	v := startVenue(t, serveOptions{maxSessions: 1})
	if _, err := v.dial(gossh.Password("secret")); err == nil {
		t.Error("a password login was let in")
	}
	k := servetest.NewKey(t)
	for _, cmd := range []string{"import /etc/passwd", "remove " + data.BuiltinSlug, "serve", "mine import x.json", "sessions --db /tmp/x"} {
		_, errs, code := v.ssh(t, k, cmd)
		if code == 0 || !strings.HasPrefix(errs, "lineup: ") || strings.Count(errs, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %q; want one refusing line", cmd, code, errs)
		}
	}
	// One screen open fills a venue of one; the next is told.
	sc := v.openScreen(t, k)
	sc.waitFor(t, "Sessions")
	_, errs, code := v.ssh(t, servetest.NewKey(t), "sessions")
	if code == 0 || !strings.Contains(errs, "The venue is full") {
		t.Errorf("a second session in a venue of one: %d %q", code, errs)
	}
}

func TestServeTUIShowsRatingsLiveAndShutdownFlushes(t *testing.T) {
	v := startVenue(t, serveOptions{})
	ann, bob := servetest.NewKey(t), servetest.NewKey(t)
	sc := v.openScreen(t, bob, "NO_COLOR=1")
	sc.waitFor(t, "Sessions")
	// Open GitOps 101, which has no published rating.
	sc.keys(t, "/", "g", "i", "t", "o", "p", "s", "\r")
	sc.waitFor(t, "GitOps 101")
	sc.keys(t, "\r")
	sc.waitFor(t, "not rated yet")
	sc.mark()
	if _, errs, code := v.ssh(t, ann, "rate vlb19-gitops-101 5"); code != 0 {
		t.Fatal(errs)
	}
	took := sc.waitFor(t, "5.00")
	t.Logf("bob's screen showed ann's rating %v after her command returned", took)
	if took > 2*time.Second {
		t.Errorf("ann's rating took %v to reach bob's screen", took)
	}
	// Bob rates on his screen, and shuts the server down right after: the
	// rating is in the store when serve returns.
	sc.mark()
	sc.keys(t, "1")
	sc.waitFor(t, "you ★☆☆☆☆")
	// The screen shows the rating at once; its writer saves it a moment
	// later, so ann may ask before it is in the store.
	var r map[string]any
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		r = v.showJSON(t, ann, "vlb19-gitops-101")["rating"].(map[string]any)
		if r["count"] != 1.0 || time.Now().After(deadline) {
			break
		}
	}
	if r["average"] != 3.0 || r["count"] != 2.0 || r["mine"] != 5.0 {
		t.Errorf("ann sees %v after bob's 1, want 3.00 from 2, mine 5", r)
	}
	sc.keys(t, " ") // a star, then at once the shutdown
	sc.waitFor(t, "added to your agenda")
	if err := v.stop(t); err != nil {
		t.Fatalf("serve: %v", err)
	}
	sc.waitFor(t, "shutting down") // the goodbye line
	if !strings.Contains(v.out.String(), "every change is saved") {
		t.Errorf("serve said %q", v.out.String())
	}
	if _, err := os.Stat(v.db + ".server"); !os.IsNotExist(err) {
		t.Errorf("the server note is left behind: %v", err)
	}
	st, err := store.Open(v.db)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := st.As(identity(bob)).Personal(data.BuiltinSlug)
	if g := p["vlb19-gitops-101"]; g.Rating != 1 || !g.Starred {
		t.Errorf("bob's record after shutdown %+v, want rating 1 and the star pressed just before", g)
	}
	if tl, _ := st.Tally(data.BuiltinSlug, "vlb19-gitops-101"); tl != (data.Tally{Count: 2, Sum: 6}) {
		t.Errorf("tally %+v, want ann's 5 and bob's 1", tl)
	}
}

// o on a session page opens the browser of whoever runs lineup; on a served
// screen that would be the server's machine, so the page shows the address
// instead.
func TestServeNeverOpensABrowserOnTheServer(t *testing.T) {
	dir := t.TempDir()
	opened := filepath.Join(dir, "opened")
	browser := filepath.Join(dir, "browser")
	if err := os.WriteFile(browser, []byte("#!/bin/sh\necho \"$@\" > "+opened+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("BROWSER", browser)
	v := startVenue(t, serveOptions{})
	sc := v.openVT(t, servetest.NewKey(t), 100, 30)
	sc.waitFor(t, "Sessions")
	sc.press(t, "/", "v", "e", "r", "y", " ", "h", "a", "r", "d", "\r")
	sc.waitFor(t, "Kubernetes the very hard way")
	sc.press(t, "\r")
	sc.waitFor(t, "Laurent Bernaille")
	sc.press(t, "o")
	sc.waitFor(t, "no browser opener: https://conferences.oreilly.com/")
	time.Sleep(100 * time.Millisecond)
	if b, err := os.ReadFile(opened); err == nil {
		t.Errorf("the server's browser was started with %q", b)
	}
}

// The server's log says who came, who was refused and why, and the
// shutdown, by key fingerprint, and never what anyone wrote.
func TestServeLogsWithoutNotes(t *testing.T) {
	v := startVenue(t, serveOptions{})
	ann := servetest.NewKey(t)
	if _, errs, code := v.ssh(t, ann, "note "+k8sID+" 'my secret words'"); code != 0 {
		t.Fatal(errs)
	}
	if _, _, code := v.ssh(t, ann, "import /etc/secret-file"); code == 0 {
		t.Fatal("import was let through")
	}
	if _, _, code := v.ssh(t, ann, "'my secret words'"); code == 0 {
		t.Fatal("a note as a command was let through")
	}
	answer := func(string, string, []string, []bool) ([]string, error) { return []string{"hunter2"}, nil }
	if _, err := v.dial(gossh.KeyboardInteractive(answer)); err == nil {
		t.Fatal("a keyboard-interactive login was let in")
	}
	sc := v.openVT(t, ann, 80, 24)
	sc.waitFor(t, "Sessions")
	if err := v.stop(t); err != nil {
		t.Fatal(err)
	}
	log := v.out.String()
	id := identity(ann)
	for _, want := range []string{
		"lineup serve: ", "command note by " + id, `refused a command of ` + id + `: "import"`,
		"refused a command of " + id + ": (not shown)", "screen open " + id + " from 127.0.0.1:",
		"screen said goodbye " + id, "shutting down: saying goodbye to 1 sessions", "every session has ended",
		"refused a login without a key from 127.0.0.1:", "idle screens closed after 1 minute;",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("the log has no %q:\n%s", want, log)
		}
	}
	for _, never := range []string{"secret", "hunter2", "ssh-ed25519"} {
		if strings.Contains(log, never) {
			t.Errorf("the log shows %q:\n%s", never, log)
		}
	}
}

func TestServeRunsChanges(t *testing.T) {
	v := startVenue(t, serveOptions{})
	out, errs, code := v.ssh(t, servetest.NewKey(t), "changes --since 2h --json")
	if code != 0 || errs != "" {
		t.Errorf("changes over SSH: exit %d, %q, %q", code, out, errs)
	}
}
