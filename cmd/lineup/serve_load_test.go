package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/cmd/lineup/serve/servetest"
	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/storetest"
	gossh "golang.org/x/crypto/ssh"
)

var serveLoad = flag.Int("lineup.serveload", 0, "run the `lineup serve` load test with this many SSH clients (0 skips it)")

// TestServeLoad starts `lineup serve` as its own process and connects
// -lineup.serveload clients at once. Each opens the TUI at 100×30, and ten
// times rates the focused session 5 and moves down, each key as soon as the
// frame of the one before is on its screen: ten ratings of ten sessions, as
// fast as the server answers. It reports the key-to-frame latency (a rating
// key to the frame whose footer says "rated ★★★★★", a move to the frame
// with the cursor on the next session), the server's CPU time and peak
// memory and the clients' CPU time, and checks that every rating is stored
// and counted exactly once.
func TestServeLoad(t *testing.T) {
	clients := *serveLoad
	if clients <= 0 {
		t.Skip("run with -lineup.serveload N (make load-serve)")
	}
	const ratings = 10
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	db := storetest.Path(t)
	cmd := lineupCmd(t, "serve", "--db", db, "--listen", addr, "--host-key", filepath.Join(t.TempDir(), "hk"),
		"--max-sessions", fmt.Sprint(clients), "--idle-timeout", "10m")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	v := &testVenue{addr: addr, db: db}
	lines := bufio.NewScanner(out)
	for v.hostFP == "" && lines.Scan() {
		if fp, ok := strings.CutPrefix(lines.Text(), "fingerprint "); ok {
			v.hostFP = fp
		}
	}
	if v.hostFP == "" {
		t.Fatal("the server did not start")
	}
	go io.Copy(io.Discard, out)

	var mu sync.Mutex
	var rateLat, moveLat []time.Duration
	keys := make([]gossh.Signer, clients)
	for i := range keys {
		keys[i] = servetest.NewKey(t)
	}
	var before syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	start := time.Now()
	var wg sync.WaitGroup
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, m, err := loadClient(v, keys[i], ratings)
			if err != nil {
				t.Errorf("client %d: %v", i, err)
				return
			}
			mu.Lock()
			rateLat, moveLat = append(rateLat, r...), append(moveLat, m...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	var after syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	clientCPU := time.Duration(after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano())
	// The server's own high-water mark, read before it ends: the rusage
	// of a child started by a Go process also counts the parent's pages at
	// the time of the exec.
	hwm := vmHWM(cmd.Process.Pid)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("lineup serve: %v", err)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	if t.Failed() {
		return
	}

	// Every rating stored once for its identity, and counted once.
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, k := range keys {
		p, err := st.As(identity(k)).Personal(data.BuiltinSlug)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for id, rec := range p {
			if rec.Rating == 5 {
				n++
				want[id]++
			}
		}
		if n != ratings {
			t.Errorf("%s has %d ratings stored, want %d", identity(k), n, ratings)
		}
	}
	total := 0
	for id, n := range want {
		tl, err := st.Tally(data.BuiltinSlug, id)
		if err != nil {
			t.Fatal(err)
		}
		if tl.Count != n || tl.Sum != 5*n {
			t.Errorf("%s: tally %+v, want %d ratings of 5", id, tl, n)
		}
		total += tl.Count
	}
	if total != clients*ratings {
		t.Errorf("%d ratings counted, want %d", total, clients*ratings)
	}
	q := func(l []time.Duration, p int) time.Duration {
		sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
		return l[min(len(l)-1, len(l)*p/100)].Round(100 * time.Microsecond)
	}
	t.Logf("%d clients × %d ratings in %s, %d stored and counted once", clients, ratings, elapsed.Round(time.Millisecond), total)
	t.Logf("key-to-frame: rating p50 %s p99 %s max %s; move p50 %s p99 %s max %s",
		q(rateLat, 50), q(rateLat, 99), q(rateLat, 100), q(moveLat, 50), q(moveLat, 99), q(moveLat, 100))
	t.Logf("server process: CPU %s (%.0f%% of one core over the run), peak RSS %s (rusage: %d MiB); the clients (this process): CPU %s",
		cpu.Round(time.Millisecond), 100*cpu.Seconds()/elapsed.Seconds(), hwm, ru.Maxrss/1024, clientCPU.Round(time.Millisecond))
}

// vmHWM is the peak resident size of process pid as its /proc status says
// ("VmHWM"), or "unknown".
func vmHWM(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "unknown"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			var kb int
			if _, err := fmt.Sscan(v, &kb); err == nil {
				return fmt.Sprintf("%d MiB", kb/1024)
			}
		}
	}
	return "unknown"
}

// loadClient opens the TUI as key and rates n sessions, one after another,
// and returns the latencies of its rating keys and of its moves. It keeps a
// screen (vtScreen) of what the server sends and waits for what a person
// would see: after a rating, the footer says "rated ★★★★★"; after a move,
// the footer is the help line again and the cursor row is another session.
// (The bytes alone do not tell: the renderer writes only the cells that
// changed since the frame it last flushed, so when the frame between two
// ratings was never flushed, "rated ★★★★★" is never written again.)
func loadClient(v *testVenue, key gossh.Signer, n int) (rate, move []time.Duration, err error) {
	const width, height = 100, 30
	c, err := v.dial(gossh.PublicKeys(key))
	if err != nil {
		return nil, nil, err
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		return nil, nil, err
	}
	defer s.Close()
	_ = s.Setenv("NO_COLOR", "1")
	if err := s.RequestPty("xterm-256color", height, width, nil); err != nil {
		return nil, nil, err
	}
	stdin, _ := s.StdinPipe()
	stdout, _ := s.StdoutPipe()
	if err := s.Shell(); err != nil {
		return nil, nil, err
	}
	vt := newVTScreen(width, height)
	got := make(chan struct{}, 1)
	go func() {
		buf := make([]byte, 16384)
		for {
			k, err := stdout.Read(buf)
			_, _ = vt.Write(buf[:k])
			select {
			case got <- struct{}{}:
			default:
			}
			if err != nil {
				return
			}
		}
	}()
	footer := func() string { return vt.Line(height - 1) }
	cursor := func() string { return strings.Join(vt.Reversed(), "\n") }
	wait := func(what string, ok func() bool) error {
		deadline := time.After(60 * time.Second)
		for !ok() {
			select {
			case <-got:
			case <-deadline:
				return fmt.Errorf("no %s in 60s; the screen shows:\n%s", what, vt)
			}
		}
		return nil
	}
	if err := wait("first frame", func() bool { return strings.Contains(vt.String(), "Sessions") && cursor() != "" }); err != nil {
		return nil, nil, err
	}
	press := func(k string, what string, ok func() bool) (time.Duration, error) {
		sent := time.Now()
		if _, err := io.WriteString(stdin, k); err != nil {
			return 0, err
		}
		if err := wait(what, ok); err != nil {
			return 0, err
		}
		return time.Since(sent), nil
	}
	const rated = "rated ★★★★★"
	for range n {
		d, err := press("5", "frame after a rating", func() bool { return strings.Contains(footer(), rated) })
		if err != nil {
			return nil, nil, err
		}
		rate = append(rate, d)
		was := cursor()
		d, err = press("j", "frame after a move", func() bool {
			return !strings.Contains(footer(), rated) && cursor() != was
		})
		if err != nil {
			return nil, nil, err
		}
		move = append(move, d)
	}
	return rate, move, nil
}
