package store_test

import (
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/clock"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/storetest"
)

// The store stamps imports and personal edits by the clock it is given.
func TestStoreStampsByItsClock(t *testing.T) {
	at := time.Date(2019, 11, 6, 10, 50, 0, 123e6, time.UTC)
	st, err := store.Open(storetest.Path(t), store.WithClock(clock.Fixed(at)))
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.Conference(data.BuiltinSlug)
	if err != nil {
		t.Fatal(err)
	}
	if !c.ImportedAt.Equal(at.Truncate(time.Second)) {
		t.Errorf("imported at %v, want %v", c.ImportedAt, at)
	}
	p, err := st.UpdatePersonal(data.BuiltinSlug, "vlb19-k8s-very-hard-way", func(p *data.Personal) { p.Starred = true })
	if err != nil {
		t.Fatal(err)
	}
	if !p.Updated.Equal(at) {
		t.Errorf("updated at %v, want %v", p.Updated, at)
	}
}
