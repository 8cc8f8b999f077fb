package changes_test

import (
	"fmt"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/changes"
)

func Example() {
	at := time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC)
	talk := func(id, title, room string, start time.Time) data.Session {
		return data.Session{ID: id, Title: title, Room: room, Date: start.Format(data.DateLayout), Start: start, End: start.Add(30 * time.Minute)}
	}
	prev := &data.Conference{TimeZone: "UTC", Sessions: []data.Session{
		talk("a", "Opening", "Janson", at), talk("b", "Go generics", "H.1302", at.Add(time.Hour)), talk("c", "Old talk", "H.1302", at.Add(2*time.Hour)),
	}}
	next := &data.Conference{TimeZone: "UTC", Sessions: []data.Session{
		talk("a", "Opening", "Janson", at), talk("b", "[CANCELLED] Go generics", "H.1302", at.Add(time.Hour)), talk("d", "Late addition", "K.1.105", at.Add(3*time.Hour)),
	}}
	prev.Prepare()
	next.Prepare()

	set := changes.Compute(prev, next, at)
	fmt.Println(set.Summary())
	starred := func(id string) (bool, bool, bool) { return id == "c", false, false }
	for _, it := range set.Ordered(starred) {
		fmt.Println(it.Kind, it.Title, it.Starred, it.FieldMap()["room"])
	}
	ev := changes.CalendarEvents(next, []string{"b", "c"}, []*changes.Set{set}, at.Add(-24*time.Hour))
	for _, e := range ev {
		fmt.Println(e.Session.ID, "SEQUENCE", e.Sequence, "cancelled", e.Cancelled)
	}
	// Output:
	// 1 cancelled, 1 added, 1 removed
	// removed Old talk true [H.1302 ]
	// cancelled Go generics false [ ]
	// added Late addition false [ K.1.105]
	// b SEQUENCE 1 cancelled true
	// c SEQUENCE 1 cancelled true
}
