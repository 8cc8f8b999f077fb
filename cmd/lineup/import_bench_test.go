package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/data/synth"
)

// BenchmarkImportProcess runs `lineup import` as a whole process, into a new
// store each time, of a synthetic conference of 10k and of 100k sessions
// written in every format lineup reads. peak-MB is the largest maximum
// resident set of the runs in MiB (peak-MB-si the same in millions of
// bytes), cpu-s their mean user and system time, wall-s their mean wall
// time as time(1) measures it. The targets at 100k sessions, any format: at
// most 400 MB (400,000,000 bytes, 381 MiB) and 3 s of wall time.
func BenchmarkImportProcess(b *testing.B) {
	timeBin, err := exec.LookPath("/usr/bin/time")
	if err != nil {
		b.Skip("GNU time (/usr/bin/time, Debian package time) is not installed")
	}
	bin := binary(b)
	ext := map[formats.Format]string{formats.FormatLineup: "json", formats.FormatFrabXML: "xml",
		formats.FormatScheduleJSON: "schedule.json", formats.FormatICal: "ics", formats.FormatSessionize: "sessionize.json"}
	for _, n := range []int{10_000, 100_000} {
		dir := b.TempDir()
		c := synth.Generate(n, 1)
		files := map[formats.Format]string{}
		for _, f := range formats.Formats() {
			files[f] = filepath.Join(dir, "conf."+ext[f])
			out, err := os.Create(files[f])
			if err != nil {
				b.Fatal(err)
			}
			w := bufio.NewWriter(out)
			if err := synth.Write(w, c, f); err != nil {
				b.Fatal(err)
			}
			if err := w.Flush(); err != nil {
				b.Fatal(err)
			}
			out.Close()
		}
		c = nil
		for _, f := range formats.Formats() {
			b.Run(fmt.Sprintf("%dk/%s", n/1000, f), func(b *testing.B) {
				var peak int64
				var cpu, wall float64
				runs := 0
				for b.Loop() {
					db := filepath.Join(b.TempDir(), "lineup.db")
					// /usr/bin/time measures the process itself: the
					// resource usage Go's os/exec reports starts from the
					// memory of this test process, which forked it.
					cmd := lineupCmd(b, "import", files[f], "--tz", synth.Zone, "--db", db)
					cmd.Args = append([]string{timeBin, "-f", "maxrss=%M cpu=%U+%S wall=%e"}, cmd.Args...)
					cmd.Path = timeBin
					var stderr bytes.Buffer
					cmd.Stderr = &stderr
					if out, err := cmd.Output(); err != nil {
						b.Fatalf("%s: %v\n%s%s", bin, err, out, stderr.Bytes())
					}
					lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
					var kb int64
					var user, sys, el float64
					if _, err := fmt.Sscanf(lines[len(lines)-1], "maxrss=%d cpu=%g+%g wall=%g", &kb, &user, &sys, &el); err != nil {
						b.Fatalf("time(1) said %q: %v", stderr.String(), err)
					}
					peak = max(peak, kb)
					cpu += user + sys
					wall += el
					runs++
				}
				b.ReportMetric(float64(peak)/1024, "peak-MB")
				b.ReportMetric(float64(peak)*1024/1e6, "peak-MB-si")
				b.ReportMetric(cpu/float64(runs), "cpu-s")
				b.ReportMetric(wall/float64(runs), "wall-s")
			})
		}
	}
}
