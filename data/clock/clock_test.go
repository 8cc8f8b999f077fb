package clock

import (
	"strings"
	"testing"
	"time"
)

func TestChoose(t *testing.T) {
	flagT := time.Date(2026, 1, 31, 11, 0, 0, 0, time.FixedZone("", 3600))
	envT := time.Date(2019, 11, 6, 9, 30, 0, 0, time.UTC)
	cases := []struct {
		name, flag, env string
		want            time.Time // zero: the system clock
		err             string
	}{
		{name: "flag wins", flag: "2026-01-31T11:00:00+01:00", env: "2019-11-06T09:30:00Z", want: flagT},
		{name: "env", env: "2019-11-06T09:30:00Z", want: envT},
		{name: "blank flag falls to env", flag: "  ", env: " 2019-11-06T09:30:00Z ", want: envT},
		{name: "neither"},
		{name: "bad flag", flag: "saturday", err: `--now: "saturday" is not an RFC 3339 instant`},
		{name: "bad env", env: "2019-11-06", err: `LINEUP_NOW: "2019-11-06" is not an RFC 3339 instant`},
		{name: "no offset", flag: "2026-01-31T11:00:00", err: `--now: "2026-01-31T11:00:00" has no UTC offset`},
		{name: "no offset with space", env: "2026-01-31 11:00", err: `LINEUP_NOW: "2026-01-31 11:00" has no UTC offset`},
		{name: "bad flag is not hidden by good env", flag: "x", env: "2019-11-06T09:30:00Z", err: "--now:"},
	}
	for _, tc := range cases {
		c, err := Choose(tc.flag, tc.env)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: err %v, want %q", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		got, fixed := IsFixed(c)
		if tc.want.IsZero() {
			if fixed {
				t.Errorf("%s: fixed at %v, want the system clock", tc.name, got)
			}
			if d := time.Since(c.Now()); d < -time.Minute || d > time.Minute {
				t.Errorf("%s: system clock says %v", tc.name, c.Now())
			}
			continue
		}
		if !fixed || !got.Equal(tc.want) || !c.Now().Equal(tc.want) {
			t.Errorf("%s: %v (fixed %v), want %v", tc.name, c.Now(), fixed, tc.want)
		}
		if _, off := c.Now().Zone(); off != func() int { _, o := tc.want.Zone(); return o }() {
			t.Errorf("%s: offset %d lost", tc.name, off)
		}
	}
}

func TestFromEnv(t *testing.T) {
	t.Setenv(EnvVar, "2026-02-01T09:00:00+01:00")
	c, err := FromEnv("")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Now().UTC().Format(time.RFC3339); got != "2026-02-01T08:00:00Z" {
		t.Errorf("now %s", got)
	}
	t.Setenv(EnvVar, "soon")
	if _, err := FromEnv(""); err == nil {
		t.Error("a bad LINEUP_NOW was accepted")
	}
	if c, err := FromEnv("2026-02-01T10:00:00.5Z"); err != nil || c.Now().Nanosecond() != 5e8 {
		t.Errorf("the flag with fractional seconds: %v %v", c, err)
	}
}

func TestManual(t *testing.T) {
	start := time.Date(2026, 1, 31, 9, 0, 0, 0, time.UTC)
	m := NewManual(start)
	m.Advance(30 * time.Second)
	if got := m.Now(); !got.Equal(start.Add(30 * time.Second)) {
		t.Errorf("after Advance: %v", got)
	}
	m.Set(start)
	if !m.Now().Equal(start) {
		t.Errorf("after Set: %v", m.Now())
	}
	if _, fixed := IsFixed(m); fixed {
		t.Error("a manual clock reports itself fixed")
	}
}
