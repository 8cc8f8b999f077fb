package synth

import (
	"bufio"
	"io"
	"strings"

	"github.com/lineup-tui/lineup/data"
)

// WriteLines writes one line per session, "title | speakers | room | track",
// in programme order: what a line-based finder such as `fzf --filter` searches.
func WriteLines(w io.Writer, c *data.Conference) error {
	bw := bufio.NewWriter(w)
	for i := range c.Sessions {
		s := &c.Sessions[i]
		fields := []string{s.Title, c.SpeakerNames(s), s.Room, s.Track}
		if _, err := bw.WriteString(strings.Join(fields, " | ") + "\n"); err != nil {
			return err
		}
	}
	return bw.Flush()
}
