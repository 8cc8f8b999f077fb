package store

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
)

// sameSession compares two sessions, times by instant.
func sameSession(t *testing.T, got, want *data.Session) {
	t.Helper()
	g, w := *got, *want
	if !g.Start.Equal(w.Start) || !g.End.Equal(w.End) {
		t.Errorf("%s: times %v–%v, want %v–%v", w.ID, g.Start, g.End, w.Start, w.End)
	}
	g.Start, g.End, w.Start, w.End = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(g, w) {
		gj, _ := json.Marshal(g)
		wj, _ := json.Marshal(w)
		t.Errorf("%s: round trip differs\n got %s\nwant %s", w.ID, gj, wj)
	}
}

func TestCodecRoundTripBuiltin(t *testing.T) {
	c := builtin.Conference()
	for i := range c.Sessions {
		s := &c.Sessions[i]
		b := encodeSession(nil, s)
		var got data.Session
		if err := decodeSession(b, &got); err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
		sameSession(t, &got, s)
		// The decoded value must not share memory with the input.
		for j := range b {
			b[j] = 0
		}
		sameSession(t, &got, s)
	}
	for i := range c.Speakers {
		sp := c.Speakers[i]
		var got data.Speaker
		if err := decodeSpeaker(encodeSpeaker(nil, &sp), &got); err != nil {
			t.Fatal(err)
		}
		if got != sp {
			t.Errorf("speaker %+v, want %+v", got, sp)
		}
	}
}

func TestCodecEdgeCases(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	cases := []data.Session{
		{ID: "x"},
		{ID: "unicode-✓", Title: "Müller über Straße — “quoted”", Date: "2026-02-01"},
		{
			ID: "full", Title: "T", Subtitle: "S", Date: "2026-02-01",
			Start: time.Date(2026, 2, 1, 9, 0, 0, 123456789, berlin), End: time.Date(2026, 2, 1, 9, 50, 0, 0, berlin),
			Room: "R", Track: "Tr", Type: "talk", Level: "Advanced", Language: "en",
			SpeakerIDs: []string{"a", "", "c"}, Abstract: "abs", Description: string(make([]byte, 70000)),
			Audience: []string{"ops"}, Prerequisites: []string{"p1", "p2"}, Outcomes: []string{"o"},
			URL: "https://x", FeedbackURL: "https://f", Links: []data.Link{{Title: "slides", URL: "u"}, {URL: "v"}},
			Rating: &data.Rating{Average: 4.25, Count: 8},
		},
		{ID: "before-1970", Start: time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(1960, 1, 1, 1, 0, 0, 0, time.UTC)},
		{ID: "zero-rating", Rating: &data.Rating{}},
		{ID: "cancelled", Title: "Gone", Cancelled: true, Rating: &data.Rating{Average: 3, Count: 1}},
		{ID: "nan", Rating: &data.Rating{Average: math.Inf(1), Count: 1}},
	}
	for i := range cases {
		var got data.Session
		if err := decodeSession(encodeSession(nil, &cases[i]), &got); err != nil {
			t.Fatalf("%s: %v", cases[i].ID, err)
		}
		sameSession(t, &got, &cases[i])
	}
}

func TestCodecRejectsBadValues(t *testing.T) {
	good := encodeSession(nil, &builtin.Conference().Sessions[0])
	bad := map[string][]byte{
		"empty":        nil,
		"version":      append([]byte{9}, good[1:]...),
		"flags":        append([]byte{codecVersion, 0x80}, good[2:]...),
		"truncated":    good[:len(good)/2],
		"trailing":     append(bytes.Clone(good), 0),
		"huge length":  {codecVersion, 0, 0xff, 0xff, 0xff, 0xff, 0x0f},
		"huge varint":  {codecVersion, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
		"huge list":    append(append([]byte{codecVersion, 0}, bytes.Repeat([]byte{0}, 9)...), 0xff, 0xff, 0x03),
		"short rating": append(append([]byte{codecVersion, flagRating}, bytes.Repeat([]byte{0}, 18)...), 1, 2, 3),
	}
	for name, b := range bad {
		var s data.Session
		if err := decodeSession(b, &s); err == nil {
			t.Errorf("%s: decoded without error: %+v", name, s)
		}
	}
	var sp data.Speaker
	if err := decodeSpeaker([]byte{codecVersion, 5, 'a'}, &sp); err == nil {
		t.Error("short speaker decoded")
	}
}

func FuzzCodec(f *testing.F) {
	for i, s := range builtin.Conference().Sessions {
		if i%4 == 0 {
			f.Add(encodeSession(nil, &s))
		}
	}
	f.Add([]byte{})
	f.Add([]byte{codecVersion, flagScheduled | flagRating})
	f.Add(encodeSession(nil, &data.Session{ID: "a", Links: []data.Link{{URL: "u"}}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		id, idErr := sessionID(b)
		var s data.Session
		if err := decodeSession(b, &s); err != nil {
			return
		}
		if idErr != nil || id != s.ID {
			t.Fatalf("sessionID = %q, %v; the value decodes with id %q", id, idErr, s.ID)
		}
		// Whatever decodes must survive another round trip unchanged
		// (the input itself may spell numbers non-canonically).
		again := encodeSession(nil, &s)
		var s2 data.Session
		if err := decodeSession(again, &s2); err != nil {
			t.Fatalf("re-encoded value does not decode: %v", err)
		}
		if third := encodeSession(nil, &s2); !bytes.Equal(third, again) {
			t.Fatalf("round trip changed the value:\n%x\n%x", again, third)
		}
	})
}

func BenchmarkDecodeSession(b *testing.B) {
	c := builtin.Conference()
	vals := make([][]byte, len(c.Sessions))
	for i := range c.Sessions {
		vals[i] = encodeSession(nil, &c.Sessions[i])
	}
	b.ReportAllocs()
	b.ResetTimer()
	var s data.Session
	for i := 0; i < b.N; i++ {
		if err := decodeSession(vals[i%len(vals)], &s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeSessionJSON(b *testing.B) {
	c := builtin.Conference()
	vals := make([][]byte, len(c.Sessions))
	for i := range c.Sessions {
		vals[i], _ = json.Marshal(&c.Sessions[i])
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var s data.Session
		if err := json.Unmarshal(vals[i%len(vals)], &s); err != nil {
			b.Fatal(err)
		}
	}
}
