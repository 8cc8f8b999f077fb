package main

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
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
		s = truncate(s, w)
	}
	return s + strings.Repeat(" ", w-cellWidth(s))
}

// quickWidth is the display width of r when it is known without
// runewidth's table of every character, which it builds (2 MB, a good
// part of a short command's time) the first time it meets one above
// U+02FF: characters below that from its small table; the punctuation
// schedules and lineup itself use most (– — ‘ ’ “ ” „ • … ★ ☆), one
// column each unless East Asian widths are on; and the blocks of Chinese,
// Japanese and Korean letters that names and titles use, two columns. ok
// is false for any other character, and for "\r", which joins "\n".
// TestWidthsAsRunewidth checks every character it answers for.
func quickWidth(r rune) (w int, ok bool) {
	switch {
	case r < 0x300:
		// No character below U+0300 joins a grapheme cluster but "\r".
		return runewidth.RuneWidth(r), r != '\r'
	case r == '–' || r == '—' || r == '‘' || r == '’' || r == '“' || r == '”' || r == '„' || r == '•' || r == '…' || r == '★' || r == '☆':
		return 1, !runewidth.DefaultCondition.EastAsianWidth
	case r >= 0x4e00 && r <= 0x9fff, // CJK unified ideographs
		r >= 0x3041 && r <= 0x3096, // hiragana
		r >= 0x30a1 && r <= 0x30fa, // katakana
		r >= 0xac00 && r <= 0xd7a3: // hangul syllables
		return 2, true
	}
	return 0, false
}

// cellWidth is the display width of s, as runewidth.StringWidth gives it.
func cellWidth(s string) int {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x7f || s[i] < 0x20 {
			ascii = false
			break
		}
	}
	if ascii {
		return len(s)
	}
	w := 0
	for _, r := range s {
		rw, ok := quickWidth(r)
		if !ok {
			return runewidth.StringWidth(s)
		}
		w += rw
	}
	return w
}

// truncate cuts s to w display columns with "…" at the end when it is
// wider, as runewidth.Truncate(s, w, "…") does.
func truncate(s string, w int) string {
	if cellWidth(s) <= w {
		return s
	}
	tail, ok := quickWidth('…')
	if !ok {
		return runewidth.Truncate(s, w, "…")
	}
	width := 0
	for i, r := range s {
		rw, ok := quickWidth(r)
		if !ok {
			return runewidth.Truncate(s, w, "…")
		}
		if width+rw > w-tail {
			return s[:i] + "…"
		}
		width += rw
	}
	return s + "…"
}

// table writes rows with columns aligned by display width. flex is the
// column that shrinks (and is truncated) to fit the width; the others are
// capped at caps[i] columns (0 = no cap). Each cell is made one line and
// measured once, and the lines go out in a few large writes.
func table(w io.Writer, rows [][]string, caps []int, flex, total int) {
	if len(rows) == 0 {
		return
	}
	n := len(rows[0])
	cells := make([]string, 0, len(rows)*n)
	cw := make([]int, 0, len(rows)*n)
	widths := make([]int, n)
	for _, r := range rows {
		for i, cell := range r {
			cell = text.OneLine(cell)
			x := cellWidth(cell)
			cells, cw = append(cells, cell), append(cw, x)
			if caps[i] > 0 {
				x = min(x, caps[i])
			}
			widths[i] = max(widths[i], x)
		}
	}
	used := 2 * (n - 1)
	for i, x := range widths {
		if i != flex {
			used += x
		}
	}
	if flex >= 0 {
		widths[flex] = min(widths[flex], max(total-used, 12))
	}
	const spaces = "                                                                "
	buf := make([]byte, 0, 32<<10)
	for r := range rows {
		line := len(buf)
		for i := range n {
			cell, x := cells[r*n+i], cw[r*n+i]
			if i > 0 {
				buf = append(buf, "  "...)
			}
			if i == n-1 {
				buf = append(buf, truncate(cell, widths[i])...)
				break
			}
			if widths[i] <= 0 {
				continue
			}
			if x > widths[i] {
				cell = truncate(cell, widths[i])
				x = cellWidth(cell)
			}
			buf = append(buf, cell...)
			for pad := widths[i] - x; pad > 0; pad -= len(spaces) {
				buf = append(buf, spaces[:min(pad, len(spaces))]...)
			}
		}
		end := len(buf)
		for end > line && buf[end-1] == ' ' {
			end--
		}
		buf = append(buf[:end], '\n')
		if len(buf) >= 28<<10 {
			w.Write(buf)
			buf = buf[:0]
		}
	}
	w.Write(buf)
}

// ratingShort is "★★★★☆ 4.2 (5)", or "" without any rating.
func ratingShort(s *data.Session, p data.Personal) string {
	avg, n := data.CombinedRating(s.Rating, s.Others, p.Rating)
	if n == 0 {
		return ""
	}
	return data.Stars(avg) + " " + strconv.FormatFloat(avg, 'f', 1, 64) + " (" + strconv.Itoa(n) + ")"
}

// starCache is ratingShort with the star strings made once for each
// number of stars, for a list of many sessions.
type starCache [data.MaxRating + 1]string

func (c *starCache) ratingShort(s *data.Session, p data.Personal) string {
	avg, n := data.CombinedRating(s.Rating, s.Others, p.Rating)
	if n == 0 {
		return ""
	}
	k := max(0, min(data.MaxRating, int(math.Round(avg))))
	if c[k] == "" {
		c[k] = data.Stars(avg)
	}
	return c[k] + " " + strconv.FormatFloat(avg, 'f', 1, 64) + " (" + strconv.Itoa(n) + ")"
}
