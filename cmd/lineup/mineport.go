package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/text"
	"github.com/lineup-tui/lineup/store"
	"github.com/spf13/cobra"
)

// mineVersion is the version of the `lineup mine export` format.
const mineVersion = 1

// maxMineBytes caps the size of a file `lineup mine import` reads.
const maxMineBytes = 64 << 20

// mineFile is what `lineup mine export` writes and `lineup mine import`
// reads: a person's stars, ratings and notes, by conference slug and session
// id, each field with the time it last changed.
type mineFile struct {
	Lineup      int                                   `json:"lineup_mine"`
	ExportedAt  time.Time                             `json:"exported_at"`
	Conferences map[string]map[string]mineSessionJSON `json:"conferences"`
}

// mineSessionJSON is one session's record. A field comes with its time; a
// field that was never set is left out, and one that was cleared is written
// empty with the time it was cleared, so the clearing travels too.
type mineSessionJSON struct {
	Title     string     `json:"title,omitempty"`
	Rating    *int       `json:"rating,omitempty"`
	RatingAt  *time.Time `json:"rating_at,omitempty"`
	Starred   *bool      `json:"starred,omitempty"`
	StarredAt *time.Time `json:"starred_at,omitempty"`
	Note      *string    `json:"note,omitempty"`
	NoteAt    *time.Time `json:"note_at,omitempty"`
}

// exportField fills one field of a record: set when it has a value, or when
// it was cleared at a known time.
func exportField[T comparable](val T, own, at time.Time, v **T, vt **time.Time) {
	var zero T
	if val == zero && own.IsZero() {
		return
	}
	*v, *vt = &val, &at
}

func toMineJSON(p data.Personal) mineSessionJSON {
	var out mineSessionJSON
	out.Title = p.Title
	exportField(p.Rating, p.RatingAt, p.At(data.FieldRating).UTC(), &out.Rating, &out.RatingAt)
	exportField(p.Starred, p.StarredAt, p.At(data.FieldStarred).UTC(), &out.Starred, &out.StarredAt)
	exportField(p.Note, p.NoteAt, p.At(data.FieldNote).UTC(), &out.Note, &out.NoteAt)
	return out
}

// fromMineJSON is the record a file gives for a session; what is wrong with
// it is said with the session's id.
func fromMineJSON(id string, m mineSessionJSON) (data.Personal, error) {
	p := data.Personal{Title: text.OneLine(m.Title)}
	pair := func(name string, set bool, at *time.Time, dst *time.Time) error {
		switch {
		case set && at == nil:
			return fmt.Errorf("session %q: %s without %s_at (the time it changed)", id, name, name)
		case !set && at != nil:
			return fmt.Errorf("session %q: %s_at without %s", id, name, name)
		case at != nil:
			*dst = at.UTC()
		}
		return nil
	}
	if err := pair("rating", m.Rating != nil, m.RatingAt, &p.RatingAt); err != nil {
		return p, err
	}
	if err := pair("starred", m.Starred != nil, m.StarredAt, &p.StarredAt); err != nil {
		return p, err
	}
	if err := pair("note", m.Note != nil, m.NoteAt, &p.NoteAt); err != nil {
		return p, err
	}
	if m.Rating != nil {
		if err := data.CheckRating(*m.Rating); err != nil {
			return p, fmt.Errorf("session %q: %w", id, err)
		}
		p.Rating = *m.Rating
	}
	if m.Starred != nil {
		p.Starred = *m.Starred
	}
	if m.Note != nil {
		p.Note = strings.TrimSpace(text.Clean(*m.Note))
		if err := data.CheckNote(p.Note); err != nil {
			return p, fmt.Errorf("session %q: %w", id, err)
		}
	}
	// Updated stays zero: a field the file leaves out has no time, so it
	// never wins a merge (data.MergePersonal).
	return p, nil
}

func (a *app) mineCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "mine",
		Short: "Export or import your stars, ratings and notes",
		Long: "Move your stars, ratings and notes between machines, or from a lineup server to\n" +
			"your laptop (ssh -p 2222 HOST mine export > mine.json). An import merges: for each\n" +
			"session and each of rating, star and note, the change made later wins.",
		Args: args(0, 0, "mine needs export or import; see `lineup mine --help`"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usagef("mine needs export or import; see `lineup mine --help`")
		},
	}
	cmd.AddCommand(a.mineExportCommand(), a.mineImportCommand())
	return cmd
}

