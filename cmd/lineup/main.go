// Command lineup browses conference schedules in the terminal. Without a
// subcommand it opens the terminal interface; the subcommands script the same
// store: list and show sessions, rate and star them, export an agenda, import
// schedules.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"charm.land/fang/v2"
	"github.com/charmbracelet/x/term"
	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/clock"
	"github.com/lineup-tui/lineup/data/text"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/tui/theme"
	"github.com/spf13/cobra"
)

func main() {
	tuneGC()
	// Go's HTTP client logs some server misbehaviour itself; that goes
	// through the same cleaning as every other line on stderr.
	logw := text.NewWriter(os.Stderr)
	log.SetOutput(logw)
	code := run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	logw.Flush()
	os.Exit(code)
}

// tuneGC trades memory for speed: lineup's heap is mostly the schedule it
// loads at start and keeps, so collecting at every doubling is wasted work
// (a 10k-session search runs about a fifth faster). A soft limit keeps big
// schedules in check. GOGC and GOMEMLIMIT in the environment win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1 << 30)
	}
}

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// errQuiet ends a run with exit code 1 and nothing on stderr: `lineup
// next` when nothing is to come, or not within --within.
var errQuiet = errors.New("")

// usageError is a mistake in how lineup was called: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// app is what every command shares: the streams and the global flags.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	dbPath         string
	confSlug       string
	debug          bool
	refreshEvery   time.Duration // --refresh-every: the TUI's periodic refresh
	nowFlag        string        // --now: pins the clock
	local          bool          // --local: times in the local zone
	remind         time.Duration // --remind: the reminder banner's lead
	notify         bool          // --notify: reminders as terminal notifications too
	clk            clock.Clock
	theme          string // --theme
	st             *store.Store
	// served is the conference a server serves, the default of the
	// commands its clients run ("" when not serving).
	served string
	// warning is printed after a command that succeeded; a failure's one
	// line says enough.
	warning string
	// fullLoad makes `sessions --json` decode the whole conference instead
	// of streaming it: the reference the stream is tested against.
	fullLoad bool
}

// clock is the one clock of this run: --now, else $LINEUP_NOW, else the
// system's. A bad value is a usage error.
func (a *app) clock() (clock.Clock, error) {
	if a.clk != nil {
		return a.clk, nil
	}
	c, err := clock.FromEnv(a.nowFlag)
	if err != nil {
		return nil, usagef("%v", err)
	}
	a.clk = c
	return c, nil
}

// now is the current instant by the run's clock.
func (a *app) now() time.Time {
	c, err := a.clock()
	if err != nil {
		return clock.System().Now() // open or the flag check reported it already
	}
	return c.Now()
}

// display is the zone times are shown in: the conference's, or the local
// one with --local.
func (a *app) display(c *data.Conference) data.Display {
	return data.NewDisplay(c, a.local, localZone())
}

// open opens the store once per run.
func (a *app) open() (*store.Store, error) {
	if a.st != nil {
		return a.st, nil
	}
	clk, err := a.clock()
	if err != nil {
		return nil, err
	}
	st, err := store.Open(a.dbPath, store.WithClock(clk))
	if err != nil {
		return nil, err
	}
	a.st = st
	return st, nil
}

// slug is the conference to work on: --conf, else the current one.
func (a *app) slug() (string, error) {
	st, err := a.open()
	if err != nil {
		return "", err
	}
	if a.confSlug != "" {
		return a.confSlug, nil
	}
	if a.served != "" {
		return a.served, nil
	}
	return st.Current()
}

// load reads the conference and the person's data for it.
func (a *app) load() (*data.Conference, map[string]data.Personal, error) {
	slug, err := a.slug()
	if err != nil {
		return nil, nil, err
	}
	c, err := a.st.Conference(slug)
	if err != nil {
		return nil, nil, err
	}
	mine, err := a.st.Personal(slug)
	if err := a.tolerate(mine, err); err != nil {
		return nil, nil, err
	}
	return a.shown(slug, c, mine)
}

