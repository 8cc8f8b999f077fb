package store_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/data/synth"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/storetest"
	bolt "go.etcd.io/bbolt"
)

func conferenceJSON(t *testing.T, c *data.Conference) string {
	t.Helper()
	cp := *c
	cp.ImportedAt, cp.Source = time.Time{}, ""
	b, err := json.Marshal(&cp)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFirstRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "deep", "lineup")
	path := filepath.Join(dir, "lineup.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer storetest.Check(t, path)
	if st.Path() != path {
		t.Errorf("path %q, want %q", st.Path(), path)
	}
	for p, want := range map[string]os.FileMode{path: 0o600, dir: 0o700} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got&^want != 0 {
			t.Errorf("%s mode %o, want at most %o", p, got, want)
		}
	}
	infos, err := st.Conferences()
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != 1 || infos[0].Slug != data.BuiltinSlug || infos[0].Sessions != 33 || infos[0].Source != "built-in" || infos[0].ImportedAt.IsZero() {
		t.Fatalf("conferences %+v", infos)
	}
	cur, err := st.Current()
	if err != nil || cur != data.BuiltinSlug {
		t.Fatalf("current %q, %v", cur, err)
	}
	c, err := st.Conference(cur)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Sessions) != 33 || len(c.Speakers) != 34 {
		t.Fatalf("%d sessions, %d speakers", len(c.Sessions), len(c.Speakers))
	}
	if got, want := conferenceJSON(t, c), conferenceJSON(t, builtin.Conference()); got != want {
		t.Errorf("stored built-in differs from builtin.Conference():\n%s\n%s", got, want)
	}
	if s := c.Session("vlb19-k8s-very-hard-way"); s == nil || s.Start.Location().String() != "Europe/Berlin" {
		t.Errorf("index or zone missing: %+v", s)
	}
	if _, err := st.Conference("nope"); !errors.Is(err, store.ErrNoConference) || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("missing conference: %v", err)
	}
}

