//go:build race

package main

// raceBuild says the tests run with -race; the binary they start is then
// built with it too, so the race detector watches the real program as well.
const raceBuild = true
