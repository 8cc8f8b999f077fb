package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/lineup-tui/lineup/cmd/lineup/serve/servetest"
	"github.com/lineup-tui/lineup/store/storetest"
	gossh "golang.org/x/crypto/ssh"
)

// serveWait bounds every wait in the server tests.
const serveWait = 15 * time.Second

// testVenue is `lineup serve` on a loopback port, in this process, on a store
// in a temporary folder.
type testVenue struct {
	addr   string
	db     string
	out    *storetest.SyncBuffer
	cancel context.CancelFunc
	done   chan error
	hostFP string // the fingerprint the server printed
}

func startVenue(t *testing.T, o serveOptions) *testVenue {
	t.Helper()
	t.Setenv("LINEUP_NOW", "")
	if o.maxSessions == 0 {
		o.maxSessions = 20
	}
	if o.idle == 0 {
		o.idle = time.Minute
	}
	if o.hostKey == "" {
		o.hostKey = filepath.Join(t.TempDir(), "host_ed25519")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	v := &testVenue{addr: ln.Addr().String(), db: storetest.Path(t), out: &storetest.SyncBuffer{}, done: make(chan error, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	v.cancel = cancel
	a := &app{dbPath: v.db, stdout: v.out, stderr: v.out}
	go func() { v.done <- a.serve(ctx, ln, o) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-v.done:
		case <-time.After(serveWait):
			t.Error("the server did not stop")
		}
	})
	deadline := time.Now().Add(serveWait)
	for !strings.Contains(v.out.String(), "fingerprint ") {
		if time.Now().After(deadline) {
			t.Fatalf("the server did not start: %q", v.out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	_, fp, _ := strings.Cut(v.out.String(), "fingerprint ")
	v.hostFP = strings.Fields(fp)[0]
	return v
}

// stop shuts the server down and returns what serve returned.
func (v *testVenue) stop(t *testing.T) error {
	t.Helper()
	v.cancel()
	select {
	case err := <-v.done:
		v.done <- err // for the cleanup
		return err
	case <-time.After(serveWait):
		t.Fatal("the server did not stop")
		return nil
	}
}

// identity is the identity the server gives a key.
func identity(k gossh.Signer) string { return gossh.FingerprintSHA256(k.PublicKey()) }

// dial logs in with auth, checking the host key against the fingerprint the
// server printed.
func (v *testVenue) dial(auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return servetest.Dial(v.addr, v.hostKey, auth...)
}

// hostKey accepts only the host key whose fingerprint the server printed.
func (v *testVenue) hostKey(_ string, _ net.Addr, key gossh.PublicKey) error {
	if got := gossh.FingerprintSHA256(key); got != v.hostFP {
		return errors.New("host key " + got + " is not the printed " + v.hostFP)
	}
	return nil
}

func (v *testVenue) login(t testing.TB, k gossh.Signer) *gossh.Client {
	t.Helper()
	return servetest.Login(t, v.addr, v.hostKey, k)
}

// ssh runs `ssh … cmd` as k and returns stdout, stderr and the exit status.
func (v *testVenue) ssh(t testing.TB, k gossh.Signer, cmd string) (string, string, int) {
	t.Helper()
	c := v.login(t, k)
	defer c.Close()
	return servetest.Run(t, c, cmd)
}

// screen is an interactive session: keys in, the terminal's output read by
// a goroutine.
type screen struct {
	sess *gossh.Session
	in   interface{ Write([]byte) (int, error) }
	mu   sync.Mutex
	out  bytes.Buffer
}

func (v *testVenue) openScreen(t testing.TB, k gossh.Signer, env ...string) *screen {
	t.Helper()
	c := v.login(t, k)
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range env {
		name, val, _ := strings.Cut(kv, "=")
		_ = s.Setenv(name, val)
	}
	if err := s.RequestPty("xterm-256color", 30, 100, nil); err != nil {
		t.Fatal(err)
	}
	stdin, err := s.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := s.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	sc := &screen{sess: s, in: stdin}
	go func() {
		buf := make([]byte, 8192)
		for {
			n, err := stdout.Read(buf)
			sc.mu.Lock()
			sc.out.Write(buf[:n])
			sc.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { s.Close() })
	return sc
}

// text is what the terminal was sent so far, without escape sequences.
func (sc *screen) text() string {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	return ansi.Strip(sc.out.String())
}

// mark forgets what was sent so far, so waitFor looks only at what comes next.
func (sc *screen) mark() {
	sc.mu.Lock()
	sc.out.Reset()
	sc.mu.Unlock()
}

func (sc *screen) keys(t testing.TB, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, err := sc.in.Write([]byte(k)); err != nil {
			t.Fatalf("key %q: %v", k, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitFor waits until the terminal was sent want and returns how long it took.
func (sc *screen) waitFor(t testing.TB, want string) time.Duration {
	t.Helper()
	start := time.Now()
	for !strings.Contains(sc.text(), want) {
		if time.Since(start) > serveWait {
			t.Fatalf("the screen never showed %q; it got:\n%s", want, sc.text())
		}
		time.Sleep(5 * time.Millisecond)
	}
	return time.Since(start)
}
