// Package parallel runs independent per-item work on every core; the
// readers' text cleaning and the search index build share it.
package parallel

import (
	"runtime"
	"sync"
)

// For runs fn(0) … fn(n-1) on every core; fn must only touch item i.
func For(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n/64+1)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += chunk {
		hi := min(n, lo+chunk)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				fn(i)
			}
		}()
	}
	wg.Wait()
}
