package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/lineup-tui/lineup/data/changes"
	"github.com/lineup-tui/lineup/data/fetch"
	bolt "go.etcd.io/bbolt"
)

// MaxChangeSets is how many change sets a conference keeps; older ones are
// dropped as new ones are recorded.
const MaxChangeSets = 30

// Source is where a conference imported from a URL comes from, and what a
// refresh needs to fetch it again: the import options and the validators of
// the last good download.
type Source struct {
	// URL is the address without credentials (fetch.Redact).
	URL string `json:"url"`
	// The import options: --format, --tz, --slug and --name.
	Format   string `json:"format,omitempty"`
	TimeZone string `json:"tz,omitempty"`
	Slug     string `json:"slug,omitempty"`
	Name     string `json:"name,omitempty"`
	// Validators are those of the last good download.
	Validators fetch.Validators `json:"validators"`
	// FetchedAt is when the stored schedule was downloaded; CheckedAt when
	// the source was last found unchanged or changed (a failed check does
	// not count).
	FetchedAt time.Time `json:"fetched_at,omitzero"`
	CheckedAt time.Time `json:"checked_at,omitzero"`
}

// encodeSource turns a source into its stored form, without credentials.
func encodeSource(src *Source) ([]byte, error) {
	rec := *src
	rec.URL = fetch.Redact(rec.URL)
	if rec.URL == "" {
		return nil, fmt.Errorf("the source has no URL")
	}
	return json.Marshal(&rec)
}

// putSource stores (or, for nil, deletes) the source of a schedule.
func putSource(tx *bolt.Tx, slug, v []byte) error {
	cb := bucket(tx, bucketSchedules, slug)
	if cb == nil {
		return fmt.Errorf("conference %q is not in the store", slug)
	}
	if v == nil {
		return cb.Delete(keySource)
	}
	return cb.Put(keySource, v)
}

// Source returns where a conference was fetched from, or nil when it was
// read from a file (or built in).
func (s *Store) Source(slug string) (*Source, error) {
	var src *Source
	err := s.view(func(tx *bolt.Tx) error {
		cb := bucket(tx, bucketSchedules, []byte(slug))
		if cb == nil {
			return s.noConference(slug)
		}
		var err error
		src, err = s.readSource(cb, slug)
		return err
	})
	return src, err
}

func (s *Store) readSource(cb *bolt.Bucket, slug string) (*Source, error) {
	v := cb.Get(keySource)
	if v == nil {
		return nil, nil
	}
	var src Source
	if err := json.Unmarshal(v, &src); err != nil {
		return nil, s.damaged(fmt.Sprintf("the source of %q: %v", slug, err))
	}
	return &src, nil
}

// MarkChecked records that the source of slug was found unchanged at at,
// with the validators to send next time. Nothing else is written.
func (s *Store) MarkChecked(slug string, v fetch.Validators, at time.Time) error {
	return s.update(func(tx *bolt.Tx) error {
		cb := bucket(tx, bucketSchedules, []byte(slug))
		if cb == nil {
			return s.noConference(slug)
		}
		src, err := s.readSource(cb, slug)
		if err != nil {
			return err
		}
		if src == nil {
			return fmt.Errorf("%s was not imported from a URL", slug)
		}
		src.Validators = v
		src.CheckedAt = at.UTC().Truncate(time.Second)
		b, err := encodeSource(src)
		if err != nil {
			return err
		}
		return cb.Put(keySource, b)
	})
}

