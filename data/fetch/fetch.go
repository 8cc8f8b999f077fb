// Package fetch downloads schedules over unreliable networks (venue wifi).
//
// A download is given a connect timeout and a stall timeout instead of one
// deadline for the whole transfer: a slow download that keeps moving
// completes, one that stops sending for the stall timeout fails. Requests are
// conditional when validators from the last good download are known
// (If-None-Match, If-Modified-Since), and the body is hashed so that a server
// that never answers 304 but sends the same bytes still counts as unchanged.
//
// Every error is one line that names the URL without its credentials (see
// Redact). Credentials written into a URL (https://user:pass@host/…) are sent
// as HTTP basic authentication on the first request only, never on a
// redirect; callers must store and print Redact(url), never the URL itself.
package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"time"

	"github.com/lineup-tui/lineup/data/clock"
)

// Defaults for a Client's timeouts.
const (
	DefaultConnectTimeout = 10 * time.Second
	DefaultStallTimeout   = 20 * time.Second
	DefaultMaxRedirects   = 10
)

// maxValidator is the longest ETag or Last-Modified value remembered.
const maxValidator = 512

// Validators identify the last good download, for the next conditional
// request. Store them with the schedule; they hold no credentials.
type Validators struct {
	ETag         string `json:"etag,omitempty"`          // the ETag header, verbatim
	LastModified string `json:"last_modified,omitempty"` // the Last-Modified header, verbatim
	SHA256       string `json:"sha256,omitempty"`        // hex SHA-256 of the body
}

// Status says what a successful download found.
type Status int

const (
	// Changed: a body that differs from the last good one (or there was none).
	Changed Status = iota
	// NotModified: the server answered 304 Not Modified.
	NotModified
	// SameBody: the server sent a body identical to the last good one.
	SameBody
)

