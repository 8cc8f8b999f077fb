//go:build !linux

package main

import "os"

var pageSize = os.Getpagesize()

// mapFile maps a file into memory on Linux only (importmap_linux.go);
// elsewhere the file is read.
func mapFile(*os.File, int64) *importInput { return nil }