// putChangeSet appends a non-empty change set to the conference's history
// and drops the oldest beyond MaxChangeSets.
func putChangeSet(tx *bolt.Tx, slug []byte, set *changes.Set) error {
	if set.Empty() {
		return nil
	}
	b, err := makeBucket(tx, bucketSchedules, slug, bucketChanges)
	if err != nil {
		return err
	}
	v, err := json.Marshal(set)
	if err != nil {
		return err
	}
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	if err := b.Put(binary.BigEndian.AppendUint64(nil, seq), v); err != nil {
		return err
	}
	var keys [][]byte
	c := b.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		keys = append(keys, append([]byte(nil), k...))
	}
	if len(keys) <= MaxChangeSets {
		return nil
	}
	old := keys[:len(keys)-MaxChangeSets]
	for _, k := range old {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// History is what a conference's calendar export and change list need.
type History struct {
	// Sets are the recorded change sets, oldest first, each prepared for
	// lookups.
	Sets []*changes.Set
	// First is when the conference was first stored (zero when unknown).
	First time.Time
}

// ChangeHistory returns the conference's recorded change sets and when it
// was first stored.
func (s *Store) ChangeHistory(slug string) (History, error) {
	var h History
	err := s.view(func(tx *bolt.Tx) error {
		cb := bucket(tx, bucketSchedules, []byte(slug))
		if cb == nil {
			return s.noConference(slug)
		}
		if v := cb.Get(keyFirst); v != nil {
			if err := h.First.UnmarshalText(v); err != nil {
				return s.damaged(fmt.Sprintf("the first import time of %q: %v", slug, err))
			}
		}
		b := bucket(tx, bucketSchedules, []byte(slug), bucketChanges)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var set changes.Set
			if err := json.Unmarshal(v, &set); err != nil {
				return s.damaged(fmt.Sprintf("change set %x of %q: %v", k, slug, err))
			}
			set.Prepare()
			h.Sets = append(h.Sets, &set)
			return nil
		})
	})
	return h, err
}

// putFirst records when a conference was first stored, once.
func putFirst(tx *bolt.Tx, slug []byte, at time.Time) error {
	cb := bucket(tx, bucketSchedules, slug)
	if cb == nil || cb.Get(keyFirst) != nil || at.IsZero() {
		return nil
	}
	v, err := at.UTC().MarshalText()
	if err != nil {
		return err
	}
	return cb.Put(keyFirst, v)
}

// migrateSources (3) gives each conference imported from a URL a source
// record, so that it can be refreshed, takes any credentials out of the
// source recorded on the conference and in the index, and records the last
// import as the first (the earliest time known).
func migrateSources(tx *bolt.Tx) error {
	sch := tx.Bucket(bucketSchedules)
	ib := bucket(tx, bucketIndex, bucketConferences)
	return sch.ForEachBucket(func(slug []byte) error {
		cb := sch.Bucket(slug)
		var conf map[string]json.RawMessage
		if err := json.Unmarshal(cb.Get(keyConf), &conf); err != nil {
			return fmt.Errorf("conference %q: %w", slug, err)
		}
		var imported time.Time
		if raw, ok := conf["imported_at"]; ok {
			_ = json.Unmarshal(raw, &imported)
		}
		if err := putFirst(tx, slug, imported); err != nil {
			return err
		}
		var url string
		if raw, ok := conf["source"]; !ok || json.Unmarshal(raw, &url) != nil || !isURL(url) {
			return nil
		}
		shown := fetch.Redact(url)
		if shown != url {
			conf["source"], _ = json.Marshal(shown)
			b, err := json.Marshal(conf)
			if err != nil {
				return err
			}
			if err := cb.Put(keyConf, b); err != nil {
				return err
			}
			if ib != nil {
				if err := redactIndex(ib, slug, shown); err != nil {
					return err
				}
			}
		}
		src, err := encodeSource(&Source{URL: shown, FetchedAt: imported, CheckedAt: imported})
		if err != nil {
			return err
		}
		return cb.Put(keySource, src)
	})
}

func redactIndex(ib *bolt.Bucket, slug []byte, shown string) error {
	var ci ConferenceInfo
	if err := json.Unmarshal(ib.Get(slug), &ci); err != nil {
		return nil // the entry is rebuilt by the next import
	}
	ci.Source = shown
	b, err := json.Marshal(ci)
	if err != nil {
		return err
	}
	return ib.Put(slug, b)
}

// isURL reports whether a recorded source is an http(s) address.
func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}
