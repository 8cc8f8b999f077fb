// Package refresh fetches a conference again from the URL it was imported
// from and stores the new version: the one path `lineup refresh`, `lineup
// import URL` and the TUI's background refresh share.
//
// A refresh sends the validators of the last good download (a 304 or an
// identical body is "unchanged" and only the time of the check is written),
// reads a changed body with the import options the conference was imported
// with, and replaces the schedule and records the change set in one store
// transaction. Any failure (the network, the server, a body cut short or
// stalled, a new version that does not parse) leaves the stored schedule as
// it was and says so in one line.
package refresh

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/changes"
	"github.com/lineup-tui/lineup/data/fetch"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/store"
)

// Getter downloads a schedule; *fetch.Client is one. Tests inject slow or
// failing ones.
type Getter interface {
	Get(ctx context.Context, url string, prior fetch.Validators) (*fetch.Result, error)
}

// NewClient returns the client lineup downloads schedules with: the import
// size cap and the default connect and stall timeouts.
func NewClient() *fetch.Client {
	c := fetch.New(formats.MaxImportSize)
	c.UserAgent = "lineup (conference schedule browser)"
	return c
}

// ErrNoSource says a conference was not imported from a URL.
var ErrNoSource = errors.New("not imported from a URL")

// Outcome is a refresh that worked.
type Outcome struct {
	Slug string
	Name string
	// Unchanged is set for a 304 or an identical body: only the time of the
	// check was written.
	Unchanged bool
	Status    fetch.Status
	// Change and Set say what the new version changed (Set is empty when
	// the new body reads as the same schedule).
	Change   store.Change
	Set      *changes.Set
	Warnings []string
	// Result is what the reader made of a changed body (nil when unchanged).
	Result *formats.Result
	// Mine lists the changes to the person's own sessions (starred, rated or
	// noted), starred first.
	Mine    []changes.Item
	Elapsed time.Duration
}

// Summary is one line: "unchanged", "no changes", or "3 moved, 1 cancelled".
func (o *Outcome) Summary() string {
	if o.Unchanged {
		return "unchanged"
	}
	return o.Set.Summary()
}

// StarredMoved lists the person's starred sessions that moved, were
// cancelled or were removed.
func (o *Outcome) StarredMoved() []changes.Item {
	var out []changes.Item
	for _, it := range o.Mine {
		if it.Starred && (it.Kind == changes.Moved || it.Kind == changes.Cancelled || it.Kind == changes.Removed) {
			out = append(out, it)
		}
	}
	return out
}

// Error is a refresh that failed. The stored schedule is as it was.
type Error struct {
	Slug string
	Err  error
	// Kept is when the stored schedule was fetched (zero when unknown), Now
	// when the refresh failed.
	Kept, Now time.Time
}

func (e *Error) Error() string {
	msg := e.Err.Error()
	if errors.Is(e.Err, ErrNoSource) {
		return msg
	}
	if e.Kept.IsZero() {
		return msg + "; kept the stored schedule"
	}
	return msg + "; kept the schedule from " + Ago(e.Now.Sub(e.Kept))
}

func (e *Error) Unwrap() error { return e.Err }

// Short is the message without the address of a failed download, for a
// narrow line: "stalled: no data for 20s; kept the schedule from 2 h ago".
func (e *Error) Short() string {
	msg := e.Error()
	var fe *fetch.Error
	if errors.As(e.Err, &fe) {
		msg = strings.Replace(msg, "fetching "+fe.URL+": ", "", 1)
	}
	return msg
}

// Ago says how long ago something happened, coarsely: "just now", "4 min
// ago", "2 h ago", "3 days ago".
func Ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d/time.Hour))
	}
	return fmt.Sprintf("%d days ago", int(d/(24*time.Hour)))
}

// Run refreshes the conference slug from its source at now. It fails with an
// *Error; ctx cancels the download.
func Run(ctx context.Context, st *store.Store, g Getter, slug string, now time.Time) (*Outcome, error) {
	src, err := st.Source(slug)
	if err != nil {
		return nil, err
	}
	if src == nil {
		return nil, &Error{Slug: slug, Err: fmt.Errorf("%s was %w; import it with `lineup import URL` to refresh it", slug, ErrNoSource)}
	}
	fail := func(err error) error { return &Error{Slug: slug, Err: err, Kept: src.FetchedAt, Now: now} }
	started := time.Now()
	res, err := g.Get(ctx, src.URL, src.Validators)
	if err != nil {
		return nil, fail(err)
	}
	out := &Outcome{Slug: slug, Status: res.Status}
	if res.Unchanged() {
		if err := st.MarkChecked(slug, res.Validators, now); err != nil {
			return nil, fail(err)
		}
		out.Unchanged = true
		out.Elapsed = time.Since(started)
		return out, nil
	}
	next := *src
	next.Validators = res.Validators
	o, err := Store(st, res.Body, &next, slug, false, now)
	if err != nil {
		return nil, fail(fmt.Errorf("reading the new version of %s: %w", src.URL, err))
	}
	o.Status = res.Status
	o.Elapsed = time.Since(started)
	return o, nil
}

// Store reads a downloaded body with the source's import options and
// replaces the schedule (slug, or the one the file names when slug is ""),
// recording src for the next refresh. current makes it the conference used
// last.
func Store(st *store.Store, body []byte, src *store.Source, slug string, current bool, now time.Time) (*Outcome, error) {
	opts := formats.Options{TimeZone: src.TimeZone, Slug: src.Slug, Name: src.Name, Source: fetch.Redact(src.URL)}
	if slug != "" {
		opts.Slug = slug
	}
	res, err := formats.Parse(body, formats.Format(src.Format), opts)
	if err != nil {
		return nil, err
	}
	ch, err := st.Replace(res.Conference, store.ReplaceOptions{Current: current, Source: src, At: now})
	if err != nil {
		return nil, err
	}
	o := &Outcome{Slug: res.Conference.Slug, Name: res.Conference.Name, Change: ch, Set: ch.Set, Warnings: res.Warnings, Result: res}
	if o.Set == nil {
		o.Set = &changes.Set{At: now}
	}
	mine, err := st.Personal(o.Slug)
	if err != nil {
		return nil, err
	}
	for _, it := range o.Set.Ordered(MineOf(mine)) {
		if it.Mine() {
			o.Mine = append(o.Mine, it)
		}
	}
	return o, nil
}

// MineOf answers changes.MineFunc from the person's records.
func MineOf(mine map[string]data.Personal) changes.MineFunc {
	return func(id string) (bool, bool, bool) {
		p, ok := mine[id]
		if !ok {
			return false, false, false
		}
		return p.Starred, p.Rating > 0, p.Note != ""
	}
}
