package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/search"
	"github.com/lineup-tui/lineup/data/text"
	"github.com/lineup-tui/lineup/store"
	"github.com/mattn/go-runewidth"
	"github.com/spf13/cobra"
)

// queryFlags are the filters of `lineup sessions`, the same ones the TUI offers.
type queryFlags struct {
	search    string
	days      []string
	rooms     []string
	tracks    []string
	types     []string
	levels    []string
	speakers  []string
	starred   bool
	minRating float64
	sort      string
	upcoming  bool
	running   bool
}

func (f *queryFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVarP(&f.search, "search", "s", "", "search text: every word must match (title, speakers, abstract, your note…); "+
		"also a | b, !not, 'exact, ^start, end$ and speaker: title: track: room: type: day:")
	fl.StringArrayVar(&f.days, "day", nil, "day: a date, a weekday (wed), a day number (1) or a day label; repeat for several")
	fl.StringArrayVar(&f.rooms, "room", nil, "room; repeat for several")
	fl.StringArrayVar(&f.tracks, "track", nil, "track; repeat for several")
	fl.StringArrayVar(&f.types, "type", nil, "session type (talk, tutorial, keynote…); repeat for several")
	fl.StringArrayVar(&f.levels, "level", nil, "level; repeat for several")
	fl.StringArrayVar(&f.speakers, "speaker", nil, "speaker name or part of it; repeat for several")
	fl.BoolVar(&f.starred, "starred", false, "only sessions you starred")
	fl.Float64Var(&f.minRating, "min-rating", 0, "only sessions rated at least N (1–5)")
	fl.BoolVar(&f.upcoming, "upcoming", false, "only sessions that have not ended (and those with no published time)")
	fl.BoolVar(&f.running, "running", false, "only sessions running now")
	fl.StringVar(&f.sort, "sort", "", "order: time, rating, title or relevance (default: relevance when searching, else time)")
}

// query turns the flags into the data.Query the TUI also uses.
func (f *queryFlags) query(c *data.Conference) (data.Query, error) {
	q := data.Query{
		Text: f.search, Rooms: f.rooms, Tracks: f.tracks, Types: f.types, Levels: f.levels,
		Speakers: f.speakers, Starred: f.starred, MinRating: f.minRating,
	}
	for _, d := range f.days {
		date, err := c.ResolveDay(d)
		if err != nil {
			return q, usagef("--day: %v", err)
		}
		q.Days = append(q.Days, date)
	}
	if !data.ValidMinRating(f.minRating) {
		return q, usagef("--min-rating %v is out of range: use 1 to %d", f.minRating, data.MaxRating)
	}
	s, err := data.ParseSort(f.sort)
	if err != nil {
		return q, usagef("--sort: %v", err)
	}
	q.Sort = s
	return q, nil
}

// byTime keeps the hits --upcoming and --running ask for at now.
func (f *queryFlags) byTime(hits []search.Hit, now time.Time) []search.Hit {
	if !f.upcoming && !f.running {
		return hits
	}
	out := hits[:0]
	for _, h := range hits {
		if (f.upcoming && !data.Upcoming(h.Session, now)) || (f.running && !data.Running(h.Session, now)) {
			continue
		}
		out = append(out, h)
	}
	return out
}

func (a *app) sessionsCommand() *cobra.Command {
	var jsonOut bool
	var qf queryFlags
	cmd := &cobra.Command{
		Use:   "sessions",
		Short: "List the sessions of the conference",
		Long: "List the sessions of the conference, filtered like the terminal interface filters them.\n" +
			"Several values of one filter mean OR; different filters combine with AND.",
		Example: "  lineup sessions --day wed --type tutorial\n  lineup sessions --search kubernetes --sort rating\n" +
			"  lineup sessions --search 'track:rust !embedded day:sun'\n" +
			"  lineup sessions --json | jq '.[] | select(.starred)'",
		Args: args(0, 0, "sessions takes no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if jsonOut && !a.fullLoad {
				if done, err := a.streamSessionsJSON(&qf); done {
					return err
				}
			} else if !jsonOut {
				if done, err := a.listFromSnapshot(&qf); done {
					return err
				}
			}
			c, mine, err := a.load()
			if err != nil {
				return err
			}
			q, err := qf.query(c)
			if err != nil {
				return err
			}
			hits := qf.byTime(search.NewOneShot(c).Run(q, mine), a.now())
			if jsonOut {
				out := make([]sessionJSON, len(hits))
				for i, h := range hits {
					out[i] = toSessionJSON(c, h.Session, mine[h.Session.ID])
				}
				return writeJSON(a.stdout, out)
			}
			a.sessionLines(a.stdout, hits, mine, func(s *data.Session) (string, string, string, string) {
				return data.DayShort(s.Date), data.TimeRange(s), c.SpeakerNames(s), s.Room
			})
			return nil
		},
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print JSON")
	qf.register(cmd)
	return cmd
}

