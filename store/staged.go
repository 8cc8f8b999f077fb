package store

import (
	"fmt"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/search"
	bolt "go.etcd.io/bbolt"
)

// A big schedule is written in stages, so that neither its encoded values
// nor bbolt's copy of them in new pages are ever all in memory at once:
// with the file locked throughout, one transaction checks the file and
// makes an empty staging bucket; then a few transactions each encode and
// write a part of the sessions (about stageBytes of values), then the
// speakers and the search snapshot into it; a last transaction compares
// with the stored schedule, moves the staged buckets into the conference's
// bucket (bbolt moves a bucket without copying its pages), and records
// the change set, the source and the index entry. Until that last commit
// nobody sees the new schedule: a process killed on the way leaves only the
// staging bucket, which no reader looks at and the next staged import
// deletes first.

// stagedSessions is the size of schedule from which Replace stages it; a
// smaller one is written in one transaction.
var stagedSessions = 4000

// stageBytes is about how many bytes of values one staging transaction
// writes. With the search snapshot made at the same time, every megabyte
// held here is a megabyte less before the import's memory limit: at 100k
// sessions 4 MB stages took 0.89× the CPU of 16 MB ones, for a sync of the
// file (about 2 ms) every 4 MB.
const stageBytes = 4 << 20

// bucketStaging holds the buckets of a schedule being imported (see above).
var bucketStaging = []byte("staging")

// sessionsSize is about how many bytes the sessions of c take encoded.
func sessionsSize(c *data.Conference) int {
	n := 0
	for i := range c.Sessions {
		s := &c.Sessions[i]
		n += 64 + len(s.ID) + len(s.Title) + len(s.Subtitle) + len(s.Date) + len(s.Room) + len(s.Track) +
			len(s.Type) + len(s.Level) + len(s.Language) + len(s.Abstract) + len(s.Description) +
			len(s.URL) + len(s.FeedbackURL)
		for _, l := range [][]string{s.SpeakerIDs, s.Audience, s.Prerequisites, s.Outcomes} {
			for _, x := range l {
				n += 2 + len(x)
			}
		}
		for _, l := range s.Links {
			n += 4 + len(l.Title) + len(l.URL)
		}
	}
	return n
}

// replaceStaged is Replace for a big schedule on a store that is not held
// (see above). at is ImportedAt, src the encoded source or nil.
func (s *Store) replaceStaged(c *data.Conference, o ReplaceOptions, at time.Time, src []byte) (Change, error) {
	if bad := s.bad.Load(); bad != nil {
		return Change{}, s.refuseWrite(bad)
	}
	conf, info := encodeHead(c)
	// The search snapshot takes about half as many bytes as the sessions.
	size := sessionsSize(c)
	grow := size + size/2
	db, err := s.openDB(true, grow)
	if err != nil {
		return Change{}, err
	}
	defer db.Close()
	var ch Change
	err = s.guard(func() error {
		err := db.Update(func(tx *bolt.Tx) error {
			if err := s.checkCurrent(tx); err != nil {
				return err
			}
			// A receipt from the last write stands for the whole check
			// (receipt.go).
			if !s.vouched(tx) {
				if err := s.verify(tx); err != nil {
					return err
				}
			}
			if tx.Bucket(bucketStaging) != nil {
				if err := tx.DeleteBucket(bucketStaging); err != nil {
					return err
				}
			}
			_, err := tx.CreateBucket(bucketStaging)
			return err
		})
		if err != nil {
			return err
		}
		// The search snapshot is made on another core while the sessions
		// and speakers are encoded and written: it only reads c, and its
		// bytes are ready about when the last stage is (made before the
		// stages, they were held through all of them). Its only failure,
		// encoding the conference's fields, cannot happen (encodeHead).
		snapc := make(chan []byte, 1)
		go func() {
			snap, _ := search.EncodeSnapshot(c)
			snapc <- snap
		}()
		err = stageSeq(db, bucketSessions, len(c.Sessions), func(dst []byte, i int) []byte {
			return encodeSession(dst, &c.Sessions[i])
		})
		if err != nil {
			err = fmt.Errorf("storing the sessions: %w", err)
		} else if err = stageSeq(db, bucketSpeakers, len(c.Speakers), func(dst []byte, i int) []byte {
			return encodeSpeaker(dst, &c.Speakers[i])
		}); err != nil {
			err = fmt.Errorf("storing the speakers: %w", err)
		}
		// Wait for the snapshot even after a failure: c is the caller's
		// once Replace returns.
		snap := <-snapc
		if err != nil {
			return err
		}
		if err := db.Update(func(tx *bolt.Tx) error {
			return putSnapshot(tx.Bucket(bucketStaging), snap)
		}); err != nil {
			return fmt.Errorf("storing the search snapshot: %w", err)
		}
		snap = nil
		var txid uint64
		err = db.Update(func(tx *bolt.Tx) error {
			txid = uint64(tx.ID())
			slug := []byte(c.Slug)
			prev, err := previous(s, tx, slug)
			if err != nil {
				return err
			}
			cb, err := makeBucket(tx, bucketSchedules, slug)
			if err != nil {
				return err
			}
			var scratch []byte
			ch, err = compareSessions(tx, cb, slug, sessionIndex(c), len(c.Sessions), func(i int, v []byte) bool {
				scratch = encodeSession(scratch[:0], &c.Sessions[i])
				return string(scratch) == string(v)
			})
			if err != nil {
				return err
			}
			stage := tx.Bucket(bucketStaging)
			for _, name := range [][]byte{bucketSessions, bucketSpeakers, bucketSearch} {
				if cb.Bucket(name) != nil {
					if err := cb.DeleteBucket(name); err != nil {
						return err
					}
				}
				if stage.Bucket(name) != nil {
					if err := tx.MoveBucket(name, stage, cb); err != nil {
						return err
					}
				}
			}
			if err := tx.DeleteBucket(bucketStaging); err != nil {
				return err
			}
			if err := cb.Put(keyConf, conf); err != nil {
				return err
			}
			ib, err := makeBucket(tx, bucketIndex, bucketConferences)
			if err != nil {
				return err
			}
			if err := ib.Put(slug, info); err != nil {
				return err
			}
			return s.recordReplace(tx, &ch, prev, c, at, src, o.Current)
		})
		if err == nil {
			// Still under the write lock, and every write since the check
			// was this import's.
			s.leaveReceipt(txid)
		}
		return err
	})
	if err != nil {
		return Change{}, err
	}
	return ch, nil
}

// stageSeq writes n values, encoded by enc, into the staging bucket's
// bucket name under seqKey(0), seqKey(1), …, about stageBytes a
// transaction. An empty list still makes the bucket.
func stageSeq(db *bolt.DB, name []byte, n int, enc func(dst []byte, i int) []byte) error {
	var buf []byte
	var ends []int
	for lo := 0; ; {
		buf, ends = buf[:0], ends[:0]
		hi := lo
		for hi < n && len(buf) < stageBytes {
			buf = enc(buf, hi)
			ends = append(ends, len(buf))
			hi++
		}
		err := db.Update(func(tx *bolt.Tx) error {
			b, err := tx.Bucket(bucketStaging).CreateBucketIfNotExists(name)
			if err != nil {
				return err
			}
			b.FillPercent = 1 // keys only ever grow
			start := 0
			for k, end := range ends {
				if err := b.Put(seqKey(lo+k), buf[start:end:end]); err != nil {
					return err
				}
				start = end
			}
			return nil
		})
		if err != nil || hi >= n {
			return err
		}
		lo = hi
	}
}
