package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// testClient is a Client with timeouts short enough for tests, yet long
// enough that a loaded machine does not pass for a stalled server: the
// tests of the timeouts themselves set their own.
func testClient(max int64) *Client {
	c := New(max)
	c.ConnectTimeout = 2 * time.Second
	c.StallTimeout = 2 * time.Second
	return c
}

// checkLine fails when an error message is not one clean line.
func checkLine(t *testing.T, err error) {
	t.Helper()
	msg := err.Error()
	if strings.ContainsAny(msg, "\n\r\x1b\u202e\u2066") {
		t.Errorf("error is not one clean line: %q", msg)
	}
}

func wantKind(t *testing.T, err error, kind error, msgPart string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v", kind)
	}
	if !errors.Is(err, kind) {
		t.Fatalf("error %q is not %v", err, kind)
	}
	var fe *Error
	if !errors.As(err, &fe) {
		t.Fatalf("error %T is not an *Error", err)
	}
	if !strings.Contains(err.Error(), msgPart) {
		t.Errorf("error %q does not say %q", err, msgPart)
	}
	checkLine(t, err)
}

// versions serves the current version of a schedule, with or without
// validators, and records the conditional headers it was sent.
type versions struct {
	mu           sync.Mutex
	body         string
	etag         string
	lastModified time.Time
	gotINM       []string
	gotIMS       []string
}

func (v *versions) set(body, etag string, lm time.Time) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.body, v.etag, v.lastModified = body, etag, lm
}

func (v *versions) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	v.mu.Lock()
	body, etag, lm := v.body, v.etag, v.lastModified
	v.gotINM = append(v.gotINM, r.Header.Get("If-None-Match"))
	v.gotIMS = append(v.gotIMS, r.Header.Get("If-Modified-Since"))
	v.mu.Unlock()
	if etag != "" {
		w.Header().Set("ETag", etag)
	}
	// ServeContent answers If-None-Match and If-Modified-Since with 304.
	http.ServeContent(w, r, "schedule.xml", lm, strings.NewReader(body))
}

func (v *versions) last() (inm, ims string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.gotINM[len(v.gotINM)-1], v.gotIMS[len(v.gotIMS)-1]
}

