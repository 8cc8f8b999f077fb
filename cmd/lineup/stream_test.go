package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/data/synth"
	"github.com/lineup-tui/lineup/data/text"
	"github.com/lineup-tui/lineup/store"
	"github.com/mattn/go-runewidth"
)

// runFull runs a command line as run does, but with `sessions --json`
// decoding the whole conference: the output before it streamed.
func (c *cli) runFull(args ...string) (int, string, string) {
	c.t.Helper()
	var out, errb bytes.Buffer
	a := &app{stdin: strings.NewReader(""), fullLoad: true}
	code := a.execute(context.Background(), append(args, "--db", c.db), &out, &errb)
	return code, out.String(), errb.String()
}

// `sessions --json` streams: its output, errors and exit codes are those
// of the full load, byte for byte, on the corpus and on a synthetic
// conference, with every filter and order it takes, and with stars,
// ratings (the person's and another identity's) and notes in the store.
func TestSessionsJSONStreamSameAsFullLoad(t *testing.T) {
	c := newCLI(t)
	corpus, _ := filepath.Abs("../../../shared/corpus")
	var files []string
	for _, f := range []string{"frab-xml/fosdem-2026.xml", "sessionize/scottish-summit-2026.all.json", "c3voc-json/36c3-everything.pyfahrplan.json", "ical/linux-conf-au-2020.ics"} {
		if _, err := os.Stat(filepath.Join(corpus, f)); err == nil {
			files = append(files, filepath.Join(corpus, f))
		}
	}
	big := synth.Generate(3000, 5)
	f, err := os.Create(filepath.Join(t.TempDir(), "synth.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := formats.EncodeLineup(f, big); err != nil {
		t.Fatal(err)
	}
	f.Close()
	files = append(files, f.Name())
	if len(files) < 3 {
		t.Logf("corpus not present: only the synthetic conference and the built-in one")
	}
	slugs := []string{data.BuiltinSlug}
	for _, f := range files {
		if strings.Contains(f, "sessionize") {
			c.ok("import", f, "--tz", "Europe/London")
		} else {
			c.ok("import", f)
		}
		cur, err := openStore(t, c.db).Current()
		if err != nil {
			t.Fatal(err)
		}
		slugs = append(slugs, cur)
	}
	st := openStore(t, c.db)
	other := st.As("SHA256:someone-else")
	for _, slug := range slugs {
		conf, err := st.Conference(slug)
		if err != nil {
			t.Fatal(err)
		}
		ss := conf.Sessions
		// Records of the person and another identity on a spread of sessions.
		for k := 0; k < len(ss); k += max(1, len(ss)/9) {
			id := ss[k].ID
			if err := st.SetStarred(slug, id, true); err != nil {
				t.Fatal(err)
			}
			if err := st.SetRating(slug, id, 1+k%5); err != nil {
				t.Fatal(err)
			}
			if err := other.SetRating(slug, id, 5-k%3); err != nil {
				t.Fatal(err)
			}
			if k%2 == 0 {
				if err := st.SetNote(slug, id, "bring the \"laptop\" <&> \u202e"); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := other.SetRating(slug, ss[len(ss)-1].ID, 4); err != nil {
			t.Fatal(err)
		}
		mid := ss[len(ss)/2]
		pick := func(get func(*data.Session) string) string {
			for i := range ss {
				if v := get(&ss[i]); v != "" {
					return v
				}
			}
			return "nothing-like-it"
		}
		room := pick(func(s *data.Session) string { return s.Room })
		track := pick(func(s *data.Session) string { return s.Track })
		typ := pick(func(s *data.Session) string { return s.Type })
		level := pick(func(s *data.Session) string { return s.Level })
		speaker := "nobody-at-all"
		if len(conf.Speakers) > 0 {
			speaker = strings.Fields(conf.Speakers[len(conf.Speakers)/2].Name + " x")[0]
		}
		dates := conf.Dates()
		var now string
		if mid.Scheduled() {
			now = mid.Start.Add(time.Minute).Format(time.RFC3339)
		} else {
			now = "2030-01-01T00:00:00Z"
		}
		firstWord := strings.Fields(mid.Title + " x")[0]
		cases := [][]string{
			{},
			{"--sort", "time"}, {"--sort", "relevance"}, {"--sort", "rating"}, {"--sort", "title"},
			{"--room", room}, {"--room", "  " + strings.ToUpper(room) + " ", "--room", "no such room"},
			{"--track", track}, {"--type", typ}, {"--level", level},
			{"--track", track, "--type", typ, "--sort", "title"},
			{"--speaker", speaker}, {"--speaker", strings.ToUpper(speaker), "--speaker", "zzzz"},
			{"--starred"}, {"--min-rating", "3"}, {"--min-rating", "4.5", "--sort", "rating"},
			{"--starred", "--room", room},
			{"--upcoming", "--now", now}, {"--running", "--now", now}, {"--upcoming", "--starred", "--now", now},
			{"--search", firstWord}, {"--search", "laptop"}, {"--search", firstWord, "--sort", "time"},
			{"--search", "c++"}, {"--search", "track:" + strings.Fields(track + " x")[0]},
			{"--local"}, {"--local", "--room", room},
			{"--room", "nowhere"}, {"--day", "99"}, {"--min-rating", "9"}, {"--sort", "sideways"},
		}
		if len(dates) > 0 {
			cases = append(cases,
				[]string{"--day", "1"},
				[]string{"--day", dates[len(dates)-1], "--room", room},
				[]string{"--day", "1", "--search", firstWord},
			)
		}
		for _, k := range cases {
			args := append([]string{"sessions", "--json", "--conf", slug}, k...)
			code, out, errs := c.run(args...)
			wantCode, want, wantErrs := c.runFull(args...)
			if code != wantCode || errs != wantErrs {
				t.Errorf("%s %q: exit %d, stderr %q; the full load: exit %d, stderr %q", slug, k, code, errs, wantCode, wantErrs)
			}
			if out != want {
				t.Errorf("%s %q: %d bytes streamed differ from the full load's %d\n%s", slug, k, len(out), len(want), firstDiff(out, want))
			}
		}
	}
}

func openStore(t *testing.T, db string) *store.Store {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// firstDiff shows where two outputs part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return fmt.Sprintf("at byte %d:\n got  %q\n want %q", i, a[lo:min(len(a), i+80)], b[lo:min(len(b), i+80)])
}

// The streamed array is writeJSON's array of toSessionJSON, byte for byte,
// for sessions made of hostile text: controls, quotes, invalid UTF-8, bidi
// and invisible characters, U+2028, HTML's special characters.
func TestAppendSessionJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "Zürich", " ", "\"", "\\", "\x00", "\x07", "\b", "\f", "\n", "\r", "\t", "\x1b[31m", "\x7f",
		"\u0085", "\u009b", "\u200b", "\u200e", "\u202e", "\u2066", "\u2028", "\u2029", "\ufeff", "\U000e0001", "\xff", "\xe2\x80",
		"<", ">", "&", "日本語", "🎉", "\u00ad", "é", "ß", "—"}
	str := func() string {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	c := &data.Conference{Slug: "x", TimeZone: "Europe/Berlin"}
	for i := range 20 {
		c.Speakers = append(c.Speakers, data.Speaker{ID: fmt.Sprint("sp", i), Name: str(), Company: str()})
	}
	loc := c.Location()
	var ss []data.Session
	mine := map[string]data.Personal{}
	for i := range 400 {
		s := data.Session{ID: fmt.Sprint("s", i, str()), Title: str(), Subtitle: str(), Date: str(), Room: str(), Track: str(), Type: str(), Level: str()}
		if rng.IntN(4) > 0 {
			s.Start = time.Date(2026, 2, 1, 9, rng.IntN(600), rng.IntN(60), 0, loc)
			s.End = s.Start.Add(time.Duration(rng.IntN(90)) * time.Minute)
		}
		for range rng.IntN(4) {
			s.SpeakerIDs = append(s.SpeakerIDs, fmt.Sprint("sp", rng.IntN(24))) // some unknown
		}
		switch rng.IntN(4) {
		case 0:
			s.Rating = &data.Rating{Average: rng.Float64() * 5, Count: rng.IntN(50)}
		case 1:
			s.Rating = &data.Rating{Average: 10.0 / 3, Count: 3}
		}
		if rng.IntN(3) == 0 {
			s.Others = data.Tally{Count: 1 + rng.IntN(3), Sum: rng.IntN(15)}
		}
		if rng.IntN(2) == 0 {
			mine[s.ID] = data.Personal{Rating: rng.IntN(6), Starred: rng.IntN(2) == 0, Note: str()}
		}
		ss = append(ss, s)
	}
	c.Sessions = ss
	c.Prepare()
	for _, n := range []int{0, 1, 2, len(ss)} {
		var want, got bytes.Buffer
		js := make([]sessionJSON, 0, n)
		l := &jsonList{w: &got}
		for i := range n {
			s := &c.Sessions[i]
			js = append(js, toSessionJSON(c, s, mine[s.ID]))
			if err := l.add(c, s, mine[s.ID]); err != nil {
				t.Fatal(err)
			}
		}
		if err := l.close(); err != nil {
			t.Fatal(err)
		}
		if err := writeJSON(&want, js); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("%d sessions:\n%s", n, firstDiff(got.String(), want.String()))
		}
		if !json.Valid(got.Bytes()) {
			t.Fatalf("%d sessions: not valid JSON", n)
		}
	}
}

// Output up to the limit waits for flush; beyond it, it is passed on.
func TestSpillWriter(t *testing.T) {
	var dst bytes.Buffer
	w := &spillWriter{w: &dst, limit: 10}
	w.Write([]byte("12345"))
	w.Write([]byte("6789"))
	if dst.Len() != 0 {
		t.Fatalf("written before the limit: %q", dst.String())
	}
	w.Write([]byte("0abc"))
	if dst.String() != "1234567890abc" {
		t.Fatalf("at the limit: %q", dst.String())
	}
	w.Write([]byte("de"))
	if err := w.flush(); err != nil {
		t.Fatal(err)
	}
	if dst.String() != "1234567890abcde" {
		t.Fatalf("after flush: %q", dst.String())
	}
}

// The session lines, read from the search snapshot, count the ratings of
// other identities as the full load does.
func TestSessionLinesCountOthers(t *testing.T) {
	c := newCLI(t)
	st := openStore(t, c.db)
	slug, err := st.Current()
	if err != nil {
		t.Fatal(err)
	}
	conf, err := st.Conference(slug)
	if err != nil {
		t.Fatal(err)
	}
	s := conf.Sessions[0]
	if err := st.SetRating(slug, s.ID, 5); err != nil {
		t.Fatal(err)
	}
	if err := st.As("SHA256:someone-else").SetRating(slug, s.ID, 3); err != nil {
		t.Fatal(err)
	}
	avg, n := data.CombinedRating(s.Rating, data.Tally{Count: 1, Sum: 3}, 5)
	want := fmt.Sprintf("%.1f (%d)", avg, n)
	for _, args := range [][]string{{"sessions"}, {"sessions", "--search", strings.Fields(s.Title)[0]}} {
		out := c.ok(args...)
		var line string
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, s.Title[:min(len(s.Title), 20)]) {
				line = l
				break
			}
		}
		if !strings.HasSuffix(line, want) {
			t.Errorf("%q: the line of %s is %q; want the rating %q", args, s.ID, line, want)
		}
	}
}

