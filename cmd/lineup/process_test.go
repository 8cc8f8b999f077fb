package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/storetest"
	bolt "go.etcd.io/bbolt"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// binary builds lineup once per test run, with -race when the tests have it.
func binary(tb testing.TB) string {
	tb.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "lineup-bin-")
		if buildErr != nil {
			return
		}
		binPath = filepath.Join(buildDir, "lineup")
		args := []string{"build", "-o", binPath}
		if raceBuild {
			args = append(args, "-race")
		}
		build := exec.Command("go", append(args, ".")...)
		if !raceBuild {
			// As the release archives are built (.goreleaser.yaml): a
			// static binary, which starts sooner than one linked with libc.
			build.Env = append(os.Environ(), "CGO_ENABLED=0")
		}
		out, err := build.CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		tb.Fatal(buildErr)
	}
	return binPath
}

// lineupCmd prepares the binary with an environment that cannot reach the
// person's real store.
func lineupCmd(tb testing.TB, args ...string) *exec.Cmd {
	cmd := exec.Command(binary(tb), args...)
	cmd.Env = append(os.Environ(), "LINEUP_DB=", "XDG_DATA_HOME="+tb.TempDir(), "HOME="+tb.TempDir())
	return cmd
}

func TestProcessesShareTheStore(t *testing.T) {
	db := storetest.Path(t)
	if out, err := lineupCmd(t, "sessions", "--db", db).CombinedOutput(); err != nil {
		t.Fatalf("first run: %v\n%s", err, out)
	}
	const rounds = 12
	var wg sync.WaitGroup
	errs := make(chan error, 3*rounds)
	// One process after another lists the sessions…
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < rounds; i++ {
			out, err := lineupCmd(t, "sessions", "--json", "--db", db).Output()
			if err != nil {
				errs <- fmt.Errorf("sessions: %v (%s)", err, stderrOf(err))
				continue
			}
			var l []map[string]any
			if err := json.Unmarshal(out, &l); err != nil || len(l) != 33 {
				errs <- fmt.Errorf("sessions output: %v, %d sessions", err, len(l))
			}
		}
	}()
	// …while this process keeps reading the store as the TUI does…
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var readerWG sync.WaitGroup
	readerWG.Add(1)
	go func() {
		defer readerWG.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := st.Conference(data.BuiltinSlug); err != nil {
				errs <- fmt.Errorf("in-process read: %v", err)
				return
			}
			if _, err := st.Personal(data.BuiltinSlug); err != nil {
				errs <- fmt.Errorf("in-process read: %v", err)
				return
			}
			// The TUI reads at most once a second; this reads fifty times
			// as often. With no pause at all, readers that always overlap
			// starve a writer (bbolt polls its lock every 50 ms).
			time.Sleep(20 * time.Millisecond)
		}
	}()
	// …and other processes rate sessions.
	for i := 0; i < rounds; i++ {
		out, err := lineupCmd(t, "rate", "vlb19-gitops-101", fmt.Sprint(i%5+1), "--db", db).Output()
		if err != nil || !strings.Contains(string(out), "Rated") {
			errs <- fmt.Errorf("rate: %v (%s)", err, stderrOf(err))
		}
	}
	wg.Wait()
	close(stop)
	readerWG.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	p, err := st.Personal(data.BuiltinSlug)
	if err != nil || p["vlb19-gitops-101"].Rating != (rounds-1)%5+1 {
		t.Errorf("last rating %+v, %v", p["vlb19-gitops-101"], err)
	}
}

func stderrOf(err error) string {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return strings.TrimSpace(string(ee.Stderr))
	}
	return ""
}

func TestProcessWithoutTerminal(t *testing.T) {
	db := storetest.Path(t)
	cmd := lineupCmd(t, "--db", db)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Fatalf("exit: %v", err)
	}
	if stdout.Len() != 0 {
		t.Errorf("drew something: %q", stdout.String())
	}
	if msg := stderr.String(); !strings.HasPrefix(msg, "lineup: stdout is not a terminal") || strings.Count(msg, "\n") != 1 {
		t.Errorf("hint %q", msg)
	}
}