// listFromSnapshot prints the session lines from the conference's search
// snapshot, which is read in place: no session is decoded. done is false
// when the snapshot cannot answer (there is none, a search word needs the
// text of abstracts, or --local asks for times in another zone than its
// cells have): the caller then loads the whole conference.
func (a *app) listFromSnapshot(qf *queryFlags) (done bool, err error) {
	// A list is made once and the process ends: what it allocates is not
	// worth collecting (a tenth of the time at 100k sessions, no more
	// memory at the peak). The memory limit (tuneGC) still collects should
	// it ever come near.
	st, err := a.storeForSnapshot(-1)
	if st == nil || err != nil {
		return err != nil, err
	}
	var out bytes.Buffer
	err = st.Read(a.defaultSlug(), func(r *store.Reader) error {
		if r.MineErr != nil {
			// The full load says which records are unreadable.
			return nil
		}
		sn := r.Snapshot()
		if sn == nil {
			return nil
		}
		q, err := qf.query(sn.Conference())
		if err != nil || !sn.Covers(q) {
			done = err != nil
			return err
		}
		done = true
		a.sessionLines(&out, qf.byTime(sn.Index().Run(q, r.Mine), a.now()), r.Mine, sn.Cells)
		return nil
	})
	if err != nil {
		return true, err
	}
	// Written once the store is closed: a slow reader holds no lock. In
	// pieces, so the output boundary cleans a piece at a time rather than
	// holding a second copy of it all.
	for b := out.Bytes(); len(b) > 0 && err == nil; b = b[min(len(b), 64<<10):] {
		_, err = a.stdout.Write(b[:min(len(b), 64<<10)])
	}
	return done, err
}

// sessionLines prints one line a hit: day, time, title (starred ones
// marked), speakers, room and rating; cells gives a session's day, time,
// speakers and room.
func (a *app) sessionLines(w io.Writer, hits []search.Hit, mine map[string]data.Personal, cells func(*data.Session) (day, when, speakers, room string)) {
	if len(hits) == 0 {
		fmt.Fprintln(a.stderr, "no sessions match")
		return
	}
	rows := make([][]string, len(hits))
	all := make([]string, 6*len(hits)) // one array for every row's cells
	var stars starCache
	for i, h := range hits {
		s := h.Session
		p := mine[s.ID]
		title := s.Title
		if p.Starred {
			title = "★ " + title
		}
		day, when, speakers, room := cells(s)
		row := all[6*i : 6*i+6 : 6*i+6]
		row[0], row[1], row[2], row[3], row[4], row[5] = day, when, title, speakers, room, stars.ratingShort(s, p)
		rows[i] = row
	}
	table(w, rows, []int{0, 0, 0, 26, 18, 0}, 2, width(a.stdout))
}

// session finds a session by id, with a message naming the conference.
func (a *app) session(c *data.Conference, id string) (*data.Session, error) {
	if s := c.Session(id); s != nil {
		return s, nil
	}
	return nil, fmt.Errorf("no session %q in %s (%s); see `lineup sessions`", id, c.Slug, c.Name)
}

