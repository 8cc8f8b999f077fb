package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/lineup-tui/lineup/data/synth"
	"github.com/lineup-tui/lineup/store"
)

// BenchmarkSearchProcess runs `lineup sessions --search 'kube lat'` as a whole
// process on synthetic conferences of 1k, 10k and 100k sessions and, in the
// same run, `fzf --filter 'kube lat'` over one line a session (title,
// speakers, room, track), when fzf is installed. The targets: at most fzf's
// time at 1k, 0.6 of it at 10k, half of it at 100k.
func BenchmarkSearchProcess(b *testing.B) {
	const query = "kube lat"
	fzf, fzfErr := exec.LookPath("fzf")
	for _, n := range []int{1_000, 10_000, 100_000} {
		dir := b.TempDir()
		db := filepath.Join(dir, "lineup.db")
		lines := filepath.Join(dir, "lines.txt")
		c := synth.Generate(n, 1)
		st, err := store.Open(db)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.PutConference(c); err != nil {
			b.Fatal(err)
		}
		if err := st.SetCurrent(c.Slug); err != nil {
			b.Fatal(err)
		}
		f, err := os.Create(lines)
		if err != nil {
			b.Fatal(err)
		}
		if err := synth.WriteLines(f, c); err != nil {
			b.Fatal(err)
		}
		f.Close()
		c = nil
		bin := binary(b)
		b.Run(fmt.Sprintf("%dk/lineup", n/1000), func(b *testing.B) {
			for b.Loop() {
				cmd := lineupCmd(b, "sessions", "--search", query, "--db", db)
				cmd.Stdout = io.Discard
				if err := cmd.Run(); err != nil {
					b.Fatalf("%s: %v", bin, err)
				}
			}
		})
		if n == 100_000 {
			b.Run("100k/sessions-json", func(b *testing.B) { benchSessionsJSON(b, db) })
			b.Run("100k/agenda-json", func(b *testing.B) { benchAgenda(b, db) })
		}
		b.Run(fmt.Sprintf("%dk/fzf", n/1000), func(b *testing.B) {
			if fzfErr != nil {
				b.Skip("fzf is not installed (Debian package fzf)")
			}
			for b.Loop() {
				in, err := os.Open(lines)
				if err != nil {
					b.Fatal(err)
				}
				cmd := exec.Command(fzf, "--filter", query)
				cmd.Stdin, cmd.Stdout = in, io.Discard
				if err := cmd.Run(); err != nil {
					b.Fatal(err)
				}
				in.Close()
			}
		})
	}
}

// benchSessionsJSON runs `lineup sessions --json`, which streams: at most
// 0.8 s and 200 MB peak RSS at 100k sessions. peak-MB is the process's
// maximum resident set as GNU time (/usr/bin/time) reports it: the rusage
// a Go parent reads counts the parent's own pages, which the child shared
// until it started lineup.
func benchSessionsJSON(b *testing.B, db string) {
	gnuTime, err := exec.LookPath("/usr/bin/time")
	peak := 0
	for b.Loop() {
		args := []string{"sessions", "--json", "--db", db}
		cmd := lineupCmd(b, args...)
		var stderr strings.Builder
		if err == nil {
			env := cmd.Env
			cmd = exec.Command(gnuTime, append([]string{"-f", "peak %M", cmd.Path}, args...)...)
			cmd.Env = env
			cmd.Stderr = &stderr
		}
		cmd.Stdout = io.Discard
		if err := cmd.Run(); err != nil {
			b.Fatalf("%v\n%s", err, stderr.String())
		}
		if i := strings.LastIndex(stderr.String(), "peak "); i >= 0 {
			kb, _ := strconv.Atoi(strings.TrimSpace(stderr.String()[i+5:]))
			peak = max(peak, kb)
		}
	}
	if peak > 0 {
		b.ReportMetric(float64(peak)/1024, "peak-MB")
	}
}

// benchAgenda runs `lineup agenda --json` with a few starred sessions: it
// reads only those (target: 30 ms at 100k sessions).
func benchAgenda(b *testing.B, db string) {
	for _, id := range []string{"s1", "s500", "s5000", "s50000", "s99999"} {
		if out, err := lineupCmd(b, "star", id, "--db", db).CombinedOutput(); err != nil {
			b.Fatalf("star %s: %v\n%s", id, err, out)
		}
	}
	for b.Loop() {
		cmd := lineupCmd(b, "agenda", "--json", "--db", db)
		cmd.Stdout = io.Discard
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
	}
}