func (a *app) mineExportCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "export",
		Short: "Print your stars, ratings and notes as JSON (--conf: one conference; default: all)",
		Example: "  lineup mine export > mine.json\n  lineup mine export --conf vlb19 > vlb19.json\n" +
			"  ssh -p 2222 schedule.local mine export > mine.json",
		Args: args(0, 0, "mine export takes no arguments (the JSON goes to stdout)"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := a.open()
			if err != nil {
				return err
			}
			all, err := st.Mine()
			if err != nil {
				return err
			}
			out := mineFile{Lineup: mineVersion, ExportedAt: time.Now().UTC().Truncate(time.Second), Conferences: map[string]map[string]mineSessionJSON{}}
			for slug, recs := range all {
				if a.confSlug != "" && slug != a.confSlug {
					continue
				}
				m := make(map[string]mineSessionJSON, len(recs))
				for id, p := range recs {
					m[id] = toMineJSON(p)
				}
				out.Conferences[slug] = m
			}
			return writeJSON(a.stdout, out)
		},
	}
}

func (a *app) mineImportCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE",
		Short: "Merge stars, ratings and notes from `lineup mine export` (- reads stdin)",
		Long: "Merge a file written by `lineup mine export` into your data. For each session and\n" +
			"each of rating, star and note, the change made later wins; a field cleared later\n" +
			"than it was set elsewhere is cleared. Sessions or conferences this store does not\n" +
			"have are kept, and show in the agenda as no longer in the schedule.",
		Example: "  lineup mine import mine.json\n  ssh -p 2222 schedule.local mine export | lineup mine import -",
		Args:    args(1, 1, "mine import needs one file (- for stdin)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := readMineFile(args[0], a.stdin)
			if err != nil {
				return err
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			return a.mergeMine(st, args[0], f)
		},
	}
}

// readMineFile reads and checks an export; "-" is r.
func readMineFile(path string, r io.Reader) (*mineFile, error) {
	var b []byte
	var err error
	if path == "-" {
		b, err = io.ReadAll(io.LimitReader(r, maxMineBytes+1))
	} else {
		var f *os.File
		if f, err = os.Open(path); err == nil {
			b, err = io.ReadAll(io.LimitReader(f, maxMineBytes+1))
			f.Close()
		}
	}
	if err != nil {
		return nil, err
	}
	if len(b) > maxMineBytes {
		return nil, fmt.Errorf("%s is over %d MiB; an export of stars, ratings and notes is far smaller", path, maxMineBytes>>20)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var f mineFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s is not an export of `lineup mine export`: %v", path, err)
	}
	if f.Lineup != mineVersion {
		return nil, fmt.Errorf("%s: lineup_mine is %d; this lineup reads version %d (from `lineup mine export`)", path, f.Lineup, mineVersion)
	}
	return &f, nil
}

// mergeMine merges every conference of f into st, one transaction each,
// checking every record first so that a bad file changes nothing.
func (a *app) mergeMine(st *store.Store, path string, f *mineFile) error {
	slugs := make([]string, 0, len(f.Conferences))
	recs := map[string]map[string]data.Personal{}
	for slug, sessions := range f.Conferences {
		slugs = append(slugs, slug)
		recs[slug] = map[string]data.Personal{}
		for id, m := range sessions {
			p, err := fromMineJSON(id, m)
			if err != nil {
				return fmt.Errorf("%s, conference %q: %w", path, slug, err)
			}
			recs[slug][id] = p
		}
	}
	sort.Strings(slugs)
	infos, err := st.Conferences()
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, ci := range infos {
		known[ci.Slug] = true
	}
	var changed, same, orphans int
	var absent []string
	for _, slug := range slugs {
		m, err := st.MergePersonal(slug, recs[slug])
		if err != nil {
			return fmt.Errorf("merging %q: %w", slug, err)
		}
		changed += m.Changed
		same += m.Unchanged
		if !known[slug] {
			absent = append(absent, slug)
			continue
		}
		c, err := st.Conference(slug)
		if err != nil {
			return err
		}
		for id := range recs[slug] {
			if c.Session(id) == nil {
				orphans++
			}
		}
	}
	fmt.Fprintf(a.stdout, "Merged %d sessions from %s: %d changed here, %d already as new or newer\n", changed+same, path, changed, same)
	if orphans > 0 {
		fmt.Fprintf(a.stdout, "%d of them are not in the schedule here; they are kept and listed in the agenda\n", orphans)
	}
	if len(absent) > 0 {
		fmt.Fprintf(a.stdout, "Kept data on conferences not in this store: %s (import their schedules to see it)\n", strings.Join(absent, ", "))
	}
	return nil
}
