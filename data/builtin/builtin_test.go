package builtin

import (
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
)

func TestBuiltin(t *testing.T) {
	c := Conference()
	if c.Slug != data.BuiltinSlug || c.TimeZone != "Europe/Berlin" {
		t.Fatalf("slug %q zone %q", c.Slug, c.TimeZone)
	}
	if len(c.Sessions) != 33 || len(c.Speakers) != 34 {
		t.Fatalf("%d sessions, %d speakers; want 33, 34", len(c.Sessions), len(c.Speakers))
	}
	scheduled := 0
	for i := range c.Sessions {
		if c.Sessions[i].Scheduled() {
			scheduled++
		}
	}
	if scheduled != 8 {
		t.Errorf("%d scheduled sessions, want 8 (the rest have no published time)", scheduled)
	}
	k := c.Session("vlb19-k8s-very-hard-way")
	if k == nil {
		t.Fatal("Kubernetes the very hard way is missing")
	}
	want := time.Date(2019, 11, 6, 10, 35, 0, 0, time.UTC)
	if !k.Start.Equal(want) || k.Duration() != 40*time.Minute {
		t.Errorf("start %v duration %v; want %v and 40m", k.Start, k.Duration(), want)
	}
	if k.Room != "Hall A1" || k.Level != "Intermediate" || k.Rating == nil || k.Rating.Average != 4 || k.Rating.Count != 4 {
		t.Errorf("fields: %+v", k)
	}
	if len(k.Outcomes) != 3 || len(k.Audience) != 1 || len(k.Prerequisites) != 1 || k.Description == "" {
		t.Errorf("page fields missing: %+v", k)
	}
	if got := c.SpeakerNames(k); got != "Laurent Bernaille" {
		t.Errorf("speakers %q", got)
	}
	if u := c.Session("vlb19-gitops-101"); u == nil || u.Scheduled() || u.Date != "2019-11-05" {
		t.Errorf("GitOps 101 should be unscheduled on 2019-11-05: %+v", u)
	}
	if d := c.Dates(); len(d) != 4 || d[0] != "2019-11-04" || d[3] != "2019-11-07" {
		t.Errorf("dates %v", d)
	}
}
