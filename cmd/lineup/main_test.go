package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/data/text"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/storetest"
)

// cli runs lineup in-process against one store file.
type cli struct {
	t  *testing.T
	db string
}

func newCLI(t *testing.T) *cli {
	t.Helper()
	t.Setenv("LINEUP_DB", "")
	t.Setenv("COLUMNS", "")
	t.Setenv("LINEUP_NOW", "")
	return &cli{t: t, db: storetest.Path(t)}
}

// run returns the exit code, stdout and stderr.
func (c *cli) run(args ...string) (int, string, string) {
	return c.runIn("", args...)
}

func (c *cli) runIn(stdin string, args ...string) (int, string, string) {
	c.t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append(args, "--db", c.db), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// ok runs a command that must succeed and returns its stdout.
func (c *cli) ok(args ...string) string {
	c.t.Helper()
	code, out, errs := c.run(args...)
	if code != 0 {
		c.t.Fatalf("lineup %s: exit %d, stderr %q", strings.Join(args, " "), code, errs)
	}
	return out
}

// fails runs a command that must exit with code and returns its stderr,
// which must be one line starting with "lineup: ".
func (c *cli) fails(code int, args ...string) string {
	c.t.Helper()
	got, _, errs := c.run(args...)
	if got != code {
		c.t.Fatalf("lineup %s: exit %d, want %d; stderr %q", strings.Join(args, " "), got, code, errs)
	}
	if !strings.HasPrefix(errs, "lineup: ") || strings.Count(errs, "\n") != 1 {
		c.t.Errorf("lineup %s: stderr is not one clear line: %q", strings.Join(args, " "), errs)
	}
	return errs
}

func (c *cli) sessions(args ...string) []map[string]any {
	c.t.Helper()
	var out []map[string]any
	if err := json.Unmarshal([]byte(c.ok(append([]string{"sessions", "--json"}, args...)...)), &out); err != nil {
		c.t.Fatal(err)
	}
	return out
}

func byID(l []map[string]any, id string) map[string]any {
	for _, m := range l {
		if m["id"] == id {
			return m
		}
	}
	return nil
}

func TestSessionsJSONContract(t *testing.T) {
	c := newCLI(t)
	all := c.sessions()
	if len(all) != 33 {
		t.Fatalf("%d sessions, want 33", len(all))
	}
	keys := []string{"id", "title", "subtitle", "start", "end", "date", "room", "track", "type", "level", "speakers", "rating", "starred", "note"}
	for _, s := range all {
		for _, k := range keys {
			if _, ok := s[k]; !ok {
				t.Fatalf("session %v lacks %q", s["id"], k)
			}
		}
	}
	k := byID(all, "vlb19-k8s-very-hard-way")
	if k["start"] != "2019-11-06T11:35:00+01:00" || k["end"] != "2019-11-06T12:15:00+01:00" || k["date"] != "2019-11-06" {
		t.Errorf("times: %v %v %v", k["start"], k["end"], k["date"])
	}
	if k["room"] != "Hall A1" || k["level"] != "Intermediate" || k["title"] != "Kubernetes the very hard way" {
		t.Errorf("fields: %v", k)
	}
	sp := k["speakers"].([]any)
	if len(sp) != 1 || sp[0].(map[string]any)["name"] != "Laurent Bernaille" || sp[0].(map[string]any)["company"] != "Datadog" {
		t.Errorf("speakers %v", sp)
	}
	if r := k["rating"].(map[string]any); r["average"] != 4.0 || r["count"] != 4.0 || r["mine"] != 0.0 {
		t.Errorf("rating %v", r)
	}
	g := byID(all, "vlb19-gitops-101")
	if g["start"] != nil || g["end"] != nil || g["date"] != "2019-11-05" {
		t.Errorf("unscheduled: start %v end %v date %v", g["start"], g["end"], g["date"])
	}
	if g["rating"] != nil || g["starred"] != false || g["note"] != "" {
		t.Errorf("no rating should be null: %v", g["rating"])
	}
	// Programme order: by day, scheduled first.
	if all[0]["date"].(string) > all[len(all)-1]["date"].(string) {
		t.Error("not in programme order")
	}
}

func TestSessionsText(t *testing.T) {
	c := newCLI(t)
	t.Setenv("COLUMNS", "90")
	out := c.ok("sessions", "--day", "wed", "--room", "Hall A1")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want the 2 Wednesday sessions in Hall A1:\n%s", out)
	}
	if !strings.HasPrefix(lines[0], "Wed 6 Nov  11:35–12:15  Kubernetes") || !strings.Contains(lines[0], "★★★★☆ 4.0 (4)") {
		t.Errorf("line %q", lines[0])
	}
	for _, l := range lines {
		if w := len([]rune(l)); w > 90 {
			t.Errorf("line of %d columns: %q", w, l)
		}
	}
	if !strings.Contains(c.ok("sessions"), data.NotAnnounced) {
		t.Error("unscheduled sessions should say " + data.NotAnnounced)
	}
	// Filters go through data.Query: OR within a facet, AND across.
	two := c.sessions("--room", "hall a1", "--room", "Hall A6", "--day", "2019-11-06")
	for _, s := range two {
		if s["date"] != "2019-11-06" || (s["room"] != "Hall A1" && s["room"] != "Hall A6") {
			t.Errorf("filter let through %v", s)
		}
	}
	if len(two) < 3 {
		t.Errorf("%d sessions in Hall A1 or A6 on Wednesday", len(two))
	}
	rated := c.sessions("--min-rating", "4.5", "--sort", "rating")
	if len(rated) == 0 || rated[0]["rating"].(map[string]any)["average"].(float64) < 4.5 {
		t.Errorf("min-rating: %v", rated)
	}
	if hits := c.sessions("--search", "kubernetes hard"); len(hits) == 0 || hits[0]["id"] != "vlb19-k8s-very-hard-way" {
		t.Errorf("search: %v", hits)
	}
	// The query syntax: facet terms, negation, OR, anchors.
	keynotes := c.sessions("--search", "type:keynote day:thu")
	for _, h := range keynotes {
		if !strings.EqualFold(h["type"].(string), "keynote") || h["date"] != "2019-11-07" {
			t.Errorf("type:keynote day:thu gave %v", h)
		}
	}
	if len(keynotes) != 5 {
		t.Errorf("type:keynote day:thu: %d hits", len(keynotes))
	}
	if hits := c.sessions("--search", "^kubernetes !hard"); len(hits) == 0 || hits[0]["title"] != "Kubernetes at scale: The good, the bad, and the ugly" {
		t.Errorf("^kubernetes !hard: %v", hits)
	}
	if hits := c.sessions("--search", "speaker:bjorn | speaker:szczesny"); len(hits) != 2 {
		t.Errorf("speaker:bjorn | speaker:szczesny: %v", hits)
	}
	c.fails(2, "sessions", "--day", "sunday")
	c.fails(2, "sessions", "--sort", "loudness")
	c.fails(2, "sessions", "--min-rating", "abc")
	c.fails(2, "sessions", "--min-rating", "9")
}

