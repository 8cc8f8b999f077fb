// Package serve is the SSH server behind `lineup serve`: it gives everyone on
// a venue's network the terminal interface with `ssh -p 2222 host`, and a safe
// subset of the CLI with `ssh -p 2222 host COMMAND`.
//
// The package knows nothing of the store or the TUI. The caller injects them:
// a ModelFactory builds the Bubble Tea model of each interactive session, a
// CommandRunner runs an allowed CLI command for an identity, and a flush hook
// writes out pending changes at shutdown.
//
// A client is identified by its public key only: its identity is the key's
// SHA-256 fingerprint ("SHA256:…"). Password and keyboard-interactive logins
// are refused; a client that has no key is told how to make one.
//
// Limits, each told to the client in one line: MaxSessions sessions at once
// ("the venue is full") and MaxPerIdentity per key; an interactive session
// with no input for IdleTimeout is closed; window sizes are clamped to
// MinWidth×MinHeight..MaxWidth×MaxHeight; write commands are held to a token
// bucket per identity (Session.AllowWrite gives the TUI the same bucket).
// Connections, counting those still logging in, are capped at twice
// MaxSessions plus a few, and a login must finish within a minute.
// Commands are split without a shell (SplitCommand) and checked against an
// allow-list (DefaultCommands) that names no file and runs nothing else; no
// subsystem (sftp, scp) and no port forwarding is served.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"
)

// ModelFactory builds the model of one interactive session.
type ModelFactory func(sess Session) tea.Model

// CommandRunner runs one allowed CLI command as identity and returns its exit
// status. args are the command's words as the CLI takes them, such as
// ["sessions", "--day", "wed"] or ["mine", "export"]; they have been checked
// against the allow-list. It should stop early when ctx is cancelled (the
// client left or the server is shutting down).
type CommandRunner func(ctx context.Context, identity string, args []string, stdout, stderr io.Writer) int

// Defaults for the zero values of Config.
const (
	DefaultMaxSessions     = 200
	DefaultMaxPerIdentity  = 8
	DefaultIdleTimeout     = 15 * time.Minute
	DefaultWriteRate       = 5.0 // changes a second per identity
	DefaultWriteBurst      = 20
	DefaultShutdownTimeout = 10 * time.Second
	DefaultHandshake       = time.Minute // room to type a key's passphrase
)

// quitGrace is how long a model has to quit after being asked before its
// session is cancelled.
const quitGrace = time.Second

// Config is what New needs. NewModel and HostKey are required.
type Config struct {
	Addr       string        // listen address for ListenAndServe, such as ":2222"
	HostKey    *HostKey      // from LoadOrCreateHostKey
	NewModel   ModelFactory  // the TUI of one session
	RunCommand CommandRunner // nil refuses every command

	// Flush writes out pending changes; it runs once at shutdown after every
	// session has ended, with a context bounded by ShutdownTimeout.
	Flush func(ctx context.Context) error

	MaxSessions     int           // concurrent sessions; 0 means DefaultMaxSessions
	MaxPerIdentity  int           // concurrent sessions of one identity; 0 means DefaultMaxPerIdentity
	IdleTimeout     time.Duration // an interactive session with no input this long is closed; 0 means DefaultIdleTimeout, < 0 never
	WriteRate       float64       // changes a second per identity; 0 means DefaultWriteRate, < 0 no limit
	WriteBurst      int           // 0 means DefaultWriteBurst
	ShutdownTimeout time.Duration // how long shutdown waits for sessions, then for Flush; 0 means DefaultShutdownTimeout
	Commands        []CommandSpec // nil means DefaultCommands()

	// Logf, when set, is told about sessions that start and end and about
	// errors, from many goroutines at once; nothing is logged otherwise.
	Logf func(format string, args ...any)
}

// Server is an SSH server for lineup. Make one with New, run it with Serve or
// ListenAndServe, stop it by cancelling their context.
type Server struct {
	cfg     Config
	srv     *ssh.Server
	policy  *policy
	limiter *Limiter
	conns   atomic.Int64

	mu       sync.Mutex
	sessions map[ssh.Session]*active
	perID    map[string]int // open sessions by identity
	closing  bool
	wg       sync.WaitGroup
	served   atomic.Bool
}

// New checks cfg, fills in its defaults and sets up the server. It does not
// listen yet.
func New(cfg Config) (*Server, error) {
	if cfg.HostKey == nil || cfg.HostKey.Signer == nil {
		return nil, errors.New("serve: no host key")
	}
	if cfg.NewModel == nil {
		return nil, errors.New("serve: no model factory")
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.MaxPerIdentity <= 0 {
		cfg.MaxPerIdentity = DefaultMaxPerIdentity
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.WriteRate == 0 {
		cfg.WriteRate = DefaultWriteRate
	}
	if cfg.WriteBurst <= 0 {
		cfg.WriteBurst = DefaultWriteBurst
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = DefaultShutdownTimeout
	}
	if cfg.Commands == nil {
		cfg.Commands = DefaultCommands()
	}
	s := &Server{
		cfg:      cfg,
		policy:   newPolicy(cfg.Commands),
		limiter:  NewLimiter(cfg.WriteRate, cfg.WriteBurst),
		sessions: map[ssh.Session]*active{},
		perID:    map[string]int{},
	}
	srv, err := wish.NewServer(
		wish.WithAddress(cfg.Addr),
		wish.WithVersion("lineup"),
		func(srv *ssh.Server) error { srv.AddHostKey(cfg.HostKey.Signer); return nil },
		wish.WithPublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true }),
		func(srv *ssh.Server) error {
			srv.ServerConfigCallback = s.authConfig
			srv.HandshakeTimeout = DefaultHandshake
			if cfg.IdleTimeout > 0 {
				// Connections that carry nothing at all (no session, no
				// output) are dropped a little after the session idle
				// timeout, which closes sessions with a message first.
				srv.IdleTimeout = cfg.IdleTimeout + 30*time.Second
			}
			srv.ConnCallback = s.admitConn
			srv.ConnectionCloseCallback = func(net.Conn) { s.conns.Add(-1) }
			return nil
		},
		wish.WithMiddleware(bm.MiddlewareWithProgramHandler(s.program), s.gate),
	)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	s.srv = srv
	return s, nil
}

