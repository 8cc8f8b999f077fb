package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/text"
	"github.com/mattn/go-runewidth"
)

// The JSON shapes of the CLI. Every key is always present, so scripts can
// rely on them; missing values are "" or null.

type speakerRef struct {
	Name    string `json:"name"`
	Company string `json:"company"`
}

type ratingJSON struct {
	Average float64 `json:"average"`
	Count   int     `json:"count"`
	Mine    int     `json:"mine"`
}

// sessionBase is what every session object carries: the `sessions --json`
// contract and the start of `show --json`.
type sessionBase struct {
	ID       string      `json:"id"`
	Title    string      `json:"title"`
	Subtitle string      `json:"subtitle"`
	Start    *string     `json:"start"`
	End      *string     `json:"end"`
	Date     string      `json:"date"`
	Room     string      `json:"room"`
	Track    string      `json:"track"`
	Type     string      `json:"type"`
	Level    string      `json:"level"`
	Rating   *ratingJSON `json:"rating"`
	Starred  bool        `json:"starred"`
	Note     string      `json:"note"`
}

type sessionJSON struct {
	sessionBase
	Speakers []speakerRef `json:"speakers"`
}

type speakerJSON struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Company  string `json:"company"`
	JobTitle string `json:"job_title"`
	Bio      string `json:"bio"`
	URL      string `json:"url"`
}

type linkJSON struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// sessionDetailJSON is `show --json`: every field of a session, with full
// speaker objects.
type sessionDetailJSON struct {
	sessionBase
	DurationMinutes *int          `json:"duration_minutes"`
	Language        string        `json:"language"`
	Speakers        []speakerJSON `json:"speakers"`
	Abstract        string        `json:"abstract"`
	Description     string        `json:"description"`
	Audience        []string      `json:"audience"`
	Prerequisites   []string      `json:"prerequisites"`
	Outcomes        []string      `json:"outcomes"`
	URL             string        `json:"url"`
	FeedbackURL     string        `json:"feedback_url"`
	Links           []linkJSON    `json:"links"`
	Conference      string        `json:"conference"`
}

func timeJSON(t time.Time, ok bool) *string {
	if !ok {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}

func rating(s *data.Session, p data.Personal) *ratingJSON {
	avg, n := data.CombinedRating(s.Rating, s.Others, p.Rating)
	if n == 0 {
		return nil
	}
	return &ratingJSON{Average: round2(avg), Count: n, Mine: p.Rating}
}

func round2(f float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'f', 2, 64), 64)
	return v
}

func orEmpty[T any](l []T) []T {
	if l == nil {
		return []T{}
	}
	return l
}

func toBase(s *data.Session, p data.Personal) sessionBase {
	return sessionBase{
		ID: s.ID, Title: s.Title, Subtitle: s.Subtitle,
		Start: timeJSON(s.Start, s.Scheduled()), End: timeJSON(s.End, s.Scheduled()),
		Date: s.Date, Room: s.Room, Track: s.Track, Type: s.Type, Level: s.Level,
		Rating: rating(s, p), Starred: p.Starred, Note: p.Note,
	}
}

func toSessionJSON(c *data.Conference, s *data.Session, p data.Personal) sessionJSON {
	j := sessionJSON{sessionBase: toBase(s, p), Speakers: []speakerRef{}}
	for _, sp := range c.SpeakersOf(s) {
		j.Speakers = append(j.Speakers, speakerRef{Name: sp.Name, Company: sp.Company})
	}
	return j
}

func toSpeakerJSON(sp *data.Speaker) speakerJSON {
	return speakerJSON{ID: sp.ID, Name: sp.Name, Company: sp.Company, JobTitle: sp.JobTitle, Bio: sp.Bio, URL: sp.URL}
}

func toDetailJSON(c *data.Conference, s *data.Session, p data.Personal) sessionDetailJSON {
	j := sessionDetailJSON{
		sessionBase: toBase(s, p), Language: s.Language, Speakers: []speakerJSON{},
		Abstract: s.Abstract, Description: s.Description,
		Audience: orEmpty(s.Audience), Prerequisites: orEmpty(s.Prerequisites), Outcomes: orEmpty(s.Outcomes),
		URL: s.URL, FeedbackURL: s.FeedbackURL, Links: []linkJSON{}, Conference: c.Slug,
	}
	if s.Scheduled() {
		m := int(s.Duration() / time.Minute)
		j.DurationMinutes = &m
	}
	for _, sp := range c.SpeakersOf(s) {
		j.Speakers = append(j.Speakers, toSpeakerJSON(sp))
	}
	for _, l := range s.Links {
		j.Links = append(j.Links, linkJSON{Title: l.Title, URL: l.URL})
	}
	return j
}

// writeJSON writes v indented, without HTML escaping. Characters a
// terminal would act on are \u escapes inside the strings (text.EscapeJSON),
// so the output stays the same JSON after the output boundary's cleaning.
func writeJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(text.EscapeJSON(b.Bytes()))
	return err
}

// width is the number of columns to fill: the terminal's, else $COLUMNS,
// else 160 (output to a file or a pipe is read by wider tools than a
// terminal).
func width(w io.Writer) int {
	if f, ok := w.(interface{ Fd() uintptr }); ok && term.IsTerminal(f.Fd()) {
		if cols, _, err := term.GetSize(f.Fd()); err == nil && cols > 20 {
			return cols
		}
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 20 {
		return n
	}
	return 160
}

// fit truncates s to w display columns with "…" and pads it to w.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if cellWidth(s) > w {
		s = runewidth.Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", w-cellWidth(s))
}

// cellWidth is the display width of s (plain ASCII without asking runewidth).
func cellWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] < 0x20 {
			return runewidth.StringWidth(s)
		}
	}
	return len(s)
}

// table writes rows with columns aligned by display width. flex is the
// column that shrinks (and is truncated) to fit the width; the others are
// capped at caps[i] columns (0 = no cap).
func table(w io.Writer, rows [][]string, caps []int, flex, total int) {
	if len(rows) == 0 {
		return
	}
	n := len(rows[0])
	widths := make([]int, n)
	for _, r := range rows {
		for i, cell := range r {
			cw := cellWidth(text.OneLine(cell))
			if caps[i] > 0 {
				cw = min(cw, caps[i])
			}
			widths[i] = max(widths[i], cw)
		}
	}
	used := 2 * (n - 1)
	for i, cw := range widths {
		if i != flex {
			used += cw
		}
	}
	if flex >= 0 {
		widths[flex] = min(widths[flex], max(total-used, 12))
	}
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	var b strings.Builder
	for _, r := range rows {
		b.Reset()
		for i, cell := range r {
			cell = text.OneLine(cell)
			if i > 0 {
				b.WriteString("  ")
			}
			if i == n-1 {
				b.WriteString(runewidth.Truncate(cell, widths[i], "…"))
			} else {
				b.WriteString(fit(cell, widths[i]))
			}
		}
		bw.WriteString(strings.TrimRight(b.String(), " "))
		bw.WriteByte('\n')
	}
}

// ratingShort is "★★★★☆ 4.2 (5)", or "" without any rating.
func ratingShort(s *data.Session, p data.Personal) string {
	avg, n := data.CombinedRating(s.Rating, s.Others, p.Rating)
	if n == 0 {
		return ""
	}
	return data.Stars(avg) + " " + strconv.FormatFloat(avg, 'f', 1, 64) + " (" + strconv.Itoa(n) + ")"
}
