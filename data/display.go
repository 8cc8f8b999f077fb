package data

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// NotAnnounced is what lineup shows instead of a time that was never published.
const NotAnnounced = "time not announced"

// DayTitle formats a local day as "Wednesday 6 November"; a bad date is returned as is.
func DayTitle(date string) string {
	t, err := time.Parse(DateLayout, date)
	if err != nil {
		return date
	}
	return t.Format("Monday 2 January")
}

// DayShort formats a local day as "Wed 6 Nov".
func DayShort(date string) string {
	t, err := time.Parse(DateLayout, date)
	if err != nil {
		return date
	}
	return t.Format("Mon 2 Jan")
}

// TimeRange formats a session's time as "11:35–12:15" in its own zone, or
// NotAnnounced. TimeRangeIn and Display.TimeRange show it in another zone.
func TimeRange(s *Session) string { return TimeRangeIn(s, nil) }

// DateRange formats a conference's dates as "4–7 November 2019" (or across
// months and years as needed).
func DateRange(start, end string) string {
	a, err1 := time.Parse(DateLayout, start)
	b, err2 := time.Parse(DateLayout, end)
	switch {
	case err1 != nil && err2 != nil:
		return ""
	case err2 != nil || start == end:
		return a.Format("2 January 2006")
	case err1 != nil:
		return b.Format("2 January 2006")
	case a.Year() != b.Year():
		return a.Format("2 January 2006") + " – " + b.Format("2 January 2006")
	case a.Month() != b.Month():
		return a.Format("2 January") + " – " + b.Format("2 January 2006")
	}
	return fmt.Sprintf("%d–%s", a.Day(), b.Format("2 January 2006"))
}

// Stars draws an average as MaxRating stars, "★★★★☆"; 0 draws "☆☆☆☆☆".
func Stars(avg float64) string {
	n := int(math.Round(avg))
	n = max(0, min(MaxRating, n))
	return strings.Repeat("★", n) + strings.Repeat("☆", MaxRating-n)
}

// RatingText is "★★★★☆ 4.00 (4 ratings)", or "" when there is no rating.
func RatingText(avg float64, count int) string {
	if count == 0 {
		return ""
	}
	noun := "ratings"
	if count == 1 {
		noun = "rating"
	}
	return fmt.Sprintf("%s %.2f (%d %s)", Stars(avg), avg, count, noun)
}

// Minutes formats a duration as "45 min", "1 h", "1 h 20 min".
func Minutes(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	switch {
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m%60 == 0:
		return fmt.Sprintf("%d h", m/60)
	}
	return fmt.Sprintf("%d h %d min", m/60, m%60)
}
