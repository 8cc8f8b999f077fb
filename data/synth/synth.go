// Package synth makes up conferences of any size for tests and benchmarks:
// realistic text lengths, speakers with accented, German and CJK names, many
// rooms, a few unscheduled sessions and some published ratings. The same
// size and seed always give the same conference.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/formats"
)

// Zone is the time zone of every generated conference.
const Zone = "Europe/Berlin"

// Generate makes a conference with n sessions (n < 0 counts as 0),
// deterministic for a seed. It is finished with formats.Finish, so it is
// indexed and its ids are unique.
func Generate(n int, seed int64) *data.Conference {
	n = max(n, 0)
	g := &gen{r: rand.New(rand.NewPCG(uint64(seed), 0x6c696e6575702131))}
	loc := data.LoadZone(Zone)

	c := &data.Conference{
		Slug:     fmt.Sprintf("synth-%d-%d", n, seed),
		Name:     fmt.Sprintf("Synthetic Conference %d", seed),
		Edition:  fmt.Sprintf("%d sessions", n),
		TimeZone: Zone,
		City:     "Berlin, Germany",
		Venue:    "Messe Süd",
		URL:      "https://example.org/synth",
	}

	nDays := 3 + g.r.IntN(3)
	first := time.Date(2026, 9, 14+g.r.IntN(7), 0, 0, 0, 0, loc)
	labels := []string{"Workshops", "Main conference", "Main conference", "Main conference", "Community day"}
	for d := range nDays {
		day := first.AddDate(0, 0, d)
		c.Days = append(c.Days, data.Day{Date: day.Format(data.DateLayout), Label: labels[d]})
	}

	nRooms := max(5, n/40)
	for k := range nRooms {
		c.Rooms = append(c.Rooms, data.Room{Name: g.roomName(k), ID: fmt.Sprintf("r%d", k+1)})
	}
	for k, t := range tracks {
		c.Tracks = append(c.Tracks, data.Track{Name: t, Color: fmt.Sprintf("#%02x%02x%02x", 40+k*9, 200-k*7, 90+k*5)})
	}

	nSpeakers := max(3, n/2)
	for k := range nSpeakers {
		c.Speakers = append(c.Speakers, g.speaker(k))
	}

	// Spread the sessions over (day, room) pairs, then lay each pair's
	// sessions end to end from 09:00.
	slots := nDays * nRooms
	next := make([]time.Time, slots)
	for k := range next {
		next[k] = first.AddDate(0, 0, k/nRooms).Add(9 * time.Hour)
	}
	for i := range n {
		slot := i % slots
		if i/slots%2 == 1 { // alternate direction so rooms fill evenly
			slot = slots - 1 - slot
		}
		s := g.session(i, c)
		s.Room = c.Rooms[slot%nRooms].Name
		day := first.AddDate(0, 0, slot/nRooms)
		s.Date = day.Format(data.DateLayout)
		if g.r.IntN(100) < 4 {
			// Unscheduled: known by day only.
			if g.r.IntN(2) == 0 {
				s.Room = ""
			}
		} else {
			dur := []int{20, 30, 40, 45, 60, 90}[g.r.IntN(6)]
			s.Start = next[slot]
			s.End = s.Start.Add(time.Duration(dur) * time.Minute)
			next[slot] = s.End.Add(time.Duration(5*(1+g.r.IntN(3))) * time.Minute)
		}
		c.Sessions = append(c.Sessions, s)
	}
	formats.Finish(c)
	return c
}

type gen struct{ r *rand.Rand }

func (g *gen) pick(l []string) string { return l[g.r.IntN(len(l))] }

func (g *gen) roomName(k int) string {
	switch k % 4 {
	case 0:
		return fmt.Sprintf("Hall %c%d", 'A'+rune(k/4%6), k/24+1)
	case 1:
		return fmt.Sprintf("Room %d", 100+k)
	case 2:
		return fmt.Sprintf("Saal %s %d", g.pick([]string{"Köln", "München", "Zürich", "Lübeck", "Görlitz"}), k)
	}
	return fmt.Sprintf("Workshop Raum %d", k)
}

func (g *gen) speaker(k int) data.Speaker {
	var name string
	switch x := g.r.IntN(100); {
	case x < 6:
		name = g.pick(cjkNames)
	case x < 30:
		name = g.pick(accentFirst) + " " + g.pick(accentLast)
	default:
		name = g.pick(firstNames) + " " + g.pick(lastNames)
	}
	co := g.pick(companies)
	job := g.pick(jobTitles)
	sp := data.Speaker{
		ID:       fmt.Sprintf("sp%d", k+1),
		Name:     name,
		JobTitle: job,
		URL:      fmt.Sprintf("https://example.org/speakers/%d", k+1),
	}
	if g.r.IntN(10) > 0 {
		sp.Company = co
	}
	var bio strings.Builder
	fmt.Fprintf(&bio, "%s is %s at %s. ", name, strings.ToLower(job), co)
	for range 1 + g.r.IntN(3) {
		bio.WriteString(g.sentence())
		bio.WriteByte(' ')
	}
	sp.Bio = strings.TrimSpace(bio.String())
	return sp
}

