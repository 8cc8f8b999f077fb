package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/search"
)

// filterItem is one line of the filter panel: a section title or a value
// that space toggles.
type filterItem struct {
	header bool
	facet  data.Facet // or facetSort
	value  string
	label  string
	count  int
}

// facetSort marks the panel's sort items; the sort is not a filter, so data
// has no facet for it.
const facetSort data.Facet = "sort"

// filterPanel picks facets (several values in a facet mean OR; facets combine
// with AND), the sort, and shows hidden rooms and tracks again. / finds a
// value: the cursor jumps to the best match of what is typed (by the
// search's rules, search.BestValue), and enter picks it.
type filterPanel struct {
	sh      *shared
	items   []filterItem
	nav     listNav
	find    textinput.Model
	finding bool
	from    int // the cursor when / was pressed, for esc
}

func newFilterPanel(sh *shared) *filterPanel {
	p := &filterPanel{sh: sh, find: newField(sh, "find: ", "a day, room, track, type or level", 100)}
	p.build()
	p.nav.first(len(p.items), p.selectable)
	return p
}

func (p *filterPanel) selectable(i int) bool { return i >= 0 && i < len(p.items) && !p.items[i].header }

func (p *filterPanel) build() {
	f := data.FacetValues(p.sh.conf)
	counts := facetCounts(p.sh)
	var it []filterItem
	head := func(t string) { it = append(it, filterItem{header: true, label: t}) }
	add := func(facet data.Facet, value, label string, count int) {
		it = append(it, filterItem{facet: facet, value: value, label: label, count: count})
	}
	head("Sort")
	add(facetSort, string(data.SortDefault), "time (relevance while searching)", -1)
	add(facetSort, string(data.SortRating), "rating", -1)
	add(facetSort, string(data.SortTitle), "title", -1)
	head("Show")
	add(data.FacetStarred, "", "starred only", -1)
	add(data.FacetRated, data.RatedYes, "rated", -1)
	add(data.FacetRated, data.RatedNone, "unrated", -1)
	add(data.FacetPast, "", "hide past sessions", -1)
	head("Minimum rating")
	for n := 1; n <= data.MaxRating; n++ {
		add(data.FacetMinRating, fmt.Sprint(n), data.Stars(float64(n))+" or more", -1)
	}
	values := func(title string, facet data.Facet, vs []data.FacetValue, label func(string) string) {
		if len(vs) == 0 {
			return
		}
		head(title)
		for _, v := range vs {
			add(facet, v.Value, label(v.Value), counts[facet][facetKey(facet, v.Value)])
		}
	}
	same := func(s string) string { return s }
	values("Day", data.FacetDay, f.Days, data.DayTitle)
	values("Room", data.FacetRoom, f.Rooms, same)
	values("Track", data.FacetTrack, f.Tracks, same)
	values("Type", data.FacetType, f.Types, titleCase)
	values("Level", data.FacetLevel, f.Levels, same)
	q := p.sh.query
	if len(q.HiddenRooms) > 0 {
		head("Hidden rooms (space shows again)")
		for _, r := range q.HiddenRooms {
			add(data.FacetHiddenRoom, r, r, -1)
		}
	}
	if len(q.HiddenTracks) > 0 {
		head("Hidden tracks (space shows again)")
		for _, t := range q.HiddenTracks {
			add(data.FacetHiddenTrack, t, t, -1)
		}
	}
	p.items = it
}

// on reports whether an item is selected in the current query.
func (p *filterPanel) on(it filterItem) bool {
	q := p.sh.query
	switch it.facet {
	case facetSort:
		return q.Sort == data.Sort(it.value)
	case data.FacetStarred:
		return q.Starred
	case data.FacetRated:
		return q.Rated == it.value
	case data.FacetPast:
		return q.HidePast
	case data.FacetMinRating:
		return q.MinRating > 0 && fmt.Sprint(int(q.MinRating)) == it.value
	default:
		if l := valueList(&q, it.facet); l != nil {
			return slices.Contains(*l, it.value)
		}
	}
	return false
}

// valueList is the query's list of values for a facet that takes several
// (day, room, track, type, level, hidden rooms and tracks), or nil.
func valueList(q *data.Query, facet data.Facet) *[]string {
	switch facet {
	case data.FacetDay:
		return &q.Days
	case data.FacetRoom:
		return &q.Rooms
	case data.FacetTrack:
		return &q.Tracks
	case data.FacetType:
		return &q.Types
	case data.FacetLevel:
		return &q.Levels
	case data.FacetHiddenRoom:
		return &q.HiddenRooms
	case data.FacetHiddenTrack:
		return &q.HiddenTracks
	}
	return nil
}

func toggle(list []string, v string) []string {
	if i := slices.Index(list, v); i >= 0 {
		return slices.Delete(slices.Clone(list), i, i+1)
	}
	return append(slices.Clone(list), v)
}

func (p *filterPanel) toggle(it filterItem) tea.Cmd {
	q := p.sh.query
	switch it.facet {
	case facetSort:
		q.Sort = data.Sort(it.value)
	case data.FacetStarred:
		q.Starred = !q.Starred
	case data.FacetRated:
		if q.Rated == it.value {
			q.Rated = ""
		} else {
			q.Rated = it.value
		}
	case data.FacetPast:
		q.HidePast = !q.HidePast
	case data.FacetMinRating:
		var n float64
		fmt.Sscan(it.value, &n)
		if q.MinRating == n {
			q.MinRating = 0
		} else {
			q.MinRating = n
		}
	default:
		if l := valueList(&q, it.facet); l != nil {
			*l = toggle(*l, it.value)
		}
	}
	return p.sh.setQuery(q, "")
}

