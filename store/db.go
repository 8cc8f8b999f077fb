package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/data/clock"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// lockTimeout is how long a method waits for another process's lock.
const lockTimeout = time.Second

// Store is a lineup store file, seen as one identity (As). It holds no open
// handle between calls, unless a server holds it (Hold).
type Store struct {
	*file
	identity string // "" is LocalIdentity
}

// file is what every Store of one file shares, whatever its identity.
type file struct {
	path  string
	clock clock.Clock
	// bad is the first damage found in the file; once set, nothing is
	// written to it.
	bad  atomic.Pointer[storeError]
	held *held // nil unless Hold
	// verified counts whole-file checks (verify), for tests.
	verified atomic.Int64
}

// Option changes how Open sets up a Store.
type Option func(*Store)

// WithClock sets the clock the store stamps imports and personal edits
// with (default: the system clock).
func WithClock(c clock.Clock) Option {
	return func(s *Store) {
		if c != nil {
			s.clock = c
		}
	}
}

// now is the store's current time.
func (s *Store) now() time.Time { return s.clock.Now() }

// newStore is a Store of the file at path, as the local identity, on the
// system clock.
func newStore(path string) *Store { return &Store{file: &file{path: path, clock: clock.System()}} }

// defaultPath is $LINEUP_DB, else $XDG_DATA_HOME/lineup/lineup.db, else
// ~/.local/share/lineup/lineup.db.
func defaultPath() (string, error) {
	if p := os.Getenv("LINEUP_DB"); p != "" {
		return p, nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "lineup", "lineup.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find the store: %w; set LINEUP_DB", err)
	}
	return filepath.Join(home, ".local", "share", "lineup", "lineup.db"), nil
}

// ResolvePath is the store file Open(path) would use: path made absolute,
// or the default ($LINEUP_DB, else under $XDG_DATA_HOME) when path is empty.
func ResolvePath(path string) (string, error) {
	if path == "" {
		p, err := defaultPath()
		if err != nil {
			return "", err
		}
		path = p
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return path, nil
}

// Open checks the store at path (defaultPath when empty), creating it with
// the built-in conference when missing and migrating it when older, then
// releases the file.
func Open(path string, opts ...Option) (*Store, error) {
	path, err := ResolvePath(path)
	if err != nil {
		return nil, err
	}
	s := newStore(path)
	for _, o := range opts {
		o(s)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the folder for %s: %w", path, err)
	}
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return nil, s.folder()
	case err == nil && !fi.Mode().IsRegular():
		// A named pipe would block the first read for ever, a device
		// could be anything: only a plain file can be a store.
		return nil, s.special(fi.Mode())
	case err == nil && fi.Size() > 0:
		ver, err := s.check()
		if err != nil {
			return nil, err
		}
		if ver < SchemaVersion {
			if err := s.migrate(); err != nil {
				return nil, err
			}
		}
	case err == nil || errors.Is(err, fs.ErrNotExist):
		if err := s.create(); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	return s, nil
}

// Path is the store file.
func (s *Store) Path() string { return s.path }

// boltMagic is the magic number of a bbolt meta page.
const boltMagic = 0xED0CDAED

// looksLikeBolt reports whether the file has a bbolt meta page, so a bbolt
// error means damage rather than a different kind of file. The magic sits
// right after the 16-byte page header of page 0 (or of page 1 at 4 KiB).
func (s *Store) looksLikeBolt() bool {
	f, err := os.Open(s.path)
	if err != nil {
		return false
	}
	defer f.Close()
	var buf [20]byte
	for _, off := range []int64{0, 4096, 8192, 16384, 65536} {
		if _, err := f.ReadAt(buf[:], off); err != nil {
			continue
		}
		m := binary.LittleEndian.Uint32(buf[16:])
		if m == boltMagic || binary.BigEndian.Uint32(buf[16:]) == boltMagic {
			return true
		}
	}
	return false
}

// openDB opens the file for one transaction. It never creates the file.
// grow is how many bytes the transaction may add: mapping that much room
// up front spares bbolt remapping the file (and copying every node it holds)
// each time a large write outgrows the map.
func (s *Store) openDB(write bool, grow int) (db *bolt.DB, err error) {
	opts := &bolt.Options{
		ReadOnly:        !write,
		Timeout:         lockTimeout,
		InitialMmapSize: initialMmap(s.fileSize(), grow),
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			return os.OpenFile(name, flag&^os.O_CREATE, perm)
		},
	}
	err = s.guard(func() error {
		var err error
		db, err = bolt.Open(s.path, 0o600, opts)
		return err
	})
	if err != nil {
		return nil, s.openError(err)
	}
	return db, nil
}

// initialMmap is the map size for a write of grow bytes into a file of
// size bytes: 0 (bbolt's default) for small writes.
func initialMmap(size int64, grow int) int {
	if grow < 1<<20 {
		return 0
	}
	return int(max(size, 0)) + 3*grow
}

