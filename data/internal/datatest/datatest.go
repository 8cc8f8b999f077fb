// Package datatest holds what the tests of data's packages share: the
// corpus of real schedule files that lives beside the checkout
// (../shared/corpus), which tests read when it is there and skip without.
// Golden files are compared with github.com/charmbracelet/x/exp/golden
// (testdata/<TestName>/<subtest>.golden, rewritten with -update).
package datatest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// corpusDir returns the shared corpus of real schedule files, or an error
// when it is absent (a fresh clone).
func corpusDir() (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "", os.ErrNotExist
	}
	// file is <checkout>/data/internal/datatest/datatest.go.
	dir, err := filepath.Abs(filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "shared", "corpus"))
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(dir); err != nil {
		return "", err
	}
	return dir, nil
}

// CorpusPath resolves a file of the corpus ("frab-xml/fosdem-2026.xml"),
// or "" when it is absent.
func CorpusPath(rel string) string {
	dir, err := corpusDir()
	if err != nil {
		return ""
	}
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// ReadCorpus reads a corpus file, skipping the test when it is absent.
func ReadCorpus(tb testing.TB, rel string) []byte {
	tb.Helper()
	p := CorpusPath(rel)
	if p == "" {
		tb.Skipf("corpus file %s not present", rel)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// CorpusSeeds returns the corpus files that are present, each cut to its
// first limit bytes (0: whole), for seeding a fuzz target.
func CorpusSeeds(limit int, rels ...string) [][]byte {
	var out [][]byte
	for _, rel := range rels {
		p := CorpusPath(rel)
		if p == "" {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if limit > 0 {
			b = b[:min(len(b), limit)]
		}
		out = append(out, b)
	}
	return out
}
