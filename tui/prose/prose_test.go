package prose

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

var st = Styles{Link: lipgloss.NewStyle().Underline(true)}

func plain(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = ansi.Strip(l)
	}
	return out
}

func TestBulletsHang(t *testing.T) {
	text := "What you'll learn:\n- how the scheduler decides where a pod runs and why it sometimes gets it wrong\n  * nested points hang under their own bullet, however long they go on\n12. numbered items too, with their continuation lines under the text"
	got := plain(Wrap(text, 40, st))
	want := []string{
		"What you'll learn:",
		"- how the scheduler decides where a pod",
		"  runs and why it sometimes gets it",
		"  wrong",
		"  * nested points hang under their own",
		"    bullet, however long they go on",
		"12. numbered items too, with their",
		"    continuation lines under the text",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadableMeasure(t *testing.T) {
	text := strings.Repeat("observability ", 40)
	for _, l := range Wrap(text, 200, st) {
		if w := ansi.StringWidth(l); w > Measure {
			t.Fatalf("line of %d cells at 200 columns", w)
		}
	}
}

func TestURLsNeverBroken(t *testing.T) {
	short := "https://fosdem.org/2026/schedule/event/x/"
	long := "https://github.com/someone/some-repository/blob/main/docs/a/very/deep/path/to/a/file.md"
	text := "Slides are at " + short + ", code at " + long + ". Mail mailto:info@example.org today; not a link: ftp://example.org/file and a longwordthatgoesonforeverandevermorewithoutanyspace."
	for _, w := range []int{20, 30, 45, 60, 100} {
		lines := Wrap(text, w, st)
		for _, l := range lines {
			if got := ansi.StringWidth(l); got > w {
				t.Fatalf("width %d: line %q is %d wide", w, ansi.Strip(l), got)
			}
		}
		for _, u := range []string{short, long, "mailto:info@example.org"} {
			n := 0
			for _, l := range lines {
				if !strings.Contains(l, ansi.SetHyperlink(u)) {
					continue
				}
				n++
				// The URL is whole, or shortened in the middle, on this line.
				p := ansi.Strip(l)
				if !strings.Contains(p, u) {
					i := strings.Index(p, "…")
					if i < 0 || !strings.HasPrefix(u, strings.TrimSpace(p[:i])) {
						t.Errorf("width %d: %q drawn as %q", w, u, p)
					}
				}
			}
			if n != 1 {
				t.Errorf("width %d: %q linked on %d lines:\n%s", w, u, n, strings.Join(plain(lines), "\n"))
			}
		}
		if strings.Contains(strings.Join(lines, ""), ansi.SetHyperlink("ftp://example.org/file")) {
			t.Errorf("width %d: ftp URL linked", w)
		}
	}
	// The full stop after the long URL is not part of its link target.
	if strings.Contains(strings.Join(Wrap(text, 200, st), ""), ansi.SetHyperlink(long+".")) {
		t.Error("the sentence's full stop went into the link")
	}
}

func TestNoControlCharacters(t *testing.T) {
	for _, l := range Wrap("Talk \x1b[2J about \x9b31m things https://example.org/\x1b]8;;x\x07", 30, st) {
		// Only our own SGR sequences remain: no clear screen, no CSI, no
		// OSC (the URL holding one is not safe, so it is no link either).
		if strings.Contains(l, "\x1b[2J") || strings.Contains(l, "\x9b") || strings.Contains(l, "\x1b]") || strings.Contains(l, "\x07") {
			t.Fatalf("control sequence passed: %q", l)
		}
	}
}

func TestEdgeCases(t *testing.T) {
	if got := Wrap("anything", 0, st); got != nil {
		t.Errorf("width 0: %q", got)
	}
	if got := plain(Wrap("a\n\nb", 10, st)); strings.Join(got, "|") != "a||b" {
		t.Errorf("blank lines: %q", got)
	}
	if got := plain(Wrap("日本語", 1, st)); len(got) == 0 {
		t.Errorf("wide characters at width 1: %q", got)
	}
	for _, l := range Wrap(strings.Repeat("x", 95), 10, st) {
		if ansi.StringWidth(l) > 10 {
			t.Fatalf("long word not split: %q", l)
		}
	}
}

// Whatever the text and width, no panic and no line wider than asked.
func FuzzWrap(f *testing.F) {
	f.Add("- a bullet https://example.org/a/b/c. and more", 20)
	f.Add("12) 日本語 mailto:x@y.z, e\u0301\x1b", 3)
	f.Add("https://", 1)
	f.Fuzz(func(t *testing.T, text string, width int) {
		width %= 300
		for _, l := range Wrap(text, width, st) {
			if w := ansi.StringWidth(l); w > max(width, 1) {
				t.Fatalf("line %q is %d wide, want at most %d", l, w, width)
			}
		}
	})
}

// Brackets and quotes around a URL belong to the sentence: the URL inside
// is linked whole, without them.
func TestURLInBrackets(t *testing.T) {
	const u = "https://nlnet.nl/news/2022/20220510-NLUUG_Award.html"
	const wiki = "https://en.wikipedia.org/wiki/Go_(programming_language)"
	text := "He won the award (" + u + "). See “" + wiki + "”, and <mailto:a@b.org>."
	for _, w := range []int{30, 60, 100} {
		lines := Wrap(text, w, st)
		all := strings.Join(lines, "\n")
		for _, target := range []string{u, wiki, "mailto:a@b.org"} {
			if n := strings.Count(all, ansi.SetHyperlink(target)); n != 1 {
				t.Errorf("width %d: %s linked %d times:\n%s", w, target, n, strings.Join(plain(lines), "\n"))
			}
		}
		for _, l := range lines {
			if got := ansi.StringWidth(l); got > w {
				t.Errorf("width %d: line %q is %d wide", w, ansi.Strip(l), got)
			}
		}
		if w == 100 && !strings.Contains(ansi.Strip(all), "("+u+").") {
			t.Errorf("the brackets moved away from the URL:\n%s", strings.Join(plain(lines), "\n"))
		}
	}
}
