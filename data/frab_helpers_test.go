package data

import (
	"os"
	"path/filepath"
)

// corpusDir returns the shared corpus of real schedule files, or an error
// when it is absent (a fresh clone).
func corpusDir() (string, error) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "shared", "corpus"))
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(dir); err != nil {
		return "", err
	}
	return dir, nil
}
