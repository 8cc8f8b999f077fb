package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/refresh"
)

// shortStall makes downloads give up after d without data, for this test.
func shortStall(t *testing.T, d time.Duration) {
	t.Helper()
	old := newGetter
	newGetter = func() refresh.Getter {
		c := refresh.NewClient()
		c.StallTimeout = d
		c.ConnectTimeout = d
		return c
	}
	t.Cleanup(func() { newGetter = old })
}

// publisher serves one schedule version after another, like a conference's
// server: with or without an ETag, or failing in the ways venue wifi does.
type publisher struct {
	mu   sync.Mutex
	body []byte
	etag string
	mode string // "", "500", "truncated", "stall", "trickle"
	hits int
}

func (p *publisher) set(body []byte, etag, mode string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.body, p.etag, p.mode = body, etag, mode
}

func (p *publisher) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	body, etag, mode := p.body, p.etag, p.mode
	p.hits++
	p.mu.Unlock()
	switch mode {
	case "500":
		http.Error(w, "boom", http.StatusInternalServerError)
		return
	case "truncated":
		w.Header().Set("Content-Length", "100000")
		w.Write(body[:len(body)/2])
		return
	case "stall":
		w.Write(body[:10])
		w.(http.Flusher).Flush()
		<-r.Context().Done()
		return
	case "trickle":
		for i := 0; i < len(body); i += len(body)/8 + 1 {
			w.Write(body[i:min(len(body), i+len(body)/8+1)])
			w.(http.Flusher).Flush()
			time.Sleep(30 * time.Millisecond)
		}
		return
	}
	if etag != "" {
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.Write(body)
}