func TestPersistence(t *testing.T) {
	st := storetest.Open(t)
	slug := data.BuiltinSlug
	if err := st.SetRating(slug, "vlb19-gitops-101", 4); err != nil {
		t.Fatal(err)
	}
	if err := st.SetStarred(slug, "vlb19-gitops-101", true); err != nil {
		t.Fatal(err)
	}
	if err := st.SetNote(slug, "vlb19-k8s-very-hard-way", "ask about etcd"); err != nil {
		t.Fatal(err)
	}
	if err := st.SetViewState(slug, []byte(`{"search":"k8s"}`)); err != nil {
		t.Fatal(err)
	}
	for _, r := range []int{-1, 6} {
		if err := st.SetRating(slug, "x", r); err == nil {
			t.Errorf("rating %d accepted", r)
		}
	}
	if _, err := st.UpdatePersonal(slug, "x", func(p *data.Personal) { p.Rating = 9 }); err == nil {
		t.Error("UpdatePersonal stored rating 9")
	}

	st2, err := store.Open(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	p, err := st2.Personal(slug)
	if err != nil {
		t.Fatal(err)
	}
	g := p["vlb19-gitops-101"]
	if g.Rating != 4 || !g.Starred || g.Updated.IsZero() || p["vlb19-k8s-very-hard-way"].Note != "ask about etcd" || len(p) != 2 {
		t.Fatalf("personal after reopen: %+v", p)
	}
	v, err := st2.ViewState(slug)
	if err != nil || string(v) != `{"search":"k8s"}` {
		t.Fatalf("view state %q, %v", v, err)
	}
	if v, err := st2.ViewState("other"); err != nil || v != nil {
		t.Fatalf("view state of another conference: %q, %v", v, err)
	}

	// Clearing everything deletes the record.
	got, err := st2.UpdatePersonal(slug, "vlb19-gitops-101", func(p *data.Personal) { p.Rating, p.Starred = 0, false })
	if err != nil || !got.Empty() {
		t.Fatalf("cleared: %+v %v", got, err)
	}
	if err := st2.SetNote(slug, "vlb19-k8s-very-hard-way", ""); err != nil {
		t.Fatal(err)
	}
	if p, _ := st2.Personal(slug); len(p) != 0 {
		t.Errorf("records left after clearing: %+v", p)
	}
	if err := st2.SetViewState(slug, nil); err != nil {
		t.Fatal(err)
	}
	if v, _ := st2.ViewState(slug); v != nil {
		t.Errorf("view state after delete: %q", v)
	}
}

// makeVersion1 writes a store at schema 1 by hand: the bucket tree and one
// schedule, no conference index.
func makeVersion1(t *testing.T, path string) *data.Conference {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := builtin.Conference()
	c.Source = "built-in"
	err = db.Update(func(tx *bolt.Tx) error {
		meta, _ := tx.CreateBucket([]byte("meta"))
		meta.Put([]byte("magic"), []byte("lineup"))
		meta.Put([]byte("version"), binary.BigEndian.AppendUint64(nil, 1))
		meta.Put([]byte("current"), []byte(c.Slug))
		sch, _ := tx.CreateBucket([]byte("schedules"))
		cb, _ := sch.CreateBucket([]byte(c.Slug))
		head := *c
		head.Sessions, head.Speakers = nil, nil
		conf, _ := json.Marshal(&head)
		cb.Put([]byte("conf"), conf)
		sb, _ := cb.CreateBucket([]byte("sessions"))
		for i := range c.Sessions {
			sb.Put(binary.BigEndian.AppendUint32(nil, uint32(i)), store.EncodeSession(nil, &c.Sessions[i]))
		}
		spb, _ := cb.CreateBucket([]byte("speakers"))
		for i := range c.Speakers {
			spb.Put(binary.BigEndian.AppendUint32(nil, uint32(i)), store.EncodeSpeaker(nil, &c.Speakers[i]))
		}
		pers, _ := tx.CreateBucket([]byte("personal"))
		pb, _ := pers.CreateBucket([]byte(c.Slug))
		ps, _ := pb.CreateBucket([]byte("sessions"))
		return ps.Put([]byte("vlb19-gitops-101"), []byte(`{"rating":3}`))
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	return c
}

func storedVersion(t *testing.T, path string) uint64 {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v uint64
	db.View(func(tx *bolt.Tx) error {
		v = binary.BigEndian.Uint64(tx.Bucket([]byte("meta")).Get([]byte("version")))
		return nil
	})
	return v
}

func TestMigration1CreatesTree(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m1.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if err := store.MigrateTree(tx); err != nil {
			return err
		}
		for _, b := range []string{"meta", "schedules", "personal"} {
			if tx.Bucket([]byte(b)) == nil {
				t.Errorf("bucket %s missing", b)
			}
		}
		if m := tx.Bucket([]byte("meta")).Get([]byte("magic")); string(m) != "lineup" {
			t.Errorf("magic %q", m)
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	storetest.Check(t, path)
	// A new store runs every migration and records the latest version.
	st := storetest.Open(t)
	if v := storedVersion(t, st.Path()); v != store.SchemaVersion {
		t.Errorf("new store at version %d, want %d", v, store.SchemaVersion)
	}
}

func TestMigration2IndexesConferences(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	c := makeVersion1(t, path)
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer storetest.Check(t, path)
	if v := storedVersion(t, path); v != store.SchemaVersion {
		t.Errorf("version after migration %d, want %d", v, store.SchemaVersion)
	}
	infos, err := st.Conferences()
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != 1 {
		t.Fatalf("conferences %+v", infos)
	}
	want := store.ConferenceInfo{Slug: c.Slug, Name: c.Name, Edition: c.Edition, Start: c.Start, End: c.End, Source: "built-in", Sessions: 33}
	if infos[0] != want {
		t.Errorf("index entry %+v, want %+v", infos[0], want)
	}
	if p, _ := st.Personal(c.Slug); p["vlb19-gitops-101"].Rating != 3 {
		t.Errorf("personal data lost in migration: %+v", p)
	}
	got, err := st.Conference(c.Slug)
	if err != nil || len(got.Sessions) != 33 {
		t.Fatalf("conference after migration: %v", err)
	}
}

func TestLocked(t *testing.T) {
	st := storetest.Open(t)
	hold, err := bolt.Open(st.Path(), 0o600, nil) // exclusive lock
	if err != nil {
		t.Fatal(err)
	}
	for name, op := range map[string]func() error{
		"open":   func() error { _, err := store.Open(st.Path()); return err },
		"read":   func() error { _, err := st.Conference(data.BuiltinSlug); return err },
		"rating": func() error { return st.SetRating(data.BuiltinSlug, "vlb19-gitops-101", 5) },
	} {
		start := time.Now()
		err := op()
		took := time.Since(start)
		if !errors.Is(err, store.ErrLocked) {
			t.Errorf("%s: %v, want store.ErrLocked", name, err)
			continue
		}
		if took > 1500*time.Millisecond {
			t.Errorf("%s: failed after %v, want about a second", name, took)
		}
		if msg := err.Error(); !strings.Contains(msg, st.Path()) || !strings.Contains(msg, "close it or try again") {
			t.Errorf("%s: message %q", name, msg)
		}
	}
	hold.Close()

	// A reader holding the file (shared lock) does not stop other readers.
	ro, err := bolt.Open(st.Path(), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Conference(data.BuiltinSlug); err != nil {
		t.Errorf("read beside a reader: %v", err)
	}
	ro.Close()
	if err := st.SetRating(data.BuiltinSlug, "vlb19-gitops-101", 5); err != nil {
		t.Errorf("write after release: %v", err)
	}
}

// openUntouched opens path, expects an error of the given kind, and checks
// the file kept every byte.
func openUntouched(t *testing.T, path string, kind error, words ...string) {
	t.Helper()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	_, err = store.Open(path)
	if !errors.Is(err, kind) {
		t.Fatalf("Open: %v, want %v", err, kind)
	}
	msg := err.Error()
	t.Logf("%s: %s", filepath.Base(path), msg)
	for _, w := range append(words, path) {
		if !strings.Contains(msg, w) {
			t.Errorf("message %q lacks %q", msg, w)
		}
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("file changed")
	}
	if fi2, _ := os.Stat(path); !fi2.ModTime().Equal(fi.ModTime()) {
		t.Error("file modification time changed")
	}
}

func TestNotAStore(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte(strings.Repeat("shopping list: milk, eggs\n", 1000)), 0o644)
	openUntouched(t, text, store.ErrNotStore, "not a lineup store")

	short := filepath.Join(dir, "short.txt")
	os.WriteFile(short, []byte("hi\n"), 0o644)
	openUntouched(t, short, store.ErrNotStore)

	other := filepath.Join(dir, "other.db")
	db, err := bolt.Open(other, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		b, _ := tx.CreateBucket([]byte("widgets"))
		return b.Put([]byte("k"), []byte("v"))
	})
	db.Close()
	openUntouched(t, other, store.ErrNotStore, "meta bucket")

	// A bbolt file with a meta bucket but not lineup's marker.
	db, _ = bolt.Open(other, 0o600, nil)
	db.Update(func(tx *bolt.Tx) error {
		b, _ := tx.CreateBucket([]byte("meta"))
		return b.Put([]byte("magic"), []byte("other"))
	})
	db.Close()
	openUntouched(t, other, store.ErrNotStore, "marker")

	if _, err := store.Open(dir); !errors.Is(err, store.ErrNotStore) {
		t.Errorf("folder: %v", err)
	}
}

func TestDamaged(t *testing.T) {
	st := storetest.Open(t)
	good, err := os.ReadFile(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	openUntouched(t, write("half.db", good[:len(good)/2]), store.ErrDamaged, "damaged", "move it aside")
	openUntouched(t, write("tiny.db", good[:5000]), store.ErrDamaged)

	// Both meta pages with a bad checksum.
	bad := bytes.Clone(good)
	for _, page := range []int{0, 1} {
		bad[page*4096+16+60] ^= 0xff // inside the checksummed meta fields
	}
	openUntouched(t, write("meta.db", bad), store.ErrDamaged)

	// Garbage over every page after the meta pages: the file opens, but
	// reading it fails.
	garbage := bytes.Clone(good)
	for i := 2 * 4096; i < len(garbage); i++ {
		garbage[i] = byte(i*7 + 3)
	}
	p := write("garbage.db", garbage)
	openUntouched(t, p, store.ErrDamaged)
}

func TestNewerSchema(t *testing.T) {
	st := storetest.Open(t)
	db, err := bolt.Open(st.Path(), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("version"), binary.BigEndian.AppendUint64(nil, store.SchemaVersion+1))
	})
	db.Close()
	openUntouched(t, st.Path(), store.ErrNewerSchema, "update lineup", fmt.Sprint(store.SchemaVersion+1))
	// An already opened Store refuses too, without writing.
	if err := st.SetRating(data.BuiltinSlug, "vlb19-gitops-101", 2); !errors.Is(err, store.ErrNewerSchema) {
		t.Errorf("write into a newer store: %v", err)
	}
	if _, err := st.Conferences(); !errors.Is(err, store.ErrNewerSchema) {
		t.Errorf("read of a newer store: %v", err)
	}
}

func TestReplaceScheduleKeepsPersonal(t *testing.T) {
	st := storetest.Open(t)
	slug := data.BuiltinSlug
	st.SetRating(slug, "vlb19-gitops-101", 5)
	st.SetStarred(slug, "vlb19-k8s-very-hard-way", true)
	st.SetNote(slug, "vlb19-k8s-very-hard-way", "front row")
	st.SetViewState(slug, []byte(`{}`))

	c := builtin.Conference()
	// Drop GitOps 101 (rated: becomes an orphan) and one unrated session,
	// change a title, add a session.
	var unrated string
	c.Sessions = slices.DeleteFunc(c.Sessions, func(s data.Session) bool {
		if s.ID == "vlb19-gitops-101" {
			return true
		}
		if unrated == "" && s.ID != "vlb19-k8s-very-hard-way" {
			unrated = s.ID
			return true
		}
		return false
	})
	c.Prepare()
	c.Session("vlb19-k8s-very-hard-way").Title = "Kubernetes the very, very hard way"
	c.Sessions = append(c.Sessions, data.Session{ID: "new-one", Title: "Late addition", Date: "2019-11-07"})
	c.Prepare()
	ch, err := st.PutConference(c)
	if err != nil {
		t.Fatal(err)
	}
	want := store.Change{Added: 1, Removed: 2, Changed: 1, Unchanged: 30, Orphans: []string{"vlb19-gitops-101"}}
	if ch.Set == nil || ch.Set.Summary() != "1 changed, 1 added, 2 removed" {
		t.Errorf("change set %v", ch.Set.Summary())
	}
	ch.Set = nil
	if fmt.Sprint(ch) != fmt.Sprint(want) {
		t.Errorf("change %+v, want %+v", ch, want)
	}
	p, _ := st.Personal(slug)
	if p["vlb19-gitops-101"].Rating != 5 || p["vlb19-k8s-very-hard-way"].Note != "front row" || !p["vlb19-k8s-very-hard-way"].Starred {
		t.Errorf("personal after replace: %+v", p)
	}
	if v, _ := st.ViewState(slug); string(v) != "{}" {
		t.Errorf("view state after replace: %q", v)
	}
	got, _ := st.Conference(slug)
	if len(got.Sessions) != 32 || got.Session("new-one") == nil || got.Session("vlb19-gitops-101") != nil ||
		got.Session("vlb19-k8s-very-hard-way").Title != "Kubernetes the very, very hard way" {
		t.Errorf("schedule not replaced: %d sessions", len(got.Sessions))
	}
	if infos, _ := st.Conferences(); infos[0].Sessions != 32 {
		t.Errorf("index not updated: %+v", infos)
	}
	// The orphan's rating can still be changed and cleared.
	if err := st.SetRating(slug, "vlb19-gitops-101", 0); err != nil {
		t.Fatal(err)
	}
	if p, _ := st.Personal(slug); len(p) != 1 {
		t.Errorf("orphan not cleared: %+v", p)
	}

	// Same schedule again: nothing changes.
	ch, err = st.PutConference(got)
	if err != nil || ch.Unchanged != 32 || ch.Added+ch.Removed+ch.Changed != 0 || ch.New {
		t.Errorf("re-put: %+v %v", ch, err)
	}
}

func TestPutConferenceNewAndInvalid(t *testing.T) {
	st := storetest.Open(t)
	c := &data.Conference{Slug: "tiny", Name: "Tiny Conf", TimeZone: "Europe/Brussels", Sessions: []data.Session{
		{ID: "a", Title: "A", Date: "2026-02-01", Start: time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC), End: time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)},
		{ID: "b", Title: "B", Date: "2026-02-01"},
	}, Speakers: []data.Speaker{{ID: "s", Name: "Zoë"}, {ID: "s", Name: "Duplicate id"}}}
	formats.Finish(c)
	ch, err := st.PutConference(c)
	if err != nil || !ch.New || ch.Added != 2 {
		t.Fatalf("put: %+v %v", ch, err)
	}
	got, err := st.Conference("tiny")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Speakers) != 2 || got.Speakers[0].Name != "Zoë" || got.Sessions[0].Start.Location().String() != "Europe/Brussels" {
		t.Errorf("got %+v", got)
	}
	if cur, _ := st.Current(); cur != data.BuiltinSlug {
		t.Errorf("PutConference changed current to %q", cur)
	}
	if err := st.SetCurrent("tiny"); err != nil {
		t.Fatal(err)
	}
	if cur, _ := st.Current(); cur != "tiny" {
		t.Errorf("current %q", cur)
	}
	c2 := builtin.Conference()
	c2.Slug = "imported"
	if ch, err := st.ImportConference(c2); err != nil || !ch.New || ch.Added != 33 {
		t.Fatalf("import: %+v %v", ch, err)
	}
	if cur, _ := st.Current(); cur != "imported" {
		t.Errorf("ImportConference left current at %q", cur)
	}
	if err := st.SetCurrent("nope"); !errors.Is(err, store.ErrNoConference) {
		t.Errorf("SetCurrent(nope): %v", err)
	}
	for name, bad := range map[string]*data.Conference{
		"nil":       nil,
		"no slug":   {Name: "x"},
		"no id":     {Slug: "x", Sessions: []data.Session{{Title: "t"}}},
		"duplicate": {Slug: "x", Sessions: []data.Session{{ID: "a"}, {ID: "a"}}},
	} {
		if _, err := st.PutConference(bad); err == nil {
			t.Errorf("%s: stored", name)
		}
	}
	if infos, _ := st.Conferences(); len(infos) != 3 {
		t.Errorf("conferences after invalid puts: %+v", infos)
	}
}

