package tui

import (
	"errors"

	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/tui/links"
)

// WithOpener sets what opens a URL in the browser (o on a session page).
// Without it the platform's opener is used (links.OpenURL); tests and the
// SSH server pass their own. An opener that returns an error wrapping
// links.ErrNoOpener makes the page show the URL instead.
func WithOpener(open func(url string) error) Option {
	return func(sh *shared) { sh.openURL = open }
}

// opener is the program's way of opening a URL.
func (sh *shared) opener() func(string) error {
	if sh.openURL != nil {
		return sh.openURL
	}
	return links.OpenURL
}

// SessionURL is the web page of a session that o and `lineup open` open:
// its own URL, else the first of its links, else the feedback page; only
// web and mail addresses count. "" when it has none.
func SessionURL(s *data.Session) string {
	if s == nil {
		return ""
	}
	candidates := []string{s.URL}
	for _, l := range s.Links {
		candidates = append(candidates, l.URL)
	}
	candidates = append(candidates, s.FeedbackURL)
	for _, u := range candidates {
		if links.Linkable(u) {
			return u
		}
	}
	return ""
}

// openInBrowser opens u with the program's opener as a command, off the UI
// goroutine (a browser may take a while to start), and says how it went on
// the status line: the URL itself when there is no opener, so it can be
// copied from there.
// Out of line, so every command it makes is one function (see tell).
//
//go:noinline
func openInBrowser(sh *shared, u string) tea.Cmd {
	open := sh.opener()
	return func() tea.Msg {
		err := open(u)
		switch {
		case err == nil:
			return statusMsg("opened " + u)
		case errors.Is(err, links.ErrNoOpener):
			return statusMsg("no browser opener: " + u)
		}
		return errMsg{err}
	}
}

// openSession is what o does on a page: say so at once, then open. In that
// order: an opener that fails at once (none on the machine, or a server's,
// which opens nothing) must not have its answer covered by "opening".
func openSession(sh *shared, s *data.Session) tea.Cmd {
	u := SessionURL(s)
	if u == "" {
		return nil
	}
	return sequence(tell(statusMsg("opening "+u+" …")), openInBrowser(sh, u))
}
