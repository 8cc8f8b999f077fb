package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/fetch"
	"github.com/lineup-tui/lineup/tui/links"
)

// infoModel is the conference's own page: name, dates, place, time zone,
// days, sponsors and contacts.
type infoModel struct {
	sh *shared
	pg pager
}

func newInfo(sh *shared) *infoModel {
	m := &infoModel{sh: sh}
	m.build()
	return m
}

func (m *infoModel) build() {
	sh := m.sh
	st := sh.styles
	c := sh.conf
	w := max(20, sh.width)
	var out []string
	add := func(l ...string) { out = append(out, l...) }
	for _, l := range wrap(c.Name, w) {
		add(st.Title.Render(l))
	}
	if c.Edition != "" && c.Edition != c.Name {
		add(st.Subtitle.Render(trunc(c.Edition, w)))
	}
	add("")
	field := func(label, value string) {
		if value == "" {
			return
		}
		for i, l := range wrap(value, max(8, w-11)) {
			lab := strings.Repeat(" ", 11)
			if i == 0 {
				lab = st.Label.Render(fmt.Sprintf("%-10s ", label))
			}
			add(lab + l)
		}
	}
	field("Dates", data.DateRange(c.Start, c.End))
	field("City", c.City)
	field("Venue", c.Venue)
	zone := c.TimeZone
	if zone == "" {
		zone = "UTC"
	}
	field("Time zone", zone+" (all times shown in it)")
	field("Sessions", fmt.Sprintf("%d, %d speakers, %d rooms", len(c.Sessions), len(c.Speakers), len(c.Rooms)))
	// A web address is a link on a line of its own, never broken; a
	// source that is a file (or "built-in") is shown as it is.
	urlField := func(label, u string) {
		lines := st.urls([]links.Item{{URL: u}}, 11, w)
		if len(lines) == 0 || !links.Linkable(u) {
			field(label, u)
			return
		}
		add(st.Label.Render(fmt.Sprintf("%-10s ", label)) + strings.TrimPrefix(lines[0], strings.Repeat(" ", 11)))
	}
	if c.URL != "" {
		urlField("Website", c.URL)
	}
	if c.Source != "" {
		// A source stored before imports dropped credentials may hold some.
		urlField("Source", fetch.Redact(c.Source))
	}
	if dates := c.Dates(); len(dates) > 0 {
		add("", st.Section.Render("Days"))
		for _, d := range dates {
			line := "  " + data.DayTitle(d)
			if l := c.DayLabel(d); l != "" {
				line += " — " + l
			}
			add(trunc(line, w))
		}
	}
	if len(c.Sponsors) > 0 {
		add("", st.Section.Render(fmt.Sprintf("Sponsors (%d)", len(c.Sponsors))))
		add(st.paragraphs(strings.Join(c.Sponsors, " · "), 2, w, lipgloss.NewStyle())...)
	}
	if len(c.Contacts) > 0 {
		add("", st.Section.Render("Contacts"))
		for _, ct := range c.Contacts {
			line := ct.Email
			if ct.Purpose != "" {
				line += st.Dim.Render(" — " + ct.Purpose)
			}
			add(trunc("  "+line, w))
		}
	}
	if c.Notes != "" {
		add("", st.Section.Render("Notes"))
		add(st.paragraphs(c.Notes, 2, w, st.Dim)...)
	}
	m.pg.lines = out
}

func (m *infoModel) Update(msg tea.Msg) tea.Cmd {
	m.pg.scrollKey(m.sh, msg)
	return nil
}

// SetSize lays the page out again for the width.
func (m *infoModel) SetSize(int, int) {
	m.build()
	m.pg.scroll(0, m.pg.height(m.sh))
}

func (m *infoModel) View() string { return m.pg.view(m.sh) }

func (m *infoModel) KeyMap() keyMap {
	k := m.sh.keys
	short := []key.Binding{}
	var bound []key.Binding
	if m.pg.more(m.sh) {
		short = append(short, k.Down, k.Up)
		bound = moveKeys(k)
	}
	short = append(short, k.Conferences, k.NextTab, k.Help, k.Quit)
	bound = append(bound, m.sh.tabKeys()...)
	return keyMap{short: short, bound: append(bound, k.globals()...), pos: m.pg.position(m.sh)}
}