func (a *app) showCommand() *cobra.Command {
	var jsonOut bool
	cmd := &cobra.Command{
		Use:     "show ID",
		Short:   "Show one session with every detail",
		Example: "  lineup show vlb19-k8s-very-hard-way",
		Args:    args(1, 1, "show needs one session id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, mine, err := a.loadSessions(args[0])
			if err != nil {
				return err
			}
			s, err := a.session(c, args[0])
			if err != nil {
				return err
			}
			p := mine[s.ID]
			if jsonOut {
				return writeJSON(a.stdout, toDetailJSON(c, s, p))
			}
			writeSession(a.stdout, c, s, p)
			return nil
		},
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print JSON")
	return cmd
}

// writeSession prints a session the way its page in the TUI reads, with
// paragraphs wrapped to the terminal (at most 100 columns).
func writeSession(w io.Writer, c *data.Conference, s *data.Session, p data.Personal) {
	textWidth := min(width(w), 100) - 4
	var b strings.Builder
	line := func(label, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%-10s %s\n", label+":", text.OneLine(v))
		}
	}
	para := func(title, text string) {
		if strings.TrimSpace(text) != "" {
			fmt.Fprintf(&b, "\n%s\n%s\n", title, indent(wrap(text, textWidth)))
		}
	}
	list := func(title string, l []string) {
		if len(l) > 0 {
			fmt.Fprintf(&b, "\n%s\n", title)
			for _, x := range l {
				fmt.Fprintf(&b, "  • %s\n", x)
			}
		}
	}
	title := text.OneLine(s.Title)
	if p.Starred {
		title = "★ " + title
	}
	b.WriteString(title + "\n")
	if s.Subtitle != "" {
		b.WriteString(text.OneLine(s.Subtitle) + "\n")
	}
	b.WriteString("\n")
	day := data.DayTitle(s.Date)
	if l := c.DayLabel(s.Date); l != "" {
		day += " (" + l + ")"
	}
	line("Day", day)
	when := data.TimeRange(s)
	if s.Scheduled() {
		when += " (" + data.Minutes(s.Duration()) + ")"
	}
	line("Time", when)
	line("Room", s.Room)
	line("Type", s.Type)
	line("Level", s.Level)
	line("Track", s.Track)
	line("Language", s.Language)
	avg, n := data.CombinedRating(s.Rating, s.Others, p.Rating)
	r := data.RatingText(avg, n)
	if p.Rating > 0 {
		r += "  you " + data.Stars(float64(p.Rating))
	}
	line("Rating", r)
	line("Audience", strings.Join(s.Audience, ", "))
	line("URL", s.URL)
	line("Feedback", s.FeedbackURL)
	line("Id", s.ID)
	if p.Note != "" {
		para("Your note", p.Note)
	}
	para("Abstract", s.Abstract)
	para("Description", s.Description)
	list("Prerequisites", s.Prerequisites)
	list("What you'll learn", s.Outcomes)
	if sps := c.SpeakersOf(s); len(sps) > 0 {
		b.WriteString("\nSpeakers\n")
		for _, sp := range sps {
			b.WriteString("  " + speakerLine(sp) + "\n")
			if sp.Bio != "" {
				b.WriteString(indent(indent(wrap(sp.Bio, textWidth-2))) + "\n")
			}
		}
	}
	if len(s.Links) > 0 {
		b.WriteString("\nLinks\n")
		for _, l := range s.Links {
			if l.Title != "" {
				fmt.Fprintf(&b, "  %s: %s\n", l.Title, l.URL)
			} else {
				fmt.Fprintf(&b, "  %s\n", l.URL)
			}
		}
	}
	io.WriteString(w, b.String())
}

// wrap breaks the lines of s at spaces to fit w columns.
func wrap(s string, w int) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		for runewidth.StringWidth(line) > w {
			cut, col := -1, 0
			for i, r := range line {
				col += runewidth.RuneWidth(r)
				if col > w {
					break
				}
				if r == ' ' {
					cut = i
				}
			}
			if cut <= 0 {
				break
			}
			out = append(out, line[:cut])
			line = strings.TrimLeft(line[cut:], " ")
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "  " + l
		}
	}
	return strings.Join(lines, "\n")
}

// speakerLine is "Name, Job title, Company".
func speakerLine(sp *data.Speaker) string {
	parts := []string{sp.Name}
	for _, x := range []string{sp.JobTitle, sp.Company} {
		if x != "" {
			parts = append(parts, x)
		}
	}
	return text.OneLine(strings.Join(parts, ", "))
}

type speakerListJSON struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Company  string `json:"company"`
	JobTitle string `json:"job_title"`
	Sessions int    `json:"sessions"`
}

// sortedSpeakers returns the speakers in alphabetical order (folded).
func sortedSpeakers(c *data.Conference) []*data.Speaker {
	out := make([]*data.Speaker, len(c.Speakers))
	keys := make(map[*data.Speaker]string, len(c.Speakers))
	for i := range c.Speakers {
		out[i] = &c.Speakers[i]
		keys[out[i]] = text.Fold(c.Speakers[i].Name)
	}
	sort.SliceStable(out, func(i, j int) bool { return keys[out[i]] < keys[out[j]] })
	return out
}

// sessionCounts counts the sessions of each speaker id.
func sessionCounts(c *data.Conference) map[string]int {
	n := map[string]int{}
	for i := range c.Sessions {
		for _, id := range c.Sessions[i].SpeakerIDs {
			n[id]++
		}
	}
	return n
}

