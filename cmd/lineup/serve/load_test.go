package serve

import (
	"bytes"
	"flag"
	"io"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/lineup-tui/lineup/cmd/lineup/serve/servetest"
	gossh "golang.org/x/crypto/ssh"
)

var loadClients = flag.Int("serve.load", 0, "run the load test with this many concurrent SSH clients (0 skips it)")

// counterModel counts key presses and shows the count as a marker whose
// characters never repeat, on a line the previous frame left blank, so the
// renderer writes it whole.
type counterModel struct{ n int }

func (m counterModel) Init() tea.Cmd { return nil }

func (m counterModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		m.n++
	}
	return m, nil
}

func (m counterModel) View() tea.View {
	lines := []string{"", ""}
	lines[m.n%2] = marker(m.n)
	return tea.NewView(strings.Join(lines, "\n"))
}

func marker(n int) string {
	return "Q" + string(rune('A'+n/10%10)) + string(rune('a'+n%10)) + "Z"
}

// TestLoad opens -serve.load clients at once; each presses a key ten times
// and waits for the frame that shows it. It reports the key-to-frame
// latency and the CPU time and peak memory of the process, which holds the
// clients too.
func TestLoad(t *testing.T) {
	if *loadClients <= 0 {
		t.Skip("run with -serve.load N")
	}
	const keys = 10
	clients := *loadClients
	ts := startServer(t, Config{MaxSessions: clients, NewModel: func(Session) tea.Model { return counterModel{} }})

	var before syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	start := time.Now()

	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := ts.dial(gossh.PublicKeys(servetest.NewKey(t)))
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			sess, err := c.NewSession()
			if err != nil {
				t.Error(err)
				return
			}
			defer sess.Close()
			if err := sess.RequestPty("xterm-256color", 24, 80, nil); err != nil {
				t.Error(err)
				return
			}
			stdout, _ := sess.StdoutPipe()
			stdin, _ := sess.StdinPipe()
			if err := sess.Shell(); err != nil {
				t.Error(err)
				return
			}
			seen := make(chan int, keys+1)
			go func() {
				var window []byte
				next := 1
				buf := make([]byte, 4096)
				for {
					n, err := stdout.Read(buf)
					window = append(window, buf[:n]...)
					for next <= keys && bytes.Contains(window, []byte(marker(next))) {
						seen <- next
						window = window[:0]
						next++
					}
					if len(window) > 1<<16 {
						window = window[len(window)-64:]
					}
					if err != nil {
						return
					}
				}
			}()
			var mine []time.Duration
			for i := 1; i <= keys; i++ {
				sent := time.Now()
				if _, err := io.WriteString(stdin, "x"); err != nil {
					t.Error(err)
					return
				}
				select {
				case <-seen:
					mine = append(mine, time.Since(sent))
				case <-time.After(30 * time.Second):
					t.Errorf("key %d: no frame in 30s", i)
					return
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	var after syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	if len(lat) != clients*keys {
		t.Fatalf("%d frames seen, want %d", len(lat), clients*keys)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	cpu := time.Duration(after.Utime.Nano()+after.Stime.Nano()-before.Utime.Nano()-before.Stime.Nano()) * time.Nanosecond
	t.Logf("%d clients × %d keys in %s: key-to-frame p50 %s, p99 %s, max %s; CPU %s (clients included); peak RSS %d MiB",
		clients, keys, elapsed.Round(time.Millisecond), lat[len(lat)/2].Round(time.Microsecond),
		lat[len(lat)*99/100].Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond),
		cpu.Round(time.Millisecond), after.Maxrss/1024)
}
