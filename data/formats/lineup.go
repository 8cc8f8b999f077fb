package formats

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/lineup-tui/lineup/data"
)

// lineupVersion is the version of lineup's own JSON format this binary writes.
const lineupVersion = 1

// lineupFile is lineup's own JSON format: {"lineup": 1, "conference": {…}}.
// It carries every field of Conference, including the ones no published
// format has (audience, prerequisites, outcomes, published ratings).
type lineupFile struct {
	Lineup     int              `json:"lineup"`
	Conference *data.Conference `json:"conference"`
}

func init() { register(FormatLineup, sniffLineup, readLineup) }

func sniffLineup(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n\xef\xbb\xbf")
	if len(b) == 0 || b[0] != '{' {
		return false
	}
	head := b[:min(len(b), 256)]
	return bytes.Contains(head, []byte(`"lineup"`))
}

func readLineup(b []byte, opt Options) (*data.Conference, []string, error) {
	c, err := decodeLineup(b, &opt)
	return c, nil, err
}

// DecodeLineup reads lineup's own JSON format.
func DecodeLineup(b []byte) (*data.Conference, error) { return decodeLineup(b, &Options{}) }

// decodeLineup is DecodeLineup for a file with about the given numbers of
// sessions and speakers: the lists are made that long at once instead of
// growing a step at a time.
func decodeLineup(b []byte, opt *Options) (*data.Conference, error) {
	sessions, speakers := opt.sessions, opt.speakers
	// A big file's sessions and speakers are read on every core
	// (decodeSplit); if that gives up, the whole file is read as below.
	var f lineupFile
	if decodeLineupSplit(b, opt, &f) {
		return finishLineup(&f)
	}
	if sessions > 0 {
		// Only when the file has a conference with sessions: a missing
		// conference must stay nil.
		f.Conference = &data.Conference{Sessions: make([]data.Session, 0, sessions), Speakers: make([]data.Speaker, 0, speakers)}
	}
	// Unmarshal reads b where it lies; a Decoder would first copy the whole
	// value into its own buffer. Only a file with something after its
	// object, which Unmarshal refuses, goes through a Decoder, which reads
	// the first value and ignores the rest.
	if err := json.Unmarshal(b, &f); err != nil {
		var se *json.SyntaxError
		if !errors.As(err, &se) || !strings.Contains(se.Error(), "after top-level value") {
			return nil, jsonError(FormatLineup, b, err)
		}
		f = lineupFile{}
		if err := json.NewDecoder(bytes.NewReader(b)).Decode(&f); err != nil {
			return nil, jsonError(FormatLineup, b, err)
		}
	}
	return finishLineup(&f)
}

// decodeLineupSplit is decodeSplit for lineup's own JSON.
func decodeLineupSplit(b []byte, opt *Options, f *lineupFile) bool {
	var head lineupFile
	ok := decodeSplit(b, opt, &head, []string{"conference"},
		splitArray{"sessions", func(b []byte, items []itemSpan, opt *Options) error {
			return splitFast(&head.Conference.Sessions, sessionField)(b, items, opt)
		}},
		splitArray{"speakers", func(b []byte, items []itemSpan, opt *Options) error {
			return splitFast(&head.Conference.Speakers, speakerField)(b, items, opt)
		}})
	if ok {
		*f = head
	}
	return ok
}

func finishLineup(f *lineupFile) (*data.Conference, error) {
	if f.Lineup == 0 || f.Conference == nil {
		return nil, &ParseError{Format: FormatLineup, Offset: -1, Msg: `expected an object with "lineup": 1 and "conference"`}
	}
	if f.Lineup > lineupVersion {
		return nil, &ParseError{Format: FormatLineup, Offset: -1, Msg: fmt.Sprintf("format version %d is newer than this lineup understands (%d); update lineup", f.Lineup, lineupVersion)}
	}
	f.Conference.Prepare()
	return f.Conference, nil
}

// EncodeLineup writes c in lineup's own JSON format, indented.
func EncodeLineup(w io.Writer, c *data.Conference) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(lineupFile{Lineup: lineupVersion, Conference: c})
}

// jsonError turns an encoding/json error into a ParseError with a position.
func jsonError(f Format, b []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		line, col := lineCol(b, se.Offset)
		return &ParseError{Format: f, Line: line, Column: col, Offset: se.Offset, Msg: se.Error()}
	case errors.As(err, &te):
		line, col := lineCol(b, te.Offset)
		msg := fmt.Sprintf("expected %s for %q, found %s", te.Type, te.Field, te.Value)
		return &ParseError{Format: f, Line: line, Column: col, Offset: te.Offset, Msg: msg}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &ParseError{Format: f, Offset: int64(len(b)), Msg: "unexpected end of file"}
	}
	return &ParseError{Format: f, Offset: -1, Msg: err.Error()}
}