func TestRemoveConference(t *testing.T) {
	st := storetest.Open(t)
	slug := data.BuiltinSlug
	st.SetRating(slug, "vlb19-gitops-101", 4)
	if err := st.RemoveConference(slug, false); err != nil {
		t.Fatal(err)
	}
	if infos, _ := st.Conferences(); len(infos) != 0 {
		t.Errorf("still listed: %+v", infos)
	}
	if _, err := st.Current(); !errors.Is(err, store.ErrNoConference) {
		t.Errorf("current with no conferences: %v", err)
	}
	if p, _ := st.Personal(slug); p["vlb19-gitops-101"].Rating != 4 {
		t.Errorf("personal data removed without purge: %+v", p)
	}
	// Re-import brings the schedule back with the rating in place.
	ch, err := st.PutConference(builtin.Conference())
	if err != nil || !ch.New || len(ch.Orphans) != 0 {
		t.Fatalf("re-import: %+v %v", ch, err)
	}
	if err := st.RemoveConference(slug, true); err != nil {
		t.Fatal(err)
	}
	if p, _ := st.Personal(slug); len(p) != 0 {
		t.Errorf("personal data kept with purge: %+v", p)
	}
	if err := st.RemoveConference(slug, true); !errors.Is(err, store.ErrNoConference) {
		t.Errorf("second remove: %v", err)
	}
	// Purging the personal data of an already removed schedule works.
	st.SetStarred("gone", "x", true)
	if err := st.RemoveConference("gone", false); !errors.Is(err, store.ErrNoConference) {
		t.Errorf("remove without schedule or purge: %v", err)
	}
	if err := st.RemoveConference("gone", true); err != nil {
		t.Errorf("purge of orphaned personal data: %v", err)
	}
}

