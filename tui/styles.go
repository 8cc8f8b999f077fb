package tui

import (
	"os"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"github.com/lineup-tui/lineup/tui/layout"
	"github.com/lineup-tui/lineup/tui/theme"
	"github.com/lineup-tui/lineup/tui/timetable"
)

// styles is every style the TUI uses, built in one place for a light or dark
// background. Colours are downsampled (or dropped with NO_COLOR) by Bubble Tea.
type styles struct {
	isDark  bool
	noColor bool

	App       lipgloss.Style
	Tab       lipgloss.Style
	TabActive lipgloss.Style
	ConfName  lipgloss.Style

	DayHeader lipgloss.Style
	SubHeader lipgloss.Style
	Row       lipgloss.Style
	RowCursor lipgloss.Style
	Dim       lipgloss.Style
	Match     lipgloss.Style
	Star      lipgloss.Style
	Rating    lipgloss.Style
	Clash     lipgloss.Style
	Gap       lipgloss.Style
	Orphan    lipgloss.Style
	Note      lipgloss.Style

	Title    lipgloss.Style
	Subtitle lipgloss.Style
	Label    lipgloss.Style
	Section  lipgloss.Style
	Link     lipgloss.Style
	Selected lipgloss.Style

	Chip       lipgloss.Style
	Prompt     lipgloss.Style
	Count      lipgloss.Style
	Error      lipgloss.Style
	Status     lipgloss.Style
	PanelTitle lipgloss.Style
	Banner     lipgloss.Style
	Help       help.Styles

	// Rows draws the session rows; Grid the timetable. Their cursor is a
	// background colour, or reverse video with NO_COLOR, across the whole
	// row or block.
	Rows layout.Styles
	// PastRows are the rows of sessions that are over: the title dimmed.
	PastRows layout.Styles
	Grid     timetable.Styles
}

// WithTheme draws for a dark or light background whatever the terminal
// says (theme.Dark, theme.Light), or follows it (theme.Auto, the default).
func WithTheme(c theme.Choice) Option { return func(sh *shared) { sh.theme = c } }

// dark decides whether to draw for a dark background: the person's choice,
// else what the terminal answered (theme.Unknown until it does, and for
// good when it never does), else COLORFGBG, else dark.
func (sh *shared) dark(terminal theme.Background) bool {
	return theme.IsDark(sh.theme, terminal, os.Getenv("COLORFGBG"))
}

// cursor marks a style as being on the cursor row: a background colour, or
// reverse video when colours are off (NO_COLOR).
func (s styles) cursor(st lipgloss.Style) lipgloss.Style {
	if s.noColor {
		return st.Reverse(true)
	}
	return st.Background(s.RowCursor.GetBackground())
}

func newStyles(isDark, noColor bool) styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#B4A4FF"))
	dim := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8A8A8A"))
	text := ld(lipgloss.Color("#1A1A1A"), lipgloss.Color("#E8E8E8"))
	cursorBg := ld(lipgloss.Color("#E4DEFF"), lipgloss.Color("#3A3270"))
	gold := ld(lipgloss.Color("#A86A00"), lipgloss.Color("#FFC94D"))
	red := ld(lipgloss.Color("#C0202A"), lipgloss.Color("#FF6B72"))
	green := ld(lipgloss.Color("#1F7A3A"), lipgloss.Color("#6FD08C"))
	matchFg := ld(lipgloss.Color("#B03A00"), lipgloss.Color("#FF9E5E"))

	s := styles{isDark: isDark, noColor: noColor}
	s.App = lipgloss.NewStyle()
	// One space before each tab name: five names and the header's news
	// ("updated 2 h ago · Velocity Berlin 2019") fit in 80 columns.
	s.Tab = lipgloss.NewStyle().Foreground(dim).PaddingLeft(1)
	s.TabActive = lipgloss.NewStyle().Foreground(accent).Bold(true).Underline(true).PaddingLeft(1)
	s.ConfName = lipgloss.NewStyle().Foreground(dim)
	s.DayHeader = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.SubHeader = lipgloss.NewStyle().Foreground(dim).Italic(true)
	s.Row = lipgloss.NewStyle().Foreground(text)
	s.RowCursor = lipgloss.NewStyle().Background(cursorBg).Foreground(text).Bold(true)
	s.Dim = lipgloss.NewStyle().Foreground(dim)
	s.Match = lipgloss.NewStyle().Foreground(matchFg).Bold(true).Underline(true)
	s.Star = lipgloss.NewStyle().Foreground(gold).Bold(true)
	s.Rating = lipgloss.NewStyle().Foreground(gold)
	s.Clash = lipgloss.NewStyle().Foreground(red).Bold(true)
	s.Gap = lipgloss.NewStyle().Foreground(green)
	s.Orphan = lipgloss.NewStyle().Foreground(red)
	s.Note = lipgloss.NewStyle().Foreground(dim).Italic(true)
	s.Title = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.Subtitle = lipgloss.NewStyle().Foreground(text).Italic(true)
	s.Label = lipgloss.NewStyle().Foreground(dim)
	s.Section = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.Link = lipgloss.NewStyle().Foreground(accent).Underline(true)
	s.Selected = lipgloss.NewStyle().Background(cursorBg).Foreground(text).Bold(true)
	s.Chip = lipgloss.NewStyle().Foreground(text).Background(cursorBg).Padding(0, 1)
	s.Prompt = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.Count = lipgloss.NewStyle().Foreground(dim)
	s.Error = lipgloss.NewStyle().Foreground(red).Bold(true)
	s.Status = lipgloss.NewStyle().Foreground(green)
	s.PanelTitle = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.Banner = lipgloss.NewStyle().Foreground(text).Background(cursorBg).Bold(true)
	s.Help = help.DefaultStyles(isDark)
	cursor := layout.Highlight{Background: cursorBg, Bold: true}
	if noColor {
		cursor = layout.Highlight{Bold: true}
	}
	s.Rows = layout.Styles{Text: s.Row, Dim: s.Dim, Mark: s.Star, Rating: s.Rating, Match: s.Match, Cursor: cursor}
	s.PastRows = s.Rows
	s.PastRows.Text = s.Dim
	s.Grid = timetable.Styles{
		Header:  lipgloss.NewStyle().Foreground(accent).Bold(true),
		Gutter:  s.Dim,
		Title:   s.Row,
		Speaker: s.Dim,
		Starred: lipgloss.NewStyle().Bold(true),
		Now:     s.Clash,
		More:    s.Dim,
		Cursor:  cursor,
	}
	if noColor {
		s.RowCursor = lipgloss.NewStyle().Reverse(true).Bold(true)
		s.Selected = lipgloss.NewStyle().Reverse(true).Bold(true)
		s.Chip = lipgloss.NewStyle().Reverse(true).Padding(0, 1)
		s.Banner = lipgloss.NewStyle().Reverse(true).Bold(true)
	}
	return s
}