func TestVersionsWithETag(t *testing.T) {
	v := &versions{}
	v.set("<schedule>one</schedule>", `"v1"`, time.Time{})
	srv := httptest.NewServer(v)
	defer srv.Close()
	c := testClient(1 << 20)
	ctx := context.Background()

	r1, err := c.Get(ctx, srv.URL+"/schedule.xml", Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if r1.Status != Changed || string(r1.Body) != "<schedule>one</schedule>" || r1.Validators.ETag != `"v1"` || len(r1.Validators.SHA256) != 64 {
		t.Fatalf("first download: %+v", r1)
	}
	if inm, ims := v.last(); inm != "" || ims != "" {
		t.Errorf("first request was conditional: %q %q", inm, ims)
	}

	r2, err := c.Get(ctx, srv.URL+"/schedule.xml", r1.Validators)
	if err != nil {
		t.Fatal(err)
	}
	if r2.Status != NotModified || !r2.Unchanged() || r2.Body != nil || r2.Validators != r1.Validators {
		t.Fatalf("second download: %+v", r2)
	}
	if inm, _ := v.last(); inm != `"v1"` {
		t.Errorf("If-None-Match %q", inm)
	}

	v.set("<schedule>two</schedule>", `"v2"`, time.Time{})
	r3, err := c.Get(ctx, srv.URL+"/schedule.xml", r2.Validators)
	if err != nil {
		t.Fatal(err)
	}
	if r3.Status != Changed || string(r3.Body) != "<schedule>two</schedule>" || r3.Validators.ETag != `"v2"` || r3.Validators.SHA256 == r1.Validators.SHA256 {
		t.Fatalf("third download: %+v", r3)
	}
}

func TestVersionsWithLastModified(t *testing.T) {
	v := &versions{}
	lm := time.Date(2026, 1, 30, 12, 0, 0, 0, time.UTC)
	v.set("one", "", lm)
	srv := httptest.NewServer(v)
	defer srv.Close()
	c := testClient(1 << 20)

	r1, err := c.Get(context.Background(), srv.URL, Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if r1.Validators.LastModified != lm.Format(http.TimeFormat) || r1.Validators.ETag != "" {
		t.Fatalf("validators %+v", r1.Validators)
	}
	r2, err := c.Get(context.Background(), srv.URL, r1.Validators)
	if err != nil {
		t.Fatal(err)
	}
	if r2.Status != NotModified {
		t.Fatalf("status %v", r2.Status)
	}
	if _, ims := v.last(); ims != lm.Format(http.TimeFormat) {
		t.Errorf("If-Modified-Since %q", ims)
	}
	v.set("two", "", lm.Add(time.Hour))
	if r3, err := c.Get(context.Background(), srv.URL, r2.Validators); err != nil || r3.Status != Changed || string(r3.Body) != "two" {
		t.Fatalf("after a change: %+v %v", r3, err)
	}
}

func TestVersionsWithoutValidators(t *testing.T) {
	var mu sync.Mutex
	body := "same"
	var headers []http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		headers = append(headers, r.Header.Clone())
		io.WriteString(w, body)
	}))
	defer srv.Close()
	c := testClient(1 << 20)

	r1, err := c.Get(context.Background(), srv.URL, Validators{})
	if err != nil || r1.Status != Changed {
		t.Fatalf("%+v %v", r1, err)
	}
	if r1.Validators.ETag != "" || r1.Validators.LastModified != "" || r1.Validators.SHA256 == "" {
		t.Fatalf("validators %+v", r1.Validators)
	}
	r2, err := c.Get(context.Background(), srv.URL, r1.Validators)
	if err != nil || r2.Status != SameBody || !r2.Unchanged() || string(r2.Body) != "same" {
		t.Fatalf("identical body: %+v %v", r2, err)
	}
	mu.Lock()
	body = "different"
	if h := headers[1]; h.Get("If-None-Match") != "" || h.Get("If-Modified-Since") != "" {
		t.Errorf("conditional headers without validators: %v", h)
	}
	mu.Unlock()
	r3, err := c.Get(context.Background(), srv.URL, r2.Validators)
	if err != nil || r3.Status != Changed || string(r3.Body) != "different" {
		t.Fatalf("changed body: %+v %v", r3, err)
	}
}

func TestStatusErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/500":
			http.Error(w, "boom\x1b[2J", http.StatusInternalServerError)
		case "/404":
			http.NotFound(w, r)
		case "/304":
			w.WriteHeader(http.StatusNotModified)
		}
	}))
	defer srv.Close()
	c := testClient(1 << 20)
	_, err := c.Get(context.Background(), srv.URL+"/500", Validators{})
	wantKind(t, err, ErrStatus, "HTTP 500 Internal Server Error")
	if err.Error() != "fetching "+srv.URL+"/500: HTTP 500 Internal Server Error" {
		t.Errorf("message %q", err)
	}
	var fe *Error
	if errors.As(err, &fe); fe.Status != 500 {
		t.Errorf("status %d", fe.Status)
	}
	_, err = c.Get(context.Background(), srv.URL+"/404", Validators{})
	wantKind(t, err, ErrStatus, "HTTP 404 Not Found")
	_, err = c.Get(context.Background(), srv.URL+"/304", Validators{})
	wantKind(t, err, ErrStatus, "not conditional")
}