func (a *app) speakersCommand() *cobra.Command {
	var jsonOut bool
	cmd := &cobra.Command{
		Use:   "speakers",
		Short: "List the speakers, alphabetically",
		Args:  args(0, 0, "speakers takes no arguments; to look one up use `lineup speaker NAME`"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, _, err := a.load()
			if err != nil {
				return err
			}
			counts := sessionCounts(c)
			sps := sortedSpeakers(c)
			if jsonOut {
				out := make([]speakerListJSON, len(sps))
				for i, sp := range sps {
					out[i] = speakerListJSON{ID: sp.ID, Name: sp.Name, Company: sp.Company, JobTitle: sp.JobTitle, Sessions: counts[sp.ID]}
				}
				return writeJSON(a.stdout, out)
			}
			rows := make([][]string, len(sps))
			for i, sp := range sps {
				n := counts[sp.ID]
				word := "sessions"
				if n == 1 {
					word = "session"
				}
				rows[i] = []string{sp.Name, sp.Company, strconv.Itoa(n) + " " + word}
			}
			table(a.stdout, rows, []int{40, 0, 0}, 1, width(a.stdout))
			return nil
		},
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print JSON")
	return cmd
}

// matchSpeakers finds speakers whose folded name holds every word of the
// folded query: "muller" finds "Jörg Müller", "jo mul" too.
func matchSpeakers(c *data.Conference, query string) []*data.Speaker {
	words := strings.Fields(text.Fold(query))
	if len(words) == 0 {
		return nil
	}
	var out []*data.Speaker
	for _, sp := range sortedSpeakers(c) {
		name := text.Fold(sp.Name)
		ok := true
		for _, w := range words {
			if !strings.Contains(name, w) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, sp)
		}
	}
	return out
}

type speakerSlotJSON struct {
	speakerJSON
	Sessions []sessionJSON `json:"sessions"`
}

func (a *app) speakerCommand() *cobra.Command {
	var jsonOut bool
	cmd := &cobra.Command{
		Use:   "speaker NAME",
		Short: "Find a speaker and the day, time and room of their sessions",
		Long: "Find speakers by name (case and accents do not matter, part of the name is enough,\n" +
			"every word given must appear) and list when and where each of their sessions is.",
		Example: "  lineup speaker muller\n  lineup speaker 'laurent bern'",
		Args:    args(1, 1, "speaker needs a name (quote it when it has spaces)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(args[0]) == "" {
				return usagef("speaker needs a name (quote it when it has spaces)")
			}
			c, mine, err := a.load()
			if err != nil {
				return err
			}
			found := matchSpeakers(c, args[0])
			if len(found) == 0 {
				return fmt.Errorf("no speaker matches %q in %s; see `lineup speakers`", args[0], c.Slug)
			}
			if jsonOut {
				out := make([]speakerSlotJSON, len(found))
				for i, sp := range found {
					out[i] = speakerSlotJSON{speakerJSON: toSpeakerJSON(sp), Sessions: []sessionJSON{}}
					for _, s := range c.SessionsOf(sp.ID) {
						out[i].Sessions = append(out[i].Sessions, toSessionJSON(c, s, mine[s.ID]))
					}
				}
				return writeJSON(a.stdout, out)
			}
			for i, sp := range found {
				if i > 0 {
					fmt.Fprintln(a.stdout)
				}
				fmt.Fprintln(a.stdout, speakerLine(sp))
				ss := c.SessionsOf(sp.ID)
				if len(ss) == 0 {
					fmt.Fprintln(a.stdout, "  no sessions")
					continue
				}
				rows := make([][]string, len(ss))
				for j, s := range ss {
					rows[j] = []string{"  " + data.DayShort(s.Date), data.TimeRange(s), s.Room, s.Title, s.ID}
				}
				table(a.stdout, rows, []int{0, 0, 24, 0, 0}, 3, width(a.stdout))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print JSON")
	return cmd
}

// storeForSnapshot opens the store for a command that reads the search
// snapshot, with garbage collection at gcPercent (debug.SetGCPercent)
// unless $GOGC says otherwise. It is nil with --local, whose times the
// snapshot's cells do not have: the caller then loads the whole conference.
func (a *app) storeForSnapshot(gcPercent int) (*store.Store, error) {
	if a.local {
		return nil, nil
	}
	st, err := a.open()
	if err != nil {
		return nil, err
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	return st, nil
}
