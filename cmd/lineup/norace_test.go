//go:build !race

package main

// raceBuild says the tests run with -race (see race_test.go).
const raceBuild = false
