package formats

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/lineup-tui/lineup/data/internal/datatest"
)

// parseBothWays parses b with the arrays read item by item on every core
// (decodeSplit, tried from any size) and with the whole file read at once,
// and fails unless both give the same conference and warnings, or the same
// error.
func parseBothWays(t *testing.T, b []byte, f Format, opt Options) (split bool) {
	t.Helper()
	defer func(old int) { splitMin = old }(splitMin)
	splitMin = math.MaxInt
	whole, werr := Parse(b, f, opt)
	splitMin = 0
	got, gerr := Parse(b, f, opt)
	switch {
	case (werr == nil) != (gerr == nil):
		t.Fatalf("whole: %v; split: %v", werr, gerr)
	case werr != nil:
		if werr.Error() != gerr.Error() {
			t.Fatalf("errors differ:\nwhole: %v\nsplit: %v", werr, gerr)
		}
	case !reflect.DeepEqual(whole.Warnings, got.Warnings):
		t.Fatalf("warnings differ:\nwhole: %q\nsplit: %q", whole.Warnings, got.Warnings)
	default:
		var a, b bytes.Buffer
		if err := EncodeLineup(&a, whole.Conference); err != nil {
			t.Fatal(err)
		}
		if err := EncodeLineup(&b, got.Conference); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("conferences differ:\nwhole: %.2000s\nsplit: %.2000s", a.Bytes(), b.Bytes())
		}
	}
	return werr == nil
}

// splitTaken reports whether decodeSplit reads b's arrays item by item
// (true) or gives up and leaves it to the whole-file decode.
func splitTaken(t *testing.T, b []byte, f Format) bool {
	t.Helper()
	defer func(old int) { splitMin = old }(splitMin)
	splitMin = 0
	b, err := decodeInput(b)
	if err != nil {
		return false
	}
	switch f {
	case FormatLineup:
		var lf lineupFile
		return decodeLineupSplit(b, &Options{}, &lf)
	case FormatSessionize:
		var all szAll
		return decodeSplit(b, &Options{}, &all, nil, splitArray{"sessions", splitInto(&all.Sessions)},
			splitArray{"speakers", splitInto(&all.Speakers)})
	}
	t.Fatalf("no split decode for %s", f)
	return false
}