// shown gives c everyone else's ratings and puts it in the display zone.
// With damaged records of one's own, others cannot be told apart, so only
// the published figures are shown.
func (a *app) shown(slug string, c *data.Conference, mine map[string]data.Personal) (*data.Conference, map[string]data.Personal, error) {
	others, err := a.st.Others(slug)
	if err != nil && !errors.Is(err, store.ErrDamaged) {
		return nil, nil, err
	}
	data.SetOthers(c, others)
	return a.display(c).Show(c), mine, nil
}

// loadRecorded is load for the agenda: of the sessions, only those with a
// personal record (and their speakers) are decoded (store.Recorded).
func (a *app) loadRecorded() (*data.Conference, map[string]data.Personal, error) {
	slug, err := a.slug()
	if err != nil {
		return nil, nil, err
	}
	c, mine, err := a.st.Recorded(slug)
	if err := a.tolerate(mine, err); err != nil || c == nil {
		return nil, nil, err
	}
	return a.display(c).Show(c), mine, nil
}

// tolerate passes on an error reading the person's data, except that one
// unreadable record does not hide the rest: it says so, and goes on with
// what could be read (the store then refuses every write).
func (a *app) tolerate(mine map[string]data.Personal, err error) error {
	if err == nil {
		return nil
	}
	if mine == nil || !errors.Is(err, store.ErrDamaged) {
		return err
	}
	a.warning = "lineup: warning: " + oneLine(err.Error())
	return nil
}

// oneLine is a message on one line.
func oneLine(msg string) string {
	return strings.Join(strings.Fields(msg), " ")
}

// isTerminal reports whether f is a terminal.
func isTerminal(f any) bool {
	if f, ok := f.(interface{ Fd() uintptr }); ok {
		return term.IsTerminal(f.Fd())
	}
	return false
}

// run executes lineup with args and returns the exit code.
//
// Output is a trust boundary: every line a command prints, and every error,
// goes through a text.Writer, so no escape sequence, C1 control or bidi
// override in a schedule, a note, a store or a server's answer reaches the
// terminal, whatever a reader forgot to clean. Only cobra's own output
// (help, version, shell completion: lineup's text, styled by fang, with
// nothing from outside in it) and the man page are written to stdout directly.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin}
	return a.execute(ctx, args, stdout, stderr)
}

// execute runs one command line with a's store and settings (run's, or a
// server's for one client) and returns the exit code.
func (a *app) execute(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	stdin := a.stdin
	out, errw := text.NewWriter(stdout), text.NewWriter(stderr)
	defer errw.Flush()
	defer out.Flush()
	a.stdout, a.stderr = out, errw
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(errw)
	err := fang.Execute(ctx, root,
		fang.WithVersion(version()),
		fang.WithoutManpage(),
		fang.WithErrorHandler(printError),
	)
	if err == nil && a.warning != "" {
		fmt.Fprintln(errw, a.warning)
	}
	return exitCode(err)
}

// printError writes an error as one line, "lineup: …". fang's default
// handler draws a styled block of several lines on a terminal; scripts and
// people both read one line more easily, and the exit code says the rest.
func printError(w io.Writer, _ fang.Styles, err error) {
	if errors.Is(err, errQuiet) {
		return
	}
	msg := oneLine(err.Error())
	if exitCode(err) == exitUsage && !strings.Contains(msg, "--help") {
		msg += "; see `lineup --help`"
	}
	fmt.Fprintln(w, "lineup: "+msg)
}

// exitCode maps an error to lineup's exit codes.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ue *usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		return exitUsage
	}
	return exitFailure
}

// isCobraUsage recognises the usage errors cobra itself returns, which
// have no type of their own.
func isCobraUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "accepts ", "requires at least", "requires at most", "bad flag syntax", "if any flags in the group"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// buildVersion is set by release builds (-ldflags "-X main.buildVersion=…").
var buildVersion string

