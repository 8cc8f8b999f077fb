package serve

import (
	"context"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/lineup-tui/lineup/cmd/lineup/serve/servetest"
	"github.com/lineup-tui/lineup/store/storetest"
	gossh "golang.org/x/crypto/ssh"
)

// waitLimit bounds every wait in these tests.
const waitLimit = 10 * time.Second

// echoModel shows who it serves, its size and the last thing it got; q quits.
type echoModel struct {
	sess Session
	size string
	text string
}

// broadcastMsg is what the tests send with Server.Broadcast.
type broadcastMsg string

func (m echoModel) Init() tea.Cmd { return nil }

func (m echoModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if msg.String() == "q" {
			return m, tea.Quit
		}
		m.text = "key:" + msg.String()
	case tea.WindowSizeMsg:
		m.size = fmt.Sprintf("%dx%d", msg.Width, msg.Height)
	case broadcastMsg:
		m.text = "got:" + string(msg)
	}
	return m, nil
}

func (m echoModel) View() tea.View {
	return tea.NewView("who:" + m.sess.Identity + "\nsize:" + m.size + "\n" + m.text)
}

func echoFactory(sess Session) tea.Model {
	return echoModel{sess: sess, size: fmt.Sprintf("%dx%d", sess.Width, sess.Height)}
}

// testServer is a server on a loopback port, stopped when the test ends.
type testServer struct {
	addr    string
	srv     *Server
	hostKey gossh.PublicKey
	cancel  context.CancelFunc
	done    chan error
}

func startServer(t *testing.T, cfg Config) *testServer {
	t.Helper()
	hk, err := LoadOrCreateHostKey(filepath.Join(t.TempDir(), "serve", "host_ed25519"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.HostKey = hk
	if cfg.NewModel == nil {
		cfg.NewModel = echoFactory
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ts := &testServer{addr: ln.Addr().String(), srv: srv, hostKey: hk.Signer.PublicKey(), cancel: cancel, done: make(chan error, 1)}
	go func() { ts.done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-ts.done:
		case <-time.After(waitLimit):
			t.Error("the server did not stop")
		}
	})
	return ts
}

// stop cancels the server and returns what Serve returned.
func (ts *testServer) stop(t *testing.T) error {
	t.Helper()
	ts.cancel()
	select {
	case err := <-ts.done:
		ts.done <- err // for the cleanup
		return err
	case <-time.After(waitLimit):
		t.Fatal("the server did not stop")
		return nil
	}
}

func (ts *testServer) dial(auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return servetest.Dial(ts.addr, gossh.FixedHostKey(ts.hostKey), auth...)
}

func (ts *testServer) login(t *testing.T, key gossh.Signer) *gossh.Client {
	t.Helper()
	return servetest.Login(t, ts.addr, gossh.FixedHostKey(ts.hostKey), key)
}

// syncBuf is what a session wrote, read while it writes.
type syncBuf struct{ storetest.SyncBuffer }

// text is what was written, without escape sequences.
func (b *syncBuf) text() string { return ansi.Strip(b.String()) }

// term is an interactive session with a pseudo-terminal.
type term struct {
	sess   *gossh.Session
	stdin  io.WriteCloser
	out    syncBuf
	errOut syncBuf
	done   chan error
}

func openTerm(t *testing.T, c *gossh.Client, width, height int) *term {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	tm := &term{sess: sess, done: make(chan error, 1)}
	if err := sess.RequestPty("xterm-256color", height, width, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	sess.Stdout = &tm.out
	sess.Stderr = &tm.errOut
	if tm.stdin, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go func() { tm.done <- sess.Wait() }()
	t.Cleanup(func() { sess.Close() })
	return tm
}

// waitFor waits until the terminal showed want.
func (tm *term) waitFor(t *testing.T, want string) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		if strings.Contains(tm.out.text(), want) || strings.Contains(tm.errOut.text(), want) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the terminal never showed %q; it showed:\n%s\nstderr:\n%s", want, tm.out.text(), tm.errOut.text())
}

// wait waits for the session to end and returns its exit status.
func (tm *term) wait(t *testing.T) int {
	t.Helper()
	select {
	case err := <-tm.done:
		return servetest.ExitStatus(t, err)
	case <-time.After(waitLimit):
		t.Fatalf("the session did not end; it showed:\n%s", tm.out.text())
		return 0
	}
}

// run runs one command and returns its output, without escape sequences,
// and its exit status.
func run(t *testing.T, c *gossh.Client, cmd string) (stdout, stderr string, status int) {
	t.Helper()
	out, errOut, status := servetest.Run(t, c, cmd)
	return ansi.Strip(out), ansi.Strip(errOut), status
}
