// Package prose wraps the running text of pages (descriptions, biographies,
// notes) for the terminal: at a readable measure on wide screens, with list
// items hanging under their bullet, and with URLs never broken across lines
// but kept whole (or shortened in the middle when longer than a line) as
// terminal hyperlinks.
package prose

import (
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"

	"github.com/lineup-tui/lineup/tui/cells"
	"github.com/lineup-tui/lineup/tui/links"
)

// Measure is the widest a line of running text gets, however wide the
// screen: longer lines are hard to read.
const Measure = 100

// Styles are what the text is drawn with.
type Styles struct {
	Text lipgloss.Style
	Link lipgloss.Style
}

// Wrap breaks text into lines of at most min(width, Measure) cells, keeping
// its own line breaks. A line starting with a bullet ("-", "*", "•", "1.",
// "2)") has its continuation lines indented under the bullet's text. A URL
// (http, https, mailto; the brackets, quotes and punctuation around it are
// the sentence's) is never split: it moves to the next line when it
// does not fit, and has a line of its own, shortened in the middle, when it
// is longer than a line; linkable URLs are terminal hyperlinks to the whole
// URL. Other words longer than a line are split. Control characters are
// drawn as U+FFFD.
func Wrap(text string, width int, st Styles) []string {
	w := min(width, Measure)
	if w <= 0 {
		return nil
	}
	plain := cells.NewPaint(st.Text)
	link := cells.NewPaint(st.Link)
	var out []string
	for _, para := range strings.Split(text, "\n") {
		out = append(out, wrapLine(strings.TrimRight(para, " \t\r"), w, plain, link)...)
	}
	return out
}

// bullet returns the bullet prefix of a line ("  - ", "12. ") or "".
func bullet(line string) string {
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	rest := line[i:]
	n := 0
	switch {
	case strings.HasPrefix(rest, "- "), strings.HasPrefix(rest, "* "), strings.HasPrefix(rest, "+ "):
		n = 1
	case strings.HasPrefix(rest, "• "), strings.HasPrefix(rest, "◦ "), strings.HasPrefix(rest, "‣ "):
		n = len("•")
	default:
		for n < len(rest) && n < 3 && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(rest) || rest[n] != '.' && rest[n] != ')' || n+1 >= len(rest) || rest[n+1] != ' ' {
			return ""
		}
		n++
	}
	end := i + n
	for end < len(line) && line[end] == ' ' {
		end++
	}
	return line[:end]
}

// isURL reports whether word is a URL, and splits off the punctuation
// around it that belongs to the sentence rather than the URL: an opening
// bracket or quote before it, a full stop, comma or closing bracket after.
func isURL(word string) (lead, url, trail string, ok bool) {
	url = strings.TrimLeft(word, "([<{\"'“‘«")
	lead = word[:len(word)-len(url)]
	lower := strings.ToLower(url)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "mailto:") {
		return "", "", "", false
	}
	full := url
	url = strings.TrimRight(url, ".,;:!?\"'”’»")
	defer func() {
		// A URL wrapped in more punctuation than a sentence puts around
		// one is not taken for one (and so is wrapped as a word).
		if ok && (utf8.RuneCountInString(lead) > 2 || utf8.RuneCountInString(trail) > 3) {
			lead, url, trail, ok = "", "", "", false
		}
	}()
	for _, pair := range []string{"()", "[]", "<>", "{}"} {
		if strings.HasSuffix(url, pair[1:]) && strings.Count(url, pair[:1]) < strings.Count(url, pair[1:]) {
			url = strings.TrimSuffix(url, pair[1:])
			url = strings.TrimRight(url, ".,;:!?\"'”’»")
		}
	}
	return lead, url, full[len(url):], true
}

// wrapLine wraps one line of the text.
func wrapLine(line string, w int, text, link cells.Paint) []string {
	if strings.TrimSpace(line) == "" {
		return []string{""}
	}
	prefix := cells.Sanitize(bullet(line))
	indent := cells.Width(prefix, w)
	if indent > w/2 { // a bullet that eats half the line is not worth hanging under
		prefix, indent = "", 0
	}
	hang := strings.Repeat(" ", indent)
	avail := w - indent

	var out []string
	var cur strings.Builder
	used := 0
	first := true
	flush := func() {
		lead := hang
		if first {
			lead = prefix
		}
		out = append(out, text.Render(lead)+cur.String())
		cur.Reset()
		used = 0
		first = false
	}
	// put places s (sw cells) after a space, or on the next line when it
	// does not fit; drawn in p, and a hyperlink to target when that is a
	// linkable URL.
	put := func(s string, sw int, p cells.Paint, target string) {
		if used > 0 {
			if used+1+sw > avail {
				flush()
			} else {
				cur.WriteString(text.Render(" "))
				used++
			}
		}
		drawn := p.Render(s)
		if target != "" {
			drawn = links.Hyperlink(target, drawn)
		}
		cur.WriteString(drawn)
		used += sw
	}
	for _, word := range strings.Fields(line[len(bullet(line)):]) {
		if lead, url, trail, ok := isURL(word); ok {
			lead, trail = cells.Sanitize(lead), cells.Sanitize(trail)
			lw, uw, tw := cells.Width(lead, avail), cells.Width(url, avail), cells.Width(trail, avail)
			// glue writes s right after what is on the line, without a space.
			glue := func(s string, sw int, p cells.Paint, target string) {
				drawn := p.Render(s)
				if target != "" {
					drawn = links.Hyperlink(target, drawn)
				}
				cur.WriteString(drawn)
				used += sw
			}
			if lw+uw+tw <= avail { // all of it on this line or the next
				if used > 0 && used+1+lw+uw+tw > avail {
					flush()
				}
				if used > 0 {
					glue(" ", 1, text, "")
				}
				glue(lead, lw, text, "")
				glue(cells.Sanitize(url), uw, link, url)
				glue(trail, tw, text, "")
				continue
			}
			// A line of its own, the URL shortened in the middle; the
			// punctuation around it stays with it when it is short.
			if used > 0 {
				flush()
			}
			keep := lw+tw <= avail/4
			room := avail
			if keep {
				room -= lw + tw
			} else if lead != "" {
				put(lead, lw, text, "")
				flush()
			}
			short := cells.TruncateMiddle(url, room)
			if keep {
				glue(lead, lw, text, "")
			}
			glue(short, cells.Width(short, avail), link, url)
			if keep {
				glue(trail, tw, text, "")
			} else if trail != "" {
				flush()
				put(trail, tw, text, "")
			}
			continue
		}
		// An ordinary word: split when longer than a line.
		for word != "" {
			ww := cells.Width(word, avail)
			if ww <= avail {
				put(cells.Sanitize(word), ww, text, "")
				break
			}
			if used > 0 {
				flush()
			}
			head, hw := split(word, avail)
			if head == "" { // a character wider than the whole line
				g, _ := cells.Next(word)
				head, hw = g, 0
				put("?", 1, text, "")
			} else {
				put(cells.Sanitize(head), hw, text, "")
			}
			word = word[len(head):]
			flush()
		}
	}
	if used > 0 || first {
		flush()
	}
	return out
}

// split returns the longest start of word that fits in w cells, and its width.
func split(word string, w int) (string, int) {
	used, i := 0, 0
	for i < len(word) {
		g, gw := cells.Next(word[i:])
		if used+gw > w {
			break
		}
		used += gw
		i += len(g)
	}
	return word[:i], used
}