// rawServer answers each connection on loopback with fn, which writes the
// raw response.
func rawServer(t *testing.T, fn func(c net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer conn.Close()
				// Read the request head before answering.
				buf := make([]byte, 4096)
				var head []byte
				for !bytes.Contains(head, []byte("\r\n\r\n")) {
					conn.SetReadDeadline(time.Now().Add(2 * time.Second))
					n, err := conn.Read(buf)
					if err != nil {
						return
					}
					head = append(head, buf[:n]...)
				}
				fn(conn)
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

func TestStatusTextSanitised(t *testing.T) {
	url := rawServer(t, func(c net.Conn) {
		io.WriteString(c, "HTTP/1.1 500 Internal \x1b[31mServer\x1b]0;pwned\x07 \u202eError\u2066\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
	})
	_, err := testClient(1<<20).Get(context.Background(), url, Validators{})
	wantKind(t, err, ErrStatus, "HTTP 500 Internal Server Error")
	if strings.Contains(err.Error(), "pwned") || strings.Contains(err.Error(), "[31m") {
		t.Errorf("escape sequence left in %q", err)
	}
}

func TestTruncated(t *testing.T) {
	url := rawServer(t, func(c net.Conn) {
		io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
		c.Write(bytes.Repeat([]byte("x"), 400))
	})
	_, err := testClient(1<<20).Get(context.Background(), url, Validators{})
	wantKind(t, err, ErrCutShort, "the download was cut short (got 400 of 1000 bytes)")

	chunked := rawServer(t, func(c net.Conn) {
		io.WriteString(c, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n10\r\n0123")
	})
	_, err = testClient(1<<20).Get(context.Background(), chunked, Validators{})
	wantKind(t, err, ErrCutShort, "the download was cut short (got ")
}

func TestLongerThanContentLength(t *testing.T) {
	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(io.Discard)
	url := rawServer(t, func(c net.Conn) {
		io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello world\r\n\x1b[31mHTTP/1.1 200 OK\r\n\r\nmore")
		time.Sleep(50 * time.Millisecond)
	})
	r, err := testClient(1<<20).Get(context.Background(), url, Validators{})
	if err != nil {
		checkLine(t, err)
	} else if string(r.Body) != "hello" {
		t.Errorf("body %q", r.Body)
	}
	time.Sleep(100 * time.Millisecond)
	if logged.Len() > 0 {
		t.Errorf("the transport logged: %q", logged.String())
	}
}

func TestStall(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/body" {
			w.Header().Set("Content-Length", "100")
			io.WriteString(w, "first bytes")
			w.(http.Flusher).Flush()
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	c := testClient(1 << 20)
	c.StallTimeout = 100 * time.Millisecond
	for _, path := range []string{"/body", "/headers"} {
		start := time.Now()
		_, err := c.Get(context.Background(), srv.URL+path, Validators{})
		wantKind(t, err, ErrStalled, "stalled: no data for 100ms")
		if d := time.Since(start); d > 600*time.Millisecond {
			t.Errorf("%s: stall noticed after %v", path, d)
		}
	}
}

func TestSlowTrickleCompletes(t *testing.T) {
	const chunks = 16
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(chunks*10))
		for i := range chunks {
			fmt.Fprintf(w, "chunk %03d\n", i)
			w.(http.Flusher).Flush()
			time.Sleep(120 * time.Millisecond)
		}
	}))
	defer srv.Close()
	c := testClient(1 << 20)
	c.StallTimeout = 500 * time.Millisecond
	var progress []int64
	c.Progress = func(got, total int64) {
		if total != chunks*10 {
			t.Errorf("progress total %d", total)
		}
		progress = append(progress, got)
	}
	start := time.Now()
	r, err := c.Get(context.Background(), srv.URL, Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 3*c.StallTimeout {
		t.Fatalf("the trickle took %v, not longer than the stall timeout: the test proves nothing", d)
	}
	if len(r.Body) != chunks*10 || !strings.HasSuffix(string(r.Body), "chunk 015\n") {
		t.Errorf("body %q", r.Body)
	}
	if len(progress) < 2 || progress[len(progress)-1] != chunks*10 {
		t.Errorf("progress %v", progress)
	}
	for i := 1; i < len(progress); i++ {
		if progress[i] <= progress[i-1] {
			t.Errorf("progress went back: %v", progress)
		}
	}
}

func TestTooLarge(t *testing.T) {
	big := strings.Repeat("x", 4096)
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write(bytes.Repeat([]byte{0}, 1<<20))
	zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/declared":
			w.Header().Set("Content-Length", fmt.Sprint(len(big)))
			io.WriteString(w, big)
		case "/chunked":
			for range 4 {
				io.WriteString(w, big)
				w.(http.Flusher).Flush()
			}
		case "/gzip":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(zipped.Bytes())
		}
	}))
	defer srv.Close()
	c := testClient(2000)
	c.StallTimeout = time.Second // -race makes the gzip reader slow
	_, err := c.Get(context.Background(), srv.URL+"/declared", Validators{})
	wantKind(t, err, ErrTooLarge, "the schedule is 4 KiB, more than the 1 KiB lineup reads")
	_, err = c.Get(context.Background(), srv.URL+"/chunked", Validators{})
	wantKind(t, err, ErrTooLarge, "larger than the 1 KiB lineup reads")
	_, err = c.Get(context.Background(), srv.URL+"/gzip", Validators{})
	wantKind(t, err, ErrTooLarge, "larger than")
	c.MaxSize = 1 << 21
	if r, err := c.Get(context.Background(), srv.URL+"/gzip", Validators{}); err != nil || len(r.Body) != 1<<20 {
		t.Errorf("gzip body within the cap: %v", err)
	}
}

