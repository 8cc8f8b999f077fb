package tui

import (
	"io"

	"github.com/charmbracelet/colorprofile"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/data/synth"
	"github.com/lineup-tui/lineup/store"
)

// BenchmarkFirstView opens an existing store, loads the built-in conference
// and renders the first screen: what a person waits for at start-up.
func BenchmarkFirstView(b *testing.B) {
	path := filepath.Join(b.TempDir(), "lineup.db")
	if _, err := store.Open(path); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		st, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		m, err := New(st, data.BuiltinSlug)
		if err != nil {
			b.Fatal(err)
		}
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		if m.render() == "" {
			b.Fatal("empty screen")
		}
	}
}

// BenchmarkFirstView100k is the first screen of a 100,000-session
// conference from an open store: the search snapshot copied out, the
// sessions made from it, every row measured, the list laid out and drawn
// (tui.Run then writes it with PaintFirst). The whole process, against
// fzf's first frame over the same lines, is scripts/firstframe.py.
func BenchmarkFirstView100k(b *testing.B) {
	st := openStore(b)
	c := synth.Generate(100_000, 1)
	if _, err := st.PutConference(c); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	reportCPU(b, func() {
		m, err := New(st, c.Slug, WithClock(func() time.Time { return testNow }))
		if err != nil {
			b.Fatal(err)
		}
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		if !strings.Contains(m.render(), "quit") {
			b.Fatal("no first screen")
		}
		if m.sh.sn == nil {
			b.Fatal("the first screen was not made from the search snapshot")
		}
	})
}

// BenchmarkRateKey is one rating key press from Update until the record is on
// disk. The screen only waits for the Update part (BenchmarkRateKeyUpdate).
func BenchmarkRateKey(b *testing.B) {
	m := newModel(b, openStore(b), 80, 24)
	keys := []string{"1", "2", "3", "4", "5"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		press(m, keys[i%5])
		m.Flush()
		i++
	}
}

// BenchmarkRateKeyUpdate is the part of a rating key press the screen waits
// for: Update and View, with the write queued for the writer goroutine.
func BenchmarkRateKeyUpdate(b *testing.B) {
	m := newModel(b, openStore(b), 80, 24)
	keys := []string{"1", "2", "3", "4", "5"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		press(m, keys[i%5])
		_ = m.render()
		i++
		if i%64 == 0 {
			b.StopTimer()
			m.Flush()
			b.StartTimer()
		}
	}
	b.StopTimer()
	m.Flush()
}

func benchSearchKey(b *testing.B, n int) {
	st := openStore(b)
	c := synth.Generate(n, 1)
	if _, err := st.PutConference(c); err != nil {
		b.Fatal(err)
	}
	m, err := New(st, c.Slug, WithClock(func() time.Time { return testNow }))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(m.Flush)
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	press(m, "/")
	// Type "kube lat" one key at a time, then delete it again, over and over:
	// every iteration is one key press with its Update and View.
	seq := []string{"k", "u", "b", "e", "space", "l", "a", "t"}
	for range len(seq) {
		seq = append(seq, "backspace")
	}
	b.ReportAllocs()
	i := 0
	reportCPU(b, func() {
		m.Update(keyMsg(seq[i%len(seq)]))
		_ = m.render()
		i++
	})
}

func BenchmarkSearchKey10k(b *testing.B)  { benchSearchKey(b, 10_000) }
func BenchmarkSearchKey100k(b *testing.B) { benchSearchKey(b, 100_000) }

// hugeModel is the built-in conference with one more session, first in the
// list, whose title is one 10 MB word and whose abstract is another: a
// hostile schedule. The model's cursor is on that session.
func hugeModel(b *testing.B, w, h int) *Model {
	st := openStore(b)
	c := builtin.Conference()
	formats.Finish(c)
	s := c.Sessions[0]
	s.ID = "huge"
	s.Title = strings.Repeat("Wordy", 2<<20)
	s.Abstract = strings.Repeat("abstractly", 1<<20)
	s.Start, s.End = s.Start.Add(-time.Hour), s.Start.Add(-30*time.Minute)
	c.Sessions = append([]data.Session{s}, c.Sessions...)
	formats.Finish(c)
	if _, err := st.PutConference(c); err != nil {
		b.Fatal(err)
	}
	m, err := New(st, c.Slug, WithClock(func() time.Time { return testNow }), WithOpener(noBrowser), WithLocalZone(berlin))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(m.Flush)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	press(m, "home")
	if cur := sessions(m).current(); cur == nil || cur.ID != "huge" {
		b.Fatalf("the cursor is on %v", cur)
	}
	return m
}

// BenchmarkHugeField is a key press, with its Update and View, when a
// session has a 10 MB one-word title and a 10 MB abstract: moving over it
// in the list, opening its page (and closing it), scrolling its page, and
// a search that finds it. Each is bounded by what the screen shows, not by
// the length of the field.
func BenchmarkHugeField(b *testing.B) {
	b.Run("list", func(b *testing.B) {
		m := hugeModel(b, 120, 40)
		keys := []string{"down", "up"}
		i := 0
		reportCPU(b, func() {
			press(m, keys[i%2])
			_ = m.render()
			i++
		})
	})
	b.Run("open", func(b *testing.B) {
		m := hugeModel(b, 120, 40)
		reportCPU(b, func() {
			press(m, "enter")
			_ = m.render()
			press(m, "esc")
			_ = m.render()
		})
	})
	b.Run("scroll", func(b *testing.B) {
		m := hugeModel(b, 120, 40)
		press(m, "enter")
		keys := []string{"pgdown", "pgdown", "pgup", "pgup"}
		i := 0
		reportCPU(b, func() {
			press(m, keys[i%4])
			_ = m.render()
			i++
		})
	})
	b.Run("search", func(b *testing.B) {
		m := hugeModel(b, 120, 40)
		press(m, "/")
		seq := []string{"w", "o", "r", "d", "y", "backspace", "backspace", "backspace", "backspace", "backspace"}
		i := 0
		reportCPU(b, func() {
			press(m, seq[i%len(seq)])
			_ = m.render()
			i++
		})
	})
}

// BenchmarkPaintFirst is the first frame of the built-in conference drawn
// on an 80×24 terminal from a loaded model (PaintFirst): sizing every
// screen, the view and the cells written for it.
func BenchmarkPaintFirst(b *testing.B) {
	st := openStore(b)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		m, err := New(st, data.BuiltinSlug)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := PaintFirst(io.Discard, m, 80, 24, colorprofile.TrueColor); err != nil {
			b.Fatal(err)
		}
	}
}
