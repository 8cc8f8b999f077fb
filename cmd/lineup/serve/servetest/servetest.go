// Package servetest is the SSH client side that the tests of lineup serve
// share: keys, logins with a checked host key, and commands with their
// output and exit status. Tests only; it reaches nothing but the address
// it is given.
package servetest

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/store/storetest"
	gossh "golang.org/x/crypto/ssh"
)

// Wait bounds every wait of a client: a login, a command.
const Wait = 15 * time.Second

// NewKey makes a new ed25519 client key.
func NewKey(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Dial logs in to addr with auth as "guest", accepting only a host key
// that hostKey accepts.
func Dial(addr string, hostKey gossh.HostKeyCallback, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "guest", Auth: auth, HostKeyCallback: hostKey, Timeout: Wait})
}

// Login logs in to addr with key; the client is closed when the test ends.
func Login(t testing.TB, addr string, hostKey gossh.HostKeyCallback, key gossh.Signer) *gossh.Client {
	t.Helper()
	c, err := Dial(addr, hostKey, gossh.PublicKeys(key))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// ExitStatus is the exit status a session ended with (err from its Wait or
// Run); a session that ended without one fails the test.
func ExitStatus(t testing.TB, err error) int {
	t.Helper()
	if err == nil {
		return 0
	}
	var exit *gossh.ExitError
	if errors.As(err, &exit) {
		return exit.ExitStatus()
	}
	t.Fatalf("session ended without an exit status: %v", err)
	return 0
}

// Run runs cmd in a new session of c and returns what it wrote, as it was
// written, and its exit status.
func Run(t testing.TB, c *gossh.Client, cmd string) (stdout, stderr string, status int) {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var out, errOut storetest.SyncBuffer
	sess.Stdout, sess.Stderr = &out, &errOut
	done := make(chan error, 1)
	go func() { done <- sess.Run(cmd) }()
	select {
	case err = <-done:
	case <-time.After(Wait):
		t.Fatalf("%q did not end", cmd)
	}
	return out.String(), errOut.String(), ExitStatus(t, err)
}
