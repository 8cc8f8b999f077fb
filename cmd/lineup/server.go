package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/lineup-tui/lineup/cmd/lineup/serve"
	"github.com/lineup-tui/lineup/data/clock"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/tui"
	"github.com/lineup-tui/lineup/tui/links"
	"github.com/spf13/cobra"
)

// serveOptions are the flags of `lineup serve`.
type serveOptions struct {
	listen      string
	hostKey     string // "" is ssh_host_ed25519 beside the store
	maxSessions int
	idle        time.Duration
	writeRate   float64 // changes a second per identity; 0 is serve's default
}

func (a *app) serveCommand() *cobra.Command {
	o := serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Give everyone on the network the schedule over SSH, with shared live ratings",
		Long: "Serve this store over SSH: `ssh -p 2222 HOST` opens the terminal interface, and\n" +
			"`ssh -p 2222 HOST COMMAND` runs sessions, show, speakers, speaker, agenda, now, next,\n" +
			"changes, rate, star, unstar, note or mine export. Each SSH key has its own stars,\n" +
			"notes and view; ratings are shared and show on every screen within a second. The\n" +
			"host key is made on first run beside the store; its fingerprint is printed at start.\n" +
			"Who connects, who is refused and why, and each command by name are logged on stderr.\n" +
			"Ctrl+C (or SIGTERM) says goodbye to everyone, saves every change and stops.",
		Example: "  lineup serve\n  lineup serve --listen :2222 --conf fosdem-2026 --max-sessions 300 --idle-timeout 30m",
		Args:    args(0, 0, "serve takes no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.maxSessions < 1 {
				return usagef("--max-sessions %d: at least 1", o.maxSessions)
			}
			if o.idle <= 0 {
				return usagef("--idle-timeout %s: give a duration such as 15m", o.idle)
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			ln, err := net.Listen("tcp", o.listen)
			if err != nil {
				return fmt.Errorf("cannot listen on %s: %w", o.listen, err)
			}
			return a.serve(ctx, ln, o)
		},
	}
	cmd.Flags().StringVar(&o.listen, "listen", ":2222", "address to listen on")
	cmd.Flags().StringVar(&o.hostKey, "host-key", "", "the server's ed25519 host key, made on first run (default ssh_host_ed25519 beside the store)")
	cmd.Flags().IntVar(&o.maxSessions, "max-sessions", serve.DefaultMaxSessions, "most people connected at once; the next is told the venue is full")
	cmd.Flags().DurationVar(&o.idle, "idle-timeout", serve.DefaultIdleTimeout, "close a screen after this long without a key press")
	return cmd
}

// serve holds the store and serves it on ln until ctx is cancelled.
func (a *app) serve(ctx context.Context, ln net.Listener, o serveOptions) error {
	clk, err := a.clock()
	if err != nil {
		ln.Close()
		return err
	}
	st, err := store.Hold(a.dbPath, store.ServerNote{PID: os.Getpid(), Listen: ln.Addr().String()}, store.WithClock(clk))
	if err != nil {
		ln.Close()
		return err
	}
	defer st.Close()
	slug := a.confSlug
	if slug == "" {
		if slug, err = st.Current(); err != nil {
			ln.Close()
			return err
		}
	}
	c, err := st.Conference(slug)
	if err != nil {
		ln.Close()
		return err
	}
	keyPath := o.hostKey
	if keyPath == "" {
		keyPath = filepath.Join(filepath.Dir(st.Path()), "ssh_host_ed25519")
	}
	hk, err := serve.LoadOrCreateHostKey(keyPath)
	if err != nil {
		ln.Close()
		return err
	}
	v := &venue{st: st, slug: slug, clock: clk, models: map[*tui.Model]struct{}{}, changed: make(chan struct{}, 1)}
	srv, err := serve.New(serve.Config{
		Addr:        ln.Addr().String(),
		HostKey:     hk,
		NewModel:    v.model,
		RunCommand:  v.command,
		Flush:       v.flush,
		MaxSessions: o.maxSessions,
		IdleTimeout: o.idle,
		WriteRate:   o.writeRate,
		// Who connects, who is refused and why, the shutdown: identities
		// are key fingerprints, and no note or command argument is logged.
		Logf: log.New(a.stderr, "lineup serve: ", log.LstdFlags).Printf,
	})
	if err != nil {
		ln.Close()
		return err
	}
	st.OnRatingChange(v.ratingChanged)
	bctx, stopBroadcast := context.WithCancel(context.Background())
	defer stopBroadcast()
	go v.broadcast(bctx, srv)

	fmt.Fprintf(a.stdout, "lineup serve: %s (%d sessions) from %s\n", c.Name, len(c.Sessions), st.Path())
	fmt.Fprintf(a.stdout, "listening on %s; connect with: ssh -p %s HOST\n", ln.Addr(), portOf(ln.Addr()))
	fmt.Fprintf(a.stdout, "host key %s\nfingerprint %s\n", keyPath, srv.Fingerprint())
	fmt.Fprintf(a.stdout, "at most %d people at once, idle screens closed after %s; ctrl+c stops\n", o.maxSessions, serve.HumanDuration(o.idle))
	flushOut(a.stdout)
	err = srv.Serve(ctx, ln)
	if cerr := st.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("closing the store: %w", cerr)
	}
	if err == nil {
		fmt.Fprintln(a.stdout, "lineup serve: stopped; every change is saved")
	}
	return err
}

