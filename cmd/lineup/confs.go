package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/fetch"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/store"
	"github.com/spf13/cobra"
)

// maxWarnings is how many import warnings are printed.
const maxWarnings = 20

func (a *app) importCommand() *cobra.Command {
	var format, tz, slug, name string
	cmd := &cobra.Command{
		Use:   "import PATH|URL",
		Short: "Import a schedule file or URL and make it the current conference",
		Long: "Import a schedule (frab/pretalx schedule.xml, schedule.json, iCalendar, Sessionize,\n" +
			"or lineup's own JSON) from a file or an http(s) URL. Importing a conference again\n" +
			"replaces its schedule and keeps your ratings, stars and notes.",
		Example: "  lineup import https://fosdem.org/2026/schedule/xml\n" +
			"  lineup import summit.json --format sessionize --tz Europe/London",
		Args: args(1, 1, "import needs one file or URL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f := formats.Format(strings.ToLower(format))
			known := f == formats.FormatAuto
			for _, k := range formats.Formats() {
				known = known || k == f
			}
			if !known {
				return usagef("--format %q: use auto or one of %s", format, formatList())
			}
			src := args[0]
			boundImportMemory()
			if isURL(src) {
				return a.importURL(cmd.Context(), src, &store.Source{URL: src, Format: string(f), TimeZone: tz, Slug: slug, Name: name})
			}
			in, source, err := readSource(src)
			if err != nil {
				return err
			}
			res, err := parseInput(in, f, formats.Options{TimeZone: tz, Slug: slug, Name: name, Source: source})
			if err != nil {
				// Its text is made before the file is let go of.
				err = fmt.Errorf("reading %s: %w", fetch.Redact(src), err)
			}
			in.close()
			if err != nil {
				return err
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			ch, err := st.ImportConference(res.Conference)
			if err != nil {
				return err
			}
			writeImportSummary(a.stdout, res, ch)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "auto", "schedule format: auto, "+formatList())
	fl.StringVar(&tz, "tz", "", "time zone (IANA name such as Europe/Berlin) for files whose times carry none")
	fl.StringVar(&slug, "slug", "", "slug to store the conference under (default: from the file)")
	fl.StringVar(&name, "name", "", "conference name (default: from the file)")
	return cmd
}

func formatList() string {
	var s []string
	for _, f := range formats.Formats() {
		s = append(s, string(f))
	}
	return strings.Join(s, ", ")
}

// isURL reports whether an import source is an http(s) address.
func isURL(src string) bool {
	return strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://")
}

// readSource reads a file (or maps a big one into memory), refusing
// anything over formats.MaxImportSize. It returns the content and what to
// record as the conference's source; the caller closes the content.
func readSource(src string) (*importInput, string, error) {
	limit := int64(formats.MaxImportSize)
	tooLarge := func(what string) error {
		return fmt.Errorf("%s is larger than %d MiB, the most lineup imports", what, limit>>20)
	}
	if scheme, _, ok := strings.Cut(src, "://"); ok && !strings.ContainsAny(scheme, `/\.`) {
		return nil, "", fmt.Errorf("%s: lineup fetches http and https addresses, not %s", fetch.Redact(src), scheme)
	}
	f, err := os.Open(src)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, "", fmt.Errorf("%s: no such file", src)
		}
		return nil, "", err
	}
	defer f.Close()
	var size int64
	if fi, err := f.Stat(); err == nil {
		if fi.IsDir() {
			return nil, "", fmt.Errorf("%s is a folder; give a schedule file", src)
		}
		if fi.Size() > limit {
			return nil, "", tooLarge(src)
		}
		size = fi.Size()
	}
	source := src
	if abs, err := filepath.Abs(src); err == nil {
		source = abs
	}
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		if in := mapFile(f, size); in != nil {
			return in, source, nil
		}
	}
	b, err := readSized(f, size, limit)
	if err != nil {
		return nil, "", fmt.Errorf("reading %s: %w", src, err)
	}
	if int64(len(b)) > limit {
		return nil, "", tooLarge(src)
	}
	return &importInput{b: b}, source, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func writeImportSummary(w io.Writer, res *formats.Result, ch store.Change) {
	c := res.Conference
	fmt.Fprintf(w, "Imported %s (%s) from %s, %s\n", c.Name, c.Slug, c.Source, res.Format)
	rooms := map[string]bool{}
	for i := range c.Sessions {
		if c.Sessions[i].Room != "" {
			rooms[c.Sessions[i].Room] = true
		}
	}
	dates := c.Dates()
	fmt.Fprintf(w, "  %s", plural(len(dates), "day", "days"))
	if r := data.DateRange(c.Start, c.End); r != "" {
		fmt.Fprintf(w, " (%s)", r)
	}
	fmt.Fprintf(w, ", %s, %s, %s\n", plural(len(rooms), "room", "rooms"),
		plural(len(c.Sessions), "session", "sessions"), plural(len(c.Speakers), "speaker", "speakers"))
	if !ch.New {
		fmt.Fprintf(w, "  replaced the previous schedule: %d added, %d removed, %d changed, %d unchanged\n",
			ch.Added, ch.Removed, ch.Changed, ch.Unchanged)
	}
	if len(ch.Orphans) > 0 {
		fmt.Fprintf(w, "  kept your data on %s no longer in the schedule: %s\n",
			plural(len(ch.Orphans), "session", "sessions"), strings.Join(ch.Orphans, ", "))
	}
	if n := len(res.Warnings); n > 0 {
		fmt.Fprintf(w, "  %s:\n", plural(n, "warning", "warnings"))
		for _, warn := range res.Warnings[:min(n, maxWarnings)] {
			fmt.Fprintf(w, "    %s\n", warn)
		}
		if n > maxWarnings {
			fmt.Fprintf(w, "    … and %d more\n", n-maxWarnings)
		}
	}
}

