package main

import (
	"fmt"

	"github.com/lineup-tui/lineup/store"
	"github.com/spf13/cobra"
)

// maxProblems is how many unreadable parts doctor lists.
const maxProblems = 20

func (a *app) doctorCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Copy everything readable in a damaged store into a new file",
		Long: "doctor reads the store (--db) without ever writing it and copies every schedule,\n" +
			"session, speaker, rating, star, note and saved view it can read into a new store\n" +
			"file, then lists what it could not read. lineup refuses to write a store once it\n" +
			"finds damage; doctor is how to get your data out of one.",
		Example: "  lineup doctor\n  lineup doctor --db broken.db --out rescued.db",
		Args:    args(0, 0, "doctor takes no arguments; the store is --db"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			src, err := store.ResolvePath(a.dbPath)
			if err != nil {
				return err
			}
			dst := out
			if dst == "" {
				dst = src + ".recovered-" + a.now().Format("20060102-150405")
			}
			if dst, err = store.ResolvePath(dst); err != nil {
				return err
			}
			rep, err := store.Salvage(src, dst)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Copied %s (%s, %s) and %s from %s into %s\n",
				plural(rep.Conferences, "conference", "conferences"), plural(rep.Sessions, "session", "sessions"),
				plural(rep.Speakers, "speaker", "speakers"), plural(rep.Personal, "rating, star or note record", "rating, star or note records"), src, dst)
			if len(rep.Problems) == 0 {
				fmt.Fprintln(a.stdout, "Everything could be read.")
			} else {
				fmt.Fprintf(a.stdout, "Could not read %s:\n", plural(len(rep.Problems), "part", "parts"))
				for _, p := range rep.Problems[:min(len(rep.Problems), maxProblems)] {
					fmt.Fprintf(a.stdout, "  %s\n", oneLine(p))
				}
				if n := len(rep.Problems); n > maxProblems {
					fmt.Fprintf(a.stdout, "  … and %d more\n", n-maxProblems)
				}
			}
			fmt.Fprintf(a.stdout, "%s was not changed. To use the copy: lineup --db %s (or move it over the old file).\n", src, dst)
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "the new store file (default: the store's path + .recovered-DATE-TIME); must not exist")
	return cmd
}