func TestRedirects(t *testing.T) {
	var mu sync.Mutex
	auth := map[string]string{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auth[r.URL.Path] = r.Header.Get("Authorization")
		mu.Unlock()
		switch r.URL.Path {
		case "/old":
			http.Redirect(w, r, "/new", http.StatusFound)
		case "/new":
			io.WriteString(w, "moved here")
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/ftp":
			http.Redirect(w, r, "ftp://example.org/x", http.StatusFound)
		case "/private":
			if u, p, ok := r.BasicAuth(); !ok || u != "ada" || p != "s3cret" {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			http.Redirect(w, r, "/new", http.StatusFound)
		}
	}))
	defer srv.Close()
	c := testClient(1 << 20)
	r, err := c.Get(context.Background(), srv.URL+"/old", Validators{})
	if err != nil || string(r.Body) != "moved here" || r.URL != srv.URL+"/new" {
		t.Fatalf("redirect: %+v %v", r, err)
	}
	_, err = c.Get(context.Background(), srv.URL+"/loop", Validators{})
	wantKind(t, err, ErrRedirect, "more than 10 redirects")
	_, err = c.Get(context.Background(), srv.URL+"/ftp", Validators{})
	wantKind(t, err, ErrRedirect, "redirected to a ftp address")

	// Credentials in the address are used for the first request only, and
	// appear in no result and no error.
	withCreds := strings.Replace(srv.URL, "http://", "http://ada:s3cret@", 1)
	r, err = c.Get(context.Background(), withCreds+"/private", Validators{})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	if auth["/private"] == "" || auth["/new"] != "" {
		t.Errorf("authorization sent: %q", auth)
	}
	mu.Unlock()
	if strings.Contains(r.URL, "s3cret") || strings.Contains(r.URL, "ada") {
		t.Errorf("result URL %q", r.URL)
	}
	_, err = c.Get(context.Background(), strings.Replace(withCreds, "s3cret", "wrong", 1)+"/private", Validators{})
	wantKind(t, err, ErrStatus, "HTTP 401 Unauthorized")
	if strings.Contains(err.Error(), "wrong") || strings.Contains(err.Error(), "ada") || !strings.Contains(err.Error(), srv.URL+"/private") {
		t.Errorf("credentials in %q", err)
	}
}

func TestCredentialsNeverInErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	c := testClient(1 << 20)
	for _, u := range []string{
		"http://ada:s3cret@" + addr + "/x",
		"ftp://ada:s3cret@example.org/x",
		"http://ada:s3cret@" + addr + "/%zz",
		"http://ada:s3cret@",
	} {
		_, err := c.Get(context.Background(), u, Validators{})
		if err == nil {
			t.Fatalf("%s: no error", u)
		}
		checkLine(t, err)
		if strings.Contains(err.Error(), "s3cret") || strings.Contains(err.Error(), "ada") {
			t.Errorf("%s: credentials in %q", u, err)
		}
	}
}

