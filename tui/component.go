package tui

import (
	tea "charm.land/bubbletea/v2"
)

// component is every screen (a tab) and every page pushed over the tabs.
// All implement it with pointer receivers.
//
//   - Update handles one message and returns what should happen next. A
//     screen never reaches into the root: it returns a command that yields one
//     of the messages below (tell builds one).
//   - View draws the screen's body; it only reads the model.
//   - KeyMap is what the screen answers to now: the help line, every bound
//     key, and the scroll position (see keyMap).
//   - SetSize tells the screen the terminal's size.
type component interface {
	Update(msg tea.Msg) tea.Cmd
	View() string
	KeyMap() keyMap
	SetSize(width, height int)
}

// Messages a screen sends the root.
type (
	// pushMsg opens a page over the current screen.
	pushMsg struct{ page component }
	// closeMsg closes the page on top, then runs then (when not nil).
	closeMsg struct{ then tea.Cmd }
	// statusMsg shows a line of news in place of the help line until the next key.
	statusMsg string
	// errMsg shows an error in place of the help line until the next key.
	errMsg struct{ err error }
	// changedMsg says the person's ratings, stars or notes, or the query,
	// changed in memory: every screen lays itself out again. status, when
	// set, is shown as a statusMsg is.
	changedMsg struct{ status string }
	// switchConfMsg asks the root to open another conference.
	switchConfMsg struct{ slug string }
	// quitMsg asks the root to quit (as q does).
	quitMsg struct{}
)

// drafter is a page holding typed text that leaving would lose (the note
// editor): ctrl+c goes to it first, and it answers with quitMsg once the
// person has confirmed.
type drafter interface{ hasDraft() bool }

// Messages the root sends to every screen and page.
type (
	// refreshMsg says the conference's data, the person's data or the query
	// changed: lay yourself out again from the shared context.
	refreshMsg struct{}
)

// tell returns a command that yields msg: how screens talk to the root.
// It is kept out of line so that every command it makes is one function,
// which the tests' settle tells apart from timers.
//
//go:noinline
func tell(msg tea.Msg) tea.Cmd {
	return func() tea.Msg { return msg }
}

// batch is tea.Batch kept out of line, for the same reason as tell: the
// batches screens make are then one function.
//
//go:noinline
func batch(cmds ...tea.Cmd) tea.Cmd { return tea.Batch(cmds...) }

// sequence is tea.Sequence kept out of line, as batch is.
//
//go:noinline
func sequence(cmds ...tea.Cmd) tea.Cmd { return tea.Sequence(cmds...) }

// closePage is the command a page returns to close itself; then, when not
// nil, runs once it is closed.
func closePage(then tea.Cmd) tea.Cmd { return tell(closeMsg{then}) }

// push is the command that opens page p.
func push(p component) tea.Cmd { return tell(pushMsg{p}) }
