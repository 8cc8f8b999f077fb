package search_test

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/data/search"
	"github.com/lineup-tui/lineup/data/text"
)

type T = search.Term

func TestParse(t *testing.T) {
	w := func(s string) T { return T{Text: s} }
	for _, tc := range []struct {
		in   string
		want [][]T
	}{
		{"", nil},
		{"   ", nil},
		{"kube lat", [][]T{{w("kube")}, {w("lat")}}},
		{"  Kube   LAT  ", [][]T{{w("kube")}, {w("lat")}}},
		{"Müller Straße", [][]T{{w("muller")}, {w("strasse")}}},
		{"rust | go", [][]T{{w("rust"), w("go")}}},
		{"kube rust | go | c lat", [][]T{{w("kube")}, {w("rust"), w("go"), w("c")}, {w("lat")}}},
		{"| rust |", [][]T{{w("rust")}}},
		{"rust | | go", [][]T{{w("rust"), w("go")}}},
		{"a|b", [][]T{{w("a|b")}}},
		{"!java", [][]T{{{Text: "java", Not: true}}}},
		{"'kube", [][]T{{{Text: "kube", Exact: true}}}},
		{"'kube'", [][]T{{{Text: "kube", Exact: true}}}},
		{"^kube", [][]T{{{Text: "kube", Prefix: true}}}},
		{"ube$", [][]T{{{Text: "ube", Suffix: true}}}},
		{"^go$", [][]T{{{Text: "go", Prefix: true, Suffix: true}}}},
		{"!'^kube$", [][]T{{{Text: "kube", Not: true, Exact: true, Prefix: true, Suffix: true}}}},
		{"speaker:Lars", [][]T{{{Field: search.FieldSpeaker, Text: "lars"}}}},
		{"Speakers:lars", [][]T{{{Field: search.FieldSpeaker, Text: "lars"}}}},
		{"TITLE:kube", [][]T{{{Field: search.FieldTitle, Text: "kube"}}}},
		{"track:rust room:h.1302 type:talk day:sat", [][]T{
			{{Field: search.FieldTrack, Text: "rust"}}, {{Field: search.FieldRoom, Text: "h.1302"}},
			{{Field: search.FieldType, Text: "talk"}}, {{Field: search.FieldDay, Text: "sat"}}}},
		{"!track:rust", [][]T{{{Field: search.FieldTrack, Text: "rust", Not: true}}}},
		{"title:'^kube", [][]T{{{Field: search.FieldTitle, Text: "kube", Exact: true, Prefix: true}}}},
		{`track:"Open Source  Design"`, [][]T{{{Field: search.FieldTrack, Text: "open source design"}}}},
		{`"kube lat"`, [][]T{{w("kube lat")}}},
		{`kube\ lat`, [][]T{{w("kube lat")}}},
		{`\!important \'quote "^x$" \|`, [][]T{{w("!important")}, {w("'quote")}, {w("^x$")}, {w("|")}}},
		{"http://example.org", [][]T{{w("http://example.org")}}},
		{"c++ c#", [][]T{{w("c++")}, {w("c#")}}},
		{"title: kube", [][]T{{w("kube")}}}, // an empty field term is ignored
		{"! ' ^ $ track:", nil},
		{`"unclosed quote`, [][]T{{w("unclosed quote")}}},
		{`trailing\`, [][]T{{w(`trailing\`)}}},
		{"don’t – stop", [][]T{{w("don't")}, {w("-")}, {w("stop")}}},
	} {
		got := search.Parse(tc.in).Groups
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Parse(%q)\n got  %+v\n want %+v", tc.in, got, tc.want)
		}
	}
}

// What each kind of term selects, on a small programme.
func TestSyntaxSelects(t *testing.T) {
	c := small(t, []data.Speaker{{ID: "lars", Name: "Lars Jensen", Company: "Acme"}, {ID: "ana", Name: "Ana Larsson"}},
		data.Session{ID: "rust-track", Title: "Ownership explained", Track: "Rust", Room: "H.1302 (Depage)", Type: "Talk", Date: "2026-01-31", SpeakerIDs: []string{"lars"}},
		data.Session{ID: "rust-title", Title: "Rust in the kernel", Track: "Kernel", Room: "Janson", Type: "Keynote", Date: "2026-01-31"},
		data.Session{ID: "trust", Title: "Trust and safety", Track: "Rust and friends", Room: "H.2215", Type: "Talk", Date: "2026-02-01", SpeakerIDs: []string{"ana"}},
		data.Session{ID: "go", Title: "Go at scale", Track: "Go", Room: "UB5.132", Type: "Lightning talk", Date: "2026-02-01"},
		data.Session{ID: "algo", Title: "Algorithms for kubernetes", Track: "Kernel", Room: "Janson", Type: "Talk", Date: "2026-02-01", Abstract: "Some kube work"},
	)
	c.Days = []data.Day{{Date: "2026-01-31", Label: "Main day"}, {Date: "2026-02-01", Label: "Devrooms"}}
	ix := search.New(c)
	cases := []struct {
		q    string
		want []string
	}{
		{"rust", []string{"rust-title", "rust-track", "trust"}},
		{"track:rust", []string{"rust-track"}},
		{"track:ru", []string{"rust-track", "trust"}},
		{"track:^rust$", []string{"rust-track"}},
		{"track:friends", []string{"trust"}},
		{"!track:rust rust", []string{"rust-title", "trust"}},
		{"rust !trust", []string{"rust-title", "rust-track"}},
		{"go", []string{"go"}},
		{"'algo", []string{"algo"}},
		{"kube", []string{"algo"}},
		{"rust | go", []string{"rust-title", "go", "rust-track", "trust"}},
		{"speaker:lars", []string{"rust-track", "trust"}},
		{"speaker:^lars", []string{"rust-track"}},
		{"speaker:larsson$", []string{"trust"}},
		{"title:rust", []string{"rust-title", "trust"}},
		{"^rust", []string{"rust-title", "rust-track", "trust"}},
		{"^rust$", []string{"rust-track"}},
		{"kernel$", []string{"rust-title", "algo"}},
		{"room:h.1302", []string{"rust-track"}},
		{"room:h", []string{"rust-track", "trust"}},
		{"room:depage", []string{"rust-track"}},
		{"type:talk", []string{"rust-track", "trust", "algo"}},
		{"type:lightning", []string{"go"}},
		{"type:keynote | type:lightning", []string{"rust-title", "go"}},
		{"day:sat", []string{"rust-track", "rust-title"}},
		{"day:saturday", []string{"rust-track", "rust-title"}},
		{"day:2", []string{"trust", "algo", "go"}},
		{"day:2026-02-01", []string{"trust", "algo", "go"}},
		{"day:2026", []string{"rust-track", "rust-title", "trust", "algo", "go"}},
		{"day:devrooms", []string{"trust", "algo", "go"}},
		{"day:main", []string{"rust-track", "rust-title"}},
		{"day:s", nil}, // one letter is no weekday
		{"day:mon", nil},
		{"!day:sat go", []string{"go"}},
		{"acme", []string{"rust-track"}},
		{"zzz | track:go", []string{"go"}},
	}
	for _, tc := range cases {
		var got []string
		for _, h := range ix.Run(data.Query{Text: tc.q}, nil) {
			got = append(got, h.Session.ID)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %v, want %v", tc.q, got, tc.want)
		}
	}
}

// FuzzQuerySyntax reads any text as a query: the parse keeps its promises
// (no empty term, folded text, a String that reads back the same) and the
// index agrees with the reference matcher on it.
func FuzzQuerySyntax(f *testing.F) {
	for _, s := range []string{"kube lat", "rust | go !java", "'kube ^obs ility$", `track:"Cloud Native" day:wed`,
		"speaker:liz title:'^prod", `\!x "a b" c\ d |`, "!day:2 | type:keynote", "^$ '' !! :: title::x", "東京 ß mül"} {
		f.Add(s)
	}
	c := builtin.Conference()
	ix := search.New(c)
	rc := newRefConf(c)
	f.Fuzz(func(t *testing.T, s string) {
		p := search.Parse(s)
		for _, g := range p.Groups {
			if len(g) == 0 {
				t.Fatalf("%q: an empty group", s)
			}
			for _, term := range g {
				if term.Text == "" || strings.TrimSpace(term.Text) != term.Text || strings.Contains(term.Text, "  ") {
					t.Fatalf("%q: term text %q", s, term.Text)
				}
				if utf8.ValidString(s) && text.Fold(term.Text) != term.Text && text.Fold(text.Fold(term.Text)) == text.Fold(term.Text) {
					t.Fatalf("%q: term text %q not folded", s, term.Text)
				}
			}
		}
		again := search.Parse(p.String())
		if len(again.Groups) != len(p.Groups) {
			t.Fatalf("%q: String %q reads back as %d groups, not %d", s, p.String(), len(again.Groups), len(p.Groups))
		}
		for k, g := range p.Groups {
			if len(again.Groups[k]) != len(g) {
				t.Fatalf("%q: String %q changes group %d", s, p.String(), k)
			}
			for j, term := range g {
				back := again.Groups[k][j]
				term.Text = strings.Join(strings.Fields(text.Fold(term.Text)), " ")
				back.Text = strings.Join(strings.Fields(back.Text), " ")
				if back != term {
					t.Fatalf("%q: String %q reads back %+v as %+v", s, p.String(), term, back)
				}
			}
		}
		q := data.Query{Text: s}
		if d := diffHits(ix.Run(q, nil), refRun(rc, q, nil)); d != "" {
			t.Fatalf("%q: %s", s, d)
		}
	})
}
