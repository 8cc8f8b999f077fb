package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/tui/links"
)

// sessionPage is everything a session has, scrolling when taller than the
// screen. ←/→ pick one of its speakers and enter opens that speaker.
type sessionPage struct {
	sh         *shared
	id         string
	pg         pager
	speaker    int   // selected speaker
	speakerAt  []int // line of each speaker on the page
	builtWidth int
	// From a programme made from the snapshot: the session read whole with
	// its speakers (nil until it is), whether it was asked for, and why
	// reading it failed.
	part   *data.Conference
	asked  bool
	failed string
}

func newSessionPage(sh *shared, id string) *sessionPage {
	p := &sessionPage{sh: sh, id: id}
	p.build()
	return p
}

// waiting reports whether the page waits for its session to be read whole.
func (p *sessionPage) waiting() bool {
	return p.sh.sn != nil && !p.sh.full && p.part == nil && p.failed == ""
}

// src is the conference the page's session and speakers come from.
func (p *sessionPage) src() *data.Conference {
	if p.part != nil && p.sh.sn != nil && !p.sh.full {
		return p.part
	}
	return p.sh.conf
}

func (p *sessionPage) session() *data.Session {
	if p.waiting() {
		return nil
	}
	s := p.src().Session(p.id)
	if s != nil && p.src() != p.sh.conf {
		if l := p.sh.conf.Session(p.id); l != nil {
			s.Others = l.Others // everyone's ratings, as read since
		}
	}
	return s
}

// want reads the session whole, once, when the page waits for it.
func (p *sessionPage) want() tea.Cmd {
	if !p.waiting() || p.asked {
		return nil
	}
	p.asked = true
	return loadDetail(p.sh, p.id)
}

func (p *sessionPage) Update(msg tea.Msg) tea.Cmd {
	sh := p.sh
	switch msg := msg.(type) {
	case refreshMsg:
		p.build()
		return nil
	case detailMsg:
		if msg.id == p.id && msg.slug == sh.conf.Slug && p.part == nil {
			if msg.err != nil {
				p.failed = msg.err.Error()
			} else {
				p.part = msg.c
			}
			p.build()
		}
		return nil
	}
	if p.pg.scrollKey(sh, msg) {
		return nil
	}
	key0, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := sh.keys
	if key.Matches(key0, k.Back) {
		return closePage(nil)
	}
	s := p.session()
	if s == nil {
		return nil
	}
	// Pick among the speakers the page shows: a speaker id with no record is
	// not shown, so it cannot be picked.
	n := len(p.speakerAt)
	switch {
	case key.Matches(key0, k.NextSpeaker) && n > 0:
		p.speaker = (p.speaker + 1) % n
		p.build()
		p.pg.show(p.speakerAt[p.speaker], p.pg.height(sh))
	case key.Matches(key0, k.PrevSpeaker) && n > 0:
		p.speaker = (p.speaker + n - 1) % n
		p.build()
		p.pg.show(p.speakerAt[p.speaker], p.pg.height(sh))
	case key.Matches(key0, k.OpenURL):
		return openSession(sh, s)
	case key.Matches(key0, k.Open):
		if sp := p.selectedSpeaker(); sp != nil {
			id := sp.ID
			return push(needsFull(sh, true, func() component { return newSpeakerPage(sh, id) }))
		}
	default:
		done, cmd := sessionKey(sh, s, key0)
		if done {
			p.build()
		}
		return cmd
	}
	return nil
}

// SetSize lays the page out again for the width.
func (p *sessionPage) SetSize(int, int) {
	p.build()
	p.pg.scroll(0, p.pg.height(p.sh))
}

func (p *sessionPage) selectedSpeaker() *data.Speaker {
	s := p.session()
	if s == nil {
		return nil
	}
	sps := p.src().SpeakersOf(s)
	if p.speaker < len(sps) {
		return sps[p.speaker]
	}
	return nil
}