func version() string {
	if buildVersion != "" {
		return buildVersion
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// args checks the number of positional arguments, with a usage message.
func args(min, max int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < min || len(args) > max {
			return usagef("%s; see `%s --help`", what, cmd.CommandPath())
		}
		return nil
	}
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "lineup",
		Short: "Browse conference schedules in the terminal",
		Long: "lineup browses conference schedules: sessions, speakers, your ratings, stars and notes,\n" +
			"and an agenda of what you starred. Without a subcommand it opens the terminal interface.",
		Example: "  lineup\n  lineup sessions --day wed --room 'Hall A1'\n  lineup speaker müller\n" +
			"  lineup rate vlb19-gitops-101 5\n  lineup import https://fosdem.org/2026/schedule/xml",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("unknown command %q; see `lineup --help`", args[0])
			}
			return nil
		},
		RunE: a.runRoot,
	}
	root.PersistentFlags().StringVar(&a.dbPath, "db", "", "store file (default $LINEUP_DB, else $XDG_DATA_HOME/lineup/lineup.db)")
	root.PersistentFlags().StringVar(&a.confSlug, "conf", "", "conference slug (default: the current conference)")
	root.PersistentFlags().StringVar(&a.nowFlag, "now", "", "pretend it is this RFC 3339 instant (default $LINEUP_NOW, else the system clock)")
	root.PersistentFlags().BoolVar(&a.local, "local", false, "show times in the local time zone instead of the conference's")
	root.Flags().DurationVar(&a.remind, "remind", data.DefaultReminderLead, "show a banner this long before a starred session starts; 0 turns reminders off")
	root.Flags().BoolVar(&a.notify, "notify", false, "also send reminders as terminal notifications (OSC 9/777 where known, else the bell)")
	root.Flags().BoolVar(&a.debug, "debug", false, "log what the terminal interface does to $XDG_STATE_HOME/lineup/debug.log")
	root.Flags().DurationVar(&a.refreshEvery, "refresh-every", 15*time.Minute, "refresh a conference imported from a URL on start and this often while it is open (0: only on r)")
	root.Flags().StringVar(&a.theme, "theme", "", "colours for a light or dark terminal: light, dark or auto (remembered; default: the last one chosen, else auto)")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usagef("%v; see `%s --help`", err, cmd.CommandPath())
	})
	root.AddGroup(
		&cobra.Group{ID: "browse", Title: "Browse"},
		&cobra.Group{ID: "mine", Title: "Your ratings, stars and notes"},
		&cobra.Group{ID: "store", Title: "Conferences"},
	)
	for _, c := range []*cobra.Command{a.sessionsCommand(), a.nowCommand(), a.nextCommand(), a.showCommand(), a.openCommand(), a.speakersCommand(), a.speakerCommand()} {
		c.GroupID = "browse"
		root.AddCommand(c)
	}
	for _, c := range []*cobra.Command{a.rateCommand(), a.starCommand(true), a.starCommand(false), a.noteCommand(), a.agendaCommand(), a.mineCommand()} {
		c.GroupID = "mine"
		root.AddCommand(c)
	}
	for _, c := range []*cobra.Command{a.importCommand(), a.refreshCommand(), a.changesCommand(), a.conferencesCommand(), a.removeCommand(), a.doctorCommand(), a.serveCommand()} {
		c.GroupID = "store"
		root.AddCommand(c)
	}
	root.AddCommand(a.manCommand())
	return root
}

// runRoot opens the terminal interface.
func (a *app) runRoot(cmd *cobra.Command, _ []string) error {
	if _, err := theme.ParseChoice(a.theme); err != nil {
		return usagef("--theme: %v", err)
	}
	if !isTerminal(a.stdout) {
		return usagef("stdout is not a terminal; use a subcommand such as `lineup sessions`; see `lineup --help`")
	}
	st, err := a.open()
	if err != nil {
		return err
	}
	slug, err := a.slug()
	if err != nil {
		return err
	}
	if a.confSlug != "" {
		if err := st.SetCurrent(slug); err != nil {
			return err
		}
	}
	if a.remind < 0 {
		return usagef("--remind %v is negative; 0 turns reminders off", a.remind)
	}
	return runTUI(st, slug, a.debug, tuiOptions{clock: a.clk, refreshEvery: a.refreshEvery, theme: a.theme, local: a.local, remind: a.remind, notify: a.notify})
}
