package fetch_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/lineup-tui/lineup/data/fetch"
)

func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, "<schedule/>")
	}))
	defer srv.Close()

	client := fetch.New(64 << 20)
	// The first download; remember res.Validators with the schedule once it
	// parses.
	res, err := client.Get(context.Background(), srv.URL, fetch.Validators{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Status, len(res.Body))
	// The next refresh sends them back.
	res, err = client.Get(context.Background(), srv.URL, res.Validators)
	fmt.Println(res.Status, res.Unchanged(), err)

	// Credentials never show.
	fmt.Println(fetch.Redact("https://ada:s3cret@example.org/schedule.xml"))
	_, err = client.Get(context.Background(), "ftp://ada:s3cret@example.org/x", fetch.Validators{})
	fmt.Println(strings.Contains(err.Error(), "s3cret"), err)
	// Output:
	// changed 11
	// not modified true <nil>
	// https://example.org/schedule.xml
	// false fetching ftp://example.org/x: lineup fetches http and https addresses, not ftp
}