func (p *sessionPage) build() {
	sh := p.sh
	st := sh.styles
	w := max(20, sh.width)
	p.builtWidth = w
	s := p.session()
	var out []string
	add := func(lines ...string) { out = append(out, lines...) }
	if p.waiting() || p.failed != "" {
		if l := sh.conf.Session(p.id); l != nil {
			for _, t := range wrap(l.Title, w) {
				add(st.Title.Render(t))
			}
		}
		if p.failed != "" {
			add("", st.Error.Render(trunc("Could not read this session: "+p.failed, w)))
		} else {
			add("", st.Dim.Render("Reading the session…"))
		}
		p.pg.lines = out
		return
	}
	if s == nil {
		add(st.Orphan.Render("This session is no longer in the schedule."), "", st.Dim.Render("id "+p.id))
		if n := sh.personal(p.id).Note; n != "" {
			add("", st.Section.Render("Your note"))
			add(st.paragraphs(n, 2, w, st.Note)...)
		}
		p.pg.lines = out
		return
	}
	mine := sh.personal(s.ID)
	for _, l := range wrap(s.Title, w) {
		add(st.Title.Render(l))
	}
	if s.Subtitle != "" {
		for _, l := range wrap(s.Subtitle, w) {
			add(st.Subtitle.Render(l))
		}
	}
	add("")
	field := func(label, value string) {
		if value == "" {
			return
		}
		lines := wrap(value, max(8, w-8))
		for i, l := range lines {
			lab := "        "
			if i == 0 {
				lab = st.Label.Render(fmt.Sprintf("%-7s ", label))
			}
			add(lab + l)
		}
	}
	when := data.DayTitle(s.Date)
	if s.Scheduled() {
		if d := s.Start.Format(data.DateLayout); d != s.Date {
			// After midnight, listed under the day before.
			when = data.DayTitle(d)
		}
		when += ", " + data.TimeRange(s) + " " + s.Start.Format("MST")
		if d := s.Start.Format(data.DateLayout); d != s.Date {
			when += " (the night of " + data.DayTitle(s.Date) + ")"
		}
	} else {
		when += ", " + data.NotAnnounced
	}
	field("When", when)
	field("By", p.src().SpeakerNames(s))
	field("Room", s.Room)
	field("Type", titleCase(s.Type))
	field("Level", s.Level)
	field("Track", s.Track)
	field("Lang", s.Language)
	rating := ""
	if avg, n := sh.combined(s); n > 0 {
		rating = data.RatingText(avg, n)
	}
	if mine.Rating > 0 {
		if rating != "" {
			rating += " · "
		}
		rating += "you " + data.Stars(float64(mine.Rating))
	}
	if rating == "" {
		rating = st.Dim.Render("not rated yet (1–5 to rate)")
	}
	field("Rating", rating)
	if mine.Starred {
		field("Agenda", st.Star.Render("★ in your agenda"))
	}
	section := func(title string) { add("", st.Section.Render(title)) }
	bullets := func(items []string) { add(st.bullets(items, 2, w)...) }
	if mine.Note != "" {
		section("Your note")
		add(st.paragraphs(mine.Note, 2, w, st.Note)...)
	}
	if len(s.Audience) > 0 {
		section("Who is this for")
		bullets(s.Audience)
	}
	if s.Description != "" || s.Abstract != "" {
		section("Description")
		if s.Abstract != "" && s.Abstract != s.Description {
			add(st.paragraphs(s.Abstract, 2, w, lipgloss.NewStyle())...)
			if s.Description != "" {
				add("")
			}
		}
		if s.Description != "" {
			add(st.paragraphs(s.Description, 2, w, lipgloss.NewStyle())...)
		}
	}
	if len(s.Prerequisites) > 0 {
		section("Prerequisites")
		bullets(s.Prerequisites)
	}
	if len(s.Outcomes) > 0 {
		section("What you'll learn")
		bullets(s.Outcomes)
	}
	sps := p.src().SpeakersOf(s)
	p.speaker = clamp(p.speaker, 0, max(0, len(sps)-1))
	p.speakerAt = p.speakerAt[:0]
	if len(sps) > 0 {
		section("Speakers")
		for i, sp := range sps {
			p.speakerAt = append(p.speakerAt, len(out))
			line := sp.Name
			if role := speakerRole(sp); role != "" {
				line += " — " + role
			}
			if i == p.speaker {
				add(st.Selected.Render(trunc("▸ "+line, w)))
			} else {
				add(trunc("  "+line, w))
			}
			if sp.Bio != "" {
				add(st.paragraphs(sp.Bio, 4, w, st.Dim)...)
			}
		}
	}
	if items := sessionLinks(s); len(items) > 0 {
		section("Links")
		add(st.urls(items, 2, w)...)
	}
	p.pg.lines = out
}

func (p *sessionPage) View() string { return p.pg.view(p.sh) }

func (p *sessionPage) KeyMap() keyMap {
	k := p.sh.keys
	bound := append([]key.Binding{k.Back}, moveKeys(k)...)
	if p.session() == nil {
		// Gone from the schedule: the page only scrolls and closes.
		return keyMap{
			short: []key.Binding{k.Back, k.Down, k.Help, k.Quit},
			bound: append(bound, k.globals()...),
			pos:   p.pg.position(p.sh),
		}
	}
	// Most useful first: the help line shows what fits (see helpLine).
	short := []key.Binding{k.Back, k.Star, k.Rate}
	bound = append(bound, sessionKeys(k)...)
	if SessionURL(p.session()) != "" {
		short = append(short, k.OpenURL)
		bound = append(bound, k.OpenURL)
	}
	short = append(short, k.Down, k.Note, k.ClearRating)
	if n := len(p.speakerAt); n > 0 {
		open := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open speaker"))
		if n > 1 {
			short = append(short, k.NextSpeaker, k.PrevSpeaker)
		}
		short = append(short, open)
		bound = append(bound, k.NextSpeaker, k.PrevSpeaker, open)
	}
	return keyMap{
		short: append(short, k.Help, k.Quit),
		bound: append(bound, k.globals()...),
		pos:   p.pg.position(p.sh),
	}
}

// sessionLinks is what a session page lists under Links: its page, its
// links and its feedback page, each URL once (links.Lines drops repeats).
func sessionLinks(s *data.Session) []links.Item {
	var items []links.Item
	if s.URL != "" {
		items = append(items, links.Item{Label: "Session page", URL: s.URL})
	}
	for _, l := range s.Links {
		items = append(items, links.Item{Label: l.Title, URL: l.URL})
	}
	if s.FeedbackURL != "" {
		items = append(items, links.Item{Label: "Feedback", URL: s.FeedbackURL})
	}
	return items
}

// speakerRole is "Job title, Company", either part optional.
func speakerRole(sp *data.Speaker) string {
	switch {
	case sp.JobTitle != "" && sp.Company != "":
		return sp.JobTitle + ", " + sp.Company
	case sp.JobTitle != "":
		return sp.JobTitle
	}
	return sp.Company
}

func titleCase(s string) string {
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
