package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	bolt "go.etcd.io/bbolt"
)

// Writes that arrive while a commit is on its way (waiting for the disk)
// all go into the next commit: however slow the disk, a held store commits
// once per disk sync, not once per arrival window, so a queue of writes
// cannot grow faster than it drains.
func TestHeldStoreCommitsWhatQueuedMeanwhileAtOnce(t *testing.T) {
	st, err := Hold(filepath.Join(t.TempDir(), "lineup.db"), ServerNote{PID: os.Getpid(), Listen: ":2222"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h := st.held

	var mu sync.Mutex
	txs := map[*bolt.Tx]int{}
	write := func(key string) func(tx *bolt.Tx) error {
		return func(tx *bolt.Tx) error {
			mu.Lock()
			txs[tx]++
			mu.Unlock()
			b, err := tx.CreateBucketIfNotExists([]byte("held-test"))
			if err != nil {
				return err
			}
			return b.Put([]byte(key), []byte("x"))
		}
	}
	// A slow commit: its function holds the transaction open for 150 ms.
	release := make(chan struct{})
	slow := make(chan error, 1)
	go func() {
		slow <- h.run(true, 0, func(tx *bolt.Tx) error {
			<-release
			return write("slow")(tx)
		})
	}()
	time.Sleep(20 * time.Millisecond)
	// Meanwhile 30 writes arrive, one every 4 ms.
	const n = 30
	errs := make(chan error, n)
	for i := range n {
		go func() { errs <- h.run(true, 0, write(string(rune('a'+i)))) }()
		time.Sleep(4 * time.Millisecond)
	}
	close(release)
	if err := <-slow; err != nil {
		t.Fatal(err)
	}
	for range n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(txs) != 2 {
		t.Errorf("the slow write and the %d that came meanwhile took %d commits, want 2", n, len(txs))
	}
	var got int
	_ = h.db.View(func(tx *bolt.Tx) error {
		got = tx.Bucket([]byte("held-test")).Stats().KeyN
		return nil
	})
	if got != n+1 {
		t.Errorf("%d keys written, want %d", got, n+1)
	}
}

// A write that fails in a shared commit fails alone: the others are
// committed without it, and it gets its own error.
func TestHeldStoreAWriteFailsAlone(t *testing.T) {
	st, err := Hold(filepath.Join(t.TempDir(), "lineup.db"), ServerNote{PID: os.Getpid(), Listen: ":2222"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h := st.held
	bad := errors.New("no")
	release := make(chan struct{})
	first := make(chan error, 1)
	go func() {
		first <- h.run(true, 0, func(*bolt.Tx) error { <-release; return nil })
	}()
	time.Sleep(20 * time.Millisecond)
	const n = 10
	errs := make([]chan error, n)
	for i := range n {
		errs[i] = make(chan error, 1)
		go func() {
			// As every write of the store does (once), a panic is an error.
			errs[i] <- st.guard(func() error {
				return h.run(true, 0, func(tx *bolt.Tx) error {
					if i == 4 {
						return bad
					}
					if i == 7 {
						panic("seven")
					}
					b, err := tx.CreateBucketIfNotExists([]byte("held-test"))
					if err != nil {
						return err
					}
					return b.Put([]byte{byte(i)}, []byte("x"))
				})
			})
		}()
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	for i := range n {
		err := <-errs[i]
		switch i {
		case 4:
			if !errors.Is(err, bad) {
				t.Errorf("the failing write returned %v", err)
			}
		case 7:
			if err == nil || !strings.Contains(err.Error(), "seven") {
				t.Errorf("the panicking write returned %v", err)
			}
		default:
			if err != nil {
				t.Errorf("write %d: %v", i, err)
			}
		}
	}
	var got int
	_ = h.db.View(func(tx *bolt.Tx) error {
		got = tx.Bucket([]byte("held-test")).Stats().KeyN
		return nil
	})
	if got != n-2 {
		t.Errorf("%d keys written, want %d", got, n-2)
	}
}

// BenchmarkHeldRatings is 200 people rating at once on a held store, as
// `lineup serve` has them: one op is one rating, stored and tallied.
func BenchmarkHeldRatings(b *testing.B) {
	st, err := Hold(filepath.Join(b.TempDir(), "lineup.db"), ServerNote{PID: os.Getpid(), Listen: ":2222"})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	c, err := st.Conference(data.BuiltinSlug)
	if err != nil {
		b.Fatal(err)
	}
	const people = 200
	var next atomic.Int64
	b.ResetTimer()
	var wg sync.WaitGroup
	for i := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			me := st.As(fmt.Sprintf("SHA256:person%d", i))
			for n := next.Add(1); n <= int64(b.N); n = next.Add(1) {
				if err := me.SetRating(data.BuiltinSlug, c.Sessions[int(n)%len(c.Sessions)].ID, 1+int(n)%5); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
