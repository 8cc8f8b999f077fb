package serve

import (
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/lineup-tui/lineup/cmd/lineup/serve/servetest"
	gossh "golang.org/x/crypto/ssh"
)

func TestKeyLoginRendersTheModelWithTheKeysFingerprint(t *testing.T) {
	ts := startServer(t, Config{})
	key := servetest.NewKey(t)
	tm := openTerm(t, ts.login(t, key), 100, 30)

	tm.waitFor(t, "who:"+gossh.FingerprintSHA256(key.PublicKey()))
	tm.waitFor(t, "size:100x30")
	if _, err := io.WriteString(tm.stdin, "a"); err != nil {
		t.Fatal(err)
	}
	tm.waitFor(t, "key:a")
	if _, err := io.WriteString(tm.stdin, "q"); err != nil {
		t.Fatal(err)
	}
	if status := tm.wait(t); status != 0 {
		t.Errorf("exit status %d after q, want 0", status)
	}
}

func TestTwoKeysAreTwoIdentities(t *testing.T) {
	ts := startServer(t, Config{})
	a, b := servetest.NewKey(t), servetest.NewKey(t)
	ta := openTerm(t, ts.login(t, a), 80, 24)
	tb := openTerm(t, ts.login(t, b), 80, 24)
	ta.waitFor(t, "who:"+gossh.FingerprintSHA256(a.PublicKey()))
	tb.waitFor(t, "who:"+gossh.FingerprintSHA256(b.PublicKey()))
	if strings.Contains(ta.out.text(), gossh.FingerprintSHA256(b.PublicKey())) {
		t.Error("a's session shows b's identity")
	}
}

func TestWindowSizeIsClamped(t *testing.T) {
	ts := startServer(t, Config{})
	tm := openTerm(t, ts.login(t, servetest.NewKey(t)), 1000, 400)
	tm.waitFor(t, fmt.Sprintf("size:%dx%d", MaxWidth, MaxHeight))
	if err := tm.sess.WindowChange(3, 5); err != nil {
		t.Fatal(err)
	}
	tm.waitFor(t, fmt.Sprintf("size:%dx%d", MinWidth, MinHeight))
}

func TestBroadcastReachesEveryTUI(t *testing.T) {
	ts := startServer(t, Config{})
	var terms []*term
	for range 3 {
		tm := openTerm(t, ts.login(t, servetest.NewKey(t)), 80, 24)
		tm.waitFor(t, "who:SHA256:")
		terms = append(terms, tm)
	}
	if n := ts.srv.Broadcast(broadcastMsg("ratings")); n != 3 {
		t.Errorf("Broadcast queued for %d sessions, want 3", n)
	}
	for _, tm := range terms {
		tm.waitFor(t, "got:ratings")
	}
}

func TestPasswordLoginIsRefused(t *testing.T) {
	ts := startServer(t, Config{})
	c, err := ts.dial(gossh.Password("hunter2"))
	if err == nil {
		c.Close()
		t.Fatal("a password login got in")
	}
	if !strings.Contains(err.Error(), "unable to authenticate") {
		t.Errorf("error %q, want an authentication failure", err)
	}
}

func TestClientWithoutAKeyIsToldHowToMakeOne(t *testing.T) {
	ts := startServer(t, Config{})
	var shown []string
	var answered int
	ask := func(name, instruction string, questions []string, _ []bool) ([]string, error) {
		answered++
		if name != "" {
			shown = append(shown, name)
		}
		if instruction != "" {
			shown = append(shown, instruction)
		}
		if len(questions) > 0 {
			t.Errorf("the server asked %q; it should ask nothing", questions)
		}
		return make([]string, len(questions)), nil
	}
	c, err := ts.dial(gossh.RetryableAuthMethod(gossh.KeyboardInteractive(ask), 3), gossh.Password("x"))
	if err == nil {
		c.Close()
		t.Fatal("a keyboard-interactive login got in")
	}
	if len(shown) != 1 || strings.Contains(shown[0], "\n") {
		t.Fatalf("the client was shown %q, want one line", shown)
	}
	if !strings.Contains(shown[0], "ssh-keygen -t ed25519") {
		t.Errorf("the hint %q does not say how to make a key", shown[0])
	}
	if shown[0] != NoKeyHint {
		t.Errorf("hint %q, want %q", shown[0], NoKeyHint)
	}
}