// synthetic builds a conference of n sessions from the built-in one.
func synthetic(n int) *data.Conference {
	base := builtin.Conference()
	c := &data.Conference{Slug: "synthetic", Name: "Synthetic", TimeZone: base.TimeZone, Speakers: base.Speakers}
	for i := 0; i < n; i++ {
		s := base.Sessions[i%len(base.Sessions)]
		s.ID = fmt.Sprintf("syn-%06d", i)
		s.Title = fmt.Sprintf("%s (%d)", s.Title, i)
		if s.Scheduled() {
			shift := time.Duration(i/len(base.Sessions)) * 24 * time.Hour
			s.Start, s.End = s.Start.Add(shift), s.End.Add(shift)
			s.Date = ""
		}
		c.Sessions = append(c.Sessions, s)
	}
	c.Prepare()
	return c
}

func TestLargeConference(t *testing.T) {
	st := storetest.Open(t)
	c := synthetic(5000)
	if _, err := st.PutConference(c); err != nil {
		t.Fatal(err)
	}
	got, err := st.Conference("synthetic")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Sessions) != 5000 {
		t.Fatalf("%d sessions", len(got.Sessions))
	}
	for i := range c.Sessions {
		store.SameSession(t, &got.Sessions[i], &c.Sessions[i])
	}
}

