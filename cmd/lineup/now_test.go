package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Moments of the built-in conference (Velocity Berlin, 5–7 November 2019).
const (
	duringK8s  = "2019-11-06T11:50:00+01:00" // Kubernetes the very hard way runs 11:35–12:15
	beforeConf = "2019-11-01T09:00:00+01:00"
	afterConf  = "2019-11-08T09:00:00+01:00"
	k8sID      = "vlb19-k8s-very-hard-way"
)

func TestNowText(t *testing.T) {
	c := newCLI(t)
	c.ok("star", k8sID)
	out := c.ok("now", "--now", duringK8s)
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "Wednesday 6 November · 11:50") {
		t.Errorf("first line %q", lines[0])
	}
	// The room with the starred session comes first, with the time left.
	if !strings.HasPrefix(lines[2], "★ Hall A1") || !strings.Contains(lines[2], "Kubernetes the very hard way") || !strings.Contains(lines[2], "25 min left") {
		t.Errorf("first room line %q", lines[2])
	}
	if !strings.Contains(out, "next") || !strings.Contains(out, "in 2 h 30 min") {
		t.Errorf("no next session in\n%s", out)
	}

	// The clock comes from LINEUP_NOW as well, and --now wins over it.
	t.Setenv("LINEUP_NOW", beforeConf)
	if out := c.ok("now"); !strings.HasPrefix(out, "the conference starts in 4 days") {
		t.Errorf("before: %q", out)
	}
	if out := c.ok("now", "--now", afterConf); !strings.HasPrefix(out, "this conference is over · it ended on Thursday 7 November 2019") {
		t.Errorf("after: %q", out)
	}
}

func TestNowJSONAndRoom(t *testing.T) {
	c := newCLI(t)
	c.ok("star", k8sID)
	var got nowJSON
	if err := json.Unmarshal([]byte(c.ok("now", "--json", "--room", "hall a1", "--now", duringK8s)), &got); err != nil {
		t.Fatal(err)
	}
	if got.State != "during" || got.Day != "2019-11-06" || got.At != "2019-11-06T11:50:00+01:00" || got.Zone != "Europe/Berlin" {
		t.Errorf("header %+v", got)
	}
	if len(got.Rooms) != 1 || got.Rooms[0].Room != "Hall A1" || !got.Rooms[0].Mine {
		t.Fatalf("rooms %+v", got.Rooms)
	}
	r := got.Rooms[0]
	if r.Running == nil || r.Running.ID != k8sID || r.MinutesLeft == nil || *r.MinutesLeft != 25 || r.Progress != 0.38 {
		t.Errorf("running %+v", r)
	}
	if r.Next == nil || r.NextInMinutes == nil || *r.NextInMinutes != 150 {
		t.Errorf("next %+v", r)
	}
	if got.ForYou != nil {
		t.Errorf("the starred session has started, yet next_for_you is %v", got.ForYou.ID)
	}
	if e := c.fails(2, "now", "--room", "Nowhere"); !strings.Contains(e, `no room "Nowhere"`) {
		t.Errorf("stderr %q", e)
	}
	if e := c.fails(2, "now", "--now", "2019-11-06 11:50"); !strings.Contains(e, "no UTC offset") {
		t.Errorf("stderr %q", e)
	}
}

func TestNextExitCodes(t *testing.T) {
	c := newCLI(t)
	at := "--now=2019-11-06T11:32:00+01:00"
	// Nothing starred: the next session anywhere.
	if out := c.ok("next", at); out != "11:35 Hall A1 · Kubernetes the very hard way · in 3 min\n" &&
		out != "11:35 Hall A6 · Creating a scalable monitoring system that everyone will love · in 3 min\n" {
		t.Errorf("next: %q", out)
	}
	c.ok("star", "vlb19-config-riskier-than-code")
	if out := c.ok("next", at); !strings.HasPrefix(out, "15:50 Hall A3 · Configuration is riskier than code · in 4 h 18 min") {
		t.Errorf("next starred: %q", out)
	}
	for _, tc := range []struct {
		within string
		code   int
		out    bool
	}{{"5h", 0, true}, {"4h18m", 0, true}, {"4h", 1, false}, {"0s", 1, false}} {
		code, out, errs := c.run("next", at, "--within", tc.within)
		if code != tc.code || (out != "") != tc.out || errs != "" {
			t.Errorf("--within %s: exit %d, stdout %q, stderr %q", tc.within, code, out, errs)
		}
	}
	// After the conference nothing is to come: 1, silently.
	if code, out, errs := c.run("next", "--now", afterConf); code != 1 || out != "" || errs != "" {
		t.Errorf("after: exit %d, %q, %q", code, out, errs)
	}
	c.fails(2, "next", "--within", "-5m")
	c.fails(2, "next", "--within", "soon")
}

