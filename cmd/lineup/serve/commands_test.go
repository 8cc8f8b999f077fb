package serve

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSplitCommand(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"sessions", []string{"sessions"}},
		{"  sessions \t --day   wed  ", []string{"sessions", "--day", "wed"}},
		{"note x 'ask about etcd; backups | restore'", []string{"note", "x", "ask about etcd; backups | restore"}},
		{`note x "say \"hi\" \\ twice"`, []string{"note", "x", `say "hi" \ twice`}},
		{`note x "a\nb"`, []string{"note", "x", `a\nb`}},
		{"note x \"costs \\$5, \\`quoted\\`\"", []string{"note", "x", "costs $5, `quoted`"}},
		{`note x ''`, []string{"note", "x", ""}},
		{`note x ""`, []string{"note", "x", ""}},
		{`note x it\'s`, []string{"note", "x", "it's"}},
		{`note x a\ b`, []string{"note", "x", "a b"}},
		{`note x 'it'"'"'s'`, []string{"note", "x", "it's"}},
		{`sessions --search 'cost $5 (or more)'`, []string{"sessions", "--search", "cost $5 (or more)"}},
		{"sessions --search müller", []string{"sessions", "--search", "müller"}},
		{"sessions *", []string{"sessions", "*"}},
		{"speaker ~root", []string{"speaker", "~root"}},
		{"", nil},
		{"   ", nil},
	} {
		got, err := SplitCommand(c.in)
		if err != nil {
			t.Errorf("SplitCommand(%q): %v", c.in, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("SplitCommand(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSplitCommandRefuses(t *testing.T) {
	for in, want := range map[string]string{
		"sessions | head":                      "no shell",
		"sessions > out":                       "no shell",
		"sessions < in":                        "no shell",
		"sessions && reboot":                   "no shell",
		"sessions; id":                         "no shell",
		"sessions $HOME":                       "no shell",
		"sessions `id`":                        "no shell",
		`note x "$(id)"`:                       "no shell",
		"note x \"`id`\"":                      "no shell",
		"sessions (x)":                         "no shell",
		"note x 'open":                         "unterminated",
		`note x "open`:                         "unterminated",
		`note x \`:                             "lone backslash",
		"note x \x1b]0;pwned\x07":              "control character",
		"note x '\x1b[2J'":                     "control character",
		"note x \x00":                          "control character",
		"note x \u009b":                        "control character",
		"note x \xff":                          "UTF-8",
		strings.Repeat("a ", 65):               "more than 64 words",
		strings.Repeat("a", maxCommandBytes+1): "longer than",
	} {
		got, err := SplitCommand(in)
		if err == nil {
			t.Errorf("SplitCommand(%q) = %q, want an error", in, got)
			continue
		}
		if !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("SplitCommand(%q): %q, want one line with %q", in, err, want)
		}
	}
}

// quoteWord quotes a word for a POSIX shell, the way a script would.
func quoteWord(w string) string {
	return "'" + strings.ReplaceAll(w, "'", `'"'"'`) + "'"
}

func FuzzSplitCommand(f *testing.F) {
	for _, s := range []string{"sessions", "note x 'a b'", `"\"\\"`, "a\\ b", "it's", "| ; $", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words, err := SplitCommand(s)
		if err != nil {
			return
		}
		// Words quoted as a script would quote them split back to
		// themselves.
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = quoteWord(w)
		}
		again, err := SplitCommand(strings.Join(quoted, " "))
		if err != nil {
			t.Fatalf("quoted words %q of %q do not split: %v", quoted, s, err)
		}
		if len(words) == 0 && len(again) == 0 {
			return
		}
		if !reflect.DeepEqual(again, words) {
			t.Fatalf("%q split to %q, quoted and split again to %q", s, words, again)
		}
	})
}

func TestPolicyAllows(t *testing.T) {
	p := newPolicy(DefaultCommands())
	for _, args := range [][]string{
		{"sessions"},
		{"sessions", "--day", "wed", "--day=thu", "--search", "kubernetes", "--sort", "rating", "--json"},
		{"sessions", "-s", "k8s", "--starred", "--min-rating", "4"},
		{"sessions", "-sk8s"},
		{"sessions", "--search", "--db"}, // the value of --search, as the CLI reads it
		{"--conf", "vlb19", "sessions"},
		{"sessions", "--conf=fosdem-2026"},
		{"show", "vlb19-gitops-101", "--json"},
		{"speakers", "-h"},
		{"speaker", "müller"},
		{"agenda", "--ics"},
		{"agenda", "--json"},
		{"now"},
		{"next", "--within", "10m"},
		{"now", "--room", "Hall A1", "--json", "--local"},
		{"sessions", "--upcoming", "--running"},
		{"rate", "vlb19-gitops-101", "5"},
		{"star", "x"},
		{"unstar", "x"},
		{"note", "x", "--", "--db is a flag"},
		{"note", "x", "-"},
		{"mine", "export"},
		{"mine", "export", "--conf", "vlb19"},
	} {
		if _, err := p.check(args); err != nil {
			t.Errorf("%q refused: %v", args, err)
		}
	}
}

func TestPolicyRefuses(t *testing.T) {
	p := newPolicy(DefaultCommands())
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "x.xml"}, `"import" is not available`},
		{[]string{"remove", "vlb19"}, `"remove" is not available`},
		{[]string{"serve"}, `"serve" is not available`},
		{[]string{"refresh"}, `"refresh" is not available`},
		{[]string{"conferences"}, `"conferences" is not available`},
		{[]string{"mine", "import", "mine.json"}, `"mine" is not available`},
		{[]string{"mine"}, `"mine" is not available`},
		{[]string{"bash"}, `"bash" is not available`},
		{[]string{"--conf", "vlb19"}, "name a command"},
		{[]string{"--", "sessions"}, "name a command"},
		{[]string{"--db", "/tmp/x.db", "sessions"}, "--db is not available"},
		{[]string{"sessions", "--db=/tmp/x.db"}, "--db is not available"},
		{[]string{"agenda", "--ics", "-o", "x.ics"}, "-o is not available"},
		{[]string{"agenda", "--ics", "-ox.ics"}, "-o is not available"},
		{[]string{"agenda", "--output=x.ics"}, "--output is not available"},
		{[]string{"sessions", "--debug"}, "--debug is not available"},
		{[]string{"sessions", "--conf", "../x"}, "--conf takes a conference slug"},
		{[]string{"sessions", "--conf", "/etc/passwd"}, "--conf takes a conference slug"},
		{[]string{"sessions", "--conf=a..b"}, "--conf takes a conference slug"},
		{[]string{"sessions", "--conf"}, "--conf needs a value"},
		{[]string{"sessions", "-s"}, "-s needs a value"},
		{[]string{"sessions", "--format", "xml"}, `sessions has no flag "--format"`},
		{[]string{"show", "x", "--ics"}, `show has no flag "--ics"`},
		{[]string{"rate", "x", "5", "--json"}, `rate has no flag "--json"`},
		{[]string{"sessions", "-hx"}, `sessions has no flag "-x"`},
	} {
		_, err := p.check(c.args)
		var refused *RefusedError
		if !errors.As(err, &refused) {
			t.Errorf("%q: %v, want a refusal", c.args, err)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %q, want %q", c.args, err, c.want)
		}
	}
}

