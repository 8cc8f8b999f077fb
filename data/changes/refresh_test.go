package changes

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/fetch"
	"github.com/lineup-tui/lineup/data/formats"
)

// TestRefreshFlow runs the refresh the store will do, on a loopback server
// that publishes version after version of a real schedule: download with the
// last validators, parse only a changed body, compute the change set against
// the last good version, and keep that version when a download fails.
func TestRefreshFlow(t *testing.T) {
	base := loadSchedule(t, fosdem2026)
	var mu sync.Mutex
	body, etag, status := base.text, `"v1"`, http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		b, e, st := body, etag, status
		mu.Unlock()
		if st != http.StatusOK {
			w.WriteHeader(st)
			return
		}
		if e != "" {
			w.Header().Set("ETag", e)
			if r.Header.Get("If-None-Match") == e {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.Write([]byte(b))
	}))
	defer srv.Close()
	publish := func(b, e string, st int) {
		mu.Lock()
		defer mu.Unlock()
		body, etag, status = b, e, st
	}

	client := fetch.New(formats.MaxImportSize)
	client.StallTimeout = time.Second
	var (
		good      *data.Conference
		validator fetch.Validators
		history   []*Set
	)
	refresh := func(at time.Time) (*fetch.Result, error) {
		t.Helper()
		res, err := client.Get(context.Background(), srv.URL+"/schedule.xml", validator)
		if err != nil {
			return nil, err
		}
		if res.Unchanged() {
			validator = res.Validators
			return res, nil
		}
		parsed, err := formats.Parse(res.Body, formats.FormatAuto, formats.Options{Source: res.URL})
		if err != nil {
			return nil, err
		}
		if good != nil {
			if set := Compute(good, parsed.Conference, at); !set.Empty() {
				history = append(history, set)
			}
		}
		good, validator = parsed.Conference, res.Validators
		return res, nil
	}

	at := time.Date(2026, 1, 31, 8, 0, 0, 0, time.UTC)
	if res, err := refresh(at); err != nil || res.Status != fetch.Changed {
		t.Fatalf("first download: %v %v", res, err)
	}
	if res, err := refresh(at.Add(time.Minute)); err != nil || res.Status != fetch.NotModified {
		t.Fatalf("second download: %v %v", res, err)
	}

	p := picks(t, good, 2)
	next := base.clone()
	next.setTitle(p[0].ID, "[CANCELLED] "+p[0].Title)
	next.replace(p[1].ID, `<room>[^<]*</room>`, "<room>Hall Z</room>")
	publish(next.text, "", http.StatusOK) // the new version comes without an ETag
	if res, err := refresh(at.Add(time.Hour)); err != nil || res.Status != fetch.Changed {
		t.Fatalf("new version: %v %v", res, err)
	}
	if len(history) != 1 || history[0].Summary() != "1 cancelled, 1 moved" {
		t.Fatalf("history %d sets: %v", len(history), history)
	}
	if res, err := refresh(at.Add(2 * time.Hour)); err != nil || res.Status != fetch.SameBody {
		t.Fatalf("same version again: %v %v", res, err)
	}

	// A failing server and a broken version leave the last good copy.
	kept := good
	publish("", "", http.StatusInternalServerError)
	if _, err := refresh(at.Add(3 * time.Hour)); err == nil || !strings.Contains(err.Error(), "HTTP 500") {
		t.Fatalf("500: %v", err)
	}
	publish(next.text[:len(next.text)/2], "", http.StatusOK)
	if _, err := refresh(at.Add(4 * time.Hour)); err == nil {
		t.Fatal("half a schedule parsed")
	}
	if good != kept || len(history) != 1 {
		t.Fatal("a failed refresh replaced the last good copy")
	}

	// The calendar of someone who starred both sessions.
	evs := CalendarEvents(good, []string{p[0].ID, p[1].ID}, history, at)
	if len(evs) != 2 || !evs[0].Cancelled || evs[1].Cancelled || evs[1].Sequence != 1 || !evs[1].Stamp.Equal(at.Add(time.Hour)) {
		t.Errorf("calendar events: %+v", evs)
	}
}