func TestSessionsUpcomingRunning(t *testing.T) {
	c := newCLI(t)
	all := len(c.sessions())
	running := c.sessions("--running", "--now", duringK8s)
	if len(running) != 2 {
		t.Fatalf("running at 11:50: %d sessions", len(running))
	}
	for _, s := range running {
		if s["start"] != "2019-11-06T11:35:00+01:00" {
			t.Errorf("running %v", s["title"])
		}
	}
	up := c.sessions("--upcoming", "--now", duringK8s)
	if len(up) == 0 || len(up) >= all {
		t.Errorf("upcoming: %d of %d", len(up), all)
	}
	for _, s := range up {
		if end, _ := s["end"].(string); end != "" && end <= "2019-11-06T11:50:00+01:00" {
			t.Errorf("upcoming lists %v, over at %v", s["title"], end)
		}
	}
	if n := len(c.sessions("--upcoming", "--now", beforeConf)); n != all {
		t.Errorf("before the conference %d of %d sessions are upcoming", n, all)
	}
	// After it only the sessions without a published time are left.
	for _, s := range c.sessions("--upcoming", "--now", afterConf) {
		if s["start"] != nil {
			t.Errorf("after the conference %v is upcoming", s["title"])
		}
	}
}

func TestAgendaAlarm(t *testing.T) {
	c := newCLI(t)
	c.ok("star", k8sID)
	c.ok("star", "vlb19-config-riskier-than-code")
	out := c.ok("agenda", "--ics", "--alarm", "10m")
	if n := strings.Count(out, "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT10M\r\n"); n != 2 {
		t.Errorf("%d alarms in\n%s", n, out)
	}
	if !strings.Contains(out, "DESCRIPTION:Kubernetes the very hard way\r\nEND:VALARM\r\nEND:VEVENT") {
		t.Errorf("alarm not inside its event:\n%s", out)
	}
	if strings.Contains(c.ok("agenda", "--ics"), "VALARM") {
		t.Error("an alarm without --alarm")
	}
	c.fails(2, "agenda", "--alarm", "10m")
	c.fails(2, "agenda", "--ics", "--alarm", "-1m")
}

// A Berlin conference across the end of summer time there (25 October
// 2026) seen from New York, where it ends on 1 November.
const dstConference = `{"lineup": 1, "conference": {
  "slug": "dst26", "name": "DST 2026", "start": "2026-10-24", "end": "2026-10-26",
  "timezone": "Europe/Berlin",
  "sessions": [
    {"id": "sat", "title": "Saturday morning", "date": "2026-10-24", "start": "2026-10-24T10:00:00+02:00", "end": "2026-10-24T11:00:00+02:00", "room": "A"},
    {"id": "mon", "title": "Monday morning", "date": "2026-10-26", "start": "2026-10-26T10:00:00+01:00", "end": "2026-10-26T11:00:00+01:00", "room": "A"},
    {"id": "night", "title": "Just after midnight", "date": "2026-10-26", "start": "2026-10-26T00:30:00+01:00", "end": "2026-10-26T01:00:00+01:00", "room": "A"}
  ]}}`

func TestLocalAcrossDST(t *testing.T) {
	c := newCLI(t)
	path := filepath.Join(t.TempDir(), "dst.json")
	if err := os.WriteFile(path, []byte(dstConference), 0o600); err != nil {
		t.Fatal(err)
	}
	c.ok("import", path)
	t.Setenv("TZ", "America/New_York")
	start := map[string]string{}
	date := map[string]string{}
	for _, s := range c.sessions("--local") {
		start[s["id"].(string)], date[s["id"].(string)] = s["start"].(string), s["date"].(string)
	}
	if start["sat"] != "2026-10-24T04:00:00-04:00" || start["mon"] != "2026-10-26T05:00:00-04:00" {
		t.Errorf("local starts %v", start)
	}
	// Days follow the shown zone: 00:30 Monday in Berlin is Sunday evening in New York.
	if date["night"] != "2026-10-25" || start["night"] != "2026-10-25T19:30:00-04:00" {
		t.Errorf("night session: %s on %s", start["night"], date["night"])
	}
	text := c.ok("sessions", "--local")
	for _, want := range []string{"Sat 24 Oct  04:00–05:00", "Sun 25 Oct  19:30–20:00", "Mon 26 Oct  05:00–06:00"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	// Without --local: the conference's zone.
	for _, s := range c.sessions() {
		if s["id"] == "sat" && s["start"] != "2026-10-24T10:00:00+02:00" {
			t.Errorf("conference zone: %v", s["start"])
		}
	}
	if out := c.ok("now", "--local", "--now", "2026-10-26T09:30:00Z"); !strings.Contains(out, "05:00–06:00") || strings.Contains(out, "times in") {
		t.Errorf("now --local:\n%s", out)
	}
	if out := c.ok("now", "--now", "2026-10-26T09:30:00Z"); !strings.Contains(out, "10:00–11:00") || !strings.Contains(out, "times in Europe/Berlin") {
		t.Errorf("now:\n%s", out)
	}
}
