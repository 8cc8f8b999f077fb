// Package clock is lineup's one source of the current time.
//
// Everything that needs "now" (the Now screen, hiding past sessions,
// reminders, `lineup next`, stamps written to the store) asks a Clock; no
// other code calls time.Now. The clock comes from System, or is pinned by
// the global --now flag or the LINEUP_NOW environment variable (FromEnv), so
// demos, planning ("what if it were Saturday 11:00") and tests all see the
// same instant everywhere.
package clock

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

// EnvVar is the environment variable that pins the clock to an RFC 3339
// instant when no --now flag is given.
const EnvVar = "LINEUP_NOW"

// Clock tells the current time.
type Clock interface {
	Now() time.Time
}

type system struct{}

func (system) Now() time.Time { return time.Now() }

// System is the machine's clock.
func System() Clock { return system{} }

type fixed struct{ t time.Time }

func (f fixed) Now() time.Time { return f.t }

// Fixed is a clock that always says t.
func Fixed(t time.Time) Clock { return fixed{t} }

// IsFixed reports whether c is pinned to one instant (by Fixed, --now or
// LINEUP_NOW), and that instant; a screen can say so in its header.
func IsFixed(c Clock) (time.Time, bool) {
	if f, ok := c.(fixed); ok {
		return f.t, true
	}
	return time.Time{}, false
}

// Manual is a clock that moves only when told to, for tests that step
// through time. It is safe for concurrent use. The zero value is not
// usable; make one with NewManual.
type Manual struct {
	mu sync.Mutex
	t  time.Time
}

// NewManual returns a Manual clock showing t.
func NewManual(t time.Time) *Manual { return &Manual{t: t} }

// Now returns the clock's current instant.
func (m *Manual) Now() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.t
}

// Set moves the clock to t.
func (m *Manual) Set(t time.Time) {
	m.mu.Lock()
	m.t = t
	m.mu.Unlock()
}

// Advance moves the clock forward by d (backward when d is negative).
func (m *Manual) Advance(d time.Duration) {
	m.mu.Lock()
	m.t = m.t.Add(d)
	m.mu.Unlock()
}

// FromEnv returns the clock lineup runs with: pinned to nowFlag (the --now
// flag) when it is not empty, else to $LINEUP_NOW when that is set, else
// the system clock. A value that is not an RFC 3339 instant is an error
// naming where it came from.
func FromEnv(nowFlag string) (Clock, error) {
	return Choose(nowFlag, os.Getenv(EnvVar))
}

// Choose is FromEnv with the environment value passed in: flag wins over
// env, and with neither the system clock is used.
func Choose(flagValue, envValue string) (Clock, error) {
	switch {
	case strings.TrimSpace(flagValue) != "":
		t, err := Parse(flagValue)
		if err != nil {
			return nil, fmt.Errorf("--now: %w", err)
		}
		return Fixed(t), nil
	case strings.TrimSpace(envValue) != "":
		t, err := Parse(envValue)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvVar, err)
		}
		return Fixed(t), nil
	}
	return System(), nil
}

// Parse reads an RFC 3339 instant ("2026-01-31T11:00:00+01:00",
// "2026-01-31T10:00:00Z"; fractional seconds allowed). A date-time without
// an offset is refused: it would not say which instant it means.
func Parse(v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	t, err := time.Parse(time.RFC3339Nano, v)
	if err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if _, e := time.Parse(layout, v); e == nil {
			return time.Time{}, fmt.Errorf("%q has no UTC offset; give one, as in 2026-01-31T11:00:00+01:00 or 2026-01-31T10:00:00Z", v)
		}
	}
	return time.Time{}, fmt.Errorf("%q is not an RFC 3339 instant such as 2026-01-31T11:00:00+01:00", v)
}

// Stopwatch measures how long work takes (for the debug log and
// benchmarks) by the machine's monotonic clock, whatever instant the
// programme's clock is pinned to.
type Stopwatch struct{ start time.Time }

// StartWatch starts a Stopwatch.
func StartWatch() Stopwatch { return Stopwatch{start: time.Now()} }

// Elapsed is the time since the Stopwatch started.
func (s Stopwatch) Elapsed() time.Duration { return time.Since(s.start) }
