package formats

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/internal/datatest"
)

// checkFast fails unless decodeFastObject of item gives what json.Unmarshal
// gives, or gives up; it reports whether it read the item.
func checkFast(t *testing.T, item []byte) bool {
	t.Helper()
	var fast, want data.Session
	ok := decodeFastObject(item, &fast, sessionField)
	err := json.Unmarshal(item, &want)
	if !ok {
		return false
	}
	if err != nil {
		t.Fatalf("%q: read by hand, but json.Unmarshal says %v", item, err)
	}
	if !reflect.DeepEqual(fast, want) {
		t.Fatalf("%q:\nby hand %+v\nUnmarshal %+v", item, fast, want)
	}
	var sp, wsp data.Speaker
	if decodeFastObject(item, &sp, speakerField) {
		if err := json.Unmarshal(item, &wsp); err != nil || !reflect.DeepEqual(sp, wsp) {
			t.Fatalf("%q as a speaker: by hand %+v, Unmarshal %+v, %v", item, sp, wsp, err)
		}
	}
	return true
}

var fastItems = []struct {
	item string
	fast bool // read by hand, not left to json.Unmarshal
}{
	{`{"id": "a", "title": "T", "date": "2026-01-01", "start": "2026-01-01T10:00:00+01:00", "end": "2026-01-01T10:30:00+01:00", "speakers": ["s1", "s2"], "abstract": "line\nnext \"q\" \\ \/ \t", "rating": {"average": 4.5, "count": 2}, "links": [{"title": "x", "url": "u"}], "cancelled": true}`, true},
	{`{}`, true},
	{` { "id" : "a" } `, true},
	{`{"id": null, "title": "ünïcødé ✓"}`, true},
	{`{"title": 5}`, false},
	{`{"Title": "x"}`, false},
	{`{"id": "a", "id": "b"}`, false},
	{`{"tit\u006ce": "x"}`, false},
	{`{"title": "a\u00e9"}`, false},
	{"{\"title\": \"a\xffb\"}", false},
	{"{\"title\": \"a\x01b\"}", false},
	{`{"title": "a\qb"}`, false},
	{`{"unknown": 1}`, false},
	{`{"id": "a",}`, false},
	{`{"id": "a" "title": "b"}`, false},
	{`{"id": "a"`, false},
	{`{"start": "not a time"}`, false},
	{`{"start": 5}`, false},
	{`{"speakers": [1]}`, false},
	{`{"speakers": null, "links": null, "rating": null}`, true},
	{`{"rating": {"average": 1, "count": 1.5}}`, false},
	{`{"cancelled": "yes"}`, false},
	{`{"id": "a"} x`, false},
	{`[1]`, false},
	{`null`, false},
}

func TestFastObjectMatchesUnmarshal(t *testing.T) {
	for _, c := range fastItems {
		if got := checkFast(t, []byte(c.item)); got != c.fast {
			t.Errorf("%q: read by hand %v, want %v", c.item, got, c.fast)
		}
	}
	// Every session of the built-in conference, as lineup writes it, is
	// read by hand.
	for _, s := range builtinConf(t).Sessions {
		b, err := json.Marshal(&s)
		if err != nil {
			t.Fatal(err)
		}
		if !checkFast(t, b) {
			t.Fatalf("%s was left to json.Unmarshal", b)
		}
	}
}

func FuzzFastObject(f *testing.F) {
	for _, c := range fastItems {
		f.Add([]byte(c.item))
	}
	f.Fuzz(func(t *testing.T, item []byte) {
		checkFast(t, item)
	})
}

// checkFastEvent is checkFast for an event of a schedule.json.
func checkFastEvent(t *testing.T, item []byte) bool {
	t.Helper()
	var fast, want sjEvent
	ok := decodeFastEvent(item, &fast)
	err := json.Unmarshal(item, &want)
	if !ok {
		return false
	}
	if err != nil {
		t.Fatalf("%q: read by hand, but json.Unmarshal says %v", item, err)
	}
	if !reflect.DeepEqual(fast, want) {
		t.Fatalf("%q:\nby hand %+v\nUnmarshal %+v", item, fast, want)
	}
	return true
}

var fastEvents = []struct {
	item string
	fast bool
}{
	{`{"guid": "g", "id": 7, "title": "T", "date": "2026-01-01T10:00:00+01:00", "duration": "00:30", "persons": [{"id": 1, "public_name": "P"}], "links": [], "logo": null, "do_not_record": false, "answers": [{"x": {"y": [1, 2]}}]}`, true},
	{`{"title": "a\u00e9\nb", "subtitle": {"en": "E", "de": "D"}, "abstract": null}`, true},
	{"{\"title\": \"raw \xff bytes\"}", true},
	{`{}`, true},
	{`{"Title": "x"}`, false},
	{`{"title": "x", "title": "y"}`, false},
	{`{"logo": tru}`, false},
	{`{"title": ["x"]}`, false},
	{"{\"title\": \"a\x01\"}", false},
	{`{"titl\u0065": "x"}`, false},
	{"{\"\xe2\x84\xaaey\": 1}", false},
	{`{"title": "x"} {}`, false},
	{`{"persons": {"id": 1}}`, false},
	{`{"unknown": 1, "unknown": 2}`, true},
}

func TestFastEventMatchesUnmarshal(t *testing.T) {
	for _, c := range fastEvents {
		if got := checkFastEvent(t, []byte(c.item)); got != c.fast {
			t.Errorf("%q: read by hand %v, want %v", c.item, got, c.fast)
		}
	}
	// Every event of the corpus's schedule.json files is read by hand.
	for _, rel := range []string{"c3voc-json/36c3-everything.pyfahrplan.json", "c3voc-json/frab-camp2019.json", "c3voc-json/pretalx-democon.json"} {
		seeds := datatest.CorpusSeeds(0, rel)
		if len(seeds) == 0 {
			continue
		}
		b := seeds[0]
		days := []found{{lo: -1}}
		if _, ok := findArrays(b, skipJSONSpace(b, 0), []string{"schedule", "conference"}, []string{"days"}, days); !ok {
			t.Fatalf("%s: no days", rel)
		}
		n := 0
		for _, day := range days[0].items {
			rooms, ok := dayRoomArrays(b, day.lo)
			if !ok {
				t.Fatalf("%s: a day is not plain", rel)
			}
			for _, r := range rooms {
				for _, it := range r.items {
					if !checkFastEvent(t, b[it.lo:it.hi]) {
						t.Fatalf("%s: %.300s was left to json.Unmarshal", rel, b[it.lo:it.hi])
					}
					n++
				}
			}
		}
		if n == 0 {
			t.Fatalf("%s: no events", rel)
		}
	}
}

func FuzzFastEvent(f *testing.F) {
	for _, c := range fastEvents {
		f.Add([]byte(c.item))
	}
	f.Fuzz(func(t *testing.T, item []byte) {
		checkFastEvent(t, item)
	})
}
