package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/calendar"
	"github.com/lineup-tui/lineup/data/text"
	"github.com/spf13/cobra"
)

// target checks a session id before changing its personal record. An id
// that is no longer in the schedule but has personal data (an orphan) is
// accepted too, so it can be re-rated, starred or cleaned up, as in the TUI.
func (a *app) target(id string) (string, *data.Conference, error) {
	c, mine, err := a.loadSessions(id)
	if err != nil {
		return "", nil, err
	}
	if c.Session(id) != nil {
		return c.Slug, c, nil
	}
	if _, ok := mine[id]; ok {
		return c.Slug, c, nil
	}
	_, serr := a.session(c, id)
	return "", nil, serr
}

func (a *app) rateCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "rate ID 0-5",
		Short:   "Rate a session from 1 to 5 stars; 0 clears your rating",
		Example: "  lineup rate vlb19-gitops-101 5\n  lineup rate vlb19-gitops-101 0",
		Args:    args(2, 2, "rate needs a session id and a rating from 0 to 5"),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := strconv.Atoi(args[1])
			if err != nil || !data.ValidRating(r) {
				return usagef("rating %q: use 1 to %d stars, or 0 to clear", args[1], data.MaxRating)
			}
			slug, c, err := a.target(args[0])
			if err != nil {
				return err
			}
			if err := a.mark(slug, c, args[0], func(p *data.Personal) { p.Rating = r }); err != nil {
				return err
			}
			if r == 0 {
				fmt.Fprintf(a.stdout, "Cleared your rating of %s\n", describe(c, args[0]))
			} else {
				fmt.Fprintf(a.stdout, "Rated %s %s\n", describe(c, args[0]), data.Stars(float64(r)))
			}
			return nil
		},
	}
}

func (a *app) starCommand(on bool) *cobra.Command {
	use, short, done := "star ID", "Star a session: add it to your agenda", "Starred"
	if !on {
		use, short, done = "unstar ID", "Take a session off your agenda", "Unstarred"
	}
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  args(1, 1, strings.Fields(use)[0]+" needs one session id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			slug, c, err := a.target(args[0])
			if err != nil {
				return err
			}
			if err := a.mark(slug, c, args[0], func(p *data.Personal) { p.Starred = on }); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "%s %s\n", done, describe(c, args[0]))
			return nil
		},
	}
}

func (a *app) noteCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "note ID TEXT",
		Short:   "Keep a note on a session (at most 64 KiB); an empty TEXT clears it",
		Example: "  lineup note vlb19-k8s-very-hard-way 'ask about etcd backups'\n  lineup note vlb19-k8s-very-hard-way ''",
		Args:    args(2, 2, "note needs a session id and the text (quote it; '' clears the note)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			note := strings.TrimSpace(args[1])
			if err := data.CheckNote(note); err != nil {
				return err
			}
			slug, c, err := a.target(args[0])
			if err != nil {
				return err
			}
			if err := a.mark(slug, c, args[0], func(p *data.Personal) { p.Note = note }); err != nil {
				return err
			}
			if note == "" {
				fmt.Fprintf(a.stdout, "Cleared your note on %s\n", describe(c, args[0]))
			} else {
				fmt.Fprintf(a.stdout, "Noted on %s\n", describe(c, args[0]))
			}
			return nil
		},
	}
}

// mark changes the person's record of a session, remembering its title.
func (a *app) mark(slug string, c *data.Conference, id string, fn func(*data.Personal)) error {
	title := ""
	if s := c.Session(id); s != nil {
		title = s.Title
	}
	_, err := a.st.UpdatePersonal(slug, id, func(p *data.Personal) {
		fn(p)
		if title != "" {
			p.Title = title
		}
	})
	return err
}

// describe names a session for a confirmation: "“Title” (id)".
func describe(c *data.Conference, id string) string {
	if s := c.Session(id); s != nil {
		return "“" + text.OneLine(s.Title) + "” (" + id + ")"
	}
	return id + " (no longer in the schedule)"
}

type agendaItemJSON struct {
	sessionJSON
	Clashes           []string `json:"clashes"`
	FreeBeforeMinutes int      `json:"free_before_minutes"`
}

type agendaDayJSON struct {
	Date          string           `json:"date"`
	BookedMinutes int              `json:"booked_minutes"`
	Items         []agendaItemJSON `json:"items"`
}

type agendaJSON struct {
	Conference  string           `json:"conference"`
	Days        []agendaDayJSON  `json:"days"`
	Unscheduled []agendaItemJSON `json:"unscheduled"`
	Orphans     []string         `json:"orphans"`
}