func TestProcessLockedStore(t *testing.T) {
	db := storetest.Path(t)
	if _, err := store.Open(db); err != nil {
		t.Fatal(err)
	}
	// This process holds the write lock, as a running import would.
	hold, err := bolt.Open(db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Close()
	out, err := lineupCmd(t, "rate", "vlb19-gitops-101", "3", "--db", db).CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("exit %v, output %q", err, out)
	}
	if want := "lineup: " + db + " is locked by another lineup process; close it or try again\n"; string(out) != want {
		t.Errorf("message %q, want %q", out, want)
	}
}

func BenchmarkSessionsJSONProcess(b *testing.B) {
	db := storetest.Path(b)
	if out, err := lineupCmd(b, "sessions", "--db", db).CombinedOutput(); err != nil {
		b.Fatalf("%v\n%s", err, out)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := lineupCmd(b, "sessions", "--json", "--db", db).Run(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImportFOSDEM2026Process(b *testing.B) {
	corpus, _ := filepath.Abs("../../../shared/corpus")
	file := filepath.Join(corpus, "frab-xml", "fosdem-2026.xml")
	if _, err := os.Stat(file); err != nil {
		b.Skip("corpus not present")
	}
	if f, _ := formats.Detect([]byte("<?xml version=\"1.0\"?><schedule>")); f != formats.FormatFrabXML {
		b.Skip("no frab XML reader in this build")
	}
	bin := binary(b)
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db := filepath.Join(dir, fmt.Sprintf("s%d.db", i))
		if out, err := lineupCmd(b, "import", file, "--db", db).CombinedOutput(); err != nil {
			b.Fatalf("%s: %v\n%s", bin, err, out)
		}
	}
}

// On a terminal, lineup opens the TUI: run it under script(1), which gives
// it a pseudo-terminal, rate the first session and quit.
func TestProcessOpensTheTUIOnATerminal(t *testing.T) {
	scriptBin, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) is not installed")
	}
	db := storetest.Path(t)
	cmd := exec.Command(scriptBin, "-qfec", binary(t)+" --db "+db, "/dev/null")
	// TZ: a viewer in the conference's zone, whose header names no zone
	// and has room for the whole conference name.
	cmd.Env = append(os.Environ(), "LINEUP_DB=", "TERM=xterm-256color", "HOME="+t.TempDir(), "XDG_DATA_HOME="+t.TempDir(), "TZ=Europe/Berlin")
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out storetest.SyncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "SRE classroom") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	io.WriteString(in, "4")
	time.Sleep(300 * time.Millisecond)
	io.WriteString(in, "q")
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("lineup on a terminal: %v\n%s", err, out.String())
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("lineup did not quit on q:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "Velocity Berlin 2019") {
		t.Errorf("the TUI did not draw the programme:\n%s", out.String())
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	mine, err := st.Personal(data.BuiltinSlug)
	if err != nil {
		t.Fatal(err)
	}
	if mine["vlb19-sre-classroom"].Rating != 4 {
		t.Errorf("the rating typed in the TUI is not in the store: %+v", mine["vlb19-sre-classroom"])
	}
}

// On a terminal, `lineup remove` asks first: "n" keeps the conference, "y"
// removes it.
func TestProcessRemoveAsksOnATerminal(t *testing.T) {
	scriptBin, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) is not installed")
	}
	db := storetest.Path(t)
	if out, err := lineupCmd(t, "sessions", "--db", db).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// Declining is a failure (exit 1, "not removed"), so a script that
	// checks the status learns that nothing happened.
	remove := func(answer string, wantOK bool) string {
		cmd := exec.Command(scriptBin, "-qfec", binary(t)+" remove "+data.BuiltinSlug+" --db "+db, "/dev/null")
		cmd.Env = append(os.Environ(), "LINEUP_DB=", "HOME="+t.TempDir())
		cmd.Stdin = strings.NewReader(answer + "\n")
		out, err := cmd.CombinedOutput()
		if (err == nil) != wantOK {
			t.Fatalf("remove with %q: %v\n%s", answer, err, out)
		}
		return string(out)
	}
	conferences := func() int {
		st, err := store.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := st.Conferences()
		if err != nil {
			t.Fatal(err)
		}
		return len(cs)
	}
	if out := remove("n", false); !strings.Contains(out, "[y/N]") || !strings.Contains(out, "not removed") || conferences() != 1 {
		t.Fatalf("answering n: %q, %d conferences", out, conferences())
	}
	remove("y", true)
	if n := conferences(); n != 0 {
		t.Fatalf("answering y left %d conferences", n)
	}
}
