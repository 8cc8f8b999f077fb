package formats

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// syntheticICal builds a calendar of n events with a title, a room, a
// speaker and a 300-character description each.
func syntheticICal(n int) []byte {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Synth\r\nX-WR-TIMEZONE:Europe/Berlin\r\n")
	desc := strings.Repeat("lorem ipsum dolor sit amet ", 11)
	for i := range n {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:ev-%d@synth\r\nDTSTART;TZID=Europe/Berlin:203006%02dT%02d%02d00\r\nDURATION:PT25M\r\nSUMMARY:Talk number %d about terminals and schedules\r\nLOCATION:Room %d\r\nCATEGORIES:Track %d\r\nATTENDEE;CN=Speaker %d:mailto:s%d@example.org\r\nDESCRIPTION:%s\r\nEND:VEVENT\r\n",
			i, 1+i%4, 8+i/4%14, i%2*30, i, i%200, i%12, i%(n/2+1), i%(n/2+1), desc)
	}
	b.WriteString("END:VCALENDAR\r\n")
	return []byte(b.String())
}

// BenchmarkReadICal100k reads a 100,000-event calendar and reports the
// heap the runtime took from the system (heap-MB), an upper bound on what
// the reader needs.
func BenchmarkReadICal100k(b *testing.B) {
	raw := syntheticICal(100_000)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := Parse(raw, FormatICal, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(r.Conference.Sessions) != 100_000 {
			b.Fatalf("%d sessions", len(r.Conference.Sessions))
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapSys)/(1<<20), "heap-MB")
}

// BenchmarkRefuseICalMillion is a calendar of a million tiny events: it is
// refused at the 200,001st, without reading the rest.
func BenchmarkRefuseICalMillion(b *testing.B) {
	raw := []byte("BEGIN:VCALENDAR\n" + strings.Repeat("BEGIN:VEVENT\nDTSTART:20300601T100000Z\nSUMMARY:e\nEND:VEVENT\n", 1_000_000) + "END:VCALENDAR\n")
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := Parse(raw, FormatICal, Options{}); err == nil || !strings.Contains(err.Error(), "at most 200,000 sessions") {
			b.Fatal(err)
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapSys)/(1<<20), "heap-MB")
}