func (g *gen) session(i int, c *data.Conference) data.Session {
	s := data.Session{
		ID:    fmt.Sprintf("s%d", i+1),
		Title: g.title(),
		Track: tracks[g.r.IntN(len(tracks))],
		Type:  g.pick(types),
		Level: g.pick(levels),
		URL:   fmt.Sprintf("https://example.org/sessions/%d", i+1),
	}
	if g.r.IntN(4) == 0 {
		s.Subtitle = g.subtitle()
	}
	if g.r.IntN(5) == 0 {
		s.Language = "de"
	} else {
		s.Language = "en"
	}
	for range 1 + g.r.IntN(3) {
		id := c.Speakers[g.r.IntN(len(c.Speakers))].ID
		dup := false
		for _, have := range s.SpeakerIDs {
			dup = dup || have == id
		}
		if !dup {
			s.SpeakerIDs = append(s.SpeakerIDs, id)
		}
	}
	s.Abstract = g.text(300, 1200)
	if g.r.IntN(3) == 0 {
		s.Rating = &data.Rating{Average: float64(100+g.r.IntN(401)) / 100, Count: 1 + g.r.IntN(60)}
	}
	return s
}

// title makes a title of 30 to 90 characters.
func (g *gen) title() string {
	for {
		var t string
		kind := g.r.IntN(7)
		if g.r.IntN(50) == 0 {
			kind = 7
		}
		switch kind {
		case 0:
			t = fmt.Sprintf("%s %s: %s", g.pick(verbs), g.pick(topics), g.pick(tails))
		case 1:
			t = fmt.Sprintf("How we %s %s at %s", g.pick(pastVerbs), g.pick(topics), g.pick(companies))
		case 2:
			t = fmt.Sprintf("%s and %s: %s", g.pick(topics), g.pick(topics), g.pick(tails))
		case 3:
			t = fmt.Sprintf("„%s“ – %s %s", g.pick(quotes), strings.ToLower(g.pick(verbs)), g.pick(topics))
		case 4:
			t = fmt.Sprintf("%s for %s teams: %s", g.pick(topics), strings.ToLower(g.pick(tracks)), g.pick(tails))
		case 7:
			// A few titles for the "kube lat" kind of search.
			t = fmt.Sprintf("Kubernetes %s: %s latency %s", g.pick(topics), g.pick([]string{"tail", "p99", "request", "network"}), g.pick(tails))
		default:
			t = fmt.Sprintf("%s %s %s", g.pick(verbs), g.pick(topics), g.pick(tails))
		}
		if n := len([]rune(t)); n >= 30 && n <= 90 {
			return t
		}
	}
}

func (g *gen) subtitle() string {
	return fmt.Sprintf("%s %s", g.pick([]string{"A field report on", "Lessons from", "Notes on", "A hands-on look at", "Why we chose"}), strings.ToLower(g.pick(topics)))
}

// text makes prose of lo to hi characters.
func (g *gen) text(lo, hi int) string {
	want := lo + g.r.IntN(hi-lo+1)
	var b strings.Builder
	for b.Len() < want {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(g.sentence())
	}
	s := b.String()
	if len(s) > hi {
		cut := strings.LastIndexByte(s[:hi-1], ' ')
		if cut < lo {
			cut = hi - 1
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
		}
		s = strings.TrimRight(s[:cut], " ,") + "."
	}
	return s
}

func (g *gen) sentence() string {
	var b strings.Builder
	b.WriteString(g.pick(openers))
	for k := range 6 + g.r.IntN(12) {
		b.WriteByte(' ')
		switch {
		case k%5 == 4:
			b.WriteString(strings.ToLower(g.pick(topics)))
		default:
			b.WriteString(g.pick(words))
		}
	}
	b.WriteByte('.')
	return b.String()
}

