package synth

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/calendar"
	"github.com/lineup-tui/lineup/data/formats"
)

// Write writes c in one of the formats lineup reads: lineup's own JSON,
// frab schedule.xml, schedule.json, iCalendar or Sessionize's "All" view.
// The published formats carry what they can: only scheduled sessions for
// frab, schedule.json and iCalendar, no published ratings, and times in the
// conference's zone without an offset for Sessionize (import it with --tz).
func Write(w io.Writer, c *data.Conference, f formats.Format) error {
	switch f {
	case formats.FormatLineup, formats.FormatAuto, "":
		return formats.EncodeLineup(w, c)
	case formats.FormatFrabXML:
		return writeFrabXML(w, c)
	case formats.FormatScheduleJSON:
		return writeScheduleJSON(w, c)
	case formats.FormatICal:
		sessions := make([]*data.Session, len(c.Sessions))
		for i := range c.Sessions {
			sessions[i] = &c.Sessions[i]
		}
		return calendar.WriteICS(w, c, sessions, nil, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	case formats.FormatSessionize:
		return writeSessionize(w, c)
	}
	return fmt.Errorf("unknown format %q", f)
}

// byDayRoom groups the scheduled sessions by day and room, in programme
// order within each.
func byDayRoom(c *data.Conference) (days []string, rooms map[string][]string, sessions map[[2]string][]*data.Session) {
	rooms = map[string][]string{}
	sessions = map[[2]string][]*data.Session{}
	for i := range c.Sessions {
		s := &c.Sessions[i]
		if !s.Scheduled() || s.Room == "" {
			continue
		}
		k := [2]string{s.Date, s.Room}
		if _, ok := rooms[s.Date]; !ok {
			days = append(days, s.Date)
		}
		if sessions[k] == nil {
			rooms[s.Date] = append(rooms[s.Date], s.Room)
		}
		sessions[k] = append(sessions[k], s)
	}
	return days, rooms, sessions
}

func hhmm(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
}

func writeFrabXML(w io.Writer, c *data.Conference) error {
	bw := bufio.NewWriter(w)
	esc := func(s string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	loc := c.Location()
	fmt.Fprintf(bw, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n  <version>1</version>\n  <conference>\n")
	fmt.Fprintf(bw, "    <acronym>%s</acronym>\n    <title>%s</title>\n    <city>%s</city>\n    <venue>%s</venue>\n    <start>%s</start>\n    <end>%s</end>\n    <time_zone_name>%s</time_zone_name>\n  </conference>\n",
		esc(c.Slug), esc(c.Name), esc(c.City), esc(c.Venue), c.Start, c.End, esc(c.TimeZone))
	fmt.Fprintf(bw, "  <persons>\n")
	for i := range c.Speakers {
		sp := &c.Speakers[i]
		fmt.Fprintf(bw, "    <person id=\"%s\"><name>%s</name><biography>%s</biography></person>\n", esc(sp.ID), esc(sp.Name), esc(sp.Bio))
	}
	fmt.Fprintf(bw, "  </persons>\n")
	days, rooms, sessions := byDayRoom(c)
	for d, day := range days {
		fmt.Fprintf(bw, "  <day index=\"%d\" date=\"%s\">\n", d+1, day)
		for _, room := range rooms[day] {
			fmt.Fprintf(bw, "    <room name=\"%s\">\n", esc(room))
			for _, s := range sessions[[2]string{day, room}] {
				st := s.Start.In(loc)
				fmt.Fprintf(bw, "      <event id=\"%s\">\n        <date>%s</date>\n        <start>%s</start>\n        <duration>%s</duration>\n        <room>%s</room>\n        <title>%s</title>\n        <subtitle>%s</subtitle>\n        <track>%s</track>\n        <type>%s</type>\n        <language>%s</language>\n        <url>%s</url>\n        <abstract>%s</abstract>\n        <description>%s</description>\n        <persons>\n",
					esc(s.ID), st.Format(time.RFC3339), st.Format("15:04"), hhmm(s.End.Sub(s.Start)), esc(room),
					esc(s.Title), esc(s.Subtitle), esc(s.Track), esc(s.Type), esc(s.Language), esc(s.URL), esc(s.Abstract), esc(s.Description))
				for _, id := range s.SpeakerIDs {
					fmt.Fprintf(bw, "          <person id=\"%s\">%s</person>\n", esc(id), esc(c.Speaker(id).Name))
				}
				fmt.Fprintf(bw, "        </persons>\n      </event>\n")
			}
			fmt.Fprintf(bw, "    </room>\n")
		}
		fmt.Fprintf(bw, "  </day>\n")
	}
	fmt.Fprintf(bw, "</schedule>\n")
	return bw.Flush()
}

type sjPerson struct {
	ID         string `json:"id"`
	PublicName string `json:"public_name"`
	Biography  string `json:"biography,omitempty"`
}

type sjEvent struct {
	ID          string     `json:"id"`
	Date        string     `json:"date"`
	Start       string     `json:"start"`
	Duration    string     `json:"duration"`
	Room        string     `json:"room"`
	URL         string     `json:"url"`
	Title       string     `json:"title"`
	Subtitle    string     `json:"subtitle"`
	Track       string     `json:"track"`
	Type        string     `json:"type"`
	Language    string     `json:"language"`
	Abstract    string     `json:"abstract"`
	Description string     `json:"description"`
	Persons     []sjPerson `json:"persons"`
}

// writeScheduleJSON writes schedule.json, one event at a time.
func writeScheduleJSON(w io.Writer, c *data.Conference) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	str := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	loc := c.Location()
	fmt.Fprintf(bw, `{"schedule":{"version":"1","conference":{"acronym":%s,"title":%s,"start":%s,"end":%s,"time_zone_name":%s,"days":[`,
		str(c.Slug), str(c.Name), str(c.Start), str(c.End), str(c.TimeZone))
	days, rooms, sessions := byDayRoom(c)
	for d, day := range days {
		if d > 0 {
			bw.WriteString(",")
		}
		fmt.Fprintf(bw, "\n{\"index\":%d,\"date\":%s,\"rooms\":{", d+1, str(day))
		for r, room := range rooms[day] {
			if r > 0 {
				bw.WriteString(",")
			}
			fmt.Fprintf(bw, "\n%s:[", str(room))
			for k, s := range sessions[[2]string{day, room}] {
				if k > 0 {
					bw.WriteString(",")
				}
				st := s.Start.In(loc)
				ev := sjEvent{ID: s.ID, Date: st.Format(time.RFC3339), Start: st.Format("15:04"), Duration: hhmm(s.End.Sub(s.Start)),
					Room: room, URL: s.URL, Title: s.Title, Subtitle: s.Subtitle, Track: s.Track, Type: s.Type,
					Language: s.Language, Abstract: s.Abstract, Description: s.Description, Persons: []sjPerson{}}
				for _, id := range s.SpeakerIDs {
					sp := c.Speaker(id)
					ev.Persons = append(ev.Persons, sjPerson{ID: id, PublicName: sp.Name})
				}
				if err := enc.Encode(ev); err != nil {
					return err
				}
			}
			bw.WriteString("]")
		}
		bw.WriteString("}}")
	}
	bw.WriteString("]}}}\n")
	return bw.Flush()
}

type szSession struct {
	ID            string   `json:"id"`
	Title         string   `json:"title"`
	Description   string   `json:"description"`
	StartsAt      string   `json:"startsAt,omitempty"`
	EndsAt        string   `json:"endsAt,omitempty"`
	Speakers      []string `json:"speakers"`
	CategoryItems []int    `json:"categoryItems"`
	RoomID        *int     `json:"roomId"`
}

type szSpeaker struct {
	ID        string `json:"id"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	FullName  string `json:"fullName"`
	Bio       string `json:"bio"`
	TagLine   string `json:"tagLine"`
}

type szItem struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

type szCategory struct {
	ID    int      `json:"id"`
	Title string   `json:"title"`
	Items []szItem `json:"items"`
	Type  string   `json:"type"`
}

// writeSessionize writes Sessionize's "All" view, one record at a time.
func writeSessionize(w io.Writer, c *data.Conference) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	roomID := map[string]int{}
	var rooms []szItem
	for i := range c.Rooms {
		roomID[c.Rooms[i].Name] = i + 1
		rooms = append(rooms, szItem{ID: i + 1, Name: c.Rooms[i].Name})
	}
	trackID := map[string]int{}
	track := szCategory{ID: 1, Title: "Track", Type: "session"}
	for i := range c.Tracks {
		trackID[c.Tracks[i].Name] = 1000 + i
		track.Items = append(track.Items, szItem{ID: 1000 + i, Name: c.Tracks[i].Name})
	}
	loc := c.Location()
	bw.WriteString(`{"sessions":[`)
	for i := range c.Sessions {
		s := &c.Sessions[i]
		if i > 0 {
			bw.WriteString(",")
		}
		rec := szSession{ID: s.ID, Title: s.Title, Description: s.Abstract, Speakers: s.SpeakerIDs, CategoryItems: []int{}}
		if rec.Speakers == nil {
			rec.Speakers = []string{}
		}
		if s.Scheduled() {
			rec.StartsAt = s.Start.In(loc).Format("2006-01-02T15:04:05")
			rec.EndsAt = s.End.In(loc).Format("2006-01-02T15:04:05")
		}
		if id, ok := roomID[s.Room]; ok {
			rec.RoomID = &id
		}
		if id, ok := trackID[s.Track]; ok {
			rec.CategoryItems = append(rec.CategoryItems, id)
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	bw.WriteString(`],"speakers":[`)
	for i := range c.Speakers {
		sp := &c.Speakers[i]
		if i > 0 {
			bw.WriteString(",")
		}
		first, last, _ := strings.Cut(sp.Name, " ")
		if err := enc.Encode(szSpeaker{ID: sp.ID, FirstName: first, LastName: last, FullName: sp.Name, Bio: sp.Bio, TagLine: sp.JobTitle}); err != nil {
			return err
		}
	}
	bw.WriteString(`],"questions":[],"categories":`)
	if err := enc.Encode([]szCategory{track}); err != nil {
		return err
	}
	bw.WriteString(`,"rooms":`)
	if err := enc.Encode(rooms); err != nil {
		return err
	}
	bw.WriteString("}\n")
	return bw.Flush()
}
