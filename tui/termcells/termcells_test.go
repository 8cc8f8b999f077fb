package termcells

import (
	"reflect"
	"testing"
)

// Styles start and stop where the sequences say, a wide character takes two
// cells, hyperlinks and other sequences take none.
func TestLine(t *testing.T) {
	got := Line("a\x1b[1;4mb\x1b[22m界\x1b[0m\x1b]8;;https://x\x07c\x1b]8;;\x1b\\\x1b[7;48;5;3md\x1b[K")
	want := []Cell{
		{Text: "a"},
		{Text: "b", Bold: true, Underline: true},
		{Text: "界", Underline: true},
		{Text: "", Underline: true},
		{Text: "c"},
		{Text: "d", Reverse: true, Bg: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Line:\n got %+v\nwant %+v", got, want)
	}
}
