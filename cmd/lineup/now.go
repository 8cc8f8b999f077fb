package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/text"
	"github.com/spf13/cobra"
)

// `lineup now` and `lineup next`: what runs now and next, and one line for
// a status bar. Both read the store in one short transaction each and hold
// nothing while they print.

// localZone is the viewer's zone: $TZ when it names one (read at each run,
// so a test or a wrapper can set it), else the system's.
func localZone() *time.Location {
	if v, ok := os.LookupEnv("TZ"); ok && v != "" {
		if loc, err := time.LoadLocation(strings.TrimPrefix(v, ":")); err == nil {
			return loc
		}
	}
	return time.Local
}

// roomNowJSON is one room of `lineup now --json`.
type roomNowJSON struct {
	Room          string       `json:"room"`
	Mine          bool         `json:"mine"`
	Running       *sessionJSON `json:"running"`
	Progress      float64      `json:"progress"`
	MinutesLeft   *int         `json:"minutes_left"`
	Next          *sessionJSON `json:"next"`
	NextInMinutes *int         `json:"next_in_minutes"`
}

// nowJSON is `lineup now --json`.
type nowJSON struct {
	Conference string        `json:"conference"`
	At         string        `json:"at"`
	State      string        `json:"state"`
	Day        string        `json:"day"`
	Zone       string        `json:"zone"`
	Headline   string        `json:"headline"`
	ForYou     *sessionJSON  `json:"next_for_you"`
	Rooms      []roomNowJSON `json:"rooms"`
}

// minutes rounds d up to whole minutes, as the words for it do.
func minutes(d time.Duration) *int {
	m := int((d + time.Minute - 1) / time.Minute)
	return &m
}

func (a *app) nowCommand() *cobra.Command {
	var jsonOut bool
	var rooms []string
	cmd := &cobra.Command{
		Use:   "now",
		Short: "What runs now and next in each room",
		Long: "List, room by room, the session running now (with the time left) and the next one.\n" +
			"Rooms with a session you starred or rated come first. Before the conference it counts\n" +
			"down to the first session; after it, it says the conference is over.",
		Example: "  lineup now\n  lineup now --room 'Hall A1' --json\n  lineup now --now 2019-11-06T14:30:00+01:00",
		Args:    args(0, 0, "now takes no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, mine, err := a.load()
			if err != nil {
				return err
			}
			disp, at := a.display(c), a.now()
			nn := data.NowAndNext(c, nil, mine, at, disp)
			if len(rooms) > 0 {
				kept, err := pickRooms(c, nn.Rooms, rooms)
				if err != nil {
					return err
				}
				nn.Rooms = kept
			}
			if jsonOut {
				return writeJSON(a.stdout, toNowJSON(c, nn, mine, disp))
			}
			writeNow(a.stdout, nn, disp)
			return nil
		},
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print JSON")
	cmd.Flags().StringArrayVar(&rooms, "room", nil, "only this room (case and accents do not matter); repeat for several")
	return cmd
}

// pickRooms keeps the rooms named by want (folded, whole name, else a
// part of it). A name that is no room of the conference is an error.
func pickRooms(c *data.Conference, rooms []data.RoomNow, want []string) ([]data.RoomNow, error) {
	known := map[string]bool{}
	for i := range c.Sessions {
		known[c.Sessions[i].Room] = true
	}
	match := func(room, w string) bool {
		r, f := text.Fold(room), text.Fold(w)
		return r == f || (f != "" && strings.Contains(r, f))
	}
	for _, w := range want {
		found := false
		for r := range known {
			if match(r, w) {
				found = true
				break
			}
		}
		if !found {
			return nil, usagef("--room: no room %q in %s", w, c.Slug)
		}
	}
	var out []data.RoomNow
	for _, r := range rooms {
		for _, w := range want {
			if match(r.Room, w) {
				out = append(out, r)
				break
			}
		}
	}
	return out, nil
}

func toNowJSON(c *data.Conference, nn data.NowNext, mine map[string]data.Personal, disp data.Display) nowJSON {
	out := nowJSON{
		Conference: c.Slug, At: nn.At.Format(time.RFC3339), State: nn.State.String(), Day: nn.Day,
		Zone: disp.Name(), Headline: nn.Headline(disp), Rooms: []roomNowJSON{},
	}
	one := func(s *data.Session) *sessionJSON {
		if s == nil {
			return nil
		}
		j := toSessionJSON(c, s, mine[s.ID])
		return &j
	}
	out.ForYou = one(nn.ForYou)
	for _, r := range nn.Rooms {
		j := roomNowJSON{Room: r.Room, Mine: r.Mine, Running: one(r.Running), Next: one(r.Next)}
		if r.Running != nil {
			j.Progress = round2(r.Progress)
			j.MinutesLeft = minutes(r.Left)
		}
		if r.Next != nil {
			j.NextInMinutes = minutes(r.NextIn)
		}
		out.Rooms = append(out.Rooms, j)
	}
	return out
}

// writeNow prints the Now screen as text: the headline or the day, the
// next starred session, then two lines a room.
func writeNow(w io.Writer, nn data.NowNext, disp data.Display) {
	head := nn.Headline(disp)
	if head == "" {
		head = data.DayTitle(nn.Day) + " · " + disp.Clock(nn.At)
	}
	if l := disp.Label(); l != "" {
		head += " · " + l
	}
	fmt.Fprintln(w, head)
	if f := nn.ForYouText(disp); f != "" {
		fmt.Fprintln(w, f)
	}
	if len(nn.Rooms) == 0 {
		return
	}
	fmt.Fprintln(w)
	var rows [][]string
	for _, r := range nn.Rooms {
		room := r.Room
		if room == "" {
			room = "(no room)"
		}
		if r.Mine {
			room = "★ " + room
		}
		if s := r.Running; s != nil {
			rows = append(rows, []string{room, "now", disp.TimeRange(s), s.Title, data.LeftText(r.Left)})
			room = ""
		}
		if s := r.Next; s != nil {
			when := disp.TimeRange(s)
			if d := disp.Day(s); d != nn.Day {
				when = data.DayShort(d) + " " + when
			}
			rows = append(rows, []string{room, "next", when, s.Title, data.InText(r.NextIn)})
		}
	}
	table(w, rows, []int{24, 0, 0, 0, 0}, 3, width(w))
}

func (a *app) nextCommand() *cobra.Command {
	var within time.Duration
	cmd := &cobra.Command{
		Use:   "next",
		Short: "One line: your next starred session, else the next session anywhere",
		Long: "Print one line for a status bar or a shell prompt: your next starred session that has\n" +
			"not started, else the next session anywhere. Exit status 1, and no output, when nothing\n" +
			"is still to start. With --within, exit 0 (and print the line) only when it starts within\n" +
			"that time, else exit 1 silently.",
		Example: "  lineup next\n  lineup next --within 5m && notify-send \"$(lineup next)\"\n" +
			"  set -g status-right '#(lineup next)'   # tmux",
		Args: args(0, 0, "next takes no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if within < 0 {
				return usagef("--within %v is negative", within)
			}
			c, mine, err := a.load()
			if err != nil {
				return err
			}
			at := a.now()
			n, ok := data.NextStart(c.Sessions, mine, at)
			if !ok || (cmd.Flags().Changed("within") && !n.Within(within)) {
				return errQuiet
			}
			fmt.Fprintln(a.stdout, data.UpNextText(n.Session, at, a.display(c)))
			return nil
		},
	}
	cmd.Flags().DurationVar(&within, "within", 0, "exit 0 only when the session starts within this time (5m, 1h30m)")
	return cmd
}
