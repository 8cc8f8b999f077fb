package data

import (
	"encoding/json"
	"os"
	"testing"
)

// builtinConf reads the built-in conference from its file. data/builtin
// (which decodes it with data/formats) imports this package, so this
// package's own tests read the JSON themselves; the file is clean, so
// Prepare is all it needs.
func builtinConf(tb testing.TB) *Conference {
	tb.Helper()
	b, err := os.ReadFile("builtin/velocity-berlin-2019.json")
	if err != nil {
		tb.Fatal(err)
	}
	var f struct {
		Conference *Conference `json:"conference"`
	}
	if err := json.Unmarshal(b, &f); err != nil || f.Conference == nil {
		tb.Fatalf("built-in conference: %v", err)
	}
	f.Conference.Prepare()
	return f.Conference
}
