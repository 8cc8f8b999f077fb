//go:build race

package search_test

// raceDetector is on: the slow reference checks run fewer queries.
const raceDetector = true