func (s Status) String() string {
	switch s {
	case Changed:
		return "changed"
	case NotModified:
		return "not modified"
	case SameBody:
		return "same body"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Result is a successful download.
type Result struct {
	Status Status
	// Body is the body for Changed and SameBody, nil for NotModified.
	Body []byte
	// Validators are the ones to remember once the body has been read
	// successfully (for NotModified and SameBody: the previous ones, updated
	// with any the server sent).
	Validators Validators
	// URL is where the body came from after redirects, without credentials.
	URL string
	// Elapsed is how long the download took.
	Elapsed time.Duration
}

// Unchanged reports whether the schedule is the same as the last good one
// (304, or an identical body).
func (r *Result) Unchanged() bool { return r.Status == NotModified || r.Status == SameBody }

// Client downloads schedules. The zero value is not usable: build one with
// New, then adjust the fields before the first Get. A Client may be used by
// several goroutines at once; it holds no connections between downloads, so
// a copy (to set another Progress, say) is as good as the original.
type Client struct {
	// MaxSize is the largest body accepted, in bytes (after decompression).
	MaxSize int64
	// ConnectTimeout bounds name lookup, TCP connect and TLS handshake.
	ConnectTimeout time.Duration
	// StallTimeout is how long the server may send nothing (before the
	// response headers or between two reads of the body).
	StallTimeout time.Duration
	// MaxRedirects is how many redirects are followed.
	MaxRedirects int
	// UserAgent is sent with each request.
	UserAgent string
	// Progress, if set, is called as the body arrives with the bytes read so
	// far and the expected total (-1 when the server did not say).
	Progress func(got, total int64)

	// dial replaces the network dialer in tests.
	dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// New returns a Client that accepts bodies of at most maxSize bytes, with the
// default timeouts.
func New(maxSize int64) *Client {
	return &Client{
		MaxSize:        maxSize,
		ConnectTimeout: DefaultConnectTimeout,
		StallTimeout:   DefaultStallTimeout,
		MaxRedirects:   DefaultMaxRedirects,
		UserAgent:      "lineup (conference schedule browser)",
	}
}

// errStall is the cause given to the request's context when it stalls.
var errStall = errors.New("stall timer fired")

// Get downloads rawURL. prior are the validators of the last good download
// (the zero value for a first download). A non-nil error is an *Error, one
// line, naming the URL without credentials; the context's own cancellation
// is returned as an *Error wrapping ctx.Err(). A body shorter than its
// Content-Length, or cut off mid-chunk or mid-gzip, is ErrCutShort; a body
// without either that stops early looks complete to HTTP, and it is the
// reader's parse that will reject it. Bytes after the announced
// Content-Length are ignored.
func (c *Client) Get(ctx context.Context, rawURL string, prior Validators) (*Result, error) {
	watch := clock.StartWatch()
	shown := Redact(rawURL)
	fail := func(kind error, format string, args ...any) *Error {
		return newError(shown, rawURL, kind, 0, fmt.Sprintf(format, args...))
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fail(ErrURL, "not a valid address")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		scheme := u.Scheme
		if scheme == "" {
			return nil, fail(ErrURL, "not an http or https address")
		}
		return nil, fail(ErrURL, "lineup fetches http and https addresses, not %s", clean(scheme, 20))
	}
	if u.Host == "" {
		return nil, fail(ErrURL, "the address has no host")
	}
	if c.MaxSize <= 0 {
		return nil, fail(ErrURL, "no size limit set")
	}

	if ctx == nil {
		ctx = context.Background()
	}
	parent := ctx
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stallAfter := c.StallTimeout
	if stallAfter <= 0 {
		stallAfter = DefaultStallTimeout
	}
	stall := time.AfterFunc(stallAfter, func() { cancel(errStall) })
	defer stall.Stop()
	poke := func() { stall.Reset(stallAfter) }
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		ConnectDone:          func(string, string, error) { poke() },
		TLSHandshakeStart:    poke,
		WroteRequest:         func(httptrace.WroteRequestInfo) { poke() },
		GotFirstResponseByte: poke,
	})

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fail(ErrURL, "not a valid address")
	}
	if c.UserAgent != "" {
		req.Header.Set("User-Agent", c.UserAgent)
	}
	if v := prior.ETag; v != "" && headerSafe(v) {
		req.Header.Set("If-None-Match", v)
	}
	if v := prior.LastModified; v != "" && headerSafe(v) {
		req.Header.Set("If-Modified-Since", v)
	}
	conditional := req.Header.Get("If-None-Match") != "" || req.Header.Get("If-Modified-Since") != ""

	failed := func(err error) *Error {
		switch {
		case context.Cause(ctx) == errStall:
			return fail(ErrStalled, "stalled: no data for %s", seconds(stallAfter))
		case parent.Err() != nil:
			why := "cancelled"
			if errors.Is(parent.Err(), context.DeadlineExceeded) {
				why = "cancelled: the time allowed ran out"
			}
			e := fail(ErrCancelled, "%s", why)
			e.err = parent.Err()
			return e
		}
		return nil
	}

	hc := c.httpClient(shown)
	defer hc.CloseIdleConnections()
	resp, err := hc.Do(req)
	if err != nil {
		if e := failed(err); e != nil {
			return nil, e
		}
		var fe *Error
		if errors.As(err, &fe) {
			return nil, fe
		}
		return nil, c.connectError(shown, rawURL, err)
	}
	defer resp.Body.Close()
	final := Redact(resp.Request.URL.String())

	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotModified:
		if !conditional {
			return nil, newError(shown, rawURL, ErrStatus, resp.StatusCode, "the server answered 304 Not Modified to a request that was not conditional")
		}
		v := prior
		if et := validator(resp.Header.Get("ETag")); et != "" {
			v.ETag = et
		}
		if lm := validator(resp.Header.Get("Last-Modified")); lm != "" {
			v.LastModified = lm
		}
		return &Result{Status: NotModified, Validators: v, URL: final, Elapsed: watch.Elapsed()}, nil
	default:
		return nil, newError(shown, rawURL, ErrStatus, resp.StatusCode, "HTTP "+statusLine(resp))
	}

	total := resp.ContentLength
	if total > c.MaxSize {
		return nil, fail(ErrTooLarge, "the schedule is %s, more than the %s lineup reads", size(total), size(c.MaxSize))
	}
	var buf bytes.Buffer
	if total > 0 {
		buf.Grow(int(total))
	}
	chunk := make([]byte, 32<<10)
	for {
		n, rerr := resp.Body.Read(chunk)
		if n > 0 {
			poke()
			if int64(buf.Len()+n) > c.MaxSize {
				return nil, fail(ErrTooLarge, "the schedule is larger than the %s lineup reads", size(c.MaxSize))
			}
			buf.Write(chunk[:n])
			if c.Progress != nil {
				c.Progress(int64(buf.Len()), total)
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			if e := failed(rerr); e != nil {
				return nil, e
			}
			return nil, fail(ErrCutShort, "%s", cutShort(int64(buf.Len()), total))
		}
	}
	if total >= 0 && int64(buf.Len()) < total {
		return nil, fail(ErrCutShort, "%s", cutShort(int64(buf.Len()), total))
	}

	body := buf.Bytes()
	sum := sha256.Sum256(body)
	v := Validators{
		ETag:         validator(resp.Header.Get("ETag")),
		LastModified: validator(resp.Header.Get("Last-Modified")),
		SHA256:       hex.EncodeToString(sum[:]),
	}
	st := Changed
	if prior.SHA256 != "" && strings.EqualFold(prior.SHA256, v.SHA256) {
		st = SameBody
	}
	return &Result{Status: st, Body: body, Validators: v, URL: final, Elapsed: watch.Elapsed()}, nil
}