// cellWidth and truncate give what runewidth gives, with East Asian widths
// off and on.
func TestWidthsAsRunewidth(t *testing.T) {
	pieces := []string{"a", "Zürich", " ", "\t", "\r", "\n", "\x1b", "\x7f", "\u00ad", "é", "ß", "§", "°", "\u0301", "★", "☆", "…",
		"日本語", "🎉", "👩‍💻", "🇩🇪", "\u200b", "\u200d", "한", "—", "½", "ǅ", "\u02ff", "\u0300"}
	pieces = append(pieces, "„", "“", "”", "‘", "’", "•", "–", "—", "李娜", "サンプル", "김민준", "\u1100", "\u11a8", "\u3099", "\uff21")
	rng := rand.New(rand.NewPCG(3, 4))
	old := runewidth.DefaultCondition.EastAsianWidth
	defer func() { runewidth.DefaultCondition.EastAsianWidth = old }()
	for _, ea := range []bool{false, true} {
		runewidth.DefaultCondition.EastAsianWidth = ea
		for r := rune(0); r <= 0x10ffff; r++ {
			if w, ok := quickWidth(r); ok && w != runewidth.RuneWidth(r) {
				t.Fatalf("east asian %v: quickWidth(%U) = %d, runewidth %d", ea, r, w, runewidth.RuneWidth(r))
			}
		}
		for range 3000 {
			var b strings.Builder
			for range rng.IntN(8) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			s := b.String()
			if got, want := cellWidth(s), runewidth.StringWidth(s); got != want {
				t.Fatalf("east asian %v: cellWidth(%q) = %d, runewidth %d", ea, s, got, want)
			}
			w := rng.IntN(12)
			if got, want := truncate(s, w), runewidth.Truncate(s, w, "…"); got != want {
				t.Fatalf("east asian %v: truncate(%q, %d) = %q, runewidth %q", ea, s, w, got, want)
			}
		}
	}
}

