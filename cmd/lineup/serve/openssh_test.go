package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openssh runs the system's ssh client against the test server with nothing
// of the user's: no config, no keys, no known hosts, a home in a temporary
// folder. It is skipped where there is no ssh client.
func openssh(t *testing.T, ts *testServer, opts []string, command ...string) (string, error) {
	t.Helper()
	bin, err := exec.LookPath("ssh")
	if err != nil {
		t.Skip("no ssh client")
	}
	host, port, err := net.SplitHostPort(ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{
		"-F", "/dev/null",
		"-o", "UserKnownHostsFile=/dev/null", "-o", "GlobalKnownHostsFile=/dev/null",
		"-o", "StrictHostKeyChecking=no", "-o", "LogLevel=INFO",
		"-o", "BatchMode=no", "-o", "ConnectTimeout=5",
		"-p", port,
	}
	args = append(args, opts...)
	args = append(args, "guest@"+host)
	args = append(args, command...)
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	home := t.TempDir()
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH")}
	cmd.Stdin = strings.NewReader("")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestOpenSSHClientWithoutAKeySeesTheHintOnce(t *testing.T) {
	ts := startServer(t, Config{})
	out, err := openssh(t, ts, []string{"-o", "PubkeyAuthentication=no", "-o", "IdentityAgent=none", "-o", "IdentitiesOnly=yes"})
	if err == nil {
		t.Fatalf("ssh without a key got in:\n%s", out)
	}
	if n := strings.Count(out, "ssh-keygen -t ed25519"); n != 1 {
		t.Errorf("ssh showed the hint %d times, want once:\n%s", n, out)
	}
	if !strings.Contains(out, "Permission denied") {
		t.Errorf("ssh did not say it was refused:\n%s", out)
	}
	t.Logf("what ssh shows:\n%s", out)
}

func TestOpenSSHClientRunsCommandsAsItsKeysFingerprint(t *testing.T) {
	keygen, err := exec.LookPath("ssh-keygen")
	if err != nil {
		t.Skip("no ssh-keygen")
	}
	key := filepath.Join(t.TempDir(), "id_ed25519")
	gen := exec.Command(keygen, "-q", "-t", "ed25519", "-N", "", "-f", key)
	gen.Env = []string{"HOME=" + t.TempDir()}
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	out, err := exec.Command(keygen, "-l", "-E", "sha256", "-f", key+".pub").Output()
	if err != nil {
		t.Fatal(err)
	}
	// "256 SHA256:… comment (ED25519)"
	fields := strings.Fields(string(out))
	if len(fields) < 2 {
		t.Fatalf("ssh-keygen -l printed %q", out)
	}
	want := fields[1]

	got := make(chan string, 1)
	ts := startServer(t, Config{RunCommand: func(_ context.Context, identity string, args []string, stdout, _ io.Writer) int {
		got <- identity
		fmt.Fprintln(stdout, "ran", strings.Join(args, " "))
		return 4
	}})
	keyArgs := []string{"-o", "IdentityAgent=none", "-o", "IdentitiesOnly=yes", "-i", key}

	out2, err := openssh(t, ts, keyArgs, "sessions", "--search", "'two words'")
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 4 {
		t.Errorf("ssh … sessions: %v, want exit status 4\n%s", err, out2)
	}
	if !strings.Contains(out2, "ran sessions --search two words") {
		t.Errorf("ssh … sessions printed:\n%s", out2)
	}
	select {
	case id := <-got:
		if id != want {
			t.Errorf("identity %q, want ssh-keygen's fingerprint %q", id, want)
		}
	default:
		t.Error("the runner was not called")
	}

	out3, err := openssh(t, ts, keyArgs, "import", "/etc/passwd")
	if !errors.As(err, &exit) || exit.ExitCode() == 0 {
		t.Errorf("ssh … import: %v, want a non-zero exit status", err)
	}
	if !strings.Contains(out3, `"import" is not available over SSH`) {
		t.Errorf("ssh … import printed:\n%s", out3)
	}
}

func TestOpenSSHTerminalShowsTheTUI(t *testing.T) {
	bin, err := exec.LookPath("ssh")
	if err != nil {
		t.Skip("no ssh client")
	}
	keygen, err := exec.LookPath("ssh-keygen")
	if err != nil {
		t.Skip("no ssh-keygen")
	}
	home := t.TempDir()
	key := filepath.Join(home, "id_ed25519")
	gen := exec.Command(keygen, "-q", "-t", "ed25519", "-N", "", "-f", key)
	gen.Env = []string{"HOME=" + home}
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	ts := startServer(t, Config{})
	host, port, _ := net.SplitHostPort(ts.addr)
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-F", "/dev/null", "-tt",
		"-o", "UserKnownHostsFile=/dev/null", "-o", "GlobalKnownHostsFile=/dev/null",
		"-o", "StrictHostKeyChecking=no", "-o", "IdentityAgent=none", "-o", "IdentitiesOnly=yes",
		"-i", key, "-p", port, "guest@"+host)
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "TERM=xterm-256color"}
	var out syncBuf
	cmd.Stdout, cmd.Stderr = &out, &out
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(waitLimit)
	for !strings.Contains(out.text(), "who:SHA256:") {
		if time.Now().After(deadline) {
			t.Fatalf("ssh -tt never showed the TUI:\n%s", out.text())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := io.WriteString(stdin, "q"); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("ssh -tt ended with %v after q:\n%s", err, out.text())
	}
}
