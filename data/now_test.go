package data_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
)

// twoDays is a small conference in Berlin over 5 and 6 November 2026: a
// night session crossing midnight, a break, overlapping entries in M1, an
// unscheduled session and a room the conference does not list.
func twoDays(t *testing.T) *data.Conference {
	loc := mustZone(t, "Europe/Berlin")
	c := &data.Conference{
		Slug: "demo", Name: "Demo", TimeZone: "Europe/Berlin", Start: "2026-11-05", End: "2026-11-06",
		Rooms: []data.Room{{Name: "Hall A1"}, {Name: "Hall A3"}, {Name: "M1"}},
		Sessions: []data.Session{
			sess(t, loc, "open", "Hall A1", "Opening", "", "2026-11-05 10:00", "2026-11-05 10:40"),
			sess(t, loc, "kube", "Hall A1", "Kubernetes the very hard way", "", "2026-11-05 11:00", "2026-11-05 11:40"),
			sess(t, loc, "conf", "Hall A3", "Configuration is riskier than code", "", "2026-11-05 10:00", "2026-11-05 11:00"),
			sess(t, loc, "shop", "M1", "Workshop", "", "2026-11-05 10:30", "2026-11-05 12:30"),
			sess(t, loc, "light", "M1", "Lightning talks", "", "2026-11-05 11:00", "2026-11-05 11:30"),
			sess(t, loc, "lunch", "Hall A3", "Afternoon talk", "", "2026-11-05 14:00", "2026-11-05 15:00"),
			// The night belongs to the first day, as frab's day_change files it.
			sess(t, loc, "night", "Hall A1", "Midnight show", "2026-11-05", "2026-11-05 23:30", "2026-11-06 00:30"),
			sess(t, loc, "day2", "Hall A1", "Day two keynote", "", "2026-11-06 10:00", "2026-11-06 11:00"),
			sess(t, loc, "side", "Side room", "Unlisted room", "", "2026-11-06 10:30", "2026-11-06 11:00"),
			sess(t, loc, "last", "Hall A3", "Closing", "", "2026-11-06 16:00", "2026-11-06 17:00"),
			{ID: "tba", Title: "Time to be announced", Date: "2026-11-05", Room: "Hall A1"},
		},
	}
	c.Prepare()
	return c
}

func roomNames(rs []data.RoomNow) string {
	var b []string
	for _, r := range rs {
		b = append(b, r.Room)
	}
	return strings.Join(b, ", ")
}

func idOf(s *data.Session) string {
	if s == nil {
		return "-"
	}
	return s.ID
}

func roomOf(t *testing.T, n data.NowNext, name string) data.RoomNow {
	t.Helper()
	for _, r := range n.Rooms {
		if r.Room == name {
			return r
		}
	}
	t.Fatalf("room %q not listed (%s)", name, roomNames(n.Rooms))
	return data.RoomNow{}
}

