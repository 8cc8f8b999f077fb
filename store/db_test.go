package store

import (
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestDefaultPath(t *testing.T) {
	t.Setenv("LINEUP_DB", "")
	t.Setenv("XDG_DATA_HOME", "/xdg")
	if p, _ := defaultPath(); p != "/xdg/lineup/lineup.db" {
		t.Errorf("XDG: %q", p)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/x")
	if p, _ := defaultPath(); p != "/home/x/.local/share/lineup/lineup.db" {
		t.Errorf("home: %q", p)
	}
	t.Setenv("LINEUP_DB", "/tmp/a.db")
	if p, _ := defaultPath(); p != "/tmp/a.db" {
		t.Errorf("LINEUP_DB: %q", p)
	}
}

// A --db that is a named pipe, a folder or a device fails at once with a
// message that says what it is; a pipe used to block the first read.
func TestOpenSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for path, want := range map[string]string{fifo: "named pipe", dir: "folder", "/dev/null": "device"} {
		done := make(chan error, 1)
		go func() {
			_, err := Open(path)
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotStore) || !strings.Contains(err.Error(), want) {
				t.Errorf("Open(%s): %v, want ErrNotStore saying %q", path, err, want)
			}
		case <-time.After(3 * time.Second):
			t.Fatalf("Open(%s) hangs", path)
		}
	}
}