func TestRefusedCommands(t *testing.T) {
	var calls atomic.Int32
	ts := startServer(t, Config{RunCommand: func(context.Context, string, []string, io.Writer, io.Writer) int {
		calls.Add(1)
		return 0
	}})
	c := ts.login(t, servetest.NewKey(t))
	for cmd, want := range map[string]string{
		"import schedule.xml":             `"import" is not available over SSH`,
		"remove vlb19 --yes":              `"remove" is not available over SSH`,
		"serve":                           `"serve" is not available over SSH`,
		"sh -c id":                        `"sh" is not available over SSH`,
		"sessions --db /etc/passwd":       "--db is not available over SSH",
		"agenda --ics -o /tmp/agenda.ics": "-o is not available over SSH",
		"sessions --conf ../../etc":       "--conf takes a conference slug",
		"sessions | head":                 "no shell here",
		"sessions; rm -rf ~":              "no shell here",
		"note x \"$(id)\"":                "no shell here",
		"show 'unterminated":              "unterminated",
	} {
		stdout, stderr, status := run(t, c, cmd)
		if status == 0 {
			t.Errorf("%q: exit status 0, want non-zero", cmd)
		}
		if stdout != "" {
			t.Errorf("%q: printed %q on stdout", cmd, stdout)
		}
		if !strings.Contains(stderr, want) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%q: stderr %q, want one line with %q", cmd, stderr, want)
		}
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("the runner was called %d times for refused commands", n)
	}
}

type runCall struct {
	identity string
	args     []string
}

