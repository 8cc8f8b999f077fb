package store_test

import (
	"reflect"
	"testing"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/synth"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/storetest"
)

// Each gives the sessions a full load gives, in its order, each with the
// other identities' ratings, also past the windows whose pages it lets go
// of; At gives the same session as Each at its place.
func TestReaderEachIsTheFullLoad(t *testing.T) {
	st := storetest.Open(t)
	c := synth.Generate(5000, 9)
	if _, err := st.PutConference(c); err != nil {
		t.Fatal(err)
	}
	if err := st.As("SHA256:other").SetRating(c.Slug, c.Sessions[4321].ID, 4); err != nil {
		t.Fatal(err)
	}
	full, err := st.Conference(c.Slug)
	if err != nil {
		t.Fatal(err)
	}
	others, err := st.Others(c.Slug)
	if err != nil {
		t.Fatal(err)
	}
	data.SetOthers(full, others)
	err = st.Read(c.Slug, func(r *store.Reader) error {
		i := 0
		err := r.Each(func(s *data.Session) error {
			if i >= len(full.Sessions) || !reflect.DeepEqual(*s, full.Sessions[i]) {
				t.Fatalf("session %d: %+v\nfull load: %+v", i, *s, full.Sessions[min(i, len(full.Sessions)-1)])
			}
			i++
			return nil
		})
		if i != len(full.Sessions) {
			t.Errorf("%d sessions, the full load %d", i, len(full.Sessions))
		}
		for _, k := range []int{0, 4321, len(full.Sessions) - 1} {
			var s data.Session
			if err := r.At(k, &s); err != nil || !reflect.DeepEqual(s, full.Sessions[k]) {
				t.Errorf("At(%d): %v %+v", k, err, s)
			}
		}
		if full.Sessions[4321].Others.Count != 1 {
			t.Errorf("the other identity's rating is missing: %+v", full.Sessions[4321].Others)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