func (p *filterPanel) height() int { return max(1, p.sh.height-4) }

func (p *filterPanel) Update(msg tea.Msg) tea.Cmd {
	k := p.sh.keys
	if msg, ok := msg.(tea.KeyPressMsg); ok && p.finding {
		return p.updateFind(msg)
	}
	if _, ok := msg.(refreshMsg); ok {
		// The query changed: the counts follow it.
		p.build()
		p.nav.keep(p.height(), len(p.items), p.selectable)
		return nil
	}
	if p.nav.handle(k, msg, len(p.items), p.height(), p.selectable) {
		return nil
	}
	msg0, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(msg0, k.Back), key.Matches(msg0, k.Filter):
		return closePage(nil)
	case key.Matches(msg0, k.Toggle):
		if p.selectable(p.nav.cursor) {
			hidden := len(p.sh.query.HiddenRooms) + len(p.sh.query.HiddenTracks)
			cmd := p.toggle(p.items[p.nav.cursor])
			if len(p.sh.query.HiddenRooms)+len(p.sh.query.HiddenTracks) != hidden {
				p.build()
				p.nav.keep(p.height(), len(p.items), p.selectable)
			}
			return cmd
		}
	case key.Matches(msg0, k.ClearFilters):
		return p.sh.setQuery(clearedFilters(p.sh.query), "")
	case key.Matches(msg0, k.Search):
		p.finding, p.from = true, p.nav.cursor
		p.find.SetValue("")
		p.find.SetWidth(max(10, p.sh.width-8))
		return p.find.Focus()
	}
	return nil
}

// updateFind handles a key while the find field has the focus: typing
// jumps to the value that best matches, enter picks it (toggles it) and
// esc goes back to where the cursor was.
func (p *filterPanel) updateFind(msg tea.KeyPressMsg) tea.Cmd {
	what, changed, cmd := typeKey(&p.find, p.sh.keys, msg)
	switch what {
	case fieldAccept:
		p.finding = false
		if p.find.Value() != "" && p.selectable(p.nav.cursor) {
			return p.toggle(p.items[p.nav.cursor])
		}
	case fieldCancel:
		p.finding = false
		p.nav.cursor = p.from
		p.nav.keep(p.height(), len(p.items), p.selectable)
	case fieldMove:
		p.nav.handle(p.sh.keys, msg, len(p.items), p.height(), p.selectable)
	}
	if changed {
		p.jump(p.find.Value())
	}
	return cmd
}

// jump puts the cursor on the value that typed text means best: a day,
// room, track, type or level (then a sort or a show item).
func (p *filterPanel) jump(typed string) {
	var labels []string
	var at []int
	for pass := range 2 {
		for i, it := range p.items {
			value := it.facet != facetSort && it.count >= 0
			if !it.header && value == (pass == 0) {
				labels = append(labels, it.label)
				at = append(at, i)
			}
		}
	}
	if k, ok := search.BestValue(labels, typed); ok {
		p.nav.cursor = at[k]
	} else if typed == "" {
		p.nav.cursor = p.from
	}
	p.nav.keep(p.height(), len(p.items), p.selectable)
}

// SetSize does nothing: the panel reads the height as it draws.
func (p *filterPanel) SetSize(int, int) {}

func (p *filterPanel) View() string {
	sh := p.sh
	st := sh.styles
	w := sh.width
	lines := []string{
		st.PanelTitle.Render("Filters") + st.Count.Render(fmt.Sprintf("  %d of %d sessions", len(sh.hits), len(sh.conf.Sessions))),
		"",
	}
	if p.finding {
		lines[1] = trunc(p.find.View(), w)
	}
	end := min(len(p.items), p.nav.offset+p.height())
	for i := p.nav.offset; i < end; i++ {
		it := p.items[i]
		if it.header {
			lines = append(lines, st.Section.Render(trunc(it.label, w)))
			continue
		}
		box := "[ ]"
		if it.facet == facetSort {
			box = "( )"
			if p.on(it) {
				box = "(•)"
			}
		} else if p.on(it) {
			box = "[x]"
		}
		if it.facet == data.FacetHiddenRoom || it.facet == data.FacetHiddenTrack {
			box = "[h]"
			if !p.on(it) {
				box = "[ ]"
			}
		}
		cnt := ""
		if it.count >= 0 {
			cnt = fmt.Sprintf("%d", it.count)
		}
		line := "  " + box + " " + fit(it.label, max(4, w-8-len(cnt)-1)) + " " + cnt
		if i == p.nav.cursor {
			lines = append(lines, st.Selected.Render(fit(line, w)))
		} else {
			lines = append(lines, trunc(line, w))
		}
	}
	return strings.Join(lines, "\n")
}

func (p *filterPanel) KeyMap() keyMap {
	k := p.sh.keys
	if p.finding {
		pick := k.Accept
		pick.SetHelp("enter", "pick")
		return typingKeys(k, pick)
	}
	done := key.NewBinding(key.WithKeys("esc", "backspace", "f"), key.WithHelp("esc/f", "done"))
	find := k.Search
	find.SetHelp("/", "find")
	bound := append(moveKeys(k), k.Toggle, k.ClearFilters, find, done)
	return keyMap{
		short: []key.Binding{k.Toggle, k.Up, k.Down, find, k.ClearFilters, done},
		bound: append(bound, k.globals()...),
	}
}