// Fingerprint is the host key's SHA-256 fingerprint, "SHA256:…", for
// `lineup serve` to print at start so people can check what ssh shows them.
func (s *Server) Fingerprint() string {
	return gossh.FingerprintSHA256(s.cfg.HostKey.Signer.PublicKey())
}

// AllowWrite takes one token from identity's write bucket and reports
// whether the write may go ahead. The TUI calls it (through
// Session.AllowWrite) before each change; commands that write are checked by
// the server itself.
func (s *Server) AllowWrite(identity string) bool { return s.limiter.Allow(identity) }

// Sessions is the number of sessions open now.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// Broadcast queues msg for the model of every interactive session, for
// example to say that ratings changed. It never blocks: a session whose
// queue is full misses the message, so messages should mean "look again"
// rather than carry a change that must not be lost. It returns how many
// sessions it was queued for.
func (s *Server) Broadcast(msg tea.Msg) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, a := range s.sessions {
		if a.inbox == nil {
			continue
		}
		select {
		case a.inbox <- msg:
			n++
		default:
		}
	}
	return n
}

// ListenAndServe listens on Config.Addr and serves until ctx is cancelled.
func (s *Server) ListenAndServe(ctx context.Context) error {
	addr := s.cfg.Addr
	if addr == "" {
		addr = ":2222"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves connections from ln until ctx is cancelled, then shuts down:
// it stops accepting, tells every session goodbye and ends it, closes the
// remaining connections, runs the flush hook and returns. It returns nil
// after a shutdown asked for by ctx, the flush hook's error if it failed, or
// the listener's error if the listener failed first. A Server serves once.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if !s.served.CompareAndSwap(false, true) {
		_ = ln.Close()
		return errors.New("serve: the server has already served")
	}
	errc := make(chan error, 1)
	go func() { errc <- s.srv.Serve(ln) }()
	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
		errc = nil
	}
	flushErr := s.shutdown(ln, errc)
	if serveErr != nil && !errors.Is(serveErr, ssh.ErrServerClosed) {
		return fmt.Errorf("serve: %w", serveErr)
	}
	return flushErr
}

func (s *Server) shutdown(ln net.Listener, errc <-chan error) error {
	// Stop accepting. Shutdown with a done context closes the listeners it
	// knows and returns at once instead of waiting for the connections;
	// closing ln as well covers a listener the server has not taken up yet.
	done, cancel := context.WithCancel(context.Background())
	cancel()
	_ = s.srv.Shutdown(done)
	_ = ln.Close()

	s.mu.Lock()
	s.closing = true
	n := len(s.sessions)
	for _, a := range s.sessions {
		a.end(endShutdown)
	}
	s.mu.Unlock()
	s.logf("shutting down: saying goodbye to %d sessions", n)

	waited := make(chan struct{})
	go func() { s.wg.Wait(); close(waited) }()
	select {
	case <-waited:
	case <-time.After(s.cfg.ShutdownTimeout):
		s.logf("shutdown: %d sessions did not end in %s; closing their connections", s.Sessions(), s.cfg.ShutdownTimeout)
	}
	_ = s.srv.Close()
	if errc != nil {
		<-errc
	}
	if s.cfg.Flush == nil {
		return nil
	}
	s.logf("every session has ended; writing the changes still on their way")
	fctx, fcancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer fcancel()
	if err := s.cfg.Flush(fctx); err != nil {
		return fmt.Errorf("serve: flush: %w", err)
	}
	return nil
}

// admitConn caps open connections, counting those still authenticating, so
// a flood of idle TCP connections cannot exhaust the server. The cap is well
// above the session limit: refused sessions are told so on a connection.
func (s *Server) admitConn(_ ssh.Context, c net.Conn) net.Conn {
	if s.conns.Add(1) > int64(2*s.cfg.MaxSessions+16) {
		s.conns.Add(-1)
		return nil
	}
	return c
}

// authConfig is the per-connection SSH configuration: public keys are the
// only way in (the handler accepting them is set on the server), and a client
// that comes with keyboard-interactive instead is told, once per connection,
// how to make a key.
func (s *Server) authConfig(ssh.Context) *gossh.ServerConfig {
	var hinted atomic.Bool
	return &gossh.ServerConfig{
		MaxAuthTries: 6,
		KeyboardInteractiveCallback: func(meta gossh.ConnMetadata, challenge gossh.KeyboardInteractiveChallenge) (*gossh.Permissions, error) {
			if hinted.CompareAndSwap(false, true) {
				s.logf("refused a login without a key from %s", meta.RemoteAddr())
				_, _ = challenge("", NoKeyHint, nil, nil)
			}
			return nil, errors.New("lineup takes public keys only")
		},
	}
}

// NoKeyHint is what a client without a key is told when it logs in.
const NoKeyHint = "lineup knows you by your SSH key and you have none: make one with `ssh-keygen -t ed25519`, then connect again."

func (s *Server) logf(format string, args ...any) {
	if s.cfg.Logf != nil {
		s.cfg.Logf(format, args...)
	}
}
