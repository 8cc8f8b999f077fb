package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/store"
)

const gitops = "vlb19-gitops-101"

func TestMineExportImportMergesByNewerChange(t *testing.T) {
	laptop, server := newCLI(t), newCLI(t)
	laptop.ok("rate", gitops, "2")
	laptop.ok("note", gitops, "laptop note")
	laptop.ok("star", "vlb19-k8s-very-hard-way")
	time.Sleep(5 * time.Millisecond) // the server's changes are the newer ones
	server.ok("rate", gitops, "5")
	server.ok("star", gitops)
	// A session the laptop's schedule does not have, and a conference it
	// does not have: both must be kept.
	sst, _ := store.Open(server.db)
	if err := sst.SetNote(data.BuiltinSlug, "gone-talk", "kept"); err != nil {
		t.Fatal(err)
	}
	if err := sst.SetStarred("other-conf", "x1", true); err != nil {
		t.Fatal(err)
	}

	exported := server.ok("mine", "export")
	var f map[string]any
	if err := json.Unmarshal([]byte(exported), &f); err != nil {
		t.Fatalf("export is not JSON: %v\n%s", err, exported)
	}
	if f["lineup_mine"] != 1.0 || f["conferences"] == nil {
		t.Errorf("export head: %v", f)
	}
	g := f["conferences"].(map[string]any)[data.BuiltinSlug].(map[string]any)[gitops].(map[string]any)
	if g["rating"] != 5.0 || g["rating_at"] == nil || g["starred"] != true || g["note"] != nil || g["title"] == "" {
		t.Errorf("exported record %v", g)
	}
	if only := server.ok("mine", "export", "--conf", "other-conf"); strings.Contains(only, gitops) || !strings.Contains(only, "x1") {
		t.Errorf("--conf other-conf exported %s", only)
	}

	path := filepath.Join(t.TempDir(), "mine.json")
	os.WriteFile(path, []byte(exported), 0o600)
	out := laptop.ok("mine", "import", path)
	if !strings.Contains(out, "1 of them are not in the schedule") || !strings.Contains(out, "other-conf") {
		t.Errorf("import said %q", out)
	}
	lst, _ := store.Open(laptop.db)
	p, _ := lst.Personal(data.BuiltinSlug)
	if g := p[gitops]; g.Rating != 5 || !g.Starred || g.Note != "laptop note" {
		t.Errorf("merged record %+v: want the server's newer rating and star, the laptop's note", g)
	}
	if !p["vlb19-k8s-very-hard-way"].Starred || p["gone-talk"].Note != "kept" {
		t.Errorf("laptop-only or orphan data lost: %+v", p)
	}
	if o, _ := lst.Mine(); !o["other-conf"]["x1"].Starred {
		t.Error("data on a conference not in this store was not kept")
	}
	// The agenda lists the orphan.
	if ag := laptop.ok("agenda"); !strings.Contains(ag, "gone-talk") {
		t.Errorf("agenda does not list the orphan:\n%s", ag)
	}
	// Importing the same file again changes nothing.
	if out := laptop.ok("mine", "import", path); !strings.Contains(out, ": 0 changed here") {
		t.Errorf("second import said %q", out)
	}

	// A later change on the laptop survives an import of the older export,
	// and a clearing travels: unrate on the laptop, export, import on the server.
	laptop.ok("rate", gitops, "0")
	laptop.ok("mine", "import", path)
	if p, _ := lst.Personal(data.BuiltinSlug); p[gitops].Rating != 0 {
		t.Errorf("an older export undid a newer clearing: %+v", p[gitops])
	}
	back := filepath.Join(t.TempDir(), "back.json")
	os.WriteFile(back, []byte(laptop.ok("mine", "export")), 0o600)
	server.ok("mine", "import", back)
	if p, _ := sst.Personal(data.BuiltinSlug); p[gitops].Rating != 0 || p[gitops].Note != "laptop note" {
		t.Errorf("server after importing the laptop's export: %+v", p[gitops])
	}
}

func TestMineImportRefusesBadFiles(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	for name, body := range map[string]string{
		"not json":     "{",
		"wrong kind":   `{"lineup": 1, "conference": {}}`,
		"version":      `{"lineup_mine": 9, "conferences": {}}`,
		"no time":      `{"lineup_mine": 1, "conferences": {"vlb19": {"a": {"rating": 3}}}}`,
		"rating 7":     `{"lineup_mine": 1, "conferences": {"vlb19": {"a": {"rating": 7, "rating_at": "2026-01-01T00:00:00Z"}}}}`,
		"time no data": `{"lineup_mine": 1, "conferences": {"vlb19": {"a": {"note_at": "2026-01-01T00:00:00Z"}}}}`,
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
		os.WriteFile(path, []byte(body), 0o600)
		c.fails(1, "mine", "import", path)
	}
	st, _ := store.Open(c.db)
	if m, _ := st.Mine(); len(m) != 0 {
		t.Errorf("a refused file changed the store: %v", m)
	}
	// stdin works.
	if code, out, errs := c.runIn(`{"lineup_mine": 1, "conferences": {"vlb19": {"vlb19-gitops-101": {"rating": 4, "rating_at": "2026-01-01T00:00:00Z"}}}}`, "mine", "import", "-"); code != 0 {
		t.Fatalf("import from stdin: %d %q %q", code, out, errs)
	}
	if p, _ := st.Personal("vlb19"); p[gitops].Rating != 4 {
		t.Errorf("stdin import: %+v", p)
	}
}
