// Command lineup-synth writes a made-up conference in lineup's own JSON
// format, or with -format in any format lineup reads, for trying lineup on
// big programmes and for benchmarks:
//
//	lineup-synth -n 10000 -seed 1 -o conf.json [-lines sessions.txt]
//	lineup import conf.json
//	lineup-synth -n 10000 -format frab-xml -o conf.xml
//
// Sessionize's times carry no zone: import such a file with --tz Europe/Berlin.
//
// With -lines it also writes one line per session (title, speakers, room,
// track, separated by " | ") in programme order, to compare searches with
// `fzf --filter`.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/data/synth"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "lineup-synth:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("lineup-synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of sessions")
	seed := fs.Int64("seed", 1, "random seed; the same seed gives the same conference")
	out := fs.String("o", "-", "output file for lineup JSON (- = standard output)")
	lines := fs.String("lines", "", "also write one line per session to this file")
	format := fs.String("format", "lineup", "format of the output: lineup, frab-xml, schedule-json, ical or sessionize (import with --tz "+synth.Zone+")")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: lineup-synth [-n N] [-seed S] [-format F] [-o FILE] [-lines FILE]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *n < 0 || *n > 5_000_000 {
		return fmt.Errorf("-n must be between 0 and 5000000, not %d", *n)
	}
	f := formats.Format(*format)
	known := false
	for _, k := range formats.Formats() {
		known = known || k == f
	}
	if !known {
		return fmt.Errorf("-format %q: use one of lineup, frab-xml, schedule-json, ical, sessionize", *format)
	}
	c := synth.Generate(*n, *seed)
	if err := writeFile(*out, stdout, func(w io.Writer) error { return synth.Write(w, c, f) }); err != nil {
		return err
	}
	if *lines != "" {
		return writeFile(*lines, stdout, func(w io.Writer) error { return synth.WriteLines(w, c) })
	}
	return nil
}

func writeFile(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" {
		bw := bufio.NewWriter(stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Close()
}
