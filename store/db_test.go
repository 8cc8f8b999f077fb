package store

import "testing"

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
