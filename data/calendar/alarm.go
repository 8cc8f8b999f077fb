package calendar

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/lineup-tui/lineup/data"
)

// WriteICSWithAlarm is WriteICS with a VALARM in every event that goes off
// lead before it starts, showing the session's title (`lineup agenda --ics
// --alarm 10m`).
func WriteICSWithAlarm(w io.Writer, c *data.Conference, sessions []*data.Session, mine map[string]data.Personal, now time.Time, lead time.Duration) error {
	return writeICS(w, c, sessions, mine, now, func(s *data.Session) []string { return AlarmLines(lead, s.Title) })
}

// MaxAlarmLead is the longest --alarm lead lineup accepts.
const MaxAlarmLead = 7 * 24 * time.Hour

// ParseAlarm reads an --alarm value: a Go duration ("10m", "1h30m", "90s")
// or a bare number of minutes ("10"), from 0 (at the start) to a week, in
// whole seconds.
func ParseAlarm(v string) (time.Duration, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, fmt.Errorf("alarm: empty; give a lead such as 10m")
	}
	var d time.Duration
	if n, err := strconv.Atoi(v); err == nil {
		d = time.Duration(n) * time.Minute
		if n > int(MaxAlarmLead/time.Minute) {
			d = MaxAlarmLead + time.Minute
		}
	} else if d, err = time.ParseDuration(v); err != nil {
		return 0, fmt.Errorf("alarm: %q is not a duration such as 10m or 1h30m", v)
	}
	switch {
	case d < 0:
		return 0, fmt.Errorf("alarm: %q is negative; give how long before the start, such as 10m", v)
	case d > MaxAlarmLead:
		return 0, fmt.Errorf("alarm: %q is more than a week before the start", v)
	case d%time.Second != 0:
		return 0, fmt.Errorf("alarm: %q is not a whole number of seconds", v)
	}
	return d, nil
}

// AlarmTrigger is the RFC 5545 duration of a VALARM that goes off lead
// before the event starts: "-PT10M", "-PT1H30M", "-P1DT2H", "PT0S" for at
// the start. Parts below a second are dropped.
func AlarmTrigger(lead time.Duration) string {
	secs := int64(lead / time.Second)
	if secs <= 0 {
		return "PT0S"
	}
	days, secs := secs/86400, secs%86400
	h, secs := secs/3600, secs%3600
	m, secs := secs/60, secs%60
	var b strings.Builder
	b.WriteString("-P")
	if days > 0 {
		fmt.Fprintf(&b, "%dD", days)
	}
	if h > 0 || m > 0 || secs > 0 {
		b.WriteByte('T')
		if h > 0 {
			fmt.Fprintf(&b, "%dH", h)
		}
		if m > 0 {
			fmt.Fprintf(&b, "%dM", m)
		}
		if secs > 0 {
			fmt.Fprintf(&b, "%dS", secs)
		}
	}
	return b.String()
}

// AlarmLines are the content lines of a VALARM (RFC 5545 §3.6.6) that
// shows description lead before the event starts, to go inside a VEVENT
// (`lineup agenda --ics --alarm 10m`). The lines are complete and escaped,
// not yet folded: write each one with icsWriter.raw. An empty description becomes
// "Reminder", since a DISPLAY alarm must have one.
//
//	BEGIN:VALARM
//	ACTION:DISPLAY
//	TRIGGER:-PT10M
//	DESCRIPTION:Kubernetes the very hard way
//	END:VALARM
func AlarmLines(lead time.Duration, description string) []string {
	if strings.TrimSpace(description) == "" {
		description = "Reminder"
	}
	return []string{
		"BEGIN:VALARM",
		"ACTION:DISPLAY",
		"TRIGGER:" + AlarmTrigger(lead),
		"DESCRIPTION:" + icsEscape(description),
		"END:VALARM",
	}
}
