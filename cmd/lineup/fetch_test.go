package main

import (
	"bufio"
	"bytes"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/store"
)

// A user name and password in an import URL reach the server, and nothing
// else: not the store, not the summary, not `conferences`, not an error.
func TestImportURLCredentials(t *testing.T) {
	c := newCLI(t)
	body := lineupFile(t, "private", "x", "y")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != "alice" || p != "s3cret" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		if r.URL.Path == "/gone.json" {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.Write(body)
	}))
	defer srv.Close()
	withCreds := strings.Replace(srv.URL, "http://", "http://alice:s3cret@", 1)

	var printed []string
	code, out, errs := c.run("import", withCreds+"/s.json")
	if code != 0 {
		t.Fatalf("import: exit %d, %s", code, errs)
	}
	if !strings.Contains(out, "from "+srv.URL+"/s.json") {
		t.Errorf("summary %q", out)
	}
	printed = append(printed, out, errs, c.ok("conferences"), c.ok("conferences", "--json"))
	printed = append(printed, c.fails(1, "import", withCreds+"/gone.json"))
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := "http://alice:s3cret@" + ln.Addr().String() + "/s.json"
	ln.Close()
	printed = append(printed, c.fails(1, "import", closed))
	printed = append(printed, c.fails(1, "import", "http://alice:s3cret@exa mple.org/%zz"))
	printed = append(printed, c.fails(1, "import", "ftp://alice:s3cret@example.org/s.xml"))
	for _, s := range printed {
		if strings.Contains(s, "s3cret") || strings.Contains(s, "alice") {
			t.Errorf("credentials printed: %q", s)
		}
	}
	raw, err := os.ReadFile(c.db)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("s3cret")) || bytes.Contains(raw, []byte("alice")) {
		t.Error("credentials stored in the store file")
	}
}

// A server that sends more than its Content-Length: one line from lineup,
// and no second one from Go's HTTP client about the bytes left over.
func TestImportBodyLongerThanContentLength(t *testing.T) {
	c := newCLI(t)
	body := lineupFile(t, "longer", "x")
	addr := rawServer(t, func(conn net.Conn) {
		fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n", len(body))
		conn.Write(body)
		conn.Write([]byte("HTTP/1.1 200 OK\r\n\x1b]0;pwned\x07 and more bytes nobody asked for\r\n"))
		time.Sleep(500 * time.Millisecond)
	})
	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(os.Stderr)
	code, out, errs := c.run("import", "http://"+addr+"/s.json")
	time.Sleep(300 * time.Millisecond) // the client's idle-connection reader
	if code != 0 || !strings.Contains(out, "Imported") || errs != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if logged.Len() > 0 {
		t.Errorf("a second line: %q", logged.String())
	}
}

// Notes: 64 KiB is accepted whole, more is refused with a message and the
// note already there is kept as it was.
func TestNoteLimit(t *testing.T) {
	c := newCLI(t)
	id := "vlb19-k8s-very-hard-way"
	c.ok("note", id, "first")
	full := strings.Repeat("n", data.MaxNoteBytes)
	c.ok("note", id, full)
	msg := c.fails(1, "note", id, strings.Repeat("m", 100_000))
	if !strings.Contains(msg, "64 KiB") || !strings.Contains(msg, "nothing was saved") {
		t.Errorf("message %q", msg)
	}
	st, err := store.Open(c.db)
	if err != nil {
		t.Fatal(err)
	}
	mine, _ := st.Personal(data.BuiltinSlug)
	if mine[id].Note != full {
		t.Errorf("the refused note changed the stored one (%d bytes)", len(mine[id].Note))
	}
	if err := st.SetNote(data.BuiltinSlug, id, strings.Repeat("s", data.MaxNoteBytes+1)); err == nil {
		t.Error("the store took a note over the limit")
	}
}

// rawServer answers every request on a loopback port with what respond
// writes, byte for byte (what net/http's server would refuse to send), once
// the request's head is read; the connection is closed after it. It returns
// the address.
func rawServer(t *testing.T, respond func(conn net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				r := bufio.NewReader(conn)
				for {
					l, err := r.ReadString('\n')
					if err != nil || l == "\r\n" {
						break
					}
				}
				respond(conn)
			}()
		}
	}()
	return ln.Addr().String()
}
