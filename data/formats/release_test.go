package formats_test

import (
	"bytes"
	"testing"
	"unsafe"

	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/data/synth"
)

// A reader that is given Options.Release tells it of parts of the file it
// is done with as it reads, each inside the file and together nearly all of
// it (besides the whole file once it was read whole for its size), and
// reads the same conference as without it.
func TestReleaseCoversTheFile(t *testing.T) {
	c := synth.Generate(4000, 1)
	for _, f := range []formats.Format{formats.FormatLineup, formats.FormatSessionize, formats.FormatFrabXML, formats.FormatICal} {
		t.Run(string(f), func(t *testing.T) {
			var buf bytes.Buffer
			if err := synth.Write(&buf, c, f); err != nil {
				t.Fatal(err)
			}
			in := buf.Bytes()
			if len(in) < 4<<20 {
				t.Fatalf("%d bytes: too small to be let go of in parts", len(in))
			}
			base := uintptr(unsafe.Pointer(&in[0]))
			done := make([]bool, len(in))
			calls := 0
			opt := formats.Options{TimeZone: synth.Zone, Release: func(part []byte) {
				calls++
				off := int(uintptr(unsafe.Pointer(&part[0])) - base)
				if off < 0 || off+len(part) > len(in) {
					t.Fatalf("released %d bytes at %d, outside the file of %d", len(part), off, len(in))
				}
				if len(part) >= len(in)-len("\ufeff") {
					return // the whole file, read whole first
				}
				for i := off; i < off+len(part); i++ {
					done[i] = true
				}
			}}
			got, err := formats.Parse(in, f, opt)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, d := range done {
				if d {
					n++
				}
			}
			if calls < 3 || n < len(in)*9/10 {
				t.Errorf("%d calls released %d of %d bytes", calls, n, len(in))
			}
			want, err := formats.Parse(in, f, formats.Options{TimeZone: synth.Zone})
			if err != nil {
				t.Fatal(err)
			}
			var a, b bytes.Buffer
			if err := formats.EncodeLineup(&a, want.Conference); err != nil {
				t.Fatal(err)
			}
			if err := formats.EncodeLineup(&b, got.Conference); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("the conference read with Release differs")
			}
		})
	}
}
