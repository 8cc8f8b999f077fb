package serve

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limiter is a token bucket per identity: each identity may make Burst
// changes at once and then PerSecond a second. It is safe for concurrent use.
// Buckets unused for a while are dropped, so the map stays as small as the
// number of active identities.
type Limiter struct {
	mu      sync.Mutex
	every   rate.Limit
	burst   int
	buckets map[string]*bucket
	swept   time.Time
	now     func() time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// idleBucket is how long an unused bucket is kept. A bucket left unused that
// long is full again anyway, so dropping it changes nothing.
const idleBucket = 10 * time.Minute

// NewLimiter returns a limiter allowing perSecond changes a second per
// identity, with bursts of burst. perSecond <= 0 means no limit.
func NewLimiter(perSecond float64, burst int) *Limiter {
	if burst < 1 {
		burst = 1
	}
	every := rate.Limit(perSecond)
	if perSecond <= 0 {
		every = rate.Inf
	}
	return &Limiter{every: every, burst: burst, buckets: map[string]*bucket{}, now: time.Now}
}

// Allow reports whether identity may make one change now, and takes a token
// when it may.
func (l *Limiter) Allow(identity string) bool {
	if l == nil {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if now.Sub(l.swept) > idleBucket {
		for id, b := range l.buckets {
			if now.Sub(b.seen) > idleBucket {
				delete(l.buckets, id)
			}
		}
		l.swept = now
	}
	b := l.buckets[identity]
	if b == nil {
		b = &bucket{lim: rate.NewLimiter(l.every, l.burst)}
		l.buckets[identity] = b
	}
	b.seen = now
	return b.lim.AllowN(now, 1)
}