// flushOut writes out what a buffering writer holds, so the start lines
// show at once.
func flushOut(w io.Writer) {
	if f, ok := w.(interface{ Flush() error }); ok {
		_ = f.Flush()
	}
}

// portOf is the port of a listen address, for the line people copy.
func portOf(addr net.Addr) string {
	if _, p, err := net.SplitHostPort(addr.String()); err == nil {
		return p
	}
	return "2222"
}

// venue is what `lineup serve` shares between its connections: the held
// store, the conference it serves, and the screens open now.
type venue struct {
	st    *store.Store
	slug  string
	clock clock.Clock

	mu     sync.Mutex
	models map[*tui.Model]struct{}
	open   sync.WaitGroup // one per screen, done once its writer is closed

	changed chan struct{} // a rating changed; the broadcaster tells every screen
}

// The notices to every screen that ratings changed are spaced: each makes
// every screen read the store and draw itself again, so however many ratings
// come in, a screen gets at most one per spacing. The spacing grows with the
// number of screens, so a full venue of people rating at once does not spend
// the server on redrawing: 200 ms for a few, 600 ms for 200, never more
// than 800 ms, and a new rating shows everywhere within a second.
const (
	broadcastEvery     = 200 * time.Millisecond
	broadcastPerScreen = 2 * time.Millisecond
	broadcastMost      = 800 * time.Millisecond
)

// broadcastSpacing is the spacing of the notices with n screens open.
func broadcastSpacing(n int) time.Duration {
	return min(broadcastEvery+time.Duration(n)*broadcastPerScreen, broadcastMost)
}

// ratingChanged is the held store's hook after each committed rating.
func (v *venue) ratingChanged() {
	select {
	case v.changed <- struct{}{}:
	default: // a notice is already due
	}
}

// broadcast tells every screen that ratings changed, spaced by
// broadcastSpacing, until ctx ends.
func (v *venue) broadcast(ctx context.Context, srv *serve.Server) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-v.changed:
			srv.Broadcast(tui.StoreChangedMsg{})
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(broadcastSpacing(srv.Sessions())):
		}
	}
}

// servedStore is the store as one client's screen sees it: its identity's
// personal layer; opening another conference does not change the server's
// current one.
type servedStore struct{ *store.Store }

func (servedStore) SetCurrent(string) error { return nil }

// model builds the terminal interface of one SSH session.
func (v *venue) model(sess serve.Session) tea.Model {
	m, err := tui.New(servedStore{v.st.As(sess.Identity)}, v.slug,
		tui.WithClock(v.clock.Now),
		tui.WithSize(sess.Width, sess.Height),
		tui.WithNoColor(noColorIn(sess.Environ)),
		tui.WithWriteGate(sess.AllowWrite),
		tui.WithChangeNotices(),
		tui.WithOpener(noBrowser),
	)
	if err != nil {
		return nil // the client is told something went wrong
	}
	v.mu.Lock()
	v.models[m] = struct{}{}
	v.open.Add(1)
	v.mu.Unlock()
	go func() {
		<-sess.Ctx.Done()
		m.Close()
		v.mu.Lock()
		delete(v.models, m)
		v.mu.Unlock()
		v.open.Done()
	}()
	return &servedModel{m: m}
}

// servedModel is the TUI as a server runs it. A program draws its model
// after every message, and a served one gets a StoreChangedMsg whenever
// others rate, hundreds of screens at a time: that message only starts a
// read of the store (the screen changes when the read comes back), so the
// frame drawn before it is still the frame, and is not drawn again.
type servedModel struct {
	m     tea.Model
	last  tea.View
	drawn bool // last is the frame of the model as it is
}

func (s *servedModel) Init() tea.Cmd { return s.m.Init() }

func (s *servedModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	s.m, cmd = s.m.Update(msg)
	if _, ok := msg.(tui.StoreChangedMsg); !ok {
		s.drawn = false
	}
	return s, cmd
}

func (s *servedModel) View() tea.View {
	if !s.drawn {
		s.last, s.drawn = s.m.View(), true
	}
	return s.last
}

// noBrowser is the opener of served screens: a browser would open on the
// server's machine, not in front of the person, so the page shows the
// address for them to open instead.
func noBrowser(string) error {
	return fmt.Errorf("%w on the server", links.ErrNoOpener)
}

// noColorIn reports whether a client's environment asks for no colours.
func noColorIn(env []string) bool {
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "NO_COLOR="); ok && v != "" {
			return true
		}
	}
	return false
}

// flush waits, within ctx, until every screen's changes are in the store.
func (v *venue) flush(ctx context.Context) error {
	done := make(chan struct{})
	go func() { v.open.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		v.mu.Lock()
		n := len(v.models)
		v.mu.Unlock()
		return fmt.Errorf("%d screens still saving: %w", n, ctx.Err())
	}
}

// command runs one allowed CLI command for identity on the held store, with
// the served conference as the default.
func (v *venue) command(ctx context.Context, identity string, args []string, stdout, stderr io.Writer) int {
	a := &app{stdin: strings.NewReader(""), st: v.st.As(identity), clk: v.clock, served: v.slug}
	return a.execute(ctx, args, stdout, stderr)
}
