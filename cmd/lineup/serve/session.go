package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/colorprofile"
	gossh "golang.org/x/crypto/ssh"
)

// Session is what a ModelFactory knows of the client it builds a model for.
type Session struct {
	// Identity is the SHA-256 fingerprint of the client's public key,
	// "SHA256:…": the key to its own stars, ratings, notes and view state.
	Identity string
	// Width and Height are the client's window size, clamped to what the
	// server renders (see ClampSize); later sizes arrive as
	// tea.WindowSizeMsg, clamped the same way.
	Width, Height int
	// ColorProfile is what the client's terminal can show, from the TERM
	// and the environment it sent. The program already downsamples colours
	// to it; a model may use it to choose styles.
	ColorProfile colorprofile.Profile
	// Environ is the environment the client sent, with its TERM.
	Environ []string
	// RemoteAddr is the client's address.
	RemoteAddr net.Addr
	// Ctx is cancelled when the client disconnects, the session is closed
	// for being idle, or the server shuts down.
	Ctx context.Context

	limiter *Limiter
}

// AllowWrite takes one token from this identity's write bucket and reports
// whether a change may be written now. A model calls it before each write
// and, when it says no, tells the person to slow down instead of writing.
func (s Session) AllowWrite() bool { return s.limiter.Allow(s.Identity) }

// Window sizes the server renders for: a smaller window is drawn as if it
// were the smallest size the TUI can use, a larger one no larger than the
// largest, which bounds the work one client can ask for.
const (
	MinWidth, MinHeight = 20, 6
	MaxWidth, MaxHeight = 500, 200
)

// ClampSize bounds a client's window size to the sizes the server renders;
// a client that gives no size gets 80×24.
func ClampSize(w, h int) (int, int) {
	if w <= 0 {
		w = 80
	}
	if h <= 0 {
		h = 24
	}
	return min(max(w, MinWidth), MaxWidth), min(max(h, MinHeight), MaxHeight)
}

// Lines the client sees when the server ends or refuses a session.
const (
	GoodbyeLine  = "The schedule server is shutting down. Goodbye, and thanks for rating!"
	NoTermLine   = "lineup needs a terminal: connect with `ssh -t`, or give a command such as `ssh … sessions`."
	TooFastLine  = "Too many changes at once: wait a moment and try again."
	NoCmdLine    = "This server runs no commands; connect without one for the schedule."
	noKeyLine    = "lineup knows you by your SSH key; connect with one (make it with `ssh-keygen -t ed25519`)."
	internalLine = "Something went wrong on the server; please try again."
)

func fullLine(n int) string {
	return fmt.Sprintf("The venue is full (%d people connected); try again in a few minutes.", n)
}

func tooManyLine(n int) string {
	return fmt.Sprintf("You already have %d sessions open with this key; close one first.", n)
}

func idleLine(d time.Duration) string {
	return fmt.Sprintf("Closed after %s without a key press. Connect again any time.", HumanDuration(d))
}

// HumanDuration writes whole hours, minutes or seconds in words ("15
// minutes"), and other durations as Go does.
func HumanDuration(d time.Duration) string {
	unit := func(n int64, one string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %ss", n, one)
	}
	switch {
	case d >= time.Hour && d%time.Hour == 0:
		return unit(int64(d/time.Hour), "hour")
	case d >= time.Minute && d%time.Minute == 0:
		return unit(int64(d/time.Minute), "minute")
	case d >= time.Second && d%time.Second == 0:
		return unit(int64(d/time.Second), "second")
	}
	return d.String()
}

type endReason int32

const (
	endNone endReason = iota
	endIdle
	endShutdown
)

// active is one open session.
type active struct {
	identity  string
	ctx       context.Context
	cancel    context.CancelFunc
	why       atomic.Int32
	prog      atomic.Pointer[tea.Program]
	inbox     chan tea.Msg // nil for commands; guarded by Server.mu
	lastInput atomic.Int64 // unix nanoseconds
	failed    bool         // the model could not be made; set and read on the session goroutine
}

// end closes the session for why: an interactive one is asked to quit (its
// terminal is restored) and cancelled if it has not after quitGrace; a
// command is cancelled at once. Only the first reason counts.
func (a *active) end(why endReason) {
	if !a.why.CompareAndSwap(int32(endNone), int32(why)) {
		return
	}
	if p := a.prog.Load(); p != nil {
		go p.Quit()
		time.AfterFunc(quitGrace, func() {
			a.cancel()
			p.Kill()
		})
		return
	}
	a.cancel()
}

func (a *active) reason() endReason { return endReason(a.why.Load()) }

