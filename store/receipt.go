package store

import (
	"bytes"
	"encoding/binary"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A write checks the whole file before it writes (verify): bbolt's page
// check and every value decoded. At 100k sessions that is about 0.3 s and
// the memory of every session, for each rating. So a writer that found the
// file sound and wrote it leaves a receipt beside it (<store>.checked): the
// transaction it committed and the file's size, inode and modification time
// right after. The next writer that finds the file exactly so (same
// transaction, size, inode and modification time: nothing has written a
// byte of it since) skips the whole-file check; any other writer, a
// byte changed in place, a file moved over it or a receipt that cannot be
// read, and the check runs as before.
//
// Modification times tick coarsely (a few milliseconds on Linux), so a
// change made in the same tick as the commit would leave the time as it
// was. The receipt is therefore only kept once its own modification time
// is later than the store's: every later write of the store then has a
// later time too. Where the clock does not tick within receiptWait (a
// file system with whole-second times), no receipt is left.

// receiptMagic starts a receipt; the version follows it.
var receiptMagic = []byte("lineup-checked\x00\x01")

const receiptWait = 30 * time.Millisecond

type receipt struct {
	txid      uint64
	size      int64
	mtimeNano int64
	dev, ino  uint64
}

func receiptPath(path string) string { return path + ".checked" }

// fileReceipt describes the store file as it is now, after transaction txid.
func fileReceipt(path string, txid uint64) (receipt, bool) {
	fi, err := os.Stat(path)
	if err != nil {
		return receipt{}, false
	}
	r := receipt{txid: txid, size: fi.Size(), mtimeNano: fi.ModTime().UnixNano()}
	r.dev, r.ino = fileID(fi)
	return r, true
}

func (r receipt) encode() []byte {
	b := append([]byte(nil), receiptMagic...)
	for _, v := range []uint64{r.txid, uint64(r.size), uint64(r.mtimeNano), r.dev, r.ino} {
		b = binary.BigEndian.AppendUint64(b, v)
	}
	return b
}

func decodeReceipt(b []byte) (receipt, bool) {
	if !bytes.HasPrefix(b, receiptMagic) || len(b) != len(receiptMagic)+5*8 {
		return receipt{}, false
	}
	b = b[len(receiptMagic):]
	u := func(i int) uint64 { return binary.BigEndian.Uint64(b[8*i:]) }
	return receipt{txid: u(0), size: int64(u(1)), mtimeNano: int64(u(2)), dev: u(3), ino: u(4)}, true
}

// vouched reports whether the receipt beside the store says the file is
// as a checked write left it, for the write transaction tx about to run.
func (s *Store) vouched(tx *bolt.Tx) bool {
	b, err := os.ReadFile(receiptPath(s.path))
	if err != nil {
		return false
	}
	want, ok := decodeReceipt(b)
	if !ok {
		return false
	}
	// A write transaction's id is the last committed one's plus one.
	got, ok := fileReceipt(s.path, uint64(tx.ID())-1)
	return ok && got == want
}

// leaveReceipt records the store file as the checked write of transaction
// txid left it. It runs while the write lock is still held. Any failure
// only removes the receipt: the next write then checks the whole file.
func (s *Store) leaveReceipt(txid uint64) {
	path := receiptPath(s.path)
	r, ok := fileReceipt(s.path, txid)
	if !ok {
		os.Remove(path)
		return
	}
	tmp := path + ".new"
	deadline := time.Now().Add(receiptWait)
	for {
		if err := os.WriteFile(tmp, r.encode(), 0o600); err != nil {
			break
		}
		if fi, err := os.Stat(tmp); err == nil && fi.ModTime().UnixNano() > r.mtimeNano {
			if os.Rename(tmp, path) == nil {
				return
			}
			break
		}
		if time.Now().After(deadline) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	os.Remove(tmp)
	os.Remove(path)
}
