package serve

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Limits on the command string a client sends with `ssh … COMMAND`.
const (
	maxCommandBytes = 8 << 10
	maxCommandArgs  = 64
)

// SplitCommand splits the command string of an SSH exec request into words
// with the quoting rules of a POSIX shell, without ever running one: words are
// separated by blanks; 'single quotes' keep everything literally; "double
// quotes" keep everything but a backslash before " \ $ or `; outside quotes a
// backslash keeps the next character. Empty quotes make an empty word.
//
// What a shell would act on instead of passing along (| & ; < > ( ) ` and $)
// is refused when it is not quoted, and $ and ` also inside double quotes,
// because the client most likely meant them for a shell and lineup has none.
// Control characters, unterminated quotes and over-long commands are refused.
func SplitCommand(s string) ([]string, error) {
	if len(s) > maxCommandBytes {
		return nil, fmt.Errorf("the command is longer than %d bytes", maxCommandBytes)
	}
	if !utf8.ValidString(s) {
		return nil, fmt.Errorf("the command is not valid UTF-8")
	}
	var (
		words  []string
		cur    strings.Builder
		inWord bool
		quote  rune // 0, '\'' or '"'
		escape bool // the previous character was a backslash
	)
	for _, r := range s {
		if isControl(r) && !(quote == 0 && !escape && (r == '\t' || r == '\n')) {
			return nil, fmt.Errorf("the command contains a control character (%q)", r)
		}
		switch {
		case quote == '\'':
			if r == '\'' {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case quote == '"' && escape:
			if r != '"' && r != '\\' && r != '$' && r != '`' {
				cur.WriteRune('\\')
			}
			cur.WriteRune(r)
			escape = false
		case quote == '"':
			switch r {
			case '"':
				quote = 0
			case '\\':
				escape = true
			case '$', '`':
				return nil, shellSyntax(r)
			default:
				cur.WriteRune(r)
			}
		case escape:
			cur.WriteRune(r)
			escape = false
		default:
			switch r {
			case ' ', '\t', '\n':
				if inWord {
					words = append(words, cur.String())
					cur.Reset()
					inWord = false
				}
			case '\'', '"':
				quote = r
				inWord = true
			case '\\':
				escape = true
				inWord = true
			case '|', '&', ';', '<', '>', '(', ')', '`', '$':
				return nil, shellSyntax(r)
			default:
				cur.WriteRune(r)
				inWord = true
			}
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("the command has an unterminated %c quote", quote)
	}
	if escape {
		return nil, fmt.Errorf("the command ends with a lone backslash")
	}
	if inWord {
		words = append(words, cur.String())
	}
	if len(words) > maxCommandArgs {
		return nil, fmt.Errorf("the command has more than %d words", maxCommandArgs)
	}
	return words, nil
}

func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)
}

func shellSyntax(r rune) error {
	return fmt.Errorf("no shell here: %q is not run; pipe or redirect on your side, e.g. ssh … sessions --json | jq", r)
}
