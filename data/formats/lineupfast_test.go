package formats

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/lineup-tui/lineup/data"
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
