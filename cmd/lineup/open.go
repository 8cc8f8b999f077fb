package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/lineup-tui/lineup/tui"
	"github.com/lineup-tui/lineup/tui/links"
)

// openURL opens a URL in the browser; tests put their own in its place, so
// no test ever starts a browser.
var openURL = links.OpenURL

func (a *app) openCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "open ID",
		Short: "Open a session's web page in the browser",
		Long: "open opens the session's web page (its URL, else its first link) in the browser:\n" +
			"the programs in $BROWSER, else the platform's opener (xdg-open, open, rundll32).\n" +
			"It prints the URL; with no opener it prints only the URL, and still exits 0.",
		Example: "  lineup open vlb19-k8s-very-hard-way",
		Args:    args(1, 1, "open needs one session id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, _, err := a.load()
			if err != nil {
				return err
			}
			s, err := a.session(c, args[0])
			if err != nil {
				return err
			}
			u := tui.SessionURL(s)
			if u == "" {
				return fmt.Errorf("session %q has no web page", s.ID)
			}
			err = openURL(u)
			switch {
			case err == nil:
				fmt.Fprintln(a.stdout, u)
				return nil
			case errors.Is(err, links.ErrNoOpener):
				// Nothing to open it with: the URL is the answer, for the
				// person to open or a script to use.
				fmt.Fprintln(a.stdout, u)
				fmt.Fprintln(a.stderr, "lineup: no browser opener found (set $BROWSER); open the URL above")
				return nil
			}
			return err
		},
	}
}