// tableReference is table as it was before it measured each cell once
// (with runewidth's widths): the reference the faster one is held to. It
// writes rows with columns aligned by display width. flex is the
// column that shrinks (and is truncated) to fit the width; the others are
// capped at caps[i] columns (0 = no cap).
func tableReference(w io.Writer, rows [][]string, caps []int, flex, total int) {
	if len(rows) == 0 {
		return
	}
	n := len(rows[0])
	widths := make([]int, n)
	for _, r := range rows {
		for i, cell := range r {
			cw := runewidth.StringWidth(text.OneLine(cell))
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
				b.WriteString(fitReference(cell, widths[i]))
			}
		}
		bw.WriteString(strings.TrimRight(b.String(), " "))
		bw.WriteByte('\n')
	}
}

// fitReference is fit as it was.
func fitReference(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if runewidth.StringWidth(s) > w {
		s = runewidth.Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", w-runewidth.StringWidth(s))
}

// table writes what it wrote before, on cells of every kind of text, with
// and without caps and a flexible column, at every width.
func TestTableAsBefore(t *testing.T) {
	pieces := []string{"a", "Hall A1", "Zürich", " ", "  ", "\t", "\n", "★★★☆☆ 3.5 (2)", "…", "–", "日本語", "🎉", "👩‍💻", "\u0301", "李娜", "\x7f", "\u2028", ""}
	rng := rand.New(rand.NewPCG(5, 6))
	cell := func() string {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 400 {
		n := 1 + rng.IntN(6)
		rows := make([][]string, rng.IntN(30))
		for r := range rows {
			rows[r] = make([]string, n)
			for i := range rows[r] {
				rows[r][i] = cell()
			}
		}
		caps := make([]int, n)
		for i := range caps {
			if rng.IntN(2) == 0 {
				caps[i] = rng.IntN(30)
			}
		}
		flex, total := rng.IntN(n+1)-1, rng.IntN(200)
		var got, want bytes.Buffer
		table(&got, rows, caps, flex, total)
		tableReference(&want, rows, caps, flex, total)
		if got.String() != want.String() {
			t.Fatalf("rows %q caps %v flex %d total %d:\n%s", rows, caps, flex, total, firstDiff(got.String(), want.String()))
		}
	}
}

// The star cache gives ratingShort's text.
func TestStarCache(t *testing.T) {
	var c starCache
	for k := range 2000 {
		s := &data.Session{Others: data.Tally{Count: k % 3, Sum: k % 11}}
		if k%4 > 0 {
			s.Rating = &data.Rating{Average: float64(k%501) / 100, Count: k % 7}
		}
		p := data.Personal{Rating: k % 6}
		if got, want := c.ratingShort(s, p), ratingShort(s, p); got != want {
			t.Fatalf("%+v %+v: %q, want %q", s, p, got, want)
		}
	}
}

type failingWriter struct{ n, limit int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n += len(p); w.n > w.limit {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

// The pipeline reports the first error of either side and stops reading
// when the output fails, without waiting for ever.
func TestPipelineErrors(t *testing.T) {
	c := &data.Conference{Slug: "x"}
	c.Prepare()
	emitted := 0
	read := func(n int, failAt int) func(emit func(*data.Session) error) error {
		emitted = 0
		return func(emit func(*data.Session) error) error {
			for i := range n {
				emitted++
				if i == failAt {
					return errors.New("session 7 is damaged")
				}
				if err := emit(&data.Session{ID: fmt.Sprint("s", i), Title: "t"}); err != nil {
					return err
				}
			}
			return nil
		}
	}
	w := &failingWriter{limit: 5000}
	err := pipeline(&jsonList{w: w}, c, nil, read(100000, -1))
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("failing output: %v", err)
	}
	if w.n > 6000 {
		t.Errorf("went on writing after the output failed: %d bytes", w.n)
	}
	if emitted > 10*256 {
		t.Errorf("went on reading after the output failed: %d sessions", emitted)
	}
	if err := pipeline(&jsonList{w: io.Discard}, c, nil, read(100000, 7)); err == nil || err.Error() != "session 7 is damaged" {
		t.Fatalf("failing read: %v", err)
	}
	var out bytes.Buffer
	if err := pipeline(&jsonList{w: &out}, c, nil, read(1000, -1)); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(out.Bytes(), &got); err != nil || len(got) != 1000 || got[999]["id"] != "s999" {
		t.Fatalf("%d sessions, %v", len(got), err)
	}
}

// A damaged session value: the stream fails as the full load does, with
// the same message, and prints nothing.
func TestSessionsJSONStreamDamagedSession(t *testing.T) {
	c := newCLI(t)
	c.db = filepath.Join(t.TempDir(), "lineup.db")
	f := filepath.Join(t.TempDir(), "s.json")
	if err := os.WriteFile(f, lineupFile(t, "dmg", "a1", "marker-b2", "c3"), 0o600); err != nil {
		t.Fatal(err)
	}
	c.ok("import", f)
	b, err := os.ReadFile(c.db)
	if err != nil {
		t.Fatal(err)
	}
	// The session value: its id, then its title's length and the title.
	val := []byte("marker-b2\x0eTalk marker-b2")
	i := bytes.Index(b, val)
	if i < 0 || bytes.Count(b, val) != 1 {
		t.Fatalf("the session value is not in the file once (%d)", bytes.Count(b, val))
	}
	b[i+len("marker-b2")] = 0x7f
	if err := os.WriteFile(c.db, b, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"sessions", "--json"}, {"sessions", "--json", "--search", "talk"}, {"sessions", "--json", "--room", "h.1302"}} {
		code, out, errs := c.run(args...)
		wantCode, want, wantErrs := c.runFull(args...)
		if code != 1 || !strings.Contains(errs, "damaged") || out != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
		if code != wantCode || errs != wantErrs || out != want {
			t.Errorf("%q: exit %d, stderr %q; the full load: exit %d, stderr %q", args, code, errs, wantCode, wantErrs)
		}
	}
}
