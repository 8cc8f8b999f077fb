// Package builtin holds the conference that ships inside the binary,
// O'Reilly Velocity Berlin 2019, in lineup's own JSON format
// (velocity-berlin-2019.json), so the first run shows a real programme. Its
// slug is data.BuiltinSlug.
package builtin

import (
	_ "embed"
	"fmt"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/formats"
)

//go:embed velocity-berlin-2019.json
var conferenceJSON []byte

// Conference returns a fresh copy of the built-in conference, O'Reilly
// Velocity Berlin 2019 (slug data.BuiltinSlug).
func Conference() *data.Conference {
	c, err := formats.DecodeLineup(conferenceJSON)
	if err != nil {
		panic(fmt.Sprintf("built-in conference is broken: %v", err)) // caught by TestBuiltin
	}
	formats.Finish(c)
	return c
}