type conferenceJSON struct {
	store.ConferenceInfo
	Current bool `json:"current"`
}

func (a *app) conferencesCommand() *cobra.Command {
	var jsonOut bool
	cmd := &cobra.Command{
		Use:   "conferences",
		Short: "List the conferences in the store; * marks the current one",
		Args:  args(0, 0, "conferences takes no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := a.open()
			if err != nil {
				return err
			}
			infos, err := st.Conferences()
			if err != nil {
				return err
			}
			cur, err := st.Current()
			if err != nil && !errors.Is(err, store.ErrNoConference) {
				return err
			}
			if jsonOut {
				out := make([]conferenceJSON, len(infos))
				for i, ci := range infos {
					ci.Source = fetch.Redact(ci.Source)
					out[i] = conferenceJSON{ci, ci.Slug == cur}
				}
				return writeJSON(a.stdout, out)
			}
			if len(infos) == 0 {
				fmt.Fprintln(a.stderr, "no conferences; import one with `lineup import PATH|URL`")
				return nil
			}
			rows := [][]string{{"", "SLUG", "NAME", "DATES", "SESSIONS", "IMPORTED", "SOURCE"}}
			for _, ci := range infos {
				mark := " "
				if ci.Slug == cur {
					mark = "*"
				}
				imported := ""
				if !ci.ImportedAt.IsZero() {
					imported = ci.ImportedAt.Local().Format("2006-01-02 15:04")
				}
				rows = append(rows, []string{mark, ci.Slug, ci.Name, data.DateRange(ci.Start, ci.End), strconv.Itoa(ci.Sessions), imported, fetch.Redact(ci.Source)})
			}
			table(a.stdout, rows, []int{0, 0, 40, 0, 0, 0, 0}, 6, width(a.stdout))
			return nil
		},
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print JSON")
	return cmd
}

func (a *app) removeCommand() *cobra.Command {
	var yes, purge bool
	cmd := &cobra.Command{
		Use:   "remove SLUG",
		Short: "Remove a conference's schedule (your ratings, stars and notes stay unless --purge)",
		Args:  args(1, 1, "remove needs the slug of a conference; see `lineup conferences`"),
		RunE: func(cmd *cobra.Command, args []string) error {
			slug := args[0]
			st, err := a.open()
			if err != nil {
				return err
			}
			if !yes {
				if !isTerminal(a.stdin) {
					return usagef("remove asks for confirmation and stdin is not a terminal; pass --yes to remove %s", slug)
				}
				what := "the schedule of " + slug + " (your ratings, stars and notes are kept)"
				if purge {
					what = slug + " with your ratings, stars and notes"
				}
				fmt.Fprintf(a.stderr, "Remove %s? [y/N] ", what)
				line, _ := bufio.NewReader(a.stdin).ReadString('\n')
				if ans := strings.ToLower(strings.TrimSpace(line)); ans != "y" && ans != "yes" {
					return errors.New("not removed")
				}
			}
			if err := st.RemoveConference(slug, purge); err != nil {
				return err
			}
			if purge {
				fmt.Fprintf(a.stdout, "Removed %s and your data on it\n", slug)
			} else {
				fmt.Fprintf(a.stdout, "Removed the schedule of %s; your ratings, stars and notes are kept for a re-import\n", slug)
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask for confirmation")
	cmd.Flags().BoolVar(&purge, "purge", false, "also delete your ratings, stars and notes")
	return cmd
}
