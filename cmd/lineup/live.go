package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/calendar"
	"github.com/lineup-tui/lineup/data/changes"
	"github.com/lineup-tui/lineup/data/clock"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/refresh"
	"github.com/spf13/cobra"
)

// newGetter is what schedules are downloaded with; tests shorten its
// timeouts.
var newGetter = func() refresh.Getter { return refresh.NewClient() }

// importURL downloads a schedule and stores it with its source, so that
// `lineup refresh` can fetch it again.
func (a *app) importURL(ctx context.Context, url string, src *store.Source) error {
	st, err := a.open()
	if err != nil {
		return err
	}
	res, err := newGetter().Get(ctx, url, src.Validators)
	if err != nil {
		return err
	}
	src.Validators = res.Validators
	o, err := refresh.Store(st, res.Body, src, "", true, a.now())
	if err != nil {
		return fmt.Errorf("reading %s: %w", res.URL, err)
	}
	writeImportSummary(a.stdout, o.Result, o.Change)
	return nil
}

func (a *app) refreshCommand() *cobra.Command {
	var all bool
	cmd := &cobra.Command{
		Use:   "refresh [SLUG]",
		Short: "Fetch a conference again from the URL it was imported from",
		Long: "Fetch a conference again from the URL it was imported from, with the options it was\n" +
			"imported with, and say what changed. A schedule that could not be fetched or read is\n" +
			"kept exactly as it was. Exit status 0 when the refresh worked (changed or not), 1 when\n" +
			"it did not.",
		Example: "  lineup refresh\n  lineup refresh fosdem-2026\n  lineup refresh --all   # every conference imported from a URL, for cron",
		Args:    args(0, 1, "refresh takes at most one conference slug"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if all && len(args) > 0 {
				return usagef("give a slug or --all, not both")
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			slugs, err := a.refreshSlugs(st, args, all)
			if err != nil {
				return err
			}
			g := newGetter()
			failed := 0
			for _, slug := range slugs {
				o, err := refresh.Run(cmd.Context(), st, g, slug, a.now())
				if err != nil {
					if len(slugs) == 1 {
						return fmt.Errorf("refreshing %s: %w", slug, err)
					}
					failed++
					fmt.Fprintf(a.stderr, "lineup: refreshing %s: %s\n", slug, oneLine(err.Error()))
					continue
				}
				writeRefresh(a.stdout, o)
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d conferences could not be refreshed", failed, len(slugs))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "refresh every conference imported from a URL")
	return cmd
}

// refreshSlugs are the conferences a refresh works on.
func (a *app) refreshSlugs(st *store.Store, args []string, all bool) ([]string, error) {
	if !all {
		if len(args) == 1 {
			return args, nil
		}
		slug, err := a.slug()
		return []string{slug}, err
	}
	infos, err := st.Conferences()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, ci := range infos {
		src, err := st.Source(ci.Slug)
		if err != nil {
			return nil, err
		}
		if src != nil {
			out = append(out, ci.Slug)
		}
	}
	if len(out) == 0 {
		fmt.Fprintln(a.stderr, "no conference was imported from a URL; nothing to refresh")
	}
	return out, nil
}

// writeRefresh says what a refresh found: one line, then the person's
// starred sessions it moved, cancelled or removed.
func writeRefresh(w io.Writer, o *refresh.Outcome) {
	switch {
	case o.Unchanged:
		fmt.Fprintf(w, "%s: unchanged\n", o.Slug)
		return
	case o.Set.Empty():
		fmt.Fprintf(w, "%s: updated, no changes to sessions\n", o.Slug)
	default:
		fmt.Fprintf(w, "%s: updated: %s\n", o.Slug, o.Set.Summary())
	}
	for _, it := range o.StarredMoved() {
		fmt.Fprintf(w, "  ★ %s %s%s\n", it.Kind, it.Title, refresh.FieldText(&it.Entry, true))
	}
	if len(o.Change.Orphans) > 0 {
		fmt.Fprintf(w, "  kept your data on %s no longer in the schedule\n", plural(len(o.Change.Orphans), "session", "sessions"))
	}
}

func (a *app) changesCommand() *cobra.Command {
	var starred, jsonOut bool
	var since string
	cmd := &cobra.Command{
		Use:   "changes [SLUG]",
		Short: "What changed in the schedule at each refresh, your own sessions first",
		Long: "List what the recorded refreshes and re-imports changed: sessions added, removed,\n" +
			"cancelled, moved (day, time or room) or changed (title, speakers, text), with old → new\n" +
			"values. Your starred sessions come first, then those you rated or noted.",
		Example: "  lineup changes\n  lineup changes --starred --since 2h\n  lineup changes fosdem-2026 --since 2026-01-31 --json",
		Args:    args(0, 1, "changes takes at most one conference slug"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var cutoff time.Time
			now := a.now()
			if since != "" {
				var err error
				if cutoff, err = parseSince(since, now); err != nil {
					return usagef("--since %q: %v", since, err)
				}
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			var slug string
			if len(args) == 1 {
				slug = args[0]
			} else if slug, err = a.slug(); err != nil { // --conf, the served or the current one
				return err
			}
			h, err := st.ChangeHistory(slug)
			if err != nil {
				return err
			}
			mine, err := st.Personal(slug)
			if err != nil {
				return err
			}
			var sets []*changes.Set
			for _, s := range h.Sets {
				if !s.At.Before(cutoff) {
					sets = append(sets, s)
				}
			}
			var items []changes.Item
			for _, it := range changes.Order(sets, refresh.MineOf(mine)) {
				if !starred || it.Starred {
					items = append(items, it)
				}
			}
			if jsonOut {
				return writeJSON(a.stdout, changes.JSONList(items))
			}
			if len(items) == 0 {
				fmt.Fprintf(a.stdout, "no changes recorded for %s\n", slug)
				return nil
			}
			writeChanges(a.stdout, items, now)
			return nil
		},
	}
	cmd.Flags().BoolVar(&starred, "starred", false, "only your starred sessions")
	cmd.Flags().StringVar(&since, "since", "", "only changes this recent: a duration (90m, 2h, 3d) or a date (2026-01-31, or RFC 3339)")
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print JSON: [{id, title, kind, starred, rated, noted, fields: {name: [old, new]}, at}]")
	return cmd
}

// parseSince reads --since: a duration before now, or a date or instant.
func parseSince(v string, now time.Time) (time.Time, error) {
	v = strings.TrimSpace(v)
	if d, ok := strings.CutSuffix(v, "d"); ok {
		if n, err := strconv.Atoi(d); err == nil && n >= 0 {
			return now.Add(-time.Duration(n) * 24 * time.Hour), nil
		}
	}
	if d, err := time.ParseDuration(v); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	if t, err := time.ParseInLocation(data.DateLayout, v, time.Local); err == nil {
		return t, nil
	}
	if t, err := clock.Parse(v); err == nil {
		return t, nil
	}
	return time.Time{}, errors.New("give a duration (90m, 2h, 3d) or a date (2026-01-31 or 2026-01-31T10:00:00Z)")
}

// writeChanges lists changes one a line: a mark for the person's own
// sessions, the kind, the title and old → new values.
func writeChanges(w io.Writer, items []changes.Item, now time.Time) {
	var last time.Time
	for i := range items {
		it := &items[i]
		if !it.At.Equal(last) {
			fmt.Fprintf(w, "%s (%s)\n", it.At.Local().Format("2006-01-02 15:04"), refresh.Ago(now.Sub(it.At)))
			last = it.At
		}
		fmt.Fprintf(w, "%s %-9s %s%s\n", refresh.MineMark(it), it.Kind, it.Title, refresh.FieldText(&it.Entry, false))
	}
}

// calendarEvents are the agenda's starred sessions, and the starred ones that
// left the schedule, with the calendar rules applied: a session that moved
// gets a higher SEQUENCE and a new DTSTAMP, one cancelled or removed is
// exported with STATUS:CANCELLED.
func (a *app) calendarEvents(c *data.Conference, ag data.Agenda, mine map[string]data.Personal) ([]calendar.Event, error) {
	var ids []string
	for _, d := range ag.Days {
		for _, it := range d.Items {
			ids = append(ids, it.Session.ID)
		}
	}
	for _, id := range ag.Orphans {
		if mine[id].Starred {
			ids = append(ids, id)
		}
	}
	h, err := a.st.ChangeHistory(c.Slug)
	if err != nil {
		return nil, err
	}
	base := h.First
	if base.IsZero() {
		base = c.ImportedAt
	}
	var out []calendar.Event
	for _, ev := range changes.CalendarEvents(c, ids, h.Sets, base) {
		out = append(out, calendar.Event{Session: ev.Session, Sequence: ev.Sequence, Stamp: ev.Stamp, Cancelled: ev.Cancelled})
	}
	return out, nil
}