// httpClient builds the client for one download: a transport without
// keep-alive (a connection is never reused, so a server that sends more than
// it announced cannot confuse the next request), the connect timeout, and a
// redirect policy that stays on http and https.
func (c *Client) httpClient(shown string) *http.Client {
	connect := c.ConnectTimeout
	if connect <= 0 {
		connect = DefaultConnectTimeout
	}
	dial := c.dial
	if dial == nil {
		d := &net.Dialer{Timeout: connect, KeepAlive: 30 * time.Second}
		dial = d.DialContext
	} else {
		inner := dial
		dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
			ctx, cancel := context.WithTimeout(ctx, connect)
			defer cancel()
			return inner(ctx, network, addr)
		}
	}
	tr := &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		DialContext:         dial,
		TLSHandshakeTimeout: connect,
		DisableKeepAlives:   true,
		ForceAttemptHTTP2:   false,
	}
	maxRedirects := c.MaxRedirects
	if maxRedirects <= 0 {
		maxRedirects = DefaultMaxRedirects
	}
	return &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			// Credentials from the address go to the first request only (a
			// relative Location inherits them from the address otherwise).
			req.URL.User = nil
			req.Header.Del("Authorization")
			if len(via) > maxRedirects {
				return newError(shown, "", ErrRedirect, 0, fmt.Sprintf("more than %d redirects", maxRedirects))
			}
			if s := req.URL.Scheme; s != "http" && s != "https" {
				return newError(shown, "", ErrRedirect, 0, fmt.Sprintf("redirected to a %s address; lineup fetches http and https only", clean(s, 20)))
			}
			return nil
		},
	}
}

// connectError describes a failed request that got no response.
func (c *Client) connectError(shown, raw string, err error) *Error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var op *net.OpError
	var ne net.Error
	connect := c.ConnectTimeout
	if connect <= 0 {
		connect = DefaultConnectTimeout
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return newError(shown, raw, ErrConnect, 0, "could not connect within "+seconds(connect))
	case errors.As(err, &op) && op.Op == "dial":
		return newError(shown, raw, ErrConnect, 0, "could not connect: "+clean(innermost(op), 200))
	}
	return newError(shown, raw, ErrConnect, 0, "could not fetch: "+clean(err.Error(), 200))
}

// innermost returns the message of the innermost wrapped error ("connection
// refused", "no such host").
func innermost(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

func cutShort(got, total int64) string {
	if total > 0 {
		return fmt.Sprintf("the download was cut short (got %d of %d bytes)", got, total)
	}
	return fmt.Sprintf("the download was cut short (got %d bytes)", got)
}

// statusLine is "500 Internal Server Error", cleaned of anything a terminal
// would act on.
func statusLine(resp *http.Response) string {
	s := clean(resp.Status, 100)
	code := fmt.Sprint(resp.StatusCode)
	if !strings.HasPrefix(s, code) {
		s = code + " " + s
	}
	if strings.TrimSpace(strings.TrimPrefix(s, code)) == "" {
		if text := http.StatusText(resp.StatusCode); text != "" {
			s = code + " " + text
		}
	}
	return strings.TrimSpace(s)
}

// validator keeps a header value to send back, or "" when it is too long or
// holds bytes a header may not.
func validator(v string) string {
	if len(v) > maxValidator || !headerSafe(v) {
		return ""
	}
	return v
}

func headerSafe(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

func seconds(d time.Duration) string {
	if d >= time.Second && d%time.Second == 0 {
		return fmt.Sprintf("%ds", int(d/time.Second))
	}
	return d.String()
}

func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
