package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unsafe"

	"github.com/lineup-tui/lineup/data"
)

// The snapshot's wire form: little-endian, every section a uint64 count
// followed by its items and padded to 8 bytes, so that once the value is in
// an 8-byte aligned buffer each array is used where it lies (unsafe.Slice)
// instead of being decoded. A list of strings is its offsets (uint32, one
// more than the strings) and then its bytes.

// snapWriter appends sections to b; with count set it only adds up in n
// the bytes they would take.
type snapWriter struct {
	b     []byte
	count bool
	n     int
}

// padded is n rounded up to a multiple of 8.
func padded(n int) int { return (n + 7) &^ 7 }

func (w *snapWriter) raw(s string) {
	if w.count {
		w.n += len(s)
		return
	}
	w.b = append(w.b, s...)
}

func (w *snapWriter) u64(x uint64) {
	if w.count {
		w.n += 8
		return
	}
	w.b = binary.LittleEndian.AppendUint64(w.b, x)
}

func (w *snapWriter) pad() {
	for len(w.b)%8 != 0 {
		w.b = append(w.b, 0)
	}
}

func (w *snapWriter) str(s string) {
	if w.count {
		w.n += 8 + padded(len(s))
		return
	}
	w.u64(uint64(len(s)))
	w.b = append(w.b, s...)
	w.pad()
}

func (w *snapWriter) i32s(l []int32) {
	if w.count {
		w.n += 8 + padded(4*len(l))
		return
	}
	w.u64(uint64(len(l)))
	for _, x := range l {
		w.b = binary.LittleEndian.AppendUint32(w.b, uint32(x))
	}
	w.pad()
}

func (w *snapWriter) u64s(l []uint64) {
	if w.count {
		w.n += 8 + 8*len(l)
		return
	}
	w.u64(uint64(len(l)))
	for _, x := range l {
		w.b = binary.LittleEndian.AppendUint64(w.b, x)
	}
}

// strs writes a list of strings as one column: its offsets (uint32, one
// more than the strings), then its bytes.
func (w *snapWriter) strs(l []string) {
	size := 0
	for _, s := range l {
		size += len(s)
	}
	if w.count {
		w.n += 8 + padded(4*(len(l)+1)) + 8 + padded(size)
		return
	}
	w.u64(uint64(len(l) + 1))
	w.b = binary.LittleEndian.AppendUint32(w.b, 0)
	off := 0
	for _, s := range l {
		off += len(s)
		w.b = binary.LittleEndian.AppendUint32(w.b, uint32(off))
	}
	w.pad()
	w.u64(uint64(size))
	for _, s := range l {
		w.b = append(w.b, s...)
	}
	w.pad()
}

// col writes a column built by the index: its offsets, then its text.
func (w *snapWriter) col(c *column) {
	if w.count {
		w.n += 8 + padded(4*len(c.off)) + 8 + padded(len(c.text))
		return
	}
	w.u64(uint64(len(c.off)))
	for _, x := range c.off {
		w.b = binary.LittleEndian.AppendUint32(w.b, x)
	}
	w.pad()
	w.str(c.text)
}

var errSnapShort = errors.New("search snapshot ends early")

// snapReader reads sections out of an 8-byte aligned buffer that outlives
// everything read from it and is never written again.
type snapReader struct {
	b   []byte
	off int
	err error
}

func (r *snapReader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

// take returns the next n bytes (then skips to the next 8-byte boundary).
func (r *snapReader) take(n uint64) []byte {
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)-r.off) {
		r.fail(errSnapShort)
		return nil
	}
	p := r.b[r.off : r.off+int(n)]
	r.off += int(n)
	r.off = min(len(r.b), (r.off+7)&^7)
	return p
}

func (r *snapReader) u64() uint64 {
	p := r.take(8)
	if p == nil {
		return 0
	}
	return binary.LittleEndian.Uint64(p)
}

// count reads a section's count, items of size bytes each.
func (r *snapReader) count(size uint64) uint64 {
	n := r.u64()
	if r.err == nil && n > uint64(len(r.b)-r.off)/size {
		r.fail(errSnapShort)
		return 0
	}
	return n
}

func (r *snapReader) str() string {
	p := r.take(r.count(1))
	if len(p) == 0 {
		return ""
	}
	return unsafe.String(&p[0], len(p))
}

func sliceOf[T any](r *snapReader, size uint64) []T {
	n := r.count(size)
	p := r.take(n * size)
	if len(p) == 0 {
		return []T{}
	}
	return unsafe.Slice((*T)(unsafe.Pointer(&p[0])), n)
}

func (r *snapReader) u32s() []uint32 { return sliceOf[uint32](r, 4) }
func (r *snapReader) i32s() []int32  { return sliceOf[int32](r, 4) }
func (r *snapReader) u64s() []uint64 { return sliceOf[uint64](r, 8) }

// offsets reads a column's offsets and checks that they run from 0 up to
// size, never down, with want+1 of them (want < 0: any number).
func (r *snapReader) offsets(want int, what string) []uint32 {
	off := r.u32s()
	if r.err != nil {
		return nil
	}
	if len(off) == 0 || want >= 0 && len(off) != want+1 || off[0] != 0 {
		r.fail(fmt.Errorf("search snapshot: %s: %d offsets", what, len(off)))
		return nil
	}
	for k := 1; k < len(off); k++ {
		if off[k] < off[k-1] {
			r.fail(fmt.Errorf("search snapshot: %s: offsets out of order", what))
			return nil
		}
	}
	return off
}

// col reads a column of want fields.
func (r *snapReader) col(want int, what string) column {
	off := r.offsets(want, what)
	s := r.str()
	if r.err == nil && int(off[len(off)-1]) != len(s) {
		r.fail(fmt.Errorf("search snapshot: %s: %d bytes, offsets reach %d", what, len(s), off[len(off)-1]))
	}
	if r.err != nil {
		return column{off: make([]uint32, want+1)}
	}
	return column{text: s, off: off}
}

// strs reads a list of strings written by snapWriter.strs.
func (r *snapReader) strs(want int, what string) []string {
	c := r.col(want, what)
	if r.err != nil {
		return nil
	}
	out := make([]string, len(c.off)-1)
	for i := range out {
		out[i] = c.at(i)
	}
	return out
}

// ids checks that every value of l is in [lo, hi).
func (r *snapReader) ids(l []int32, lo, hi int, what string) {
	if r.err != nil {
		return
	}
	for _, x := range l {
		if int(x) < lo || int(x) >= hi {
			r.fail(fmt.Errorf("search snapshot: %s: %d is out of range", what, x))
			return
		}
	}
}

// length checks that a section has n items.
func (r *snapReader) length(got, n int, what string) {
	if r.err == nil && got != n {
		r.fail(fmt.Errorf("search snapshot: %s: %d items for %d sessions", what, got, n))
	}
}

// Position returns the place in programme order (the store's key order) of
// one of the snapshot's sessions, as its hits give them; -1 for a session
// that is not one of them.
func (sn *Snapshot) Position(s *data.Session) int {
	ss := sn.Conference().Sessions
	if len(ss) == 0 || s == nil {
		return -1
	}
	d := uintptr(unsafe.Pointer(s)) - uintptr(unsafe.Pointer(&ss[0]))
	size := unsafe.Sizeof(ss[0])
	if d%size != 0 || d/size >= uintptr(len(ss)) {
		return -1
	}
	return int(d / size)
}
