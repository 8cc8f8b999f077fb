package data_test

import (
	"strings"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
)

func TestDueRemindersFireOnceAndFollowAMove(t *testing.T) {
	loc := mustZone(t, "Europe/Berlin")
	kube := sess(t, loc, "kube", "Hall A1", "Kubernetes the very hard way", "", "2019-11-06 11:35", "2019-11-06 12:15")
	conf := sess(t, loc, "conf", "Hall A3", "Configuration is riskier than code", "", "2019-11-06 11:37", "2019-11-06 12:15")
	tba := data.Session{ID: "tba", Title: "No time", Date: "2019-11-06"}
	starred := []*data.Session{&conf, &kube, &tba, nil}
	fired := map[string]bool{}

	tick := func(now string, lead time.Duration) []string {
		t.Helper()
		var out []string
		for _, r := range data.DueReminders(starred, lead, instant(t, now), fired) {
			out = append(out, r.Text())
			fired[r.Key] = true
		}
		return out
	}
	if got := tick("2019-11-06T11:29:59+01:00", 0); got != nil {
		t.Errorf("before the lead: %q", got)
	}
	// 11:31 with the default five minutes: Kubernetes (11:35) is due, the
	// 11:37 session not yet.
	if got := strings.Join(tick("2019-11-06T11:31:00+01:00", 0), " | "); got != "starts in 4 min · Hall A1 · Kubernetes the very hard way" {
		t.Errorf("11:31: %q", got)
	}
	// 30 s later only the second one is new.
	if got := strings.Join(tick("2019-11-06T11:32:30+01:00", 0), " | "); got != "starts in 5 min · Hall A3 · Configuration is riskier than code" {
		t.Errorf("11:32:30: %q", got)
	}
	if got := tick("2019-11-06T11:34:00+01:00", 0); got != nil {
		t.Errorf("fired again: %q", got)
	}
	// A refresh moves Kubernetes to 11:50: its reminder is armed again and
	// fires at the new time.
	kube.Start = kube.Start.Add(15 * time.Minute)
	kube.End = kube.End.Add(15 * time.Minute)
	if got := tick("2019-11-06T11:36:00+01:00", 0); got != nil {
		t.Errorf("moved session fired early: %q", got)
	}
	if got := strings.Join(tick("2019-11-06T11:45:00+01:00", 0), " | "); got != "starts in 5 min · Hall A1 · Kubernetes the very hard way" {
		t.Errorf("after the move: %q", got)
	}
	// A session that has started is not reminded of; at its start it is.
	fired = map[string]bool{}
	if got := tick("2019-11-06T11:38:00+01:00", 0); got != nil {
		t.Errorf("started sessions: %q", got)
	}
	if got := strings.Join(tick("2019-11-06T11:50:00+01:00", 0), " | "); got != "starts now · Hall A1 · Kubernetes the very hard way" {
		t.Errorf("at the start: %q", got)
	}
	// A longer lead, soonest first.
	fired = map[string]bool{}
	kube.Start = kube.Start.Add(-15 * time.Minute)
	if got := strings.Join(tick("2019-11-06T11:20:00+01:00", 20*time.Minute), " | "); got != "starts in 15 min · Hall A1 · Kubernetes the very hard way | starts in 17 min · Hall A3 · Configuration is riskier than code" {
		t.Errorf("20 min lead: %q", got)
	}
	if k := data.ReminderKey(&kube); k != "kube@2019-11-06T10:35:00Z" {
		t.Errorf("key %q", k)
	}
}

func TestStarredSessions(t *testing.T) {
	c := builtin.Conference()
	mine := map[string]data.Personal{c.Sessions[3].ID: {Starred: true}, c.Sessions[1].ID: {Starred: true}, c.Sessions[2].ID: {Rating: 5}}
	got := data.StarredSessions(c.Sessions, mine)
	if len(got) != 2 || got[0] != &c.Sessions[1] || got[1] != &c.Sessions[3] {
		t.Errorf("starred: %v", got)
	}
	if s := data.StartsInText(&data.Session{Title: "No room"}, 90*time.Second); s != "starts in 2 min · No room" {
		t.Errorf("without a room: %q", s)
	}
}