func TestShow(t *testing.T) {
	c := newCLI(t)
	out := c.ok("show", "vlb19-k8s-very-hard-way")
	for _, want := range []string{"Kubernetes the very hard way", "Wednesday 6 November", "11:35–12:15 (40 min)", "Hall A1",
		"Intermediate", "★★★★☆ 4.00 (4 ratings)", "What you'll learn", "Prerequisites", "Laurent Bernaille, Staff Engineer", "Datadog", "Audience"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	c.ok("rate", "vlb19-k8s-very-hard-way", "5")
	c.ok("star", "vlb19-k8s-very-hard-way")
	c.ok("note", "vlb19-k8s-very-hard-way", "ask about etcd")
	out = c.ok("show", "vlb19-k8s-very-hard-way")
	for _, want := range []string{"★★★★☆ 4.20 (5 ratings)  you ★★★★★", "★ Kubernetes", "ask about etcd"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	var j map[string]any
	if err := json.Unmarshal([]byte(c.ok("show", "vlb19-k8s-very-hard-way", "--json")), &j); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "title", "start", "end", "date", "room", "track", "type", "level", "language", "speakers", "rating",
		"starred", "note", "abstract", "description", "audience", "prerequisites", "outcomes", "url", "feedback_url", "links"} {
		if _, ok := j[k]; !ok {
			t.Errorf("show --json lacks %q", k)
		}
	}
	if len(j["outcomes"].([]any)) != 3 || j["description"] == "" {
		t.Errorf("detail fields: %v", j)
	}
	sp := j["speakers"].([]any)[0].(map[string]any)
	if sp["bio"] == "" || sp["job_title"] == "" || sp["company"] != "Datadog" {
		t.Errorf("full speaker object: %v", sp)
	}
	if r := j["rating"].(map[string]any); r["mine"] != 5.0 || r["count"] != 5.0 || r["average"] != 4.2 {
		t.Errorf("rating %v", r)
	}
	msg := c.fails(1, "show", "nope")
	if !strings.Contains(msg, `"nope"`) || !strings.Contains(msg, data.BuiltinSlug) {
		t.Errorf("unknown id message %q", msg)
	}
}

func TestSpeaker(t *testing.T) {
	c := newCLI(t)
	for _, q := range []string{"Björn", "bjorn", "BJORN RAB", "rabenst", "lukasz", "Łukasz Szczęsny", "szczesny"} {
		out := c.ok("speaker", q)
		if !strings.Contains(out, "Björn Rabenstein") && !strings.Contains(out, "Łukasz Szczęsny") {
			t.Errorf("speaker %q: %s", q, out)
		}
	}
	out := c.ok("speaker", "laurent")
	if !strings.Contains(out, "Wed 6 Nov  11:35–12:15  Hall A1") || !strings.Contains(out, "Kubernetes the very hard way") {
		t.Errorf("slot: %s", out)
	}
	// Several matches are all listed.
	var many []map[string]any
	json.Unmarshal([]byte(c.ok("speaker", "an", "--json")), &many)
	if len(many) < 2 {
		t.Errorf("%d speakers match \"an\"", len(many))
	}
	for _, m := range many {
		if !strings.Contains(text.Fold(m["name"].(string)), "an") {
			t.Errorf("%v does not match", m["name"])
		}
		if _, ok := m["sessions"].([]any); !ok {
			t.Errorf("no sessions list: %v", m)
		}
	}
	// All words must match.
	if code, _, _ := c.run("speaker", "bjorn bernaille"); code != 1 {
		t.Error("words of two different speakers matched")
	}
	if msg := c.fails(1, "speaker", "nobody-here"); !strings.Contains(msg, "nobody-here") {
		t.Errorf("message %q", msg)
	}
	c.fails(2, "speaker")
	var list []speakerListJSON
	if err := json.Unmarshal([]byte(c.ok("speakers", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 34 {
		t.Errorf("%d speakers, want 34", len(list))
	}
	for i := 1; i < len(list); i++ {
		if text.Fold(list[i-1].Name) > text.Fold(list[i].Name) {
			t.Errorf("not alphabetical: %q before %q", list[i-1].Name, list[i].Name)
		}
	}
	for _, sp := range list {
		if sp.Name == "Laurent Bernaille" && (sp.Sessions != 1 || sp.Company != "Datadog") {
			t.Errorf("speaker entry %+v", sp)
		}
	}
	if speakers := c.ok("speakers"); !strings.Contains(speakers, "Laurent Bernaille") || !strings.Contains(speakers, "1 session") {
		t.Errorf("speakers text:\n%s", speakers)
	}
}

func TestExitCodes(t *testing.T) {
	c := newCLI(t)
	for _, tc := range []struct {
		code int
		args []string
	}{
		{0, []string{"sessions"}},
		{0, []string{"conferences"}},
		{0, []string{"--help"}},
		{1, []string{"show", "nope"}},
		{1, []string{"rate", "nope", "3"}},
		{1, []string{"--conf", "nope", "sessions"}},
		{2, []string{"bogus"}},
		{2, []string{"sessions", "--bogus"}},
		{2, []string{"show"}},
		{2, []string{"show", "a", "b"}},
		{2, []string{"rate", "vlb19-gitops-101"}},
		{2, []string{"rate", "vlb19-gitops-101", "6"}},
		{2, []string{"rate", "vlb19-gitops-101", "three"}},
		{2, []string{"import", "x", "--format", "yaml"}},
		{2, []string{"agenda", "--json", "--ics"}},
		{2, []string{}}, // not a terminal
	} {
		if tc.code == 0 {
			c.ok(tc.args...)
		} else {
			c.fails(tc.code, tc.args...)
		}
	}
	_, _, errs := c.run()
	if !strings.Contains(errs, "stdout is not a terminal") || !strings.Contains(errs, "lineup sessions") {
		t.Errorf("hint %q", errs)
	}
}

func TestPersonalRoundTrip(t *testing.T) {
	c := newCLI(t)
	id := "vlb19-gitops-101"
	if out := c.ok("rate", id, "4"); !strings.Contains(out, "GitOps 101") {
		t.Errorf("confirmation %q", out)
	}
	c.ok("star", id)
	c.ok("note", id, "bring laptop")
	s := byID(c.sessions(), id)
	r, _ := s["rating"].(map[string]any)
	if r == nil || r["mine"] != 4.0 || r["average"] != 4.0 || r["count"] != 1.0 || s["starred"] != true || s["note"] != "bring laptop" {
		t.Fatalf("after rate/star/note: %v", s)
	}
	k := byID(c.sessions("--starred"), id)
	if k == nil {
		t.Error("--starred misses the starred session")
	}
	c.ok("rate", id, "0")
	c.ok("unstar", id)
	c.ok("note", id, "")
	s = byID(c.sessions(), id)
	if s["rating"] != nil || s["starred"] != false || s["note"] != "" {
		t.Errorf("after clearing: %v", s)
	}
	st, _ := store.Open(c.db)
	if p, _ := st.Personal(data.BuiltinSlug); len(p) != 0 {
		t.Errorf("records left: %v", p)
	}

	// Unknown ids are refused with the id and the conference named…
	msg := c.fails(1, "star", "ghost")
	if !strings.Contains(msg, `"ghost"`) || !strings.Contains(msg, data.BuiltinSlug) {
		t.Errorf("message %q", msg)
	}
	c.fails(1, "note", "ghost", "x")
	// …but an orphan with personal data can be changed (as in the TUI) and
	// cleaned up.
	st.SetRating(data.BuiltinSlug, "ghost", 3)
	st.SetStarred(data.BuiltinSlug, "ghost", true)
	st.SetNote(data.BuiltinSlug, "ghost", "old")
	c.ok("rate", "ghost", "5")
	if p, _ := st.Personal(data.BuiltinSlug); p["ghost"].Rating != 5 {
		t.Errorf("orphan not re-rated: %+v", p["ghost"])
	}
	c.ok("rate", "ghost", "0")
	c.ok("unstar", "ghost")
	c.ok("note", "ghost", "")
	if p, _ := st.Personal(data.BuiltinSlug); len(p) != 0 {
		t.Errorf("orphan not cleaned: %v", p)
	}
}

func TestAgenda(t *testing.T) {
	c := newCLI(t)
	if out := c.ok("agenda"); !strings.Contains(out, "Nothing starred") {
		t.Errorf("empty agenda: %q", out)
	}
	for _, id := range []string{"vlb19-k8s-very-hard-way", "vlb19-sre-classroom", "vlb19-gitops-101"} {
		c.ok("star", id)
	}
	// Two sessions at the same time clash.
	all := c.sessions("--day", "2019-11-06")
	var clash string
	for _, s := range all {
		if s["start"] == "2019-11-06T11:35:00+01:00" && s["id"] != "vlb19-k8s-very-hard-way" {
			clash = s["id"].(string)
		}
	}
	if clash == "" {
		t.Fatal("no session beside Kubernetes the very hard way")
	}
	c.ok("star", clash)
	var ag agendaJSON
	if err := json.Unmarshal([]byte(c.ok("agenda", "--json")), &ag); err != nil {
		t.Fatal(err)
	}
	if len(ag.Days) != 2 || len(ag.Unscheduled) != 1 || ag.Unscheduled[0].ID != "vlb19-gitops-101" {
		t.Fatalf("agenda %+v", ag)
	}
	wed := ag.Days[1]
	if len(wed.Items) != 2 || len(wed.Items[0].Clashes) != 1 || wed.BookedMinutes != 40 {
		t.Errorf("Wednesday %+v", wed)
	}
	text := c.ok("agenda")
	if !strings.Contains(text, "⚠ clashes with") || !strings.Contains(text, "time not announced") {
		t.Errorf("agenda text:\n%s", text)
	}
	ics := c.ok("agenda", "--ics")
	if !strings.HasPrefix(ics, "BEGIN:VCALENDAR\r\n") || strings.Count(ics, "BEGIN:VEVENT") != 3 {
		t.Errorf("ics:\n%s", ics)
	}
	file := filepath.Join(t.TempDir(), "a.ics")
	c.ok("agenda", "--ics", "-o", file)
	if b, err := os.ReadFile(file); err != nil || string(b) != ics {
		// DTSTAMP may tick over a second; compare without it.
		strip := func(s string) string {
			var keep []string
			for _, l := range strings.Split(s, "\r\n") {
				if !strings.HasPrefix(l, "DTSTAMP") {
					keep = append(keep, l)
				}
			}
			return strings.Join(keep, "\n")
		}
		if strip(string(b)) != strip(ics) {
			t.Errorf("-o wrote something else: %v", err)
		}
	}
}

// lineupFile writes a small conference in lineup's own format.
func lineupFile(t *testing.T, slug string, sessions ...string) []byte {
	t.Helper()
	loc, _ := time.LoadLocation("Europe/Brussels")
	c := &data.Conference{Slug: slug, Name: "Test Conf", TimeZone: "Europe/Brussels",
		Speakers: []data.Speaker{{ID: "jm", Name: "Jörg Müller", Company: "ACME"}}}
	for i, id := range sessions {
		start := time.Date(2026, 2, 1, 9+i, 0, 0, 0, loc)
		c.Sessions = append(c.Sessions, data.Session{ID: id, Title: "Talk " + id, Date: "2026-02-01",
			Start: start, End: start.Add(50 * time.Minute), Room: "H.1302", SpeakerIDs: []string{"jm"}})
	}
	var b bytes.Buffer
	if err := formats.EncodeLineup(&b, c); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func confCount(t *testing.T, c *cli) int {
	var l []map[string]any
	if err := json.Unmarshal([]byte(c.ok("conferences", "--json")), &l); err != nil {
		t.Fatal(err)
	}
	return len(l)
}

func TestImportFileAndReplace(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	p := filepath.Join(dir, "conf.json")
	os.WriteFile(p, lineupFile(t, "testconf", "a", "b", "c"), 0o644)
	out := c.ok("import", p)
	for _, want := range []string{"Imported Test Conf (testconf)", "1 day", "1 room", "3 sessions", "1 speaker"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	// The import became current; --conf does not change it.
	if s := c.sessions(); len(s) != 3 || s[0]["start"] != "2026-02-01T09:00:00+01:00" {
		t.Errorf("current after import: %v", s)
	}
	c.ok("--conf", data.BuiltinSlug, "sessions")
	if s := c.sessions(); len(s) != 3 {
		t.Error("--conf changed the current conference")
	}
	if out := c.ok("speaker", "muller"); !strings.Contains(out, "Jörg Müller, ACME") {
		t.Errorf("speaker: %s", out)
	}
	c.ok("rate", "b", "5")
	os.WriteFile(p, lineupFile(t, "testconf", "a", "c", "d"), 0o644)
	out = c.ok("import", p)
	for _, want := range []string{"1 added, 1 removed", "kept your data on 1 session no longer in the schedule: b"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	var ag agendaJSON
	json.Unmarshal([]byte(c.ok("agenda", "--json")), &ag)
	if len(ag.Orphans) != 1 || ag.Orphans[0] != "b" {
		t.Errorf("orphans in agenda: %v", ag.Orphans)
	}
	var confs []conferenceJSON
	json.Unmarshal([]byte(c.ok("conferences", "--json")), &confs)
	if len(confs) != 2 {
		t.Fatalf("conferences %+v", confs)
	}
	for _, ci := range confs {
		if ci.Current != (ci.Slug == "testconf") || ci.ImportedAt.IsZero() {
			t.Errorf("conference %+v", ci)
		}
	}
	if !strings.Contains(c.ok("conferences"), "*  testconf") {
		t.Error("current not marked")
	}

	// Failures write nothing.
	before, _ := os.ReadFile(c.db)
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"lineup": 1, "conference": {`), 0o644)
	if msg := c.fails(1, "import", bad); !strings.Contains(msg, "bad.json") {
		t.Errorf("message %q", msg)
	}
	c.fails(1, "import", filepath.Join(dir, "missing.xml"))
	big := filepath.Join(dir, "big.xml")
	f, _ := os.Create(big)
	f.Truncate(formats.MaxImportSize + 1)
	f.Close()
	if msg := c.fails(1, "import", big); !strings.Contains(msg, "256 MiB") {
		t.Errorf("message %q", msg)
	}
	if after, _ := os.ReadFile(c.db); !bytes.Equal(before, after) {
		t.Error("a failed import changed the store")
	}
}

func TestImportURL(t *testing.T) {
	c := newCLI(t)
	body := lineupFile(t, "webconf", "x", "y")
	mux := http.NewServeMux()
	mux.HandleFunc("/ok.json", func(w http.ResponseWriter, r *http.Request) { w.Write(body) })
	mux.HandleFunc("/big.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(formats.MaxImportSize+10))
		w.WriteHeader(200)
	})
	mux.HandleFunc("/endless.json", func(w http.ResponseWriter, r *http.Request) {
		chunk := bytes.Repeat([]byte(" "), 1<<20)
		for i := 0; i < formats.MaxImportSize>>20+6; i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/slow.json", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	out := c.ok("import", srv.URL+"/ok.json")
	if !strings.Contains(out, "Imported Test Conf (webconf) from "+srv.URL+"/ok.json") {
		t.Errorf("summary %q", out)
	}
	n := confCount(t, c)
	if msg := c.fails(1, "import", srv.URL+"/missing.json"); !strings.Contains(msg, "404") {
		t.Errorf("404 message %q", msg)
	}
	if msg := c.fails(1, "import", srv.URL+"/big.json"); !strings.Contains(msg, "more than the 256 MiB lineup reads") {
		t.Errorf("too large message %q", msg)
	}
	if msg := c.fails(1, "import", srv.URL+"/endless.json"); !strings.Contains(msg, "larger than the 256 MiB lineup reads") {
		t.Errorf("endless message %q", msg)
	}
	shortStall(t, 200*time.Millisecond)
	if msg := c.fails(1, "import", srv.URL+"/slow.json"); !strings.Contains(msg, "stalled") {
		t.Errorf("timeout message %q", msg)
	}
	if got := confCount(t, c); got != n {
		t.Errorf("failed imports changed the conferences: %d, want %d", got, n)
	}
}

func TestRemove(t *testing.T) {
	c := newCLI(t)
	c.ok("rate", "vlb19-gitops-101", "5")
	if msg := c.fails(2, "remove", data.BuiltinSlug); !strings.Contains(msg, "--yes") {
		t.Errorf("message %q", msg)
	}
	c.fails(1, "remove", "nope", "--yes")
	c.ok("remove", data.BuiltinSlug, "--yes")
	if confCount(t, c) != 0 {
		t.Error("not removed")
	}
	st, _ := store.Open(c.db)
	if p, _ := st.Personal(data.BuiltinSlug); p["vlb19-gitops-101"].Rating != 5 {
		t.Error("remove without --purge lost personal data")
	}
	c.fails(1, "sessions")
	c.ok("remove", data.BuiltinSlug, "--yes", "--purge")
	if p, _ := st.Personal(data.BuiltinSlug); len(p) != 0 {
		t.Error("--purge kept personal data")
	}
}

func TestImportSummaryWarnings(t *testing.T) {
	c := builtin.Conference()
	res := &formats.Result{Conference: c, Format: formats.FormatLineup}
	for i := 0; i < 25; i++ {
		res.Warnings = append(res.Warnings, fmt.Sprintf("warning number %d", i+1))
	}
	var b bytes.Buffer
	writeImportSummary(&b, res, store.Change{Added: 1, Removed: 2, Changed: 3, Unchanged: 27, Orphans: []string{"x"}})
	out := b.String()
	for _, want := range []string{"4 days (4–7 November 2019)", "33 sessions", "34 speakers", "1 added, 2 removed, 3 changed, 27 unchanged",
		"kept your data on 1 session no longer in the schedule: x", "25 warnings", "warning number 20\n", "… and 5 more"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "warning number 21") {
		t.Errorf("more than 20 warnings printed:\n%s", out)
	}
}

func TestWrap(t *testing.T) {
	got := wrap("the quick brown fox jumps over the lazy dog\n\nÜberlänge ünd wörter", 12)
	want := "the quick\nbrown fox\njumps over\nthe lazy dog\n\nÜberlänge\nünd wörter"
	if got != want {
		t.Errorf("wrap:\n%s\nwant\n%s", got, want)
	}
}

func TestStoreErrors(t *testing.T) {
	c := newCLI(t)
	c.db = filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(c.db, []byte("not a database\n"), 0o644)
	if msg := c.fails(1, "sessions"); !strings.Contains(msg, "not a lineup store") || !strings.Contains(msg, c.db) {
		t.Errorf("message %q", msg)
	}
}

func TestImportOddSources(t *testing.T) {
	c := newCLI(t)
	if msg := c.fails(1, "import", "ftp://127.0.0.1/schedule.xml"); !strings.Contains(msg, "http and https") {
		t.Errorf("ftp: %q", msg)
	}
	// A fixed offset is a time zone too.
	path := filepath.Join(t.TempDir(), "s.json")
	os.WriteFile(path, []byte(`{"sessions": [{"id": "1", "title": "T", "startsAt": "2026-03-28T09:30:00", "endsAt": "2026-03-28T10:00:00", "speakers": [], "categoryItems": [], "roomId": 1}], "speakers": [], "categories": [], "rooms": [{"id": 1, "name": "A"}]}`), 0o600)
	c.ok("import", path, "--tz", "+05:30", "--slug", "offset")
	s := c.sessions("--conf", "offset")
	if len(s) != 1 || s[0]["start"] != "2026-03-28T09:30:00+05:30" {
		t.Errorf("sessions %v", s)
	}
}
