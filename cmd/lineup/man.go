package main

import (
	"fmt"
	"strings"

	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
)

// manCommand prints lineup's manual page, built from the commands and their
// flags so it never drifts from them. Like the help and the completion
// scripts it is lineup's own text and is written as it is.
func (a *app) manCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Print the manual page (roff, for man)",
		Long: "man prints lineup's manual page in roff, the format man reads: every command with its\n" +
			"flags, the exit codes, the environment and the files lineup uses.",
		Example: "  lineup man | man -l -\n  lineup man > ~/.local/share/man/man1/lineup.1",
		Args:    args(0, 0, "man takes no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			page, err := manPage(cmd.Root())
			if err != nil {
				return err
			}
			_, err = fmt.Fprint(cmd.OutOrStdout(), page)
			return err
		},
	}
}

// manPage is the roff text of lineup's manual page for root's commands.
func manPage(root *cobra.Command) (string, error) {
	page, err := mcobra.NewManPage(1, root)
	if err != nil {
		return "", err
	}
	page = page.
		// One paragraph: the line breaks in Long are for the terminal.
		WithLongDescription(strings.Join(strings.Fields(root.Long), " ")).
		WithSection("Exit status", "0 when the command did what was asked, 1 when it failed, 2 when lineup was called wrongly (an unknown command or flag, a missing argument). "+
			"Errors are one line on standard error.").
		WithSection("Environment",
			"LINEUP_DB: the store file, instead of $XDG_DATA_HOME/lineup/lineup.db (--db wins). "+
				"LINEUP_NOW: the time lineup takes as now (--now wins), for demos and planning. "+
				"BROWSER: the programs lineup open and the o key try first, separated by colons. "+
				"NO_COLOR: no colours in the terminal interface. "+
				"XDG_DATA_HOME, XDG_STATE_HOME: where the store and the debug log live.").
		WithSection("Files",
			"~/.local/share/lineup/lineup.db: the store (schedules, your ratings, stars and notes). "+
				"~/.local/state/lineup/debug.log: what the terminal interface did, with --debug.").
		WithSection("See also", "The README at https://github.com/lineup-tui/lineup for the keys, the search syntax and the formats lineup reads.")
	return asciiRoff(page.Build(roff.NewDocument())), nil
}

// asciiRoff writes each character outside ASCII as roff's \[uXXXX], which
// groff and mandoc read whatever the locale ("1–5" stays an en dash).
func asciiRoff(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 {
			b.WriteRune(r)
			continue
		}
		fmt.Fprintf(&b, "\\[u%04X]", r)
	}
	return b.String()
}