func TestAllowedCommandRunsAsTheIdentity(t *testing.T) {
	var mu sync.Mutex
	var got []runCall
	ts := startServer(t, Config{RunCommand: func(_ context.Context, identity string, args []string, stdout, stderr io.Writer) int {
		mu.Lock()
		got = append(got, runCall{identity, args})
		mu.Unlock()
		fmt.Fprintln(stdout, "out:"+strings.Join(args, "|"))
		fmt.Fprintln(stderr, "err:"+identity)
		if args[0] == "rate" {
			return 3
		}
		return 0
	}})
	key := servetest.NewKey(t)
	id := gossh.FingerprintSHA256(key.PublicKey())
	c := ts.login(t, key)

	stdout, stderr, status := run(t, c, `sessions --day wed --search "k8s the \"hard\" way" --conf vlb19`)
	if status != 0 {
		t.Errorf("sessions: exit status %d", status)
	}
	if want := `out:sessions|--day|wed|--search|k8s the "hard" way|--conf|vlb19`; strings.TrimSpace(stdout) != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
	if strings.TrimSpace(stderr) != "err:"+id {
		t.Errorf("stderr %q, want the identity %q", stderr, id)
	}
	if _, _, status := run(t, c, "rate vlb19-gitops-101 5"); status != 3 {
		t.Errorf("rate: exit status %d, want the runner's 3", status)
	}
	if _, _, status := run(t, c, "mine export"); status != 0 {
		t.Errorf("mine export: exit status %d", status)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 3 {
		t.Fatalf("runner called %d times, want 3", len(got))
	}
	for _, call := range got {
		if call.identity != id {
			t.Errorf("%q ran as %q, want %q", call.args, call.identity, id)
		}
	}
	if want := []string{"mine", "export"}; strings.Join(got[2].args, " ") != strings.Join(want, " ") {
		t.Errorf("mine export ran as %q", got[2].args)
	}
}

func TestWriteCommandsAreRateLimitedPerIdentity(t *testing.T) {
	ts := startServer(t, Config{WriteRate: 0.001, WriteBurst: 2, RunCommand: func(context.Context, string, []string, io.Writer, io.Writer) int { return 0 }})
	a := ts.login(t, servetest.NewKey(t))
	b := ts.login(t, servetest.NewKey(t))
	for i := range 2 {
		if _, _, status := run(t, a, "star x"); status != 0 {
			t.Fatalf("write %d refused within the burst", i+1)
		}
	}
	if _, stderr, status := run(t, a, "star x"); status == 0 || !strings.Contains(stderr, TooFastLine) {
		t.Errorf("third write: status %d, stderr %q; want refused with %q", status, stderr, TooFastLine)
	}
	if _, _, status := run(t, a, "sessions"); status != 0 {
		t.Errorf("a read was held to the write limit")
	}
	if _, _, status := run(t, b, "star x"); status != 0 {
		t.Errorf("another identity was held to a's limit")
	}
}

func TestSessionLimit(t *testing.T) {
	ts := startServer(t, Config{MaxSessions: 2})
	first := openTerm(t, ts.login(t, servetest.NewKey(t)), 80, 24)
	second := openTerm(t, ts.login(t, servetest.NewKey(t)), 80, 24)
	first.waitFor(t, "who:")
	second.waitFor(t, "who:")

	third := openTerm(t, ts.login(t, servetest.NewKey(t)), 80, 24)
	third.waitFor(t, "The venue is full")
	if status := third.wait(t); status == 0 {
		t.Error("the session over the limit exited 0")
	}
	if strings.Contains(third.out.text(), "who:") {
		t.Error("the session over the limit got the TUI")
	}
	if lines := strings.Count(strings.TrimSpace(third.errOut.text()), "\n"); lines != 0 {
		t.Errorf("the refusal is %d lines: %q", lines+1, third.errOut.text())
	}

	if _, err := io.WriteString(first.stdin, "q"); err != nil {
		t.Fatal(err)
	}
	first.wait(t)
	fourth := openTerm(t, ts.login(t, servetest.NewKey(t)), 80, 24)
	fourth.waitFor(t, "who:")
}

func TestIdleSessionIsClosedWithALine(t *testing.T) {
	// Generous against the typing interval, so a loaded machine does not
	// make the typing session look idle.
	const idle = time.Second
	ts := startServer(t, Config{IdleTimeout: idle})
	quiet := openTerm(t, ts.login(t, servetest.NewKey(t)), 80, 24)
	busy := openTerm(t, ts.login(t, servetest.NewKey(t)), 80, 24)
	opened := time.Now()
	quiet.waitFor(t, "who:")
	busy.waitFor(t, "who:")

	// busy types for two and a half idle periods and is still there.
	for time.Since(opened) < idle*5/2 {
		if _, err := io.WriteString(busy.stdin, "x"); err != nil {
			t.Fatalf("the typing session was closed: %v\n%s", err, busy.out.text())
		}
		time.Sleep(idle / 20)
	}
	select {
	case err := <-busy.done:
		t.Fatalf("a session that was typing was closed: %v\n%s", err, busy.out.text())
	default:
	}
	quiet.waitFor(t, idleLine(idle))
	if status := quiet.wait(t); status != 0 {
		t.Errorf("idle close: exit status %d, want 0", status)
	}
	busy.waitFor(t, idleLine(idle))
	busy.wait(t)
}

func TestShutdownSaysGoodbyeThenFlushes(t *testing.T) {
	var flushes atomic.Int32
	var openAtFlush atomic.Int32
	var ts *testServer
	started := make(chan struct{})
	ts = startServer(t, Config{
		Flush: func(context.Context) error {
			flushes.Add(1)
			openAtFlush.Store(int32(ts.srv.Sessions()))
			return nil
		},
		RunCommand: func(ctx context.Context, _ string, _ []string, stdout, _ io.Writer) int {
			close(started)
			<-ctx.Done()
			fmt.Fprintln(stdout, "stopped")
			return 0
		},
	})
	c := ts.login(t, servetest.NewKey(t))
	tui := openTerm(t, c, 80, 24)
	tui.waitFor(t, "who:")
	cmdDone := make(chan string, 1)
	go func() {
		_, stderr, _ := run(t, c, "sessions")
		cmdDone <- stderr
	}()
	<-started

	if err := ts.stop(t); err != nil {
		t.Fatalf("Serve returned %v after a shutdown", err)
	}
	tui.waitFor(t, GoodbyeLine)
	tui.wait(t)
	select {
	case stderr := <-cmdDone:
		if !strings.Contains(stderr, GoodbyeLine) {
			t.Errorf("the running command's stderr %q has no goodbye", stderr)
		}
	case <-time.After(waitLimit):
		t.Fatal("the running command did not end")
	}
	if n := flushes.Load(); n != 1 {
		t.Errorf("flush ran %d times, want 1", n)
	}
	if n := openAtFlush.Load(); n != 0 {
		t.Errorf("%d sessions were still open when flush ran", n)
	}
	if _, err := ts.dial(gossh.PublicKeys(servetest.NewKey(t))); err == nil {
		t.Error("the server still accepts connections after shutdown")
	}
}

func TestShutdownReturnsTheFlushError(t *testing.T) {
	ts := startServer(t, Config{Flush: func(context.Context) error { return fmt.Errorf("disk full") }})
	if err := ts.stop(t); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Serve returned %v, want the flush error", err)
	}
}