func (a *app) agendaCommand() *cobra.Command {
	var jsonOut, ics bool
	var outFile, alarm string
	cmd := &cobra.Command{
		Use:   "agenda",
		Short: "Your starred sessions by day, with clashes and free time",
		Example: "  lineup agenda\n  lineup agenda --ics -o velocity.ics\n" +
			"  lineup agenda --json | jq '.days[].items[] | select(.clashes | length > 0) | .title'",
		Args: args(0, 0, "agenda takes no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if jsonOut && ics {
				return usagef("--json and --ics cannot be used together")
			}
			if outFile != "" && !ics {
				return usagef("-o writes the calendar of --ics; add --ics")
			}
			lead := time.Duration(-1)
			if cmd.Flags().Changed("alarm") {
				if !ics {
					return usagef("--alarm goes with --ics; add --ics")
				}
				d, err := calendar.ParseAlarm(alarm)
				if err != nil {
					return usagef("--%v", err)
				}
				lead = d
			}
			c, mine, err := a.loadRecorded()
			if err != nil {
				return err
			}
			ag := data.BuildAgenda(c, mine)
			switch {
			case ics:
				return a.writeICS(c, ag, mine, outFile, lead)
			case jsonOut:
				return writeJSON(a.stdout, toAgendaJSON(c, ag))
			}
			writeAgenda(a.stdout, c, ag, mine)
			return nil
		},
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print JSON")
	cmd.Flags().BoolVar(&ics, "ics", false, "write an iCalendar file of the starred sessions (to stdout, or -o FILE)")
	cmd.Flags().StringVarP(&outFile, "output", "o", "", "file to write the calendar to")
	cmd.Flags().StringVar(&alarm, "alarm", "", "with --ics: a reminder this long before each session (10m, 1h, 0 at the start)")
	return cmd
}

// writeICS writes the agenda's calendar, with the calendar rules that keep
// it right across versions of the schedule (calendarEvents); lead, when not
// negative, adds a VALARM that long before each event.
func (a *app) writeICS(c *data.Conference, ag data.Agenda, mine map[string]data.Personal, outFile string, lead time.Duration) error {
	events, err := a.calendarEvents(c, ag, mine)
	if err != nil {
		return err
	}
	var alarm func(*data.Session) []string
	if lead >= 0 {
		alarm = func(s *data.Session) []string { return calendar.AlarmLines(lead, s.Title) }
	}
	write := func(w io.Writer) error { return calendar.WriteEvents(w, c, events, mine, alarm) }
	if outFile == "" || outFile == "-" {
		return write(a.stdout)
	}
	f, err := os.Create(outFile)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", outFile, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", outFile, err)
	}
	fmt.Fprintf(a.stderr, "wrote %d sessions to %s\n", len(events), outFile)
	return nil
}

func toAgendaItem(c *data.Conference, it data.AgendaItem) agendaItemJSON {
	return agendaItemJSON{
		sessionJSON:       toSessionJSON(c, it.Session, it.Personal),
		Clashes:           orEmpty(it.Clashes),
		FreeBeforeMinutes: int(it.FreeBefore / time.Minute),
	}
}

func toAgendaJSON(c *data.Conference, ag data.Agenda) agendaJSON {
	out := agendaJSON{Conference: c.Slug, Days: []agendaDayJSON{}, Unscheduled: []agendaItemJSON{}, Orphans: orEmpty(ag.Orphans)}
	for _, d := range ag.Days {
		day := agendaDayJSON{Date: d.Date, BookedMinutes: int(d.Booked / time.Minute), Items: []agendaItemJSON{}}
		for _, it := range d.Items {
			day.Items = append(day.Items, toAgendaItem(c, it))
		}
		out.Days = append(out.Days, day)
	}
	for _, it := range ag.Unscheduled {
		out.Unscheduled = append(out.Unscheduled, toAgendaItem(c, it))
	}
	return out
}

func writeAgenda(w io.Writer, c *data.Conference, ag data.Agenda, mine map[string]data.Personal) {
	if len(ag.Days) == 0 && len(ag.Unscheduled) == 0 && len(ag.Orphans) == 0 {
		fmt.Fprintf(w, "Nothing starred in %s yet: star sessions with `lineup star ID` or in the terminal interface.\n", c.Name)
	}
	titles := map[string]string{}
	for _, d := range ag.Days {
		for _, it := range d.Items {
			titles[it.Session.ID] = it.Session.Title
		}
	}
	total := width(w)
	for i, d := range ag.Days {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s — %s booked\n", text.OneLine(data.DayTitle(d.Date)), data.Minutes(d.Booked))
		var rows [][]string
		for j, it := range d.Items {
			s := it.Session
			if j > 0 && it.FreeBefore > 0 {
				rows = append(rows, []string{"", "", "· " + data.Minutes(it.FreeBefore) + " free", ""})
			}
			rows = append(rows, []string{"  " + data.TimeRange(s), s.Room, s.Title, ratingShort(s, it.Personal)})
			for _, id := range it.Clashes {
				t := titles[id]
				if t == "" {
					t = id
				}
				rows = append(rows, []string{"", "", "⚠ clashes with " + t, ""})
			}
		}
		table(w, rows, []int{0, 24, 0, 0}, 2, total)
	}
	if len(ag.Unscheduled) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Starred, time not announced")
		rows := make([][]string, len(ag.Unscheduled))
		for i, it := range ag.Unscheduled {
			rows[i] = []string{"  " + data.DayShort(it.Session.Date), it.Session.Room, it.Session.Title}
		}
		table(w, rows, []int{0, 24, 0}, 2, total)
	}
	if len(ag.Orphans) > 0 {
		fmt.Fprintln(w)
		noun := "sessions"
		if len(ag.Orphans) == 1 {
			noun = "session"
		}
		fmt.Fprintf(w, "Your data on %d %s no longer in the schedule is kept:\n", len(ag.Orphans), noun)
		for _, id := range ag.Orphans {
			if t := mine[id].Title; t != "" {
				fmt.Fprintf(w, "  %s (%s)\n", t, id)
			} else {
				fmt.Fprintf(w, "  %s\n", id)
			}
		}
	}
}