func TestPolicyListsTheCommandsItRuns(t *testing.T) {
	_, err := newPolicy(DefaultCommands()).check([]string{"import"})
	for _, name := range []string{"sessions", "show", "speakers", "speaker", "agenda", "now", "next", "rate", "star", "unstar", "note", "mine export"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("the refusal %q does not list %q", err, name)
		}
	}
}

func TestPolicyMarksWrites(t *testing.T) {
	p := newPolicy(DefaultCommands())
	for args, writes := range map[string]bool{"rate x 5": true, "star x": true, "unstar x": true, "note x y": true, "sessions": false, "mine export": false} {
		spec, err := p.check(strings.Fields(args))
		if err != nil {
			t.Fatal(err)
		}
		if spec.Writes != writes {
			t.Errorf("%s: Writes %v, want %v", args, spec.Writes, writes)
		}
	}
}

func TestLimiterPerIdentity(t *testing.T) {
	l := NewLimiter(1, 3)
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	l.now = func() time.Time { return now }
	for i := range 3 {
		if !l.Allow("a") {
			t.Fatalf("write %d refused within the burst", i+1)
		}
	}
	if l.Allow("a") {
		t.Error("a fourth write at once was allowed")
	}
	if !l.Allow("b") {
		t.Error("b was held to a's bucket")
	}
	now = now.Add(time.Second)
	if !l.Allow("a") {
		t.Error("no token came back after a second")
	}
	if l.Allow("a") {
		t.Error("more than one token came back after a second")
	}
	now = now.Add(2 * idleBucket)
	l.Allow("c")
	if _, ok := l.buckets["a"]; ok {
		t.Error("an idle bucket was kept")
	}
	if !NewLimiter(-1, 0).Allow("x") || (*Limiter)(nil).Allow("x") != true {
		t.Error("no limit refused a write")
	}
}

func TestClampSize(t *testing.T) {
	for _, c := range []struct{ w, h, ww, wh int }{
		{80, 24, 80, 24},
		{0, 0, 80, 24},
		{-5, 3, 80, MinHeight},
		{3, 2, MinWidth, MinHeight},
		{100000, 100000, MaxWidth, MaxHeight},
		{MaxWidth, MinHeight, MaxWidth, MinHeight},
	} {
		if w, h := ClampSize(c.w, c.h); w != c.ww || h != c.wh {
			t.Errorf("ClampSize(%d, %d) = %d×%d, want %d×%d", c.w, c.h, w, h, c.ww, c.wh)
		}
	}
}

func TestIdleLineReadsWell(t *testing.T) {
	for d, want := range map[time.Duration]string{
		15 * time.Minute:       "15 minutes",
		time.Hour:              "1 hour",
		90 * time.Minute:       "90 minutes",
		30 * time.Second:       "30 seconds",
		400 * time.Millisecond: "400ms",
	} {
		if got := idleLine(d); !strings.Contains(got, "after "+want+" without") {
			t.Errorf("idleLine(%s) = %q, want %q in it", d, got, want)
		}
	}
}
