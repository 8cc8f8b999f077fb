package store_test

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/data/fetch"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/storetest"
	bolt "go.etcd.io/bbolt"
)

func TestMigration3RecordsSources(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	c := makeVersion1(t, path)
	imported := time.Date(2026, 1, 30, 9, 12, 0, 0, time.UTC)
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		cb := tx.Bucket([]byte("schedules")).Bucket([]byte(c.Slug))
		var conf map[string]any
		json.Unmarshal(cb.Get([]byte("conf")), &conf)
		conf["source"] = "https://user:secret@example.org/schedule.xml"
		conf["imported_at"] = imported
		b, _ := json.Marshal(conf)
		return cb.Put([]byte("conf"), b)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer storetest.Check(t, path)
	src, err := st.Source(c.Slug)
	if err != nil || src == nil {
		t.Fatalf("source %+v, %v", src, err)
	}
	if src.URL != "https://example.org/schedule.xml" || !src.FetchedAt.Equal(imported) {
		t.Errorf("migrated source %+v", src)
	}
	infos, _ := st.Conferences()
	got, _ := st.Conference(c.Slug)
	if infos[0].Source != src.URL || got.Source != src.URL {
		t.Errorf("credentials kept: index %q, conference %q", infos[0].Source, got.Source)
	}
	h, err := st.ChangeHistory(c.Slug)
	if err != nil || !h.First.Equal(imported) || len(h.Sets) != 0 {
		t.Errorf("history %+v, %v", h, err)
	}
	if p, _ := st.Personal(c.Slug); p["vlb19-gitops-101"].Rating != 3 {
		t.Errorf("personal data lost in migration: %+v", p)
	}
}

// A replace records its change set with the schedule; only the last
// MaxChangeSets are kept, and the first import time stays.
func TestChangeSetsKept(t *testing.T) {
	st := storetest.Open(t)
	c := builtin.Conference()
	slug := c.Slug
	st.SetStarred(slug, "vlb19-gitops-101", true)
	h0, _ := st.ChangeHistory(slug)
	at := time.Date(2026, 2, 1, 8, 0, 0, 0, time.UTC)
	src := &store.Source{URL: "https://u:p@example.org/s.json", TimeZone: "Europe/Berlin"}
	for i := range store.MaxChangeSets + 5 {
		c := builtin.Conference()
		if i%2 == 0 {
			c.Session("vlb19-gitops-101").Room = "Hall B"
		}
		ch, err := st.Replace(c, store.ReplaceOptions{Source: src, At: at.Add(time.Duration(i) * time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 && (ch.Set == nil || ch.Set.Summary() != "1 moved") {
			t.Fatalf("replace %d: set %v", i, ch.Set.Summary())
		}
	}
	h, err := st.ChangeHistory(slug)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Sets) != store.MaxChangeSets || !h.First.Equal(h0.First) || h0.First.IsZero() {
		t.Fatalf("%d sets, first %v (was %v)", len(h.Sets), h.First, h0.First)
	}
	if last := h.Sets[len(h.Sets)-1]; !last.At.Equal(at.Add(time.Duration(store.MaxChangeSets+4)*time.Minute)) || last.Entry("vlb19-gitops-101") == nil {
		t.Errorf("last set %+v", last)
	}
	if got, _ := st.Source(slug); got.URL != "https://example.org/s.json" || got.TimeZone != "Europe/Berlin" {
		t.Errorf("source %+v", got)
	}
	if p, _ := st.Personal(slug); !p["vlb19-gitops-101"].Starred {
		t.Error("star lost")
	}
	// A file import drops the source: the conference no longer refreshes.
	if _, err := st.PutConference(builtin.Conference()); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Source(slug); got != nil {
		t.Errorf("source after a file import %+v", got)
	}
}

// MarkChecked writes the time of the check and the validators, nothing else.
func TestMarkChecked(t *testing.T) {
	st := storetest.Open(t)
	at := time.Date(2026, 2, 1, 8, 0, 0, 0, time.UTC)
	if _, err := st.Replace(builtin.Conference(), store.ReplaceOptions{Source: &store.Source{URL: "https://example.org/s"}, At: at}); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Conference(data.BuiltinSlug)
	v := fetch.Validators{ETag: `"x"`, SHA256: "ab"}
	if err := st.MarkChecked(data.BuiltinSlug, v, at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	after, _ := st.Conference(data.BuiltinSlug)
	if !reflect.DeepEqual(before, after) {
		t.Error("MarkChecked changed the schedule")
	}
	src, _ := st.Source(data.BuiltinSlug)
	if src.Validators != v || !src.CheckedAt.Equal(at.Add(time.Hour)) || !src.FetchedAt.Equal(at) {
		t.Errorf("source %+v", src)
	}
	if h, _ := st.ChangeHistory(data.BuiltinSlug); len(h.Sets) != 0 {
		t.Errorf("%d change sets", len(h.Sets))
	}
	if err := st.MarkChecked("nope", v, at); err == nil {
		t.Error("MarkChecked of a missing conference worked")
	}
}