func BenchmarkOpenAndLoadBuiltin(b *testing.B) {
	st := storetest.Open(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st2, err := store.Open(st.Path())
		if err != nil {
			b.Fatal(err)
		}
		c, err := st2.Conference(data.BuiltinSlug)
		if err != nil || len(c.Sessions) != 33 {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad10k(b *testing.B) {
	st := storetest.Open(b)
	c := synth.Generate(10000, 1)
	if _, err := st.PutConference(c); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c, err := st.Conference(c.Slug)
		if err != nil || len(c.Sessions) != 10000 {
			b.Fatal(err)
		}
	}
}

func BenchmarkSetRating(b *testing.B) {
	st := storetest.Open(b)
	for i := 0; i < b.N; i++ {
		if err := st.SetRating(data.BuiltinSlug, "vlb19-gitops-101", i%5+1); err != nil {
			b.Fatal(err)
		}
	}
}

// A rating with a 10k-session conference in the file: the first write
// checks the whole file (nothing is written to a damaged store), the rest
// find the receipt it left.
func BenchmarkSetRating10k(b *testing.B) { benchmarkSetRating(b, 10000) }

// The same with 100k sessions (BenchmarkSetRating100k, receipt_test.go).
func benchmarkSetRating(b *testing.B, n int) {
	st := storetest.Open(b)
	c := synth.Generate(n, 1)
	if _, err := st.PutConference(c); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := st.SetRating(c.Slug, c.Sessions[0].ID, i%5+1); err != nil {
			b.Fatal(err)
		}
	}
}