func TestRedact(t *testing.T) {
	cases := map[string]string{
		"https://ada:s3cret@example.org/s.xml?x=1": "https://example.org/s.xml?x=1",
		"https://ada@example.org/":                 "https://example.org/",
		"https://example.org/a@b":                  "https://example.org/a@b",
		"http://ada:s3cret@host/%zz":               "http://host/%zz",
		"http://a:b@c@host:8080/":                  "http://host:8080/",
		"https://example.org/\x1b[31mred":          "https://example.org/red",
		"not a url":                                "not a url",
	}
	for in, want := range cases {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBadAddresses(t *testing.T) {
	c := testClient(1 << 20)
	for in, msg := range map[string]string{
		"ftp://example.org/x":  "lineup fetches http and https addresses, not ftp",
		"file:///etc/passwd":   "not file",
		"schedule.xml":         "not an http or https address",
		"http:///nohost":       "no host",
		"http://exa mple.org/": "not a valid address",
	} {
		_, err := c.Get(context.Background(), in, Validators{})
		wantKind(t, err, ErrURL, msg)
	}
	if _, err := New(0).Get(context.Background(), "http://127.0.0.1:1/", Validators{}); !errors.Is(err, ErrURL) {
		t.Errorf("no size cap: %v", err)
	}
}

func TestConnect(t *testing.T) {
	c := testClient(1 << 20)
	c.ConnectTimeout = 50 * time.Millisecond
	c.StallTimeout = time.Second
	c.dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		<-ctx.Done()
		return nil, &net.OpError{Op: "dial", Net: network, Err: ctx.Err()}
	}
	start := time.Now()
	_, err := c.Get(context.Background(), "http://schedule.test/x", Validators{})
	wantKind(t, err, ErrConnect, "could not connect within 50ms")
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("connect timeout after %v", d)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, err = testClient(1<<20).Get(context.Background(), "http://"+addr+"/", Validators{})
	wantKind(t, err, ErrConnect, "could not connect: ")
}

func TestCancelled(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()
	c := testClient(1 << 20)
	c.StallTimeout = 5 * time.Second
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := c.Get(ctx, srv.URL, Validators{})
	wantKind(t, err, ErrCancelled, "cancelled")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("%v does not wrap context.Canceled", err)
	}
}

func TestBadValidatorsNotSent(t *testing.T) {
	v := &versions{}
	v.set("x", `"v1"`, time.Time{})
	srv := httptest.NewServer(v)
	defer srv.Close()
	r, err := testClient(1<<20).Get(context.Background(), srv.URL, Validators{ETag: "\"v1\"\r\nX-Evil: 1", LastModified: "\x00"})
	if err != nil || r.Status != Changed {
		t.Fatalf("%+v %v", r, err)
	}
	if inm, ims := v.last(); inm != "" || ims != "" {
		t.Errorf("sent %q %q", inm, ims)
	}
}

// BenchmarkUnchanged measures a refresh of a FOSDEM-size schedule (2.7 MB)
// that has not changed, on loopback: answered 304, and sent whole but
// identical (hashed and compared).
func BenchmarkUnchanged(b *testing.B) {
	body := bytes.Repeat([]byte("<event>FOSDEM-size schedule line</event>\n"), 2_765_082/41)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.Write(body)
	}))
	defer srv.Close()
	c := New(64 << 20)
	first, err := c.Get(context.Background(), srv.URL, Validators{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("304", func(b *testing.B) {
		prior := Validators{ETag: `"v1"`, SHA256: first.Validators.SHA256}
		for b.Loop() {
			if r, err := c.Get(context.Background(), srv.URL, prior); err != nil || r.Status != NotModified {
				b.Fatal(r, err)
			}
		}
	})
	b.Run("same-body", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			if r, err := c.Get(context.Background(), srv.URL, first.Validators); err != nil || r.Status != SameBody {
				b.Fatal(r, err)
			}
		}
	})
}

func FuzzRedact(f *testing.F) {
	for _, s := range []string{"https://ada:s3cret@example.org/x", "http://a@b@c/", "ftp://x\x1b[31m", "not a url", "http://[::1]:80/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got := Redact(raw)
		if strings.ContainsAny(got, "\x1b\r\n\u202e\u2066") {
			t.Fatalf("Redact(%q) = %q holds controls", raw, got)
		}
		if info := userinfo(got); info != "" {
			t.Fatalf("Redact(%q) = %q keeps %q", raw, got, info)
		}
		if u, err := url.Parse(got); err == nil && u.User != nil {
			t.Fatalf("Redact(%q) = %q has a user", raw, got)
		}
		msg := newError(got, raw, ErrStatus, 0, "HTTP 500 "+raw).Error()
		if strings.ContainsAny(msg, "\x1b\r\n") {
			t.Fatalf("error %q is not one line", msg)
		}
	})
}

func TestClean(t *testing.T) {
	cases := []struct {
		in   string
		max  int
		want string
	}{
		{strings.Repeat("é", 10), 5, "ééééé…"},
		{strings.Repeat("é", 5), 5, "ééééé"},
		{"ok\x1b[31m red\r\nline\u202e", 100, "ok red line"},
		{"\x1b]8;;http://x\x07link\x1b\\", 100, "link"},
	}
	for _, tc := range cases {
		if got := clean(tc.in, tc.max); got != tc.want {
			t.Errorf("clean(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}
