package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/storetest"
)

// A store with one personal record damaged: reading commands go on with
// the rest and warn, writing commands refuse in one line, the file is never
// written, and `lineup doctor` copies everything else into a new file.
func TestDamagedStoreCLI(t *testing.T) {
	c := newCLI(t)
	c.db = filepath.Join(t.TempDir(), "lineup.db")
	c.ok("note", "vlb19-gitops-101", "keep me")
	c.ok("star", "vlb19-sre-classroom")
	c.ok("note", "vlb19-k8s-very-hard-way", "DAMAGE-MARKER")
	b, err := os.ReadFile(c.db)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte(`"note":"DAMAGE-MARKER"`))
	if i < 0 {
		t.Fatal("no marker")
	}
	b[i] = 0xff
	if err := os.WriteFile(c.db, b, 0o600); err != nil {
		t.Fatal(err)
	}

	code, out, errs := c.run("agenda")
	if code != 0 || !strings.Contains(out, "SRE classroom") || !strings.Contains(errs, "warning") || !strings.Contains(errs, "doctor") {
		t.Errorf("agenda on a damaged store: exit %d\n%s\n%s", code, out, errs)
	}
	if s := byID(c.sessions(), "vlb19-gitops-101"); s["note"] != "keep me" {
		t.Errorf("a readable note is gone: %v", s)
	}
	other := filepath.Join(t.TempDir(), "s.json")
	os.WriteFile(other, lineupFile(t, "other", "x"), 0o600)
	for _, args := range [][]string{
		{"rate", "vlb19-gitops-101", "3"}, {"star", "vlb19-gitops-101"}, {"note", "vlb19-gitops-101", "x"},
		{"import", other}, {"remove", data.BuiltinSlug, "--yes"},
	} {
		if msg := c.fails(1, args...); !strings.Contains(msg, "damaged") {
			t.Errorf("%s: %q", strings.Join(args, " "), msg)
		}
	}
	if after, _ := os.ReadFile(c.db); !bytes.Equal(after, b) {
		t.Fatal("a command wrote the damaged store")
	}

	rescued := filepath.Join(t.TempDir(), "rescued.db")
	out = c.ok("doctor", "--out", rescued)
	for _, want := range []string{"Copied 1 conference (33 sessions", "2 rating, star or note records", "Could not read 1 part", "vlb19-k8s-very-hard-way", "was not changed"} {
		if !strings.Contains(out, want) {
			t.Errorf("doctor says %q, without %q", out, want)
		}
	}
	if after, _ := os.ReadFile(c.db); !bytes.Equal(after, b) {
		t.Fatal("doctor wrote the damaged store")
	}
	storetest.Check(t, rescued)
	st, err := store.Open(rescued)
	if err != nil {
		t.Fatal(err)
	}
	mine, err := st.Personal(data.BuiltinSlug)
	if err != nil || mine["vlb19-gitops-101"].Note != "keep me" || !mine["vlb19-sre-classroom"].Starred {
		t.Errorf("rescued: %+v %v", mine, err)
	}
	if msg := c.fails(1, "doctor", "--out", rescued); !strings.Contains(msg, "already exists") {
		t.Errorf("doctor over an existing file: %q", msg)
	}
	// The default name sits beside the store.
	if out := c.ok("doctor"); !strings.Contains(out, c.db+".recovered-") {
		t.Errorf("default: %q", out)
	}
}
