package data

import (
	"testing"
	"time"
)

func TestLoadZone(t *testing.T) {
	at := time.Date(2019, 12, 27, 11, 0, 0, 0, time.UTC)
	for name, off := range map[string]int{"+01:00": 3600, "-05:30": -19800, "Europe/Berlin": 3600, "": 0, "Nowhere/Else": 0} {
		if _, got := at.In(LoadZone(name)).Zone(); got != off {
			t.Errorf("LoadZone(%q) offset %d, want %d", name, got, off)
		}
	}
}

func TestSlugifyUsesFold(t *testing.T) {
	for in, want := range map[string]string{
		"Björn Rabenstein":       "bjorn-rabenstein",
		"Straße – „Kubernetes“":  "strasse-kubernetes",
		"O'Reilly Velocity 2019": "o-reilly-velocity-2019",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}