func TestNowAndNextStates(t *testing.T) {
	c := twoDays(t)
	disp := data.NewDisplay(c, false, mustZone(t, "Europe/Berlin"))
	mine := map[string]data.Personal{"lunch": {Starred: true}, "light": {Rating: 4}, "tba": {Starred: true}}
	cases := []struct {
		now                 string
		state               data.NowState
		day, next, forYou   string
		rooms               string
		headline, forYouTxt string
	}{
		{now: "2026-11-05T08:00:00+01:00", state: data.Before, day: "2026-11-05", next: "open", forYou: "lunch",
			rooms:    "Hall A3, M1, Hall A1", // rated and starred rooms of the day first
			headline: "the conference starts in 2 h · Thursday 5 November 10:00", forYouTxt: "next for you: 14:00 Hall A3 · Afternoon talk · in 6 h"},
		{now: "2026-11-05T10:20:00+01:00", state: data.During, day: "2026-11-05", next: "shop", forYou: "lunch",
			rooms: "Hall A3, M1, Hall A1"},
		{now: "2026-11-05T12:45:00+01:00", state: data.During, day: "2026-11-05", next: "lunch", forYou: "lunch", // a break
			rooms: "Hall A3, Hall A1", forYouTxt: "next for you: 14:00 Hall A3 · Afternoon talk · in 1 h 15 min"},
		{now: "2026-11-06T00:10:00+01:00", state: data.During, day: "2026-11-05", next: "day2", // across midnight
			rooms: "Hall A1"},
		{now: "2026-11-06T03:00:00+01:00", state: data.BetweenDays, day: "2026-11-06", next: "day2",
			rooms: "Hall A1, Hall A3, Side room", headline: "the next day starts in 7 h · Friday 6 November 10:00"},
		{now: "2026-11-06T17:00:00+01:00", state: data.After, day: "2026-11-06", next: "-",
			headline: "this conference is over · it ended on Friday 6 November 2026"},
	}
	for _, tc := range cases {
		n := data.NowAndNext(c, nil, mine, instant(t, tc.now), disp)
		if n.State != tc.state || n.Day != tc.day || idOf(n.Next) != tc.next || idOf(n.ForYou) != orDash(tc.forYou) {
			t.Errorf("%s: %v day %s next %s for you %s; want %v %s %s %s", tc.now, n.State, n.Day, idOf(n.Next), idOf(n.ForYou), tc.state, tc.day, tc.next, orDash(tc.forYou))
		}
		if got := roomNames(n.Rooms); got != tc.rooms {
			t.Errorf("%s: rooms %q, want %q", tc.now, got, tc.rooms)
		}
		if got := n.Headline(disp); got != tc.headline {
			t.Errorf("%s: headline %q, want %q", tc.now, got, tc.headline)
		}
		if tc.forYouTxt != "" {
			if got := n.ForYouText(disp); got != tc.forYouTxt {
				t.Errorf("%s: %q, want %q", tc.now, got, tc.forYouTxt)
			}
		}
		if n.LastDate != "2026-11-06" {
			t.Errorf("%s: last date %q", tc.now, n.LastDate)
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func TestNowAndNextRooms(t *testing.T) {
	c := twoDays(t)
	disp := data.NewDisplay(c, false, nil)
	mine := map[string]data.Personal{"light": {Rating: 4}}

	n := data.NowAndNext(c, nil, mine, instant(t, "2026-11-05T10:20:00+01:00"), disp)
	a1 := roomOf(t, n, "Hall A1")
	if idOf(a1.Running) != "open" || a1.Progress != 0.5 || a1.Left != 20*time.Minute || idOf(a1.Next) != "kube" || a1.NextIn != 40*time.Minute {
		t.Errorf("Hall A1: %+v", a1)
	}
	if got := data.LeftText(a1.Left); got != "20 min left" {
		t.Errorf("left %q", got)
	}
	if m1 := roomOf(t, n, "M1"); m1.Running != nil || idOf(m1.Next) != "shop" || !m1.Mine {
		t.Errorf("M1 before its first session: %+v", m1)
	}

	// 11:10: the workshop and the lightning talks overlap in M1. The rated
	// one is shown as running, the other is kept beside it.
	n = data.NowAndNext(c, nil, mine, instant(t, "2026-11-05T11:10:00+01:00"), disp)
	m1 := roomOf(t, n, "M1")
	if idOf(m1.Running) != "light" || len(m1.AlsoRunning) != 1 || m1.AlsoRunning[0].ID != "shop" || m1.Left != 20*time.Minute {
		t.Errorf("M1 overlap: running %s also %v left %v", idOf(m1.Running), m1.AlsoRunning, m1.Left)
	}
	// Without a rating, the one that started last is the one shown.
	n = data.NowAndNext(c, nil, nil, instant(t, "2026-11-05T11:10:00+01:00"), disp)
	if m1 := roomOf(t, n, "M1"); idOf(m1.Running) != "light" || m1.Mine {
		t.Errorf("M1 overlap, nothing mine: %s", idOf(m1.Running))
	}
	if got := roomNames(n.Rooms); got != "Hall A1, Hall A3, M1" {
		t.Errorf("conference order without personal data: %s", got)
	}

	// Across midnight: the night show runs at 00:10 in Hall A1.
	n = data.NowAndNext(c, nil, nil, instant(t, "2026-11-06T00:10:00+01:00"), disp)
	a1 = roomOf(t, n, "Hall A1")
	if idOf(a1.Running) != "night" || math.Abs(a1.Progress-40.0/60) > 1e-9 || a1.Left != 20*time.Minute || idOf(a1.Next) != "day2" {
		t.Errorf("midnight: %+v", a1)
	}
	if got := data.UpNextText(a1.Next, n.At, disp); got != "10:00 Hall A1 · Day two keynote · in 9 h 50 min" {
		t.Errorf("next after midnight: %q", got)
	}
	if got := data.UpNextText(a1.Next, instant(t, "2026-11-05T10:20:00+01:00"), disp); got != "Fri 10:00 Hall A1 · Day two keynote · in 23 h 40 min" {
		t.Errorf("next on another day: %q", got)
	}
	if got := data.UpNextText(a1.Next, instant(t, "2026-10-20T10:00:00+02:00"), disp); got != "Fri 6 Nov 10:00 Hall A1 · Day two keynote · in 17 days 1 h" {
		t.Errorf("next weeks ahead: %q", got)
	}

	// The sessions given are the ones considered: one room only.
	only := []data.Session{*c.Session("conf"), *c.Session("lunch")}
	n = data.NowAndNext(c, only, nil, instant(t, "2026-11-05T10:20:00+01:00"), disp)
	if got := roomNames(n.Rooms); got != "Hall A3" {
		t.Errorf("one room: %s", got)
	}

	// No published time anywhere.
	empty := &data.Conference{Sessions: []data.Session{{ID: "x", Date: "2026-11-05"}}}
	n = data.NowAndNext(empty, nil, nil, instant(t, "2026-11-05T10:20:00+01:00"), data.Display{})
	if n.State != data.NoProgramme || n.Rooms != nil || n.Headline(data.Display{}) != "no session has a published time" {
		t.Errorf("no programme: %+v", n)
	}
}

func TestRunningEndedUpcoming(t *testing.T) {
	c := twoDays(t)
	s := c.Session("open") // 10:00–10:40
	tba := c.Session("tba")
	for _, tc := range []struct {
		now                      string
		running, ended, upcoming bool
	}{
		{"2026-11-05T09:59:59+01:00", false, false, true},
		{"2026-11-05T10:00:00+01:00", true, false, true},
		{"2026-11-05T10:39:59+01:00", true, false, true},
		{"2026-11-05T10:40:00+01:00", false, true, false},
	} {
		now := instant(t, tc.now)
		if data.Running(s, now) != tc.running || data.Ended(s, now) != tc.ended || data.Upcoming(s, now) != tc.upcoming {
			t.Errorf("%s: running %v ended %v upcoming %v", tc.now, data.Running(s, now), data.Ended(s, now), data.Upcoming(s, now))
		}
		if data.Running(tba, now) || data.Ended(tba, now) || !data.Upcoming(tba, now) {
			t.Errorf("%s: an unscheduled session must be neither running nor over", tc.now)
		}
	}
}

func TestNextStart(t *testing.T) {
	c := twoDays(t)
	now := instant(t, "2026-11-05T10:20:00+01:00")
	n, ok := data.NextStart(c.Sessions, map[string]data.Personal{"last": {Starred: true}, "open": {Starred: true}}, now)
	if !ok || idOf(n.Session) != "last" || !n.Starred || n.Within(5*time.Minute) || !n.Within(31*time.Hour) {
		t.Errorf("starred: %+v", n)
	}
	// Nothing starred still to come: the next session anywhere.
	n, ok = data.NextStart(c.Sessions, map[string]data.Personal{"open": {Starred: true}}, now)
	if !ok || idOf(n.Session) != "shop" || n.Starred || n.In != 10*time.Minute || !n.Within(10*time.Minute) || n.Within(9*time.Minute) {
		t.Errorf("anywhere: %+v", n)
	}
	if got := data.UpNextText(n.Session, now, data.NewDisplay(c, false, nil)); got != "10:30 M1 · Workshop · in 10 min" {
		t.Errorf("line %q", got)
	}
	if n, ok := data.NextStart(c.Sessions, nil, instant(t, "2026-11-06T16:00:00+01:00")); ok || n.Within(time.Hour) {
		t.Errorf("after the last start: %+v %v", n, ok)
	}
}

func TestSpan(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{-time.Minute, "0 min"},
		{0, "0 min"},
		{20 * time.Second, "1 min"},
		{25 * time.Minute, "25 min"},
		{24*time.Minute + time.Second, "25 min"},
		{time.Hour, "1 h"},
		{2*time.Hour + 50*time.Minute, "2 h 50 min"},
		{24 * time.Hour, "1 day"},
		{3*24*time.Hour + 4*time.Hour + 30*time.Minute, "3 days 4 h"},
	} {
		if got := data.Span(tc.d); got != tc.want {
			t.Errorf("Span(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
	if got := data.InText(2*time.Hour + 50*time.Minute); got != "in 2 h 50 min" {
		t.Error(got)
	}
	if got := data.InText(0); got != "now" {
		t.Error(got)
	}
	if got := data.OverText("bad"); got != "this conference is over" {
		t.Error(got)
	}
}

// Hacker Jeopardy (36C3, Ada) runs from 00:50 to 02:50 on 28 December but
// the schedule files it under day 1, 27 December.
func TestNowAndNext36C3AcrossMidnight(t *testing.T) {
	c := loadCorpus(t, "frab-xml/36c3-merged.giggity.xml")
	disp := data.NewDisplay(c, false, time.UTC)
	const jeopardy = "d1b8ed3f-2c22-47d2-9aca-0f9d3cf48eb8"
	mine := map[string]data.Personal{jeopardy: {Starred: true}}
	n := data.NowAndNext(c, nil, mine, instant(t, "2019-12-28T01:50:00+01:00"), disp)
	if n.State != data.During || n.Day != "2019-12-27" {
		t.Errorf("state %v day %s", n.State, n.Day)
	}
	ada := n.Rooms[0]
	if ada.Room != "Ada" || !ada.Mine || idOf(ada.Running) != jeopardy || ada.Progress != 0.5 || data.LeftText(ada.Left) != "1 h left" {
		t.Errorf("first room %s running %s progress %v left %v", ada.Room, idOf(ada.Running), ada.Progress, ada.Left)
	}
	if ada.Next == nil || ada.Next.Date != "2019-12-28" {
		t.Errorf("Ada next: %+v", ada.Next)
	}
	// The schedule holds overlapping entries in one room; at 23:45 on day 1
	// some room shows one of them with the others beside it.
	n = data.NowAndNext(c, nil, nil, instant(t, "2019-12-27T23:45:00+01:00"), disp)
	overlap := false
	for _, r := range n.Rooms {
		for _, o := range r.AlsoRunning {
			overlap = true
			if !data.Running(o, n.At) || o.Room != r.Room || o == r.Running {
				t.Errorf("%s: %s is not running beside %s", r.Room, o.ID, idOf(r.Running))
			}
		}
	}
	if !overlap {
		t.Error("no overlapping sessions found at 23:45")
	}
	n = data.NowAndNext(c, nil, nil, instant(t, "2020-01-02T12:00:00+01:00"), disp)
	if n.State != data.After || n.Rooms != nil || !strings.HasPrefix(n.Headline(disp), "this conference is over · it ended on Monday 30 December 2019") {
		t.Errorf("after: %v %q", n.State, n.Headline(disp))
	}
}

// TestNowAndNextAgainstReference checks the one-pass scan against a plain
// per-room reading of the programme at random instants of 36C3.
func TestNowAndNextAgainstReference(t *testing.T) {
	c := loadCorpus(t, "frab-xml/36c3-merged.giggity.xml")
	disp := data.NewDisplay(c, false, time.UTC)
	start, end := instant(t, "2019-12-27T08:00:00+01:00"), instant(t, "2019-12-31T08:00:00+01:00")
	rng := rand.New(rand.NewPCG(36, 3))
	for range 200 {
		now := start.Add(time.Duration(rng.Int64N(int64(end.Sub(start)))))
		now = now.Truncate(5 * time.Minute) // land on session boundaries too
		n := data.NowAndNext(c, nil, nil, now, disp)
		got := map[string]data.RoomNow{}
		for _, r := range n.Rooms {
			got[r.Room] = r
		}
		type want struct {
			running []string
			next    *data.Session
		}
		ref := map[string]*want{}
		for i := range c.Sessions {
			s := &c.Sessions[i]
			if !s.Scheduled() {
				continue
			}
			w := ref[s.Room]
			if w == nil {
				w = &want{}
				ref[s.Room] = w
			}
			if data.Running(s, now) {
				w.running = append(w.running, s.ID)
			}
			if s.Start.After(now) && (w.next == nil || s.Start.Before(w.next.Start)) {
				w.next = s
			}
		}
		for name, w := range ref {
			r, listed := got[name]
			if !listed && (len(w.running) > 0 || w.next != nil && disp.Day(w.next) == n.Day) {
				t.Errorf("%v: %s not listed", now, name)
				continue
			}
			// A free room is listed only for a next session on the day in view.
			if len(w.running) == 0 && (w.next == nil || disp.Day(w.next) != n.Day) {
				if listed {
					t.Errorf("%v: %s listed with nothing on", now, name)
				}
				continue
			}
			var shown []string
			if r.Running != nil {
				shown = append(shown, r.Running.ID)
			}
			for _, o := range r.AlsoRunning {
				shown = append(shown, o.ID)
			}
			if fmt.Sprint(sortedIDs(shown)) != fmt.Sprint(sortedIDs(w.running)) {
				t.Errorf("%v %s: running %v, want %v", now, name, shown, w.running)
			}
			if (r.Next == nil) != (w.next == nil) || (r.Next != nil && !r.Next.Start.Equal(w.next.Start)) {
				t.Errorf("%v %s: next %s, want %s", now, name, idOf(r.Next), idOf(w.next))
			}
		}
	}
}

func sortedIDs(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// BenchmarkNowAndNextFOSDEM2026 computes the Now screen's data for FOSDEM
// 2026 (883 sessions in 30 rooms) on Saturday at 11:00.
func BenchmarkNowAndNextFOSDEM2026(b *testing.B) {
	c := loadCorpus(b, "frab-xml/fosdem-2026.xml")
	disp := data.NewDisplay(c, false, time.UTC)
	mine := map[string]data.Personal{}
	for i := 0; i < len(c.Sessions); i += 40 {
		mine[c.Sessions[i].ID] = data.Personal{Starred: true}
	}
	now := instant(b, "2026-01-31T11:00:00+01:00")
	if n := data.NowAndNext(c, nil, mine, now, disp); n.State != data.During || len(n.Rooms) < 20 {
		b.Fatalf("state %v with %d rooms", n.State, len(n.Rooms))
	}
	b.ReportAllocs()
	for b.Loop() {
		data.NowAndNext(c, nil, mine, now, disp)
	}
}
