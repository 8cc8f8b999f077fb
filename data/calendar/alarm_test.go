package calendar

import (
	"bufio"
	"strings"
	"testing"
	"time"
)

func TestParseAlarm(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		err  string
	}{
		{in: "10m", want: 10 * time.Minute},
		{in: " 1h30m ", want: 90 * time.Minute},
		{in: "90s", want: 90 * time.Second},
		{in: "10", want: 10 * time.Minute},
		{in: "0", want: 0},
		{in: "168h", want: 7 * 24 * time.Hour},
		{in: "", err: "empty"},
		{in: "ten", err: "not a duration"},
		{in: "-5m", err: "negative"},
		{in: "-5", err: "negative"},
		{in: "169h", err: "more than a week"},
		{in: "100000", err: "more than a week"},
		{in: "1.5s", err: "whole number of seconds"},
	} {
		got, err := ParseAlarm(tc.in)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("ParseAlarm(%q) = %v, %v; want error %q", tc.in, got, err, tc.err)
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("ParseAlarm(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestAlarmLines(t *testing.T) {
	for _, tc := range []struct {
		lead time.Duration
		want string
	}{
		{10 * time.Minute, "-PT10M"},
		{90 * time.Minute, "-PT1H30M"},
		{time.Hour, "-PT1H"},
		{90 * time.Second, "-PT1M30S"},
		{26 * time.Hour, "-P1DT2H"},
		{48 * time.Hour, "-P2D"},
		{0, "PT0S"},
		{500 * time.Millisecond, "PT0S"},
	} {
		if got := AlarmTrigger(tc.lead); got != tc.want {
			t.Errorf("AlarmTrigger(%v) = %q, want %q", tc.lead, got, tc.want)
		}
	}
	got := strings.Join(AlarmLines(10*time.Minute, "Kubernetes; the very, hard way\\\nHall A1\x1b[31m"), "\r\n")
	want := "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT10M\r\nDESCRIPTION:Kubernetes\\; the very\\, hard way\\\\\\nHall A1[31m\r\nEND:VALARM"
	if got != want {
		t.Errorf("lines:\n%q\nwant\n%q", got, want)
	}
	if l := AlarmLines(time.Minute, " "); l[3] != "DESCRIPTION:Reminder" {
		t.Errorf("empty description: %q", l[3])
	}
}

// The writer puts the lines through its folding like any other line.
func TestAlarmLinesThroughTheWriter(t *testing.T) {
	var buf strings.Builder
	bw := bufio.NewWriter(&buf)
	iw := &icsWriter{w: bw}
	for _, l := range AlarmLines(10*time.Minute, strings.Repeat("Kubernetes the very hard way, ", 4)) {
		iw.raw(l)
	}
	if iw.err != nil || bw.Flush() != nil {
		t.Fatal(iw.err)
	}
	out := buf.String()
	for _, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(line) > icsMaxLine {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
	}
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	if !strings.HasPrefix(unfolded, "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT10M\r\nDESCRIPTION:Kubernetes the very hard way\\, ") || !strings.HasSuffix(unfolded, "\r\nEND:VALARM\r\n") {
		t.Errorf("unfolded:\n%q", unfolded)
	}
}