var (
	tracks = []string{
		"Cloud Native", "Observability", "Security", "Performance", "Data Engineering",
		"Machine Learning", "Frontend", "Mobile", "DevOps", "Site Reliability",
		"Databases", "Distributed Systems", "Programming Languages", "Architecture",
		"Leadership", "Culture", "Testing", "Accessibility", "Networking", "Edge Computing",
	}
	types       = []string{"Talk", "Talk", "Talk", "Talk", "Keynote", "Tutorial", "Workshop", "Lightning talk", "Panel"}
	levels      = []string{"Beginner", "Intermediate", "Intermediate", "Advanced"}
	verbs       = []string{"Scaling", "Debugging", "Observing", "Securing", "Testing", "Migrating", "Building", "Operating", "Taming", "Profiling", "Designing", "Rethinking", "Shipping", "Measuring"}
	pastVerbs   = []string{"scaled", "debugged", "observed", "secured", "tested", "migrated", "built", "replaced", "tamed", "profiled", "redesigned", "shipped", "measured", "retired"}
	topics      = []string{"Kubernetes", "Service Meshes", "Postgres", "Kafka Streams", "WebAssembly", "eBPF", "Rust Services", "Go Microservices", "Feature Flags", "OpenTelemetry", "Chaos Engineering", "GraphQL APIs", "CI/CD Pipelines", "Edge Caches", "Serverless Functions", "Vector Databases", "Large Language Models", "Incident Response", "Terraform Modules", "gRPC", "Prometheus Alerts", "Zero-Trust Networks", "Event Sourcing", "Design Systems", "Mobile Releases", "Data Lakes", "Latency Budgets", "Tail Latency"}
	tails       = []string{"lessons from production", "what nobody tells you", "a practical guide", "from zero to hero", "the hard parts", "without losing sleep", "at planet scale", "in ten minutes", "beyond the hype", "for the rest of us", "a love story", "mistakes we made so you don't have to", "one year later", "under real latency constraints"}
	quotes      = []string{"It works on my machine", "Don't panic", "Move fast, fix things", "We’ll fix it later", "Nobody reads the logs"}
	openers     = []string{"In this talk we", "We will", "You’ll learn how to", "This session shows how teams", "Attendees will", "Our team had to", "We explain why", "Join us to", "After years of", "Learn how we"}
	words       = []string{"measure", "reduce", "latency", "across", "clusters", "with", "and", "the", "of", "for", "reliable", "deployments", "on-call", "engineers", "tooling", "dashboards", "traces", "metrics", "budgets", "failure", "modes", "real", "world", "production", "systems", "teams", "safely", "quickly", "without", "downtime", "cost", "storage", "queries", "caching", "consistency", "rollouts", "canary", "releases", "regions", "capacity", "planning", "alerts", "noise", "developer", "experience", "platform", "große", "Änderungen", "naïve", "café", "déjà", "vu", "Straße", "über", "schön"}
	firstNames  = []string{"Anna", "Ben", "Clara", "David", "Emma", "Felix", "Grace", "Hannah", "Isaac", "Julia", "Karl", "Laura", "Max", "Nina", "Oscar", "Paula", "Quentin", "Rosa", "Sam", "Tina", "Uma", "Victor", "Wendy", "Yusuf", "Zara", "Priya", "Ahmed", "Olga", "Kenji", "Mei"}
	lastNames   = []string{"Smith", "Johnson", "Brown", "Schmidt", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Rossi", "Garcia", "Martin", "Nowak", "Kowalski", "Jensen", "Larsen", "Novak", "Ivanova", "Patel", "Khan", "O'Brien", "Murphy", "Kumar", "Tanaka", "Silva", "Costa"}
	accentFirst = []string{"Jürgen", "Björn", "Zoë", "François", "José", "Łukasz", "Søren", "Ånund", "Renée", "Chloé", "İlker", "Dóra", "Małgorzata", "Jiří", "Ætla", "Þóra", "Øyvind"}
	accentLast  = []string{"Müller", "Groß", "Weiß", "Straßburger", "Gößling", "Nuñez", "Dvořák", "Håkansson", "Ødegaard", "Çelik", "Lefèvre", "Škoda", "Wójcik", "Sørensen", "Strauß", "Fußmann"}
	cjkNames    = []string{"田中 太郎", "山本 花子", "王 伟", "李 娜", "김 민준", "박 서연", "佐藤 健", "陈 静"}
	companies   = []string{"Acme Cloud", "Globex", "Initech", "Umbrella Systems", "Hooli", "Stark Industries", "Wayne Data", "Cyberdyne", "Soylent Labs", "Tyrell", "Zalando", "SAP", "Deutsche Bahn", "Müller & Söhne GmbH", "Bäckerei Groß", "Nordlicht AG", "株式会社サンプル", "Initrode", "Vandelay Industries", "Massive Dynamic"}
	jobTitles   = []string{"Staff Engineer", "Principal Engineer", "SRE Lead", "Engineering Manager", "Developer Advocate", "CTO", "Software Architect", "Platform Engineer", "Data Scientist", "Security Researcher"}
)