// identityOf is the fingerprint of the key the client logged in with; for a
// certificate, of the key inside it, so a renewed certificate keeps the
// identity.
func identityOf(sess ssh.Session) string {
	pk := sess.PublicKey()
	if pk == nil {
		return ""
	}
	var key gossh.PublicKey = pk
	if cert, ok := key.(*gossh.Certificate); ok {
		key = cert.Key
	}
	return gossh.FingerprintSHA256(key)
}

// admit registers a new session, or says in one line why it cannot open.
func (s *Server) admit(sess ssh.Session) (*active, string) {
	id := identityOf(sess)
	if id == "" {
		return nil, noKeyLine
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return nil, GoodbyeLine
	}
	if len(s.sessions) >= s.cfg.MaxSessions {
		return nil, fullLine(len(s.sessions))
	}
	if s.perID[id] >= s.cfg.MaxPerIdentity {
		return nil, tooManyLine(s.perID[id])
	}
	ctx, cancel := context.WithCancel(sess.Context())
	a := &active{identity: id, ctx: ctx, cancel: cancel}
	a.lastInput.Store(time.Now().UnixNano())
	s.sessions[sess] = a
	s.perID[id]++
	s.wg.Add(1)
	return a, ""
}

// free gives the session's place back: it is called before the client is
// sent the exit status, so a client that saw its session end can open
// another at once. Calling it twice is harmless.
func (s *Server) free(sess ssh.Session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.sessions[sess]
	if !ok {
		return
	}
	delete(s.sessions, sess)
	if s.perID[a.identity]--; s.perID[a.identity] <= 0 {
		delete(s.perID, a.identity)
	}
}

// finish frees the session's place and sends the exit status.
func (s *Server) finish(sess ssh.Session, code int) {
	s.free(sess)
	_ = sess.Exit(code)
}

func (s *Server) lookup(sess ssh.Session) *active {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions[sess]
}

// gate is the outer middleware: it admits the session, runs a command or
// hands an interactive session to the Bubble Tea middleware (next), and
// tells the client why the session ended when the server ended it.
func (s *Server) gate(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		a, refusal := s.admit(sess)
		if a == nil {
			s.logf("refused %s from %s: %s", orNoKey(identityOf(sess)), sess.RemoteAddr(), refusal)
			_, _ = fmt.Fprintln(sess.Stderr(), refusal)
			_ = sess.Exit(1)
			return
		}
		defer func() {
			s.free(sess)
			a.cancel()
			s.wg.Done()
		}()
		if sess.RawCommand() != "" {
			code := s.runCommand(a, sess)
			if a.reason() == endShutdown {
				_, _ = fmt.Fprintln(sess.Stderr(), GoodbyeLine)
			}
			s.finish(sess, code)
			return
		}
		if _, _, ok := sess.Pty(); !ok {
			_, _ = fmt.Fprintln(sess.Stderr(), NoTermLine)
			s.finish(sess, 1)
			return
		}
		s.logf("screen open %s from %s (%d open)", a.identity, sess.RemoteAddr(), s.Sessions())
		start := time.Now()
		next(sess)
		code := 0
		switch {
		case a.reason() == endShutdown:
			_, _ = fmt.Fprintln(sess, GoodbyeLine)
		case a.reason() == endIdle:
			_, _ = fmt.Fprintln(sess, idleLine(s.cfg.IdleTimeout))
		case a.failed:
			_, _ = fmt.Fprintln(sess.Stderr(), internalLine)
			code = 1
		}
		why := "left"
		switch {
		case a.reason() == endShutdown:
			why = "said goodbye"
		case a.reason() == endIdle:
			why = "closed for being idle"
		case a.failed:
			why = "failed"
		}
		s.logf("screen %s %s after %s", why, a.identity, time.Since(start).Round(time.Second))
		s.finish(sess, code)
	}
}

// program builds the tea.Program of an interactive session for the Bubble
// Tea middleware; nil ends the session.
func (s *Server) program(sess ssh.Session) *tea.Program {
	a := s.lookup(sess)
	if a == nil {
		return nil
	}
	pty, _, _ := sess.Pty()
	env := append(sess.Environ(), "TERM="+pty.Term)
	w, h := ClampSize(pty.Window.Width, pty.Window.Height)
	profile := colorprofile.Env(env)
	model, err := s.newModel(Session{
		Identity:     a.identity,
		Width:        w,
		Height:       h,
		ColorProfile: profile,
		Environ:      env,
		RemoteAddr:   sess.RemoteAddr(),
		Ctx:          a.ctx,
		limiter:      s.limiter,
	})
	if err != nil {
		s.logf("session %s: %v", a.identity, err)
		a.failed = true
		return nil
	}
	// Broadcasts mean "look again": one waiting is as good as many.
	inbox := make(chan tea.Msg, 1)
	s.mu.Lock()
	a.inbox = inbox
	s.mu.Unlock()
	p := tea.NewProgram(model,
		tea.WithInput(&inputWatch{r: sess, a: a}),
		tea.WithOutput(sess),
		tea.WithEnvironment(env),
		tea.WithColorProfile(profile),
		tea.WithWindowSize(w, h),
		tea.WithoutSignalHandler(),
		tea.WithFilter(filterMsg),
	)
	a.prog.Store(p)
	if a.reason() != endNone {
		// Ended while the model was being made: end() did not see p.
		go p.Quit()
	}
	go pump(a.ctx, inbox, p)
	if s.cfg.IdleTimeout > 0 {
		go watchIdle(a, s.cfg.IdleTimeout)
	}
	return p
}

