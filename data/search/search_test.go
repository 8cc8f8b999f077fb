package search_test

import (
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/data/search"
	"github.com/lineup-tui/lineup/data/synth"
	"github.com/lineup-tui/lineup/data/text"
)

var (
	benchMu  sync.Mutex
	benchIdx = map[int]*search.Index{}
)

func benchIndex(b *testing.B, n int) *search.Index {
	benchMu.Lock()
	defer benchMu.Unlock()
	if ix, ok := benchIdx[n]; ok {
		return ix
	}
	ix := search.New(synth.Generate(n, 1))
	ix.Wait()
	benchIdx[n] = ix
	return ix
}

var benchQueries = []string{"e", "k", "ku", "kube", "mülr", "latency", "kube lat", "kubernetes", "xyzzyq", "observability pipelines"}

func benchSearch(b *testing.B, n int) {
	ix := benchIndex(b, n)
	for _, q := range benchQueries {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			hits := 0
			for b.Loop() {
				ix.Forget() // a fresh scan every time, not a narrowed one
				hits = len(ix.Run(data.Query{Text: q}, nil))
			}
			b.ReportMetric(float64(hits), "hits")
		})
	}
}

// BenchmarkSearch10k and 100k time one search from scratch (the narrowing
// cache is cleared first), for queries of 1 to 23 characters.
func BenchmarkSearch10k(b *testing.B)  { benchSearch(b, 10_000) }
func BenchmarkSearch100k(b *testing.B) { benchSearch(b, 100_000) }

// benchTyping types a query one key at a time, as the TUI does; each op is
// one key press, so later keys profit from narrowing.
func benchTyping(b *testing.B, n int) {
	ix := benchIndex(b, n)
	const text = "kubernetes lat"
	b.ReportAllocs()
	k := 0
	for b.Loop() {
		if k == 0 {
			ix.Forget()
		}
		k = k%len(text) + 1
		ix.Run(data.Query{Text: text[:k], HidePast: true, Now: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)}, nil)
	}
}

func BenchmarkSearchTyping10k(b *testing.B)  { benchTyping(b, 10_000) }
func BenchmarkSearchTyping100k(b *testing.B) { benchTyping(b, 100_000) }

func BenchmarkFacetsOnly100k(b *testing.B) {
	ix := benchIndex(b, 100_000)
	c := ix.Conference()
	q := data.Query{Rooms: []string{c.Rooms[0].Name, c.Rooms[3].Name}, Types: []string{"Talk"}, Sort: data.SortRating}
	b.ReportAllocs()
	for b.Loop() {
		ix.Run(q, nil)
	}
}

func BenchmarkNewIndex10k(b *testing.B) {
	c := synth.Generate(10_000, 1)
	b.ReportAllocs()
	for b.Loop() {
		search.New(c).Wait()
	}
}

func ids(hits []search.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Session.ID
	}
	return out
}

func find(hits []search.Hit, id string) *search.Hit {
	for i := range hits {
		if hits[i].Session.ID == id {
			return &hits[i]
		}
	}
	return nil
}

// small builds a finished conference from sessions and speakers.
func small(t *testing.T, speakers []data.Speaker, sessions ...data.Session) *data.Conference {
	t.Helper()
	c := &data.Conference{Name: "Test Conf", TimeZone: "Europe/Berlin", Speakers: speakers, Sessions: sessions}
	for _, w := range formats.Finish(c) {
		if strings.Contains(w, "duplicate") {
			t.Fatal(w)
		}
	}
	return c
}

func at(day, hm string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", day+" "+hm, data.LoadZone("Europe/Berlin"))
	if err != nil {
		panic(err)
	}
	return t
}

