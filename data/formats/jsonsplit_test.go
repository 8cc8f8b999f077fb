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
	case FormatScheduleJSON:
		var sj sjFile
		return splitScheduleJSON(b, &Options{}, &sj)
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
	for rel, f := range map[string]Format{
		"sessionize/scottish-summit-2026.all.json":   FormatSessionize,
		"c3voc-json/36c3-everything.pyfahrplan.json": FormatScheduleJSON,
		"c3voc-json/frab-camp2019.json":              FormatScheduleJSON,
		"c3voc-json/pretalx-democon.json":            FormatScheduleJSON,
	} {
		if b := datatest.CorpusSeeds(0, rel); len(b) > 0 {
			files = append(files, struct {
				name string
				f    Format
				b    []byte
			}{rel, f, b[0]})
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
		"raw kelvin sign":          strings.Replace(plain, `"speakers":`, "\"spea\u212aers\":", 1),
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

// sjPlain is a small schedule.json laid out plainly.
const sjPlain = `{"schedule": {"version": "1", "base_url": "https://x.example/", "conference": {"acronym": "c", "title": "C", "start": "2026-01-01", "end": "2026-01-02", "time_zone_name": "Europe/Berlin", "days": [
 {"index": 1, "date": "2026-01-01", "day_start": "2026-01-01T06:00:00+01:00", "rooms": {"Room A": [{"guid": "g1", "id": 1, "title": "One", "date": "2026-01-01T10:00:00+01:00", "start": "10:00", "duration": "00:30", "room": "Room A", "persons": [{"id": 1, "public_name": "P"}]}, {"guid": "g2", "id": 2, "title": {"en": "Two"}, "date": "2026-01-01T11:00:00+01:00", "start": "11:00", "duration": "00:30", "room": "Room A"}], "Room B": []}},
 {"index": 2, "date": "2026-01-02", "rooms": {"Room \u00c9": [{"guid": "g3", "id": 3, "title": "Three", "date": "2026-01-02T10:00:00+01:00", "start": "10:00", "duration": "01:00", "room": "Room B"}]}}]}}}`

func TestSplitScheduleJSONMatchesWholeFile(t *testing.T) {
	if !splitTaken(t, []byte(sjPlain), FormatScheduleJSON) {
		t.Fatal("the split decode gave up on a plain file")
	}
	if !parseBothWays(t, []byte(sjPlain), FormatScheduleJSON, Options{}) {
		t.Fatal("the file did not read")
	}
	edits := map[string]string{
		"rooms in another case":  strings.Replace(sjPlain, `"rooms": {"Room A"`, `"Rooms": {"Room A"`, 1),
		"rooms repeated":         strings.Replace(sjPlain, `"rooms": {"Room A"`, `"rooms": {}, "rooms": {"Room A"`, 1),
		"room null":              strings.Replace(sjPlain, `"Room B": []`, `"Room B": null`, 1),
		"room an object":         strings.Replace(sjPlain, `"Room B": []`, `"Room B": {}`, 1),
		"rooms null":             strings.Replace(sjPlain, `"rooms": {"Room \u00c9"`, `"x": 1, "rooms": null, "y": {"Room \u00c9"`, 1),
		"day null":               strings.Replace(sjPlain, `"days": [`, `"days": [null, `, 1),
		"days in another case":   strings.Replace(sjPlain, `"days":`, `"Days":`, 1),
		"title an array":         strings.Replace(sjPlain, `"title": "One"`, `"title": ["One"]`, 1),
		"id an object":           strings.Replace(sjPlain, `"id": 3,`, `"id": {"x": [1]},`, 1),
		"event null":             strings.Replace(sjPlain, `"Room B": []`, `"Room B": [null]`, 1),
		"trailing comma":         strings.Replace(sjPlain, `"room": "Room A"}], "Room B"`, `"room": "Room A"},], "Room B"`, 1),
		"no comma":               strings.Replace(sjPlain, `}, {"guid": "g2"`, `} {"guid": "g2"`, 1),
		"cut short":              sjPlain[:len(sjPlain)-40],
		"trailing data":          sjPlain + `{}`,
		"escaped day member":     strings.Replace(sjPlain, `"index": 2`, `"ind\u0065x": 2`, 1),
		"flat events too":        strings.Replace(sjPlain, `"version": "1",`, `"version": "1", "events": [{"guid": "g9", "id": 9, "title": "Nine", "date": "2026-01-02T12:00:00+01:00", "duration": "00:15", "room": "Room B"}],`, 1),
		"no days":                strings.Replace(sjPlain, `"days":`, `"dayz":`, 1),
		"room names repeated":    strings.Replace(sjPlain, `"Room B": []`, `"Room A": []`, 1),
		"schedule in upper case": strings.Replace(sjPlain, `"schedule":`, `"SCHEDULE":`, 1),
	}
	for name, b := range edits {
		t.Run(name, func(t *testing.T) {
			if b == sjPlain {
				t.Fatal("the edit changed nothing")
			}
			parseBothWays(t, []byte(b), FormatScheduleJSON, Options{})
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
	f.Add(lineup.Bytes(), uint8(0))
	if b, err := os.ReadFile(filepath.Join("testdata", "sessionize-small.json")); err == nil {
		f.Add(b, uint8(1))
	}
	f.Add([]byte(`{"lineup": 1, "conference": {"sessions": [{"id": "a"}, null, {"ID": "b", "Title": 1}], "speakers": []}}`), uint8(0))
	f.Add([]byte(`{"sessions": [{"id": 1}, {"id": "1"}], "speakers": [{"id": null}], "rooms": []}`), uint8(1))
	f.Add([]byte(sjPlain), uint8(2))
	f.Fuzz(func(t *testing.T, b []byte, which uint8) {
		switch which % 3 {
		case 0:
			parseBothWays(t, b, FormatLineup, Options{})
		case 1:
			parseBothWays(t, b, FormatSessionize, Options{TimeZone: "Europe/London"})
		default:
			parseBothWays(t, b, FormatScheduleJSON, Options{TimeZone: "Europe/Berlin"})
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