func TestSplitDecodeMatchesWholeFile(t *testing.T) {
	var lineup bytes.Buffer
	if err := EncodeLineup(&lineup, builtinConf(t)); err != nil {
		t.Fatal(err)
	}
	sz, err := os.ReadFile(filepath.Join("testdata", "sessionize-small.json"))
	if err != nil {
		t.Fatal(err)
	}
	files := []struct {
		name string
		f    Format
		b    []byte
	}{
		{"lineup builtin", FormatLineup, lineup.Bytes()},
		{"sessionize small", FormatSessionize, sz},
	}
	if b, err := os.ReadFile(filepath.Join("testdata", "missing-speaker.json")); err == nil {
		files = append(files, struct {
			name string
			f    Format
			b    []byte
		}{"lineup missing speaker", FormatLineup, b})
	}
	for _, rel := range []string{"sessionize/scottish-summit-2026.all.json"} {
		if b := datatest.CorpusSeeds(0, rel); len(b) > 0 {
			files = append(files, struct {
				name string
				f    Format
				b    []byte
			}{rel, FormatSessionize, b[0]})
		}
	}
	opt := Options{TimeZone: "Europe/London"}
	for _, fl := range files {
		t.Run(fl.name, func(t *testing.T) {
			if !splitTaken(t, fl.b, fl.f) {
				t.Fatal("the split decode gave up on a plain file")
			}
			if !parseBothWays(t, fl.b, fl.f, opt) {
				t.Fatal("the file did not read")
			}
		})
	}

	// Changes to the plain lineup file, each of which the whole-file decode
	// reads or refuses in its own way; the split decode must agree, taking
	// them on or giving up.
	plain := lineup.String()
	first := strings.Index(plain, `"sessions": [`) + len(`"sessions": [`)
	edits := map[string]string{
		"upper-case member":        strings.Replace(plain, `"sessions":`, `"Sessions":`, 1),
		"repeated member":          strings.Replace(plain, `"sessions":`, `"sessions": [], "sessions":`, 1),
		"repeated in another case": strings.Replace(plain, `"sessions":`, `"SESSIONS": [{"title": "x"}], "sessions":`, 1),
		"escaped member name":      strings.Replace(plain, `"sessions":`, `"session\u0073":`, 1),
		"kelvin sign":              strings.Replace(plain, `"speakers":`, `"spea\u212aers":`, 1),
		"no comma between items": strings.Replace(plain, `},
      {`, `}
      {`, 1),
		"two commas between items": strings.Replace(plain, `},
      {`, `},,
      {`, 1),
		"trailing comma": strings.Replace(plain, `}
    ],
    "sessions"`, `},
    ],
    "sessions"`, 1),
		"null item":                plain[:first] + "null, " + plain[first:],
		"number item":              plain[:first] + "1, " + plain[first:],
		"nested array item":        plain[:first] + "[[]], " + plain[first:],
		"string for title":         strings.Replace(plain, `"title": "`, `"title": 7, "x": "`, 1),
		"invalid UTF-8":            strings.Replace(plain, `"title": "`, "\"title\": \"\xff\xfe", 1),
		"bad escape in item":       strings.Replace(plain, `"title": "`, `"title": "\q`, 1),
		"trailing data":            plain + "{}",
		"trailing garbage":         plain + "xyz",
		"cut short":                plain[:len(plain)/2],
		"cut short in a string":    plain[:strings.LastIndex(plain, `"title": "`)+12],
		"unclosed item":            plain[:first] + `{"id": "q", ` + plain[first:],
		"stray bracket":            plain[:first] + `], ` + plain[first:],
		"sessions null":            strings.Replace(plain, `"sessions": [`, `"sessions": null, "x": [`, 1),
		"sessions object":          strings.Replace(plain, `"sessions": [`, `"sessions": {"a": [`, 1) + "}",
		"conference in lower case": strings.Replace(plain, `"conference":`, `"Conference":`, 1),
		"deep item":                plain[:first] + strings.Repeat("[", 2000) + strings.Repeat("]", 2000) + ", " + plain[first:],
		"key with a quote":         strings.Replace(plain, `"title": "`, `"ti\"tle": "`, 1),
		"item that is a string":    plain[:first] + `"]", ` + plain[first:],
		"no speakers member":       strings.Replace(plain, `"speakers":`, `"speakerz":`, 1),
	}
	for name, b := range edits {
		t.Run(name, func(t *testing.T) {
			if b == plain {
				t.Fatal("the edit changed nothing")
			}
			parseBothWays(t, []byte(b), FormatLineup, opt)
		})
	}
}

// FuzzSplitDecode: whatever the bytes, reading a JSON schedule's arrays item
// by item gives what reading the whole file gives.
func FuzzSplitDecode(f *testing.F) {
	var lineup bytes.Buffer
	if err := EncodeLineup(&lineup, builtinConf(f)); err != nil {
		f.Fatal(err)
	}
	f.Add(lineup.Bytes(), false)
	if b, err := os.ReadFile(filepath.Join("testdata", "sessionize-small.json")); err == nil {
		f.Add(b, true)
	}
	f.Add([]byte(`{"lineup": 1, "conference": {"sessions": [{"id": "a"}, null, {"ID": "b", "Title": 1}], "speakers": []}}`), false)
	f.Add([]byte(`{"sessions": [{"id": 1}, {"id": "1"}], "speakers": [{"id": null}], "rooms": []}`), true)
	f.Fuzz(func(t *testing.T, b []byte, sessionize bool) {
		if sessionize {
			parseBothWays(t, b, FormatSessionize, Options{TimeZone: "Europe/London"})
		} else {
			parseBothWays(t, b, FormatLineup, Options{})
		}
	})
}

// skipJSONString finds a string's end with IndexByte; it agrees with a
// byte-by-byte reading of the escapes on every mix of quotes, backslashes
// and other bytes.
func TestSkipJSONStringMatchesByteReading(t *testing.T) {
	slow := func(b []byte, i int) int {
		for j := i + 1; j < len(b); j++ {
			switch b[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		return -1
	}
	alphabet := []byte(`"\a`)
	var b []byte
	for n := range 1 << 16 {
		b = append(b[:0], '"')
		for m := n; m > 0; m /= 3 {
			b = append(b, alphabet[m%3])
		}
		if got, want := skipJSONString(b, 0), slow(b, 0); got != want {
			t.Fatalf("skipJSONString(%q) = %d, want %d", b, got, want)
		}
	}
}