// scheduleVersion builds a lineup file of sessions a, b, c, d as given by edit.
func scheduleVersion(t *testing.T, edit func(c *data.Conference)) []byte {
	t.Helper()
	var c data.Conference
	if err := json.Unmarshal(lineupFile(t, "live", "a", "b", "c"), &struct {
		Conference *data.Conference `json:"conference"`
	}{&c}); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(&c)
	}
	var b bytes.Buffer
	if err := formats.EncodeLineup(&b, &c); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRefreshCLI(t *testing.T) {
	c := newCLI(t)
	shortStall(t, time.Second)
	pub := &publisher{}
	v1 := scheduleVersion(t, nil)
	pub.set(v1, `"v1"`, "")
	srv := httptest.NewServer(pub)
	defer srv.Close()
	url := strings.Replace(srv.URL, "http://", "http://user:secret@", 1) + "/schedule.json"

	c.ok("import", url, "--name", "Live Conf")
	st, err := store.Open(c.db)
	if err != nil {
		t.Fatal(err)
	}
	src, err := st.Source("live")
	if err != nil || src == nil {
		t.Fatalf("source %+v, %v", src, err)
	}
	if strings.Contains(src.URL, "secret") || src.Name != "Live Conf" || src.Validators.ETag != `"v1"` {
		t.Errorf("source %+v", src)
	}
	if out := c.ok("conferences"); strings.Contains(out, "secret") {
		t.Errorf("credentials shown: %s", out)
	}
	c.ok("star", "b")
	c.ok("star", "a")
	c.ok("star", "c")
	c.ok("rate", "c", "4")

	if out := c.ok("refresh"); !strings.Contains(out, "live: unchanged") {
		t.Errorf("304 refresh said %q", out)
	}
	// The same body without validators is unchanged too.
	pub.set(v1, "", "")
	if out := c.ok("refresh", "live"); !strings.Contains(out, "live: unchanged") {
		t.Errorf("same-body refresh said %q", out)
	}
	before, _ := st.Conference("live")

	// Failures keep the stored schedule exactly as it was.
	for _, mode := range []string{"500", "truncated", "stall", "garbage"} {
		if mode == "garbage" {
			pub.set([]byte(`{"lineup": 1, "conference": {`), "", "")
		} else {
			pub.set(v1, "", mode)
		}
		msg := c.fails(1, "refresh")
		if !strings.Contains(msg, "kept the schedule from") || strings.Contains(msg, "secret") {
			t.Errorf("%s: message %q", mode, msg)
		}
		after, _ := st.Conference("live")
		if !reflect.DeepEqual(before, after) {
			t.Errorf("%s: the stored schedule changed", mode)
		}
	}
	if h, _ := st.ChangeHistory("live"); len(h.Sets) != 0 {
		t.Errorf("failed or unchanged refreshes recorded %d change sets", len(h.Sets))
	}

	// A new version, trickled slowly: b moves, a is cancelled, c leaves, d
	// arrives.
	v2 := scheduleVersion(t, func(conf *data.Conference) {
		conf.Sessions[0].Title = "CANCELLED: " + conf.Sessions[0].Title
		conf.Sessions[1].Start = conf.Sessions[1].Start.Add(2 * time.Hour)
		conf.Sessions[1].End = conf.Sessions[1].End.Add(2 * time.Hour)
		conf.Sessions[2].ID, conf.Sessions[2].Title = "d", "Talk d"
	})
	pub.set(v2, `"v2"`, "trickle")
	out := c.ok("refresh")
	for _, want := range []string{"live: updated: 1 cancelled, 1 moved, 1 added, 1 removed", "★ moved Talk b: start Sun 10:00 → Sun 12:00", "★ cancelled Talk a", "★ removed Talk c"} {
		if !strings.Contains(out, want) {
			t.Errorf("refresh output lacks %q:\n%s", want, out)
		}
	}

	var list []map[string]any
	if err := json.Unmarshal([]byte(c.ok("changes", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 4 || list[0]["starred"] != true || list[3]["id"] != "d" {
		t.Fatalf("changes --json %v", list)
	}
	for _, it := range list {
		if it["id"] == "b" {
			f := it["fields"].(map[string]any)["start"].([]any)
			if !strings.HasSuffix(f[0].(string), "T10:00:00+01:00") || !strings.HasSuffix(f[1].(string), "T12:00:00+01:00") {
				t.Errorf("b start %v", f)
			}
		}
		if it["id"] == "c" && (it["rated"] != true || it["title"] != "Talk c" || it["kind"] != "removed") {
			t.Errorf("removed c %v", it)
		}
	}
	if out := c.ok("changes", "--starred"); strings.Contains(out, "Talk d") || !strings.Contains(out, "★ moved     Talk b") {
		t.Errorf("changes --starred:\n%s", out)
	}
	if out := c.ok("changes", "--since", "2026-01-01T00:00:00Z", "--json"); !strings.Contains(out, `"kind": "moved"`) {
		t.Errorf("changes --since: %s", out)
	}
	c.fails(2, "changes", "--since", "yesterday-ish")

	// Personal data follows identity: the removed session keeps its stars
	// and rating.
	if p, _ := st.Personal("live"); !p["c"].Starred || p["c"].Rating != 4 {
		t.Errorf("personal data of a removed session: %+v", p["c"])
	}

	ics := c.ok("agenda", "--ics")
	events := strings.Split(ics, "BEGIN:VEVENT")
	find := func(id string) string {
		for _, e := range events {
			if strings.Contains(e, "UID:"+id+"@live.lineup") {
				return e
			}
		}
		t.Fatalf("no event %s in\n%s", id, ics)
		return ""
	}
	if e := find("b"); !strings.Contains(e, "SEQUENCE:1\r\n") || strings.Contains(e, "STATUS:CANCELLED") {
		t.Errorf("moved event:\n%s", e)
	}
	for _, id := range []string{"a", "c"} {
		if e := find(id); !strings.Contains(e, "STATUS:CANCELLED\r\n") || !strings.Contains(e, "SEQUENCE:1\r\n") {
			t.Errorf("cancelled/removed event %s:\n%s", id, e)
		}
	}
}

func TestRefreshAll(t *testing.T) {
	c := newCLI(t)
	shortStall(t, time.Second)
	good, bad := &publisher{}, &publisher{}
	good.set(lineupFile(t, "one", "a"), "", "")
	bad.set(lineupFile(t, "two", "a"), "", "")
	s1, s2 := httptest.NewServer(good), httptest.NewServer(bad)
	defer s1.Close()
	defer s2.Close()
	c.ok("import", s1.URL+"/s.json")
	c.ok("import", s2.URL+"/s.json")
	if out := c.ok("refresh", "--all"); !strings.Contains(out, "one: unchanged") || !strings.Contains(out, "two: unchanged") {
		t.Errorf("refresh --all: %q", out)
	}
	bad.set(nil, "", "500")
	code, out, errs := c.run("refresh", "--all")
	if code != 1 || !strings.Contains(out, "one: unchanged") || !strings.Contains(errs, "refreshing two") || !strings.Contains(errs, "1 of 2 conferences") {
		t.Errorf("refresh --all with a failure: %d %q %q", code, out, errs)
	}
	if msg := c.fails(1, "refresh", data.BuiltinSlug); !strings.Contains(msg, "not imported from a URL") {
		t.Errorf("built-in refresh: %q", msg)
	}
	c.fails(2, "refresh", "one", "--all")
}
