package timetable

import "github.com/lineup-tui/lineup/tui/internal/benchcpu"

var reportCPU = benchcpu.Report
