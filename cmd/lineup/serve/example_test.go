package serve_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/lineup-tui/lineup/cmd/lineup/serve"
)

// hello stands in for lineup's TUI model.
type hello struct{ who string }

func (h hello) Init() tea.Cmd                       { return nil }
func (h hello) Update(tea.Msg) (tea.Model, tea.Cmd) { return h, nil }
func (h hello) View() tea.View                      { return tea.NewView("hello " + h.who) }

// This is how `lineup serve` wires the server: the host key in lineup's data
// folder, the TUI built per identity, the CLI run per identity, the store's
// writer flushed at the end, and SIGINT/SIGTERM as the stop.
func Example() {
	run := func(dataDir string) error {
		hk, err := serve.LoadOrCreateHostKey(filepath.Join(dataDir, "ssh_host_ed25519"))
		if err != nil {
			return err
		}
		srv, err := serve.New(serve.Config{
			Addr:    ":2222",
			HostKey: hk,
			NewModel: func(sess serve.Session) tea.Model {
				// lineup: the TUI on the shared store, with sess.Identity's
				// personal layer, sess.Width×sess.Height, and
				// sess.AllowWrite() before each write.
				return hello{who: sess.Identity}
			},
			RunCommand: func(ctx context.Context, identity string, args []string, stdout, stderr io.Writer) int {
				// lineup: the root cobra command with the store already
				// open, the personal layer of identity, SetArgs(args),
				// SetOut(stdout), SetErr(stderr); its exit status.
				fmt.Fprintln(stdout, identity, args)
				return 0
			},
			Flush:       func(ctx context.Context) error { return nil }, // lineup: the store writer's flush
			MaxSessions: 200,
			IdleTimeout: 15 * time.Minute,
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "lineup serve: listening on :2222\nhost key fingerprint: %s\n", srv.Fingerprint())
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		return srv.ListenAndServe(ctx)
	}
	_ = run
}
