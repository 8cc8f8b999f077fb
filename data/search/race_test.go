//go:build race

package search_test

// raceDetector: the tests run under -race, ten times slower; the biggest
// snapshot checks run without it only.
const raceDetector = true