func (s *Store) openError(err error) error {
	var se *storeError
	switch {
	case errors.As(err, &se):
		return err
	case errors.Is(err, berrors.ErrTimeout):
		return s.locked()
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s has disappeared; start lineup again to create a new store", s.path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("cannot open %s: permission denied", s.path)
	}
	if s.looksLikeBolt() {
		return s.damaged(err.Error())
	}
	return s.notStore("not a bbolt database")
}

// guard turns a panic or memory fault while reading the file (which bbolt
// raises on some kinds of damage) into ErrDamaged.
func (s *Store) guard(fn func() error) (err error) {
	old := debug.SetPanicOnFault(true)
	defer func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			err = s.damaged(fmt.Sprint(r))
		}
	}()
	return fn()
}

// fileSize returns the size of the store file.
func (s *Store) fileSize() int64 {
	fi, err := os.Stat(s.path)
	if err != nil {
		return -1
	}
	return fi.Size()
}

// check opens the file read-only and returns its schema version.
func (s *Store) check() (uint64, error) {
	var ver uint64
	err := s.once(false, 0, func(tx *bolt.Tx) (err error) {
		ver, err = s.knownVersion(tx)
		return err
	})
	return ver, err
}

// create makes a new store with the built-in conference as current.
func (s *Store) create() error {
	f, err := os.OpenFile(s.path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("cannot create %s: %w", s.path, err)
	}
	f.Close()
	return s.once(true, 0, func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta) != nil {
			// Another process created it in the meantime.
			return s.upgrade(tx)
		}
		if err := tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			return s.notStore(fmt.Sprintf("a bbolt database with a bucket %q", name))
		}); err != nil {
			return err
		}
		if err := runMigrations(tx, 0); err != nil {
			return err
		}
		c := builtin.Conference()
		c.Source = "built-in"
		c.ImportedAt = s.now().UTC().Truncate(time.Second)
		if _, err := writeConference(tx, encodeConference(c)); err != nil {
			return err
		}
		if err := putFirst(tx, []byte(c.Slug), c.ImportedAt); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keyCurrent, []byte(c.Slug))
	})
}

// view runs fn in a read-only transaction on a freshly opened file.
func (s *Store) view(fn func(tx *bolt.Tx) error) error { return s.transact(false, 0, fn) }

// update runs fn in a read-write transaction on a freshly opened file.
func (s *Store) update(fn func(tx *bolt.Tx) error) error { return s.transact(true, 0, fn) }

// updateGrow is update for a transaction that may add about grow bytes.
func (s *Store) updateGrow(grow int, fn func(tx *bolt.Tx) error) error {
	return s.transact(true, grow, fn)
}

// transact runs fn in one transaction on a file at this binary's schema. A
// write first checks the whole file (verify): nothing is written to a
// damaged file. A held store was checked once when it was taken, and no
// other process can write it while it is held, so its writes skip the check.
func (s *Store) transact(write bool, grow int, fn func(tx *bolt.Tx) error) error {
	return s.onceChecked(write, grow, func(tx *bolt.Tx) (bool, error) {
		if err := s.checkCurrent(tx); err != nil {
			return false, err
		}
		checked := false
		if write && s.held == nil {
			// A receipt from the last write stands for the whole check
			// (receipt.go).
			if !s.vouched(tx) {
				if err := s.verify(tx); err != nil {
					return false, err
				}
			}
			checked = true
		}
		return checked, fn(tx)
	})
}

// once opens the file (shared lock to read, exclusive to write), runs fn in
// one transaction, and closes the file again; a held store runs fn on its
// open handle instead.
func (s *Store) once(write bool, grow int, fn func(tx *bolt.Tx) error) error {
	return s.onceChecked(write, grow, func(tx *bolt.Tx) (bool, error) { return false, fn(tx) })
}

// onceChecked is once for a fn that says whether it checked the file before
// writing it: a checked write that commits leaves a receipt (receipt.go).
func (s *Store) onceChecked(write bool, grow int, fn func(tx *bolt.Tx) (bool, error)) error {
	if bad := s.bad.Load(); write && bad != nil {
		return s.refuseWrite(bad)
	}
	var checked bool
	var txid uint64
	inner := func(tx *bolt.Tx) error {
		c, err := fn(tx)
		checked, txid = c, uint64(tx.ID())
		return err
	}
	if h := s.held; h != nil {
		return s.guard(func() error { return h.run(write, grow, inner) })
	}
	db, err := s.openDB(write, grow)
	if err != nil {
		return err
	}
	defer db.Close()
	if !write {
		return s.guard(func() error { return db.View(inner) })
	}
	if err := s.guard(func() error { return db.Update(inner) }); err != nil {
		return err
	}
	if checked {
		// Still under the write lock: the file is as this write left it.
		s.leaveReceipt(txid)
	}
	return nil
}
