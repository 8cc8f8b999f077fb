package data_test

import (
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/data/internal/datatest"
)

// loadCorpus reads and parses a schedule from the shared corpus, skipping
// the test when the corpus is absent.
func loadCorpus(tb testing.TB, rel string) *data.Conference {
	tb.Helper()
	r, err := formats.Parse(datatest.ReadCorpus(tb, rel), formats.FormatAuto, formats.Options{})
	if err != nil {
		tb.Fatalf("%s: %v", rel, err)
	}
	return r.Conference
}

// instant is an instant written as RFC 3339.
func instant(tb testing.TB, v string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// sess builds a scheduled session from local times "2026-11-05 10:00" in loc;
// an end before the start is on the next day. date "" means the start's day.
func sess(tb testing.TB, loc *time.Location, id, room, title, date, start, end string) data.Session {
	tb.Helper()
	s, err := time.ParseInLocation("2006-01-02 15:04", start, loc)
	if err != nil {
		tb.Fatal(err)
	}
	e, err := time.ParseInLocation("2006-01-02 15:04", end, loc)
	if err != nil {
		tb.Fatal(err)
	}
	if date == "" {
		date = s.Format(data.DateLayout)
	}
	return data.Session{ID: id, Room: room, Title: title, Date: date, Start: s, End: e}
}

func mustZone(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Skipf("zone %s not available: %v", name, err)
	}
	return loc
}