// newModel calls the factory, turning a panic or a nil model into an error.
func (s *Server) newModel(sess Session) (m tea.Model, err error) {
	defer func() {
		if r := recover(); r != nil {
			m, err = nil, fmt.Errorf("model factory panicked: %v", r)
		}
	}()
	m = s.cfg.NewModel(sess)
	if m == nil {
		return nil, errors.New("model factory gave no model")
	}
	return m, nil
}

// filterMsg clamps window sizes and keeps a client's ctrl+z from suspending
// the server's side of its session.
func filterMsg(_ tea.Model, msg tea.Msg) tea.Msg {
	switch m := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = ClampSize(m.Width, m.Height)
		return m
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	}
	return msg
}

// pump hands broadcast messages to the program until the session ends.
func pump(ctx context.Context, inbox <-chan tea.Msg, p *tea.Program) {
	for {
		select {
		case <-ctx.Done():
			return
		case msg := <-inbox:
			p.Send(msg)
		}
	}
}

// watchIdle ends the session once nothing was typed for d. Idle time is
// wall-clock time, read with time.Now here and in inputWatch, never from the
// clock a server may be given for the schedule (LINEUP_NOW pins "now" for a
// demo or a test, and a pinned clock would close every screen at once or
// none ever).
func watchIdle(a *active, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		select {
		case <-a.ctx.Done():
			return
		case <-t.C:
			since := time.Since(time.Unix(0, a.lastInput.Load()))
			if since >= d {
				a.end(endIdle)
				return
			}
			t.Reset(d - since)
		}
	}
}

// inputWatch notes the time of the client's last input.
type inputWatch struct {
	r io.Reader
	a *active
}

func (w *inputWatch) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	if n > 0 {
		w.a.lastInput.Store(time.Now().UnixNano())
	}
	return n, err
}

// orNoKey is an identity for the log, or says there is none.
func orNoKey(id string) string {
	if id == "" {
		return "a client without a key"
	}
	return id
}

// commandWord is what the log says of a command: its first word when it is
// a plain word such as a command name, never the rest (a note, a search).
func commandWord(args []string) string {
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			continue
		}
		if len(a) <= 20 && plainWord(a) {
			return fmt.Sprintf("%q", a)
		}
		break
	}
	return "(not shown)"
}

// plainWord reports whether w is lower-case letters and hyphens, starting
// with a letter.
func plainWord(w string) bool {
	for i, c := range w {
		if !('a' <= c && c <= 'z' || i > 0 && c == '-') {
			return false
		}
	}
	return w != ""
}

// runCommand runs `ssh … COMMAND` and returns its exit status. Refusals are
// one line on stderr with status 2, as the CLI does for usage errors.
func (s *Server) runCommand(a *active, sess ssh.Session) int {
	stderr := sess.Stderr()
	args, err := SplitCommand(sess.RawCommand())
	if err != nil {
		_, _ = fmt.Fprintln(stderr, "lineup: "+err.Error())
		return 2
	}
	spec, err := s.policy.check(args)
	if err != nil {
		s.logf("refused a command of %s: %s", a.identity, commandWord(args))
		_, _ = fmt.Fprintln(stderr, "lineup: "+err.Error())
		return 2
	}
	// The command's name only: its arguments may be someone's note.
	s.logf("command %s by %s", spec.Name, a.identity)
	if s.cfg.RunCommand == nil {
		_, _ = fmt.Fprintln(stderr, NoCmdLine)
		return 1
	}
	if spec.Writes && !s.limiter.Allow(a.identity) {
		_, _ = fmt.Fprintln(stderr, TooFastLine)
		return 1
	}
	return s.callRunner(a, args, sess, stderr)
}

func (s *Server) callRunner(a *active, args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			s.logf("command %s of %s panicked: %v", commandWord(args), a.identity, r)
			_, _ = fmt.Fprintln(stderr, internalLine)
			code = 1
		}
	}()
	return s.cfg.RunCommand(a.ctx, a.identity, args, stdout, stderr)
}
