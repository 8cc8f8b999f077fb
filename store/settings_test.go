package store_test

import (
	"testing"

	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/storetest"
)

// The theme is auto until chosen, survives reopening the file, goes back to
// auto, and refuses anything else.
func TestTheme(t *testing.T) {
	st := storetest.Open(t)
	if got, err := st.Theme(); err != nil || got != "auto" {
		t.Fatalf("new store: theme %q, %v; want auto", got, err)
	}
	if err := st.SetTheme("light"); err != nil {
		t.Fatal(err)
	}
	again, err := store.Open(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := again.Theme(); got != "light" {
		t.Fatalf("after reopening: %q, want light", got)
	}
	if err := again.SetTheme("purple"); err == nil {
		t.Fatal("an unknown theme was accepted")
	}
	if got, _ := again.Theme(); got != "light" {
		t.Fatalf("a refused theme changed it: %q", got)
	}
	if err := again.SetTheme("auto"); err != nil {
		t.Fatal(err)
	}
	if got, _ := again.Theme(); got != "auto" {
		t.Fatalf("back to auto: %q", got)
	}
}
