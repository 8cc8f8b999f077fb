package store_test

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/synth"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/storetest"
)

// dumpSchedule lists every key and value under schedules/<slug> (nested
// buckets as paths), the conference's index entry and the current
// conference, and says whether a staging bucket is left.
func dumpSchedule(t *testing.T, path, slug string) (dump []string, staging bool) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		var walk func(prefix string, b *bolt.Bucket) error
		walk = func(prefix string, b *bolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				if v == nil {
					return walk(prefix+"/"+string(k), b.Bucket(k))
				}
				dump = append(dump, fmt.Sprintf("%s/%x=%x", prefix, k, v))
				return nil
			})
		}
		if err := walk("schedules/"+slug, tx.Bucket([]byte("schedules")).Bucket([]byte(slug))); err != nil {
			return err
		}
		dump = append(dump, fmt.Sprintf("index=%s", tx.Bucket([]byte("index")).Bucket([]byte("conferences")).Get([]byte(slug))))
		dump = append(dump, fmt.Sprintf("current=%s", tx.Bucket([]byte("meta")).Get([]byte("current"))))
		staging = tx.Bucket(store.BucketStaging) != nil
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dump, staging
}

// A big schedule is written in stages (several transactions, then one that
// moves the staged buckets in place): the file holds exactly what one
// transaction writes, a replacement counts the same changes, and nothing
// of the stages is left.
func TestStagedImportSameAsOneTransaction(t *testing.T) {
	store.SetStagedSessions(t, 1000)
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	first := synth.Generate(3000, 5)
	second := synth.Generate(3000, 5)
	second.Sessions = append(second.Sessions[:10], second.Sessions[20:]...) // 10 removed
	second.Sessions[0].Title = "A changed title"
	second.Sessions[1].Abstract = "A changed abstract"
	second.Prepare()

	var dumps [2][]string
	var changes [2][]store.Change
	for k, staged := range []bool{true, false} {
		if !staged {
			store.SetStagedSessions(t, 1<<30)
		}
		path := storetest.Path(t)
		st, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range []*data.Conference{first, second} {
			ch, err := st.Replace(c, store.ReplaceOptions{Current: true, At: at.Add(time.Duration(i) * time.Hour)})
			if err != nil {
				t.Fatal(err)
			}
			ch.Set = nil // compared below through the stored change sets
			changes[k] = append(changes[k], ch)
			if i == 0 {
				// A rating on a session the second version drops: an orphan.
				if err := st.SetRating(c.Slug, c.Sessions[12].ID, 4); err != nil {
					t.Fatal(err)
				}
			}
		}
		got, err := st.Conference(first.Slug)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Sessions) != len(second.Sessions) || got.Sessions[0].Title != "A changed title" {
			t.Fatalf("staged=%v: %d sessions, first %q", staged, len(got.Sessions), got.Sessions[0].Title)
		}
		var left bool
		dumps[k], left = dumpSchedule(t, path, first.Slug)
		if left {
			t.Errorf("staged=%v: a staging bucket is left in the file", staged)
		}
	}
	if !reflect.DeepEqual(changes[0], changes[1]) {
		t.Errorf("changes: staged %+v, one transaction %+v", changes[0], changes[1])
	}
	if want := (store.Change{Removed: 10, Changed: 2, Unchanged: 2988, Orphans: []string{first.Sessions[12].ID}}); !reflect.DeepEqual(changes[0][1], want) {
		t.Errorf("second import: %+v, want %+v", changes[0][1], want)
	}
	if len(dumps[0]) != len(dumps[1]) {
		t.Fatalf("staged file has %d values, one transaction %d", len(dumps[0]), len(dumps[1]))
	}
	for i := range dumps[0] {
		if dumps[0][i] != dumps[1][i] {
			t.Fatalf("value %d differs:\nstaged:          %.200s\none transaction: %.200s", i, dumps[0][i], dumps[1][i])
		}
	}
}

// An import killed between its stages leaves a staging bucket: readers
// never see it, and the next staged import clears it first.
func TestStagedImportClearsLeftovers(t *testing.T) {
	store.SetStagedSessions(t, 100)
	path := storetest.Path(t)
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket(store.BucketStaging)
		if err != nil {
			return err
		}
		sb, err := b.CreateBucket([]byte("sessions"))
		if err != nil {
			return err
		}
		return sb.Put([]byte{0, 0, 0, 0}, bytes.Repeat([]byte{0xff}, 100))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Conference(data.BuiltinSlug); err != nil {
		t.Fatalf("a store with a staging bucket left: %v", err)
	}
	c := synth.Generate(300, 2)
	if _, err := st.ImportConference(c); err != nil {
		t.Fatal(err)
	}
	got, err := st.Conference(c.Slug)
	if err != nil || len(got.Sessions) != 300 {
		t.Fatalf("%v, %d sessions", err, len(got.Sessions))
	}
	if _, left := dumpSchedule(t, path, c.Slug); left {
		t.Error("the staging bucket is still there")
	}
}