func TestSessionWithoutTerminalOrCommandIsTold(t *testing.T) {
	ts := startServer(t, Config{})
	c := ts.login(t, servetest.NewKey(t))
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var errOut syncBuf
	sess.Stderr = &errOut
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	if status := servetest.ExitStatus(t, sess.Wait()); status == 0 {
		t.Error("exit status 0 without a terminal")
	}
	if !strings.Contains(errOut.text(), NoTermLine) {
		t.Errorf("stderr %q, want %q", errOut.text(), NoTermLine)
	}
}

func TestBrokenModelFactoryEndsOnlyThatSession(t *testing.T) {
	var calls atomic.Int32
	ts := startServer(t, Config{NewModel: func(sess Session) tea.Model {
		if calls.Add(1) == 1 {
			panic("no store")
		}
		return echoFactory(sess)
	}})
	c := ts.login(t, servetest.NewKey(t))
	broken := openTerm(t, c, 80, 24)
	if status := broken.wait(t); status == 0 {
		t.Error("a session whose model failed exited 0")
	}
	broken.waitFor(t, "Something went wrong")
	fine := openTerm(t, c, 80, 24)
	fine.waitFor(t, "who:")
}

func TestCommandsRefusedWithoutARunner(t *testing.T) {
	ts := startServer(t, Config{})
	_, stderr, status := run(t, ts.login(t, servetest.NewKey(t)), "sessions")
	if status == 0 || !strings.Contains(stderr, NoCmdLine) {
		t.Errorf("status %d, stderr %q; want refused with %q", status, stderr, NoCmdLine)
	}
}

func TestSessionsPerIdentityAreCapped(t *testing.T) {
	ts := startServer(t, Config{MaxPerIdentity: 2})
	key := servetest.NewKey(t)
	c := ts.login(t, key)
	first := openTerm(t, c, 80, 24)
	openTerm(t, c, 80, 24).waitFor(t, "who:")
	first.waitFor(t, "who:")
	third := openTerm(t, c, 80, 24)
	third.waitFor(t, "You already have 2 sessions open")
	if status := third.wait(t); status == 0 {
		t.Error("the session over the identity's cap exited 0")
	}
	openTerm(t, ts.login(t, servetest.NewKey(t)), 80, 24).waitFor(t, "who:")
	if _, err := io.WriteString(first.stdin, "q"); err != nil {
		t.Fatal(err)
	}
	first.wait(t)
	openTerm(t, c, 80, 24).waitFor(t, "who:")
}

func TestNoFilesNoTunnels(t *testing.T) {
	ts := startServer(t, Config{})
	c := ts.login(t, servetest.NewKey(t))
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("the sftp subsystem was granted")
	}
	// A tunnel through the server to anything, even the server itself.
	if conn, err := c.Dial("tcp", ts.addr); err == nil {
		conn.Close()
		t.Error("a local port forward was granted")
	}
	if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
		t.Error("a remote port forward was granted")
	}
}

func TestFingerprintIsTheHostKeyClientsSee(t *testing.T) {
	ts := startServer(t, Config{})
	var seen string
	c, err := gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User: "guest",
		Auth: []gossh.AuthMethod{gossh.PublicKeys(servetest.NewKey(t))},
		HostKeyCallback: func(_ string, _ net.Addr, key gossh.PublicKey) error {
			seen = gossh.FingerprintSHA256(key)
			return nil
		},
		Timeout: waitLimit,
	})
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	if seen != ts.srv.Fingerprint() {
		t.Errorf("clients see host key %s, Fingerprint says %s", seen, ts.srv.Fingerprint())
	}
}

// stuckModel blocks in Update on the first key until release is closed.
type stuckModel struct {
	echoModel
	release chan struct{}
}

func (m stuckModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		<-m.release
	}
	return m, nil
}

func TestShutdownDoesNotWaitForeverOnAStuckModel(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	var flushed atomic.Bool
	ts := startServer(t, Config{
		ShutdownTimeout: 500 * time.Millisecond,
		NewModel: func(sess Session) tea.Model {
			return stuckModel{echoModel: echoFactory(sess).(echoModel), release: release}
		},
		Flush: func(context.Context) error { flushed.Store(true); return nil },
	})
	tm := openTerm(t, ts.login(t, servetest.NewKey(t)), 80, 24)
	tm.waitFor(t, "who:")
	if _, err := io.WriteString(tm.stdin, "x"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // let the key reach Update
	start := time.Now()
	if err := ts.stop(t); err != nil {
		t.Fatalf("Serve returned %v", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("shutdown took %s with a stuck model", took)
	}
	if !flushed.Load() {
		t.Error("flush did not run")
	}
}
