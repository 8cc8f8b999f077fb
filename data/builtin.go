package data

import (
	_ "embed"
	"fmt"
)

//go:embed builtin/velocity-berlin-2019.json
var builtinJSON []byte

// BuiltinSlug is the slug of the conference that ships inside the binary.
const BuiltinSlug = "velocity-berlin-2019"

// Builtin returns a fresh copy of the built-in conference, O'Reilly Velocity
// Berlin 2019.
func Builtin() *Conference {
	c, err := DecodeLineup(builtinJSON)
	if err != nil {
		panic(fmt.Sprintf("built-in conference is broken: %v", err)) // caught by TestBuiltin
	}
	Finish(c)
	return c
}
