package main

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/data/synth"
)

// writeSynth writes a synthetic conference of n sessions in format f.
func writeSynth(t *testing.T, n int, f formats.Format) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "conf")
	out, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(out)
	if err := synth.Write(w, synth.Generate(n, 1), f); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// A big file is mapped into memory and read as a read file would be.
func TestImportInputMapped(t *testing.T) {
	p := writeSynth(t, 2000, formats.FormatLineup)
	in, _, err := readSource(p)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS == "linux" && in.free == nil {
		t.Fatal("a file of more than a megabyte was read, not mapped")
	}
	res, err := parseInput(in, formats.FormatAuto, formats.Options{TimeZone: synth.Zone})
	in.close()
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Conference.Sessions) != 2000 {
		t.Fatalf("%d sessions", len(res.Conference.Sessions))
	}
}

// A mapped file cut short while it is read is an error, not a crash.
func TestImportInputCutShort(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("files are mapped on Linux only")
	}
	for _, f := range []formats.Format{formats.FormatLineup, formats.FormatFrabXML} {
		t.Run(string(f), func(t *testing.T) {
			p := writeSynth(t, 2000, f)
			in, _, err := readSource(p)
			if err != nil {
				t.Fatal(err)
			}
			defer in.close()
			if err := os.Truncate(p, 0); err != nil {
				t.Fatal(err)
			}
			_, err = parseInput(in, formats.FormatAuto, formats.Options{TimeZone: synth.Zone})
			if err == nil || !strings.Contains(err.Error(), "the file changed while it was read") {
				t.Fatalf("err = %v", err)
			}
		})
	}
}