func TestRankingTitleBeforeOtherFields(t *testing.T) {
	c := small(t, []data.Speaker{{ID: "p1", Name: "Latency Jones", Company: "Acme"}},
		data.Session{ID: "abstract", Title: "Operating clusters", Date: "2026-03-02", Abstract: "We cut tail latency in half."},
		data.Session{ID: "subtitle", Title: "Operating more clusters", Subtitle: "Latency stories", Date: "2026-03-02"},
		data.Session{ID: "title", Title: "Tail latency at scale", Date: "2026-03-02"},
		data.Session{ID: "speaker", Title: "Something else entirely", Date: "2026-03-02", SpeakerIDs: []string{"p1"}},
		data.Session{ID: "note", Title: "Unrelated", Date: "2026-03-02"},
		data.Session{ID: "none", Title: "Nothing here", Date: "2026-03-02", Abstract: "lat ency"},
	)
	mine := map[string]data.Personal{"note": {Note: "ask about latency"}}
	hits := search.New(c).Run(data.Query{Text: "latency"}, mine)
	want := []string{"title", "speaker", "subtitle", "abstract", "note"}
	if got := ids(hits); !reflect.DeepEqual(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	for k := 1; k < len(hits); k++ {
		if hits[k].Score >= hits[k-1].Score {
			t.Errorf("scores not strictly falling: %s %d, %s %d", hits[k-1].Session.ID, hits[k-1].Score, hits[k].Session.ID, hits[k].Score)
		}
	}
	if h := find(hits, "title"); !reflect.DeepEqual(h.Title, []int{5, 6, 7, 8, 9, 10, 11}) || h.Speakers != nil {
		t.Errorf("title positions %v %v", h.Title, h.Speakers)
	}
	if h := find(hits, "speaker"); h.Title != nil || !reflect.DeepEqual(h.Speakers, []int{0, 1, 2, 3, 4, 5, 6}) {
		t.Errorf("speaker positions %v %v", h.Title, h.Speakers)
	}
	if h := find(hits, "abstract"); h.Title != nil || h.Speakers != nil {
		t.Errorf("an abstract match highlights nothing: %v %v", h.Title, h.Speakers)
	}
}

func TestRankingWordPrefixInsideFuzzy(t *testing.T) {
	c := small(t, nil,
		data.Session{ID: "fuzzy", Title: "Keep up, be early", Date: "2026-03-02"},
		data.Session{ID: "scattered", Title: "Kafka utilities by example", Date: "2026-03-02"},
		data.Session{ID: "inside", Title: "Minikube tips and tricks", Date: "2026-03-02"},
		data.Session{ID: "prefix", Title: "Running Kubernetes at home", Date: "2026-03-02"},
		data.Session{ID: "word", Title: "Why kube is hard", Date: "2026-03-02"},
		data.Session{ID: "start", Title: "Kubernetes the very hard way", Date: "2026-03-02"},
		data.Session{ID: "tight", Title: "Kaleidoscope ku be", Date: "2026-03-02"},
		data.Session{ID: "miss", Title: "Keeping busy", Date: "2026-03-02"},
	)
	hits := search.New(c).Run(data.Query{Text: "kube"}, nil)
	want := []string{"word", "start", "prefix", "inside", "tight", "fuzzy"}
	if got := ids(hits); !reflect.DeepEqual(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	if h := find(hits, "fuzzy"); !reflect.DeepEqual(h.Title, []int{0, 5, 9, 10}) {
		t.Errorf("fuzzy positions %v", h.Title)
	}
	if h := find(hits, "tight"); !reflect.DeepEqual(h.Title, []int{13, 14, 16, 17}) {
		t.Errorf("the tightest window should be highlighted: %v", h.Title)
	}
	if h := find(hits, "start"); !reflect.DeepEqual(h.Title, []int{0, 1, 2, 3}) {
		t.Errorf("prefix positions %v", h.Title)
	}
	// Contiguous beats scattered within the fuzzy tier.
	if find(hits, "tight").Score <= find(hits, "fuzzy").Score {
		t.Error("a tight fuzzy match should beat a scattered one")
	}
}

func TestMultiWordAND(t *testing.T) {
	c := small(t, []data.Speaker{{ID: "p1", Name: "Lata Kumar"}},
		data.Session{ID: "both-title", Title: "Kubernetes latency budgets", Date: "2026-03-02"},
		data.Session{ID: "split", Title: "Kubernetes in production", Date: "2026-03-02", Abstract: "Measuring request latency."},
		data.Session{ID: "kube-only", Title: "Kubernetes operators", Date: "2026-03-02"},
		data.Session{ID: "lat-only", Title: "Tail latency", Date: "2026-03-02"},
		data.Session{ID: "speaker", Title: "Kubernetes for everyone", Date: "2026-03-02", SpeakerIDs: []string{"p1"}},
	)
	ix := search.New(c)
	hits := ix.Run(data.Query{Text: "kube lat"}, nil)
	if got, want := ids(hits), []string{"both-title", "speaker", "split"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("kube lat: %v, want %v", got, want)
	}
	if h := find(hits, "both-title"); !reflect.DeepEqual(h.Title, []int{0, 1, 2, 3, 11, 12, 13}) {
		t.Errorf("both words highlighted: %v", h.Title)
	}
	if h := find(hits, "speaker"); !reflect.DeepEqual(h.Title, []int{0, 1, 2, 3}) || !reflect.DeepEqual(h.Speakers, []int{0, 1, 2}) {
		t.Errorf("split highlights: %v %v", h.Title, h.Speakers)
	}
	// Word order does not matter; extra spaces do not either.
	if got := ids(ix.Run(data.Query{Text: "  lat   kube "}, nil)); !reflect.DeepEqual(got, ids(hits)) {
		t.Errorf("lat kube: %v", got)
	}
	if got := ix.Run(data.Query{Text: "kube zzz"}, nil); len(got) != 0 {
		t.Errorf("a word matching nothing should give nothing: %v", ids(got))
	}
}

func TestFoldingInSearch(t *testing.T) {
	c := small(t, []data.Speaker{{ID: "m", Name: "Jürgen Müller", Company: "Bäckerei Groß"}, {ID: "t", Name: "田中 太郎"}},
		data.Session{ID: "strasse", Title: "Große Straße", Date: "2026-03-02"},
		data.Session{ID: "quote", Title: "Don’t panic", Date: "2026-03-02"},
		data.Session{ID: "straight", Title: "Don't worry", Date: "2026-03-02"},
		data.Session{ID: "muller", Title: "Talk", Date: "2026-03-02", SpeakerIDs: []string{"t", "m"}},
		data.Session{ID: "cjk", Title: "東京のガイド", Date: "2026-03-02"},
		data.Session{ID: "dash", Title: "Zero‐downtime – really", Date: "2026-03-02"},
	)
	ix := search.New(c)
	cases := []struct {
		q     string
		want  []string
		title []int // positions in the first hit's title
		spk   []int // positions in the first hit's speakers
	}{
		{"strasse", []string{"strasse"}, []int{6, 7, 8, 9, 10, 11}, nil},
		{"STRAẞE", []string{"strasse"}, []int{6, 7, 8, 9, 10, 11}, nil},
		{"große", []string{"strasse"}, []int{0, 1, 2, 3, 4}, nil},
		{"don't", []string{"straight", "quote"}, []int{0, 1, 2, 3, 4}, nil},
		{"don’t", []string{"straight", "quote"}, []int{0, 1, 2, 3, 4}, nil},
		{"muller", []string{"muller"}, nil, []int{14, 15, 16, 17, 18, 19}},
		{"MÜLLER", []string{"muller"}, nil, []int{14, 15, 16, 17, 18, 19}},
		{"jurgen", []string{"muller"}, nil, []int{7, 8, 9, 10, 11, 12}},
		{"backerei gross", []string{"muller"}, nil, nil},
		{"太郎", []string{"muller"}, nil, []int{3, 4}},
		{"ガイド", []string{"cjk"}, []int{3, 4, 5}, nil},
		{"zero-downtime", []string{"dash"}, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, nil},
	}
	for _, tc := range cases {
		hits := ix.Run(data.Query{Text: tc.q}, nil)
		if got := ids(hits); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %v, want %v", tc.q, got, tc.want)
			continue
		}
		if !reflect.DeepEqual(hits[0].Title, tc.title) || !reflect.DeepEqual(hits[0].Speakers, tc.spk) {
			t.Errorf("%q: positions %v %v, want %v %v", tc.q, hits[0].Title, hits[0].Speakers, tc.title, tc.spk)
		}
	}
	// Highlights index runes of the displayed speaker string.
	s := c.Session("muller")
	names := []rune(c.SpeakerNames(s))
	if string(names[14:20]) != "Müller" {
		t.Errorf("speaker string %q", string(names))
	}
}

func TestBuiltinSearch(t *testing.T) {
	c := builtin.Conference()
	ix := search.New(c)
	hits := ix.Run(data.Query{Text: "kube"}, nil)
	if len(hits) < 6 {
		t.Fatalf("kube: %v", ids(hits))
	}
	for _, h := range hits[:6] {
		if !strings.Contains(strings.ToLower(h.Session.Title), "kube") {
			t.Errorf("a title with Kubernetes should come first, got %q", h.Session.Title)
		}
	}
	if h := find(hits, "vlb19-k8s-very-hard-way"); h == nil || !reflect.DeepEqual(h.Title, []int{0, 1, 2, 3}) {
		t.Errorf("k8s hard way: %+v", h)
	}
	hits = ix.Run(data.Query{Text: "bjorn"}, nil)
	if len(hits) == 0 || hits[0].Session.ID != "vlb19-dashboards-metrics-no-hype" || !reflect.DeepEqual(hits[0].Speakers, []int{0, 1, 2, 3, 4}) {
		t.Errorf("bjorn: %v", hits)
	}
	hits = ix.Run(data.Query{Text: "szczesny"}, nil)
	if len(hits) != 1 || !reflect.DeepEqual(hits[0].Speakers, []int{24, 25, 26, 27, 28, 29, 30, 31}) {
		t.Errorf("szczesny: %+v (names %q)", hits, c.SpeakerNames(c.Session("vlb19-m3-prometheus")))
	}
	// Blank text is no search: everything in programme order.
	all := ix.Run(data.Query{Text: "   "}, nil)
	if len(all) != len(c.Sessions) || all[0].Session != &c.Sessions[0] || all[0].Score != 0 || all[0].Title != nil {
		t.Errorf("blank text: %d hits", len(all))
	}
}

func TestFacets(t *testing.T) {
	c := builtin.Conference()
	ix := search.New(c)
	cases := []struct {
		name string
		q    data.Query
		want []string
	}{
		{"two rooms OR", data.Query{Rooms: []string{"Hall A1", "Hall A3"}},
			[]string{"vlb19-k8s-very-hard-way", "vlb19-autoscaling-in-reality", "vlb19-config-riskier-than-code"}},
		{"rooms AND level", data.Query{Rooms: []string{"Hall A1", "hall a3"}, Levels: []string{"intermediate"}},
			[]string{"vlb19-k8s-very-hard-way", "vlb19-config-riskier-than-code"}},
		{"room AND level AND day", data.Query{Rooms: []string{"Hall A1"}, Levels: []string{"Beginner", "Intermediate"}, Days: []string{"2019-11-06"}},
			[]string{"vlb19-k8s-very-hard-way", "vlb19-autoscaling-in-reality"}},
		{"type and day", data.Query{Types: []string{"Keynote"}, Days: []string{"2019-11-07"}},
			[]string{"vlb19-cheney-keynote", "vlb19-reinhard-keynote", "vlb19-shortridge-keynote", "vlb19-burrington-keynote", "vlb19-davis-keynote"}},
		{"track", data.Query{Tracks: []string{"Monitoring, Observability, and Performance"}}, []string{"vlb19-opentelemetry-tutorial"}},
		{"speaker loose", data.Query{Speakers: []string{"JONES liz"}}, []string{"vlb19-opentelemetry-tutorial", "vlb19-production-excellence"}},
		{"speaker accent", data.Query{Speakers: []string{"bjorn"}}, []string{"vlb19-dashboards-metrics-no-hype"}},
		{"two speakers OR", data.Query{Speakers: []string{"bjorn", "robin"}}, []string{"vlb19-dashboards-metrics-no-hype", "vlb19-http2-http3-quic", "vlb19-ing-service-mesh"}},
		{"unknown room", data.Query{Rooms: []string{"Hall Z9"}}, []string{}},
		{"unknown and known room", data.Query{Rooms: []string{"Hall Z9", "M1"}}, []string{"vlb19-observability-graph"}},
		{"text and facet", data.Query{Text: "kubernetes", Days: []string{"2019-11-07"}}, []string{"vlb19-knative"}},
		{"hidden room wins", data.Query{Rooms: []string{"Hall A1"}, HiddenRooms: []string{"hall a1"}}, []string{}},
		{"hidden track", data.Query{Types: []string{"tutorial"}, HiddenTracks: []string{"Monitoring, Observability, and Performance"}},
			[]string{"vlb19-sre-classroom", "vlb19-brownfield-greenfield-mesh", "vlb19-gitops-101"}},
		{"hidden room with text", data.Query{Text: "kubernetes hard", HiddenRooms: []string{"Hall A1"}}, []string{}},
	}
	for _, tc := range cases {
		got := ids(ix.Run(tc.q, nil))
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	// Hidden rooms leave every other session.
	n := len(ix.Run(data.Query{HiddenRooms: []string{"Hall A1"}}, nil))
	if n != len(c.Sessions)-2 {
		t.Errorf("hiding Hall A1 left %d of %d", n, len(c.Sessions))
	}
}

func TestHidePast(t *testing.T) {
	c := builtin.Conference()
	ix := search.New(c)
	now := at("2019-11-06", "12:30")
	hits := ix.Run(data.Query{HidePast: true, Now: now}, nil)
	got := map[string]bool{}
	for _, h := range hits {
		got[h.Session.ID] = true
	}
	for id, want := range map[string]bool{
		"vlb19-sre-classroom":          false, // the day before
		"vlb19-k8s-very-hard-way":      false, // ended 12:15
		"vlb19-struve-monitoring":      false,
		"vlb19-observability-graph":    true, // 13:25
		"vlb19-autoscaling-in-reality": true,
		"vlb19-gitops-101":             true, // unscheduled, the day before: kept
		"vlb19-knative":                true,
	} {
		if got[id] != want {
			t.Errorf("%s shown = %v, want %v", id, got[id], want)
		}
	}
	if len(hits) != len(c.Sessions)-3 {
		t.Errorf("%d shown, want %d", len(hits), len(c.Sessions)-3)
	}
	// A session that ends exactly now is not past.
	if find(ix.Run(data.Query{HidePast: true, Now: at("2019-11-06", "12:15")}, nil), "vlb19-k8s-very-hard-way") == nil {
		t.Error("a session ending now should still show")
	}
}

func TestPersonalFilters(t *testing.T) {
	c := builtin.Conference()
	ix := search.New(c)
	mine := map[string]data.Personal{
		"vlb19-config-riskier-than-code": {Rating: 5},                // 3.8×5 + 5 → 4.0 from 6
		"vlb19-http2-http3-quic":         {Rating: 1, Starred: true}, // 5 + 1 → 3.0 from 2
		"vlb19-knative":                  {Rating: 4},                // no published rating → 4.0 from 1
		"vlb19-gitops-101":               {Starred: true, Note: "bring laptop"},
		"vlb19-m3-prometheus":            {Note: "maybe"},
	}
	cases := []struct {
		name string
		q    data.Query
		want []string
	}{
		{"min rating 4", data.Query{MinRating: 4}, []string{"vlb19-sre-classroom", "vlb19-k8s-very-hard-way", "vlb19-struve-monitoring", "vlb19-autoscaling-in-reality", "vlb19-config-riskier-than-code", "vlb19-knative"}},
		{"min rating 4.5", data.Query{MinRating: 4.5}, []string{"vlb19-sre-classroom", "vlb19-autoscaling-in-reality"}},
		{"starred", data.Query{Starred: true}, []string{"vlb19-gitops-101", "vlb19-http2-http3-quic"}},
		{"rated", data.Query{Rated: data.RatedYes}, []string{"vlb19-config-riskier-than-code", "vlb19-http2-http3-quic", "vlb19-knative"}},
		{"starred and rated", data.Query{Starred: true, Rated: data.RatedYes}, []string{"vlb19-http2-http3-quic"}},
		{"note search", data.Query{Text: "laptop"}, []string{"vlb19-gitops-101"}},
		{"note and title", data.Query{Text: "laptop gitops"}, []string{"vlb19-gitops-101"}},
	}
	for _, tc := range cases {
		if got := ids(ix.Run(tc.q, mine)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	unrated := ix.Run(data.Query{Rated: data.RatedNone}, mine)
	if len(unrated) != len(c.Sessions)-3 || find(unrated, "vlb19-knative") != nil {
		t.Errorf("unrated: %d", len(unrated))
	}
	if got := ix.Run(data.Query{Starred: true}, nil); len(got) != 0 {
		t.Errorf("starred without personal data: %v", ids(got))
	}
	// Without the personal rating, the published 3.8 is below 4.
	if find(ix.Run(data.Query{MinRating: 4}, nil), "vlb19-config-riskier-than-code") != nil {
		t.Error("3.8 should not pass a minimum of 4")
	}
}

func TestSortOrders(t *testing.T) {
	c := builtin.Conference()
	ix := search.New(c)
	mine := map[string]data.Personal{"vlb19-knative": {Rating: 5}, "vlb19-http2-http3-quic": {Rating: 5}}

	byRating := ids(ix.Run(data.Query{Sort: data.SortRating}, mine))
	wantTop := []string{
		"vlb19-sre-classroom",    // 5.0 from 3
		"vlb19-http2-http3-quic", // 5.0 from 2 (published 5 from 1 plus mine)
		"vlb19-knative",          // 5.0 from 1
		"vlb19-autoscaling-in-reality",
		"vlb19-struve-monitoring",
		"vlb19-k8s-very-hard-way",
		"vlb19-config-riskier-than-code",
	}
	if !reflect.DeepEqual(byRating[:len(wantTop)], wantTop) {
		t.Errorf("rating order %v", byRating[:len(wantTop)])
	}
	// The unrated rest keeps programme order.
	pos := map[string]int{}
	for i := range c.Sessions {
		pos[c.Sessions[i].ID] = i
	}
	for k := len(wantTop) + 1; k < len(byRating); k++ {
		if pos[byRating[k]] < pos[byRating[k-1]] {
			t.Errorf("unrated not in programme order at %d: %v", k, byRating[len(wantTop):])
			break
		}
	}

	byTitle := ix.Run(data.Query{Sort: data.SortTitle}, nil)
	if len(byTitle) != len(c.Sessions) || byTitle[0].Session.Title != "5 things Go taught me about open source?" {
		t.Fatalf("title order starts %q", byTitle[0].Session.Title)
	}
	for k := 1; k < len(byTitle); k++ {
		if text.Fold(byTitle[k-1].Session.Title) > text.Fold(byTitle[k].Session.Title) {
			t.Errorf("title order: %q before %q", byTitle[k-1].Session.Title, byTitle[k].Session.Title)
		}
	}

	byTime := ix.Run(data.Query{Text: "kubernetes", Sort: data.SortTime}, nil)
	for k := 1; k < len(byTime); k++ {
		if pos[byTime[k].Session.ID] < pos[byTime[k-1].Session.ID] {
			t.Errorf("explicit time sort with text is not programme order: %v", ids(byTime))
		}
	}
	relevance := ix.Run(data.Query{Text: "kubernetes"}, nil)
	for k := 1; k < len(relevance); k++ {
		a, b := relevance[k-1], relevance[k]
		if a.Score < b.Score || a.Score == b.Score && pos[a.Session.ID] > pos[b.Session.ID] {
			t.Errorf("relevance order broken at %d: %v", k, ids(relevance))
		}
	}
	if len(relevance) != len(byTime) {
		t.Errorf("sorting changed the set: %d vs %d", len(relevance), len(byTime))
	}
}

// The narrowing cache must never change results: type a query one key at a
// time, with backspaces, and compare every step with a fresh scan.
func TestNarrowingMatchesFreshScan(t *testing.T) {
	c := synth.Generate(3000, 5)
	ix := search.New(c)
	fresh := search.New(c)
	mine := map[string]data.Personal{}
	for i := 0; i < len(c.Sessions); i += 97 {
		mine[c.Sessions[i].ID] = data.Personal{Note: "kubelet latency", Starred: i%2 == 0, Rating: i % 6}
	}
	steps := []string{"k", "ku", "kub", "kube", "kube ", "kube l", "kube la", "kube lat", "kube la", "kube l", "kube", "kubelet", "lat kubelet", "zz", "z", "", "m", "mü", "mül"}
	for _, room := range []string{"", c.Sessions[0].Room} {
		for k, text := range steps {
			q := data.Query{Text: text}
			if room != "" {
				q.Rooms = []string{room}
			}
			if k == 12 {
				// A note added between key presses must show up.
				mine[c.Sessions[1].ID] = data.Personal{Note: "lat kubelet"}
			}
			got := ix.Run(q, mine)
			fresh.Forget()
			want := fresh.Run(q, mine)
			if !sameHits(got, want) {
				t.Fatalf("room %q, %q: narrowed %d hits, fresh %d", room, text, len(got), len(want))
			}
		}
	}
}

// Typing fragments of real titles and names, with typos, must give the
// same hits narrowed as from scratch.
func TestNarrowingRandomTyping(t *testing.T) {
	c := synth.Generate(2000, 21)
	ix, fresh := search.New(c), search.New(c)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 40 {
		s := &c.Sessions[rng.IntN(len(c.Sessions))]
		src := []rune(s.Title + " " + c.SpeakerNames(s))
		from := rng.IntN(len(src))
		frag := src[from:min(len(src), from+3+rng.IntN(8))]
		if rng.IntN(3) == 0 {
			frag = append(frag, rune('a'+rng.IntN(26))) // a typo
		}
		for k := 1; k <= len(frag); k++ {
			q := data.Query{Text: string(frag[:k])}
			got := ix.Run(q, nil)
			fresh.Forget()
			if want := fresh.Run(q, nil); !sameHits(got, want) {
				t.Fatalf("%q: narrowed %d hits, fresh %d", q.Text, len(got), len(want))
			}
		}
	}
}

func sameHits(a, b []search.Hit) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Session != b[i].Session || a[i].Score != b[i].Score ||
			!slices.Equal(a[i].Title, b[i].Title) || !slices.Equal(a[i].Speakers, b[i].Speakers) {
			return false
		}
	}
	return true
}

// Big programmes are scanned in parallel; the result must not depend on it.
func TestParallelScanMatchesSerial(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 20000 sessions")
	}
	c := synth.Generate(20000, 3)
	ix := search.New(c)
	old := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(old)
	queries := []data.Query{{Text: "kube lat"}, {Text: "e"}, {Text: "mül", Sort: data.SortTitle}, {Text: "latency", Sort: data.SortRating}, {Sort: data.SortRating}}
	var serial [][]search.Hit
	for _, q := range queries {
		ix.Forget()
		serial = append(serial, ix.Run(q, nil))
	}
	runtime.GOMAXPROCS(4)
	for k, q := range queries {
		ix.Forget()
		if got := ix.Run(q, nil); !sameHits(got, serial[k]) {
			t.Errorf("%+v: parallel %d hits, serial %d", q, len(got), len(serial[k]))
		}
	}
	if len(serial[0]) == 0 {
		t.Error("kube lat found nothing in a synthetic conference")
	}
}

// The list before any search or filter, made without scanning, is what a
// scan that lets every session through gives: each session once, in
// programme order, without scores or marks.
func TestEverySessionWithoutScanning(t *testing.T) {
	for _, c := range []*data.Conference{builtin.Conference(), synth.Generate(20000, 4)} {
		ix := search.New(c)
		all := ix.Run(data.Query{}, nil)
		scanned := ix.Run(data.Query{HidePast: true, Now: time.Unix(0, 0)}, nil)
		if len(all) != len(c.Sessions) || !sameHits(all, scanned) {
			t.Fatalf("%s: %d hits without scanning, %d scanned, %d sessions", c.Name, len(all), len(scanned), len(c.Sessions))
		}
		for i, h := range all {
			if h.Session != &c.Sessions[i] || h.Score != 0 || h.Tier != 0 || h.Title != nil || h.Speakers != nil {
				t.Fatalf("%s: hit %d is %+v", c.Name, i, h)
			}
		}
	}
}

func FuzzSearchText(f *testing.F) {
	for _, s := range []string{"kube", "kube lat", "mülr", "ß", "東京", "\xff", "a b c d e f", "don’t", "  ", "(final)"} {
		f.Add(s)
	}
	c := builtin.Conference()
	ix := search.New(c)
	f.Fuzz(func(t *testing.T, text string) {
		for _, h := range ix.Run(data.Query{Text: text}, nil) {
			check := func(pos []int, s string) {
				n := len([]rune(s))
				for k, p := range pos {
					if p < 0 || p >= n || k > 0 && p <= pos[k-1] {
						t.Fatalf("%q: positions %v in %q", text, pos, s)
					}
				}
			}
			check(h.Title, h.Session.Title)
			check(h.Speakers, c.SpeakerNames(h.Session))
		}
	})
}

func TestEmptyConference(t *testing.T) {
	c := &data.Conference{Name: "Empty"}
	formats.Finish(c)
	ix := search.New(c)
	ix.Wait()
	for _, q := range []data.Query{{}, {Text: "kube"}, {Text: "kube", Sort: data.SortRating}, {Rooms: []string{"A"}}, {HidePast: true}} {
		if got := ix.Run(q, nil); got == nil || len(got) != 0 {
			t.Errorf("%+v: %v", q, got)
		}
	}
}

// The one-query index (no word index of abstracts) finds the same sessions in
// the same order as the full one.
func TestQueryIndexMatchesIndex(t *testing.T) {
	c := synth.Generate(3000, 5)
	full, once := search.New(c), search.NewOneShot(c)
	long := 0
	for _, text := range []string{"kube lat", "e", "latency", "observability pipelines", "mül", "data platform", "zzzz"} {
		for _, sort := range []data.Sort{"", data.SortRating, data.SortTitle} {
			q := data.Query{Text: text, Sort: sort}
			a, b := full.Run(q, nil), once.Run(q, nil)
			if !sameHits(a, b) {
				t.Errorf("%+v: index %d hits, query index %d", q, len(a), len(b))
			}
			for _, h := range a {
				if h.Tier == 3 {
					long++ // matched only in an abstract or description
				}
			}
		}
	}
	if long == 0 {
		t.Error("no query matched an abstract alone; the test does not reach the long fields")
	}
}
