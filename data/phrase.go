package data

import (
	"fmt"
	"strings"
	"time"
)

// The words lineup uses about time to come and time left. They live here,
// once, so the Now screen, the reminder banner, notifications and the CLI
// say the same thing the same way.

// Span formats a duration for people, rounded up to the whole minute (so
// that 20 seconds is "1 min", never "0 min"): "25 min", "2 h", "2 h 50 min",
// and from a day on "1 day", "3 days 4 h". Zero or less is "0 min".
func Span(d time.Duration) string {
	if d <= 0 {
		return "0 min"
	}
	m := int((d + time.Minute - 1) / time.Minute)
	const day = 24 * 60
	switch {
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m < day && m%60 == 0:
		return fmt.Sprintf("%d h", m/60)
	case m < day:
		return fmt.Sprintf("%d h %d min", m/60, m%60)
	}
	days, h := m/day, (m%day)/60
	s := fmt.Sprintf("%d days", days)
	if days == 1 {
		s = "1 day"
	}
	if h > 0 {
		s += fmt.Sprintf(" %d h", h)
	}
	return s
}

// LeftText is "25 min left".
func LeftText(d time.Duration) string { return Span(d) + " left" }

// InText is "in 2 h 50 min", or "now" when d is not positive.
func InText(d time.Duration) string {
	if d <= 0 {
		return "now"
	}
	return "in " + Span(d)
}

// StartsInText is the reminder's words: "starts in 4 min · Hall A1 ·
// Kubernetes the very hard way" ("starts now · …" at the start; the room is
// left out when the session has none).
func StartsInText(s *Session, in time.Duration) string {
	verb := "starts " + InText(in)
	return joinDot(verb, s.Room, s.Title)
}

// UpNextText is one line about a session still to come, for `lineup next`
// and the Now screen: "15:50 Hall A3 · Configuration is riskier than code ·
// in 2 h 50 min". The start shows in disp's zone, with the day ("Sun
// 15:50") when it is not on now's day there.
func UpNextText(s *Session, now time.Time, disp Display) string {
	if !s.Scheduled() {
		return joinDot(s.Room, s.Title)
	}
	when := disp.Clock(s.Start)
	if day := disp.Day(s); day != disp.Date(now) {
		layout := "Mon" // within the week the weekday is enough
		if s.Start.Sub(now) >= 6*24*time.Hour {
			layout = "Mon 2 Jan"
		}
		if t, err := time.Parse(DateLayout, day); err == nil {
			when = t.Format(layout) + " " + when
		}
	}
	head := when
	if s.Room != "" {
		head += " " + s.Room
	}
	return joinDot(head, s.Title, InText(s.Start.Sub(now)))
}

// ForYouText is the Now screen's top line: "next for you: 15:50 Hall A3 ·
// Configuration is riskier than code · in 2 h 50 min", or "" when nothing
// starred is still to come.
func (n NowNext) ForYouText(disp Display) string {
	if n.ForYou == nil {
		return ""
	}
	return "next for you: " + UpNextText(n.ForYou, n.At, disp)
}

// Headline is what the Now screen says above the rooms, by state: a
// countdown before the conference ("the conference starts in 3 days 4 h ·
// Saturday 31 January 09:30") and between days ("the next day starts in
// 11 h 30 min · Sunday 1 February 09:00"), "this conference is over · it
// ended on Sunday 1 February 2026" after it, "no session has a published
// time" without a programme, and "" while it runs.
func (n NowNext) Headline(disp Display) string {
	switch n.State {
	case Before, BetweenDays:
		if n.Next == nil {
			return ""
		}
		what := "the conference starts "
		if n.State == BetweenDays {
			what = "the next day starts "
		}
		return joinDot(what+InText(n.NextIn), DayTitle(disp.Day(n.Next))+" "+disp.Clock(n.Next.Start))
	case After:
		return OverText(n.LastDate)
	case NoProgramme:
		return "no session has a published time"
	}
	return ""
}

// OverText is "this conference is over · it ended on Sunday 1 February
// 2026" (without the date when it is not known).
func OverText(lastDate string) string {
	t, err := time.Parse(DateLayout, lastDate)
	if err != nil {
		return "this conference is over"
	}
	return "this conference is over · it ended on " + t.Format("Monday 2 January 2006")
}

// joinDot joins the non-empty parts with " · ".
func joinDot(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(" · ")
		}
		b.WriteString(p)
	}
	return b.String()
}
