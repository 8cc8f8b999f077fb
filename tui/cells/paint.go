package cells

import (
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Paint is a Lip Gloss style reduced to the escape sequence that starts it,
// for drawing many short runs of text: a run then costs a concatenation, not
// a Style.Render. Only what text needs is kept: colours, bold, faint,
// italic, underline, reverse and strikethrough (no padding, borders or
// widths). The sequences are full colour; Bubble Tea or a colorprofile
// writer brings them down to what the terminal shows.
type Paint struct{ seq string }

// NewPaint reduces st to a Paint.
func NewPaint(st lipgloss.Style) Paint {
	var s ansi.Style
	if st.GetBold() {
		s = s.Bold()
	}
	if st.GetFaint() {
		s = s.Faint()
	}
	if st.GetItalic() {
		s = s.Italic(true)
	}
	if st.GetUnderline() {
		s = s.Underline(true)
	}
	if st.GetReverse() {
		s = s.Reverse(true)
	}
	if st.GetStrikethrough() {
		s = s.Strikethrough(true)
	}
	if c := st.GetForeground(); isColor(c) {
		s = s.ForegroundColor(c)
	}
	if c := st.GetBackground(); isColor(c) {
		s = s.BackgroundColor(c)
	}
	if len(s) == 0 {
		return Paint{}
	}
	return Paint{seq: s.String()}
}

func isColor(c color.Color) bool {
	if c == nil {
		return false
	}
	_, none := c.(lipgloss.NoColor)
	return !none
}

// Render returns s drawn in the paint.
func (p Paint) Render(s string) string {
	if p.seq == "" || s == "" {
		return s
	}
	return p.seq + s + ansi.ResetStyle
}

// Write writes s drawn in the paint to b.
func (p Paint) Write(b *strings.Builder, s string) {
	if p.seq == "" || s == "" {
		b.WriteString(s)
		return
	}
	b.WriteString(p.seq)
	b.WriteString(s)
	b.WriteString(ansi.ResetStyle)
}
