package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/lineup-tui/lineup/data"
)

// The session and speaker codec: a leading version byte, then the fields in a
// fixed order. Strings are a uvarint length and the bytes; lists are a
// uvarint count and their items; times are a zigzag varint of Unix seconds
// and a uvarint of nanoseconds, present only when the flags byte says so.
//
//	session v1: 0x01 flags id title subtitle date [start end] room track type
//	            level language speakers abstract description audience
//	            prerequisites outcomes url feedback_url links [rating]
//	speaker v1: 0x01 id name company job_title bio url
//
// flags: bit 0 = scheduled (start and end follow), bit 1 = a published
// rating follows (float64 bits, little-endian, then a uvarint count), bit 2 =
// the schedule marks the session cancelled (no bytes follow).
//
// Decoding copies the value once into a string and slices every field out of
// it, so decoded values never point into bbolt's memory map.
const codecVersion = 1

const (
	flagScheduled = 1 << 0
	flagRating    = 1 << 1
	flagCancelled = 1 << 2
	flagKnown     = flagScheduled | flagRating | flagCancelled
)

var errShort = errors.New("value ends early")

type encoder struct{ b []byte }

func (e *encoder) str(s string) {
	e.b = binary.AppendUvarint(e.b, uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *encoder) list(l []string) {
	e.b = binary.AppendUvarint(e.b, uint64(len(l)))
	for _, s := range l {
		e.str(s)
	}
}

func (e *encoder) time(t time.Time) {
	e.b = binary.AppendVarint(e.b, t.Unix())
	e.b = binary.AppendUvarint(e.b, uint64(t.Nanosecond()))
}

// encodeSession appends the binary form of s to dst.
func encodeSession(dst []byte, s *data.Session) []byte {
	e := encoder{dst}
	var flags byte
	if s.Scheduled() {
		flags |= flagScheduled
	}
	if s.Rating != nil {
		flags |= flagRating
	}
	if s.Cancelled {
		flags |= flagCancelled
	}
	e.b = append(e.b, codecVersion, flags)
	e.str(s.ID)
	e.str(s.Title)
	e.str(s.Subtitle)
	e.str(s.Date)
	if flags&flagScheduled != 0 {
		e.time(s.Start)
		e.time(s.End)
	}
	e.str(s.Room)
	e.str(s.Track)
	e.str(s.Type)
	e.str(s.Level)
	e.str(s.Language)
	e.list(s.SpeakerIDs)
	e.str(s.Abstract)
	e.str(s.Description)
	e.list(s.Audience)
	e.list(s.Prerequisites)
	e.list(s.Outcomes)
	e.str(s.URL)
	e.str(s.FeedbackURL)
	e.b = binary.AppendUvarint(e.b, uint64(len(s.Links)))
	for _, l := range s.Links {
		e.str(l.Title)
		e.str(l.URL)
	}
	if s.Rating != nil {
		e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(s.Rating.Average))
		e.b = binary.AppendUvarint(e.b, uint64(max(s.Rating.Count, 0)))
	}
	return e.b
}

// encodeSpeaker appends the binary form of sp to dst.
func encodeSpeaker(dst []byte, sp *data.Speaker) []byte {
	e := encoder{dst}
	e.b = append(e.b, codecVersion)
	e.str(sp.ID)
	e.str(sp.Name)
	e.str(sp.Company)
	e.str(sp.JobTitle)
	e.str(sp.Bio)
	e.str(sp.URL)
	return e.b
}

// decoder reads fields out of s, a private copy of the value.
type decoder struct {
	s   string
	off int
	err error
}

func (d *decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	var x uint64
	var shift uint
	for i := 0; ; i++ {
		c := d.byte()
		if d.err != nil {
			return 0
		}
		if i == binary.MaxVarintLen64-1 && c > 1 {
			d.fail(errors.New("number too large"))
			return 0
		}
		if c < 0x80 {
			return x | uint64(c)<<shift
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
	}
}

func (d *decoder) varint() int64 {
	u := d.uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if d.off >= len(d.s) {
		d.fail(errShort)
		return 0
	}
	c := d.s[d.off]
	d.off++
	return c
}

// fits reports whether n more bytes (or items of at least a byte each) can
// follow, and fails the decoder when not, so a damaged length cannot make it
// read past the value's end or allocate without limit.
func (d *decoder) fits(n uint64) bool {
	if d.err == nil && n > uint64(len(d.s)-d.off) {
		d.fail(errShort)
	}
	return d.err == nil
}

func (d *decoder) str() string {
	n := d.uvarint()
	if !d.fits(n) {
		return ""
	}
	s := d.s[d.off : d.off+int(n)]
	d.off += int(n)
	return s
}

// count reads a list length that the rest of the value can hold.
func (d *decoder) count() int {
	n := d.uvarint()
	if !d.fits(n) {
		return 0
	}
	return int(n)
}

func (d *decoder) list() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	l := make([]string, n)
	for i := range l {
		l[i] = d.str()
	}
	if d.err != nil {
		return nil
	}
	return l
}

func (d *decoder) time() time.Time {
	sec := d.varint()
	nsec := d.uvarint()
	if d.err != nil {
		return time.Time{}
	}
	if nsec >= 1e9 {
		d.fail(errors.New("bad nanoseconds"))
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec))
}

func (d *decoder) version(what string) {
	if v := d.byte(); d.err == nil && v != codecVersion {
		d.fail(fmt.Errorf("%s encoding version %d is unknown", what, v))
	}
}

func (d *decoder) done() error {
	if d.err == nil && d.off != len(d.s) {
		d.fail(fmt.Errorf("%d unexpected bytes at the end", len(d.s)-d.off))
	}
	return d.err
}

// decodeSession reads a value written by encodeSession. b may be bbolt
// memory: it is copied before anything points into it.
func decodeSession(b []byte, s *data.Session) error {
	return decodeSessionString(string(b), s)
}

// decodeSessionString decodes a session out of v, which its fields then
// point into.
func decodeSessionString(v string, s *data.Session) error {
	d := decoder{s: v}
	d.version("session")
	flags := d.byte()
	if d.err == nil && flags&^flagKnown != 0 {
		d.fail(fmt.Errorf("unknown session flags %#x", flags))
	}
	*s = data.Session{}
	s.Cancelled = flags&flagCancelled != 0
	s.ID = d.str()
	s.Title = d.str()
	s.Subtitle = d.str()
	s.Date = d.str()
	if flags&flagScheduled != 0 {
		s.Start = d.time()
		s.End = d.time()
		if d.err == nil && s.Start.IsZero() {
			d.fail(errors.New("scheduled session with a zero start"))
		}
	}
	s.Room = d.str()
	s.Track = d.str()
	s.Type = d.str()
	s.Level = d.str()
	s.Language = d.str()
	s.SpeakerIDs = d.list()
	s.Abstract = d.str()
	s.Description = d.str()
	s.Audience = d.list()
	s.Prerequisites = d.list()
	s.Outcomes = d.list()
	s.URL = d.str()
	s.FeedbackURL = d.str()
	if n := d.count(); n > 0 && d.err == nil {
		s.Links = make([]data.Link, n)
		for i := range s.Links {
			s.Links[i].Title = d.str()
			s.Links[i].URL = d.str()
		}
	}
	if flags&flagRating != 0 {
		if d.err == nil && len(d.s)-d.off < 8 {
			d.fail(errShort)
		}
		if d.err == nil {
			var bits uint64
			for i := 7; i >= 0; i-- {
				bits = bits<<8 | uint64(d.s[d.off+i])
			}
			d.off += 8
			avg := math.Float64frombits(bits)
			cnt := d.uvarint()
			if d.err == nil && cnt > math.MaxInt32 {
				d.fail(errors.New("rating count too large"))
			}
			s.Rating = &data.Rating{Average: avg, Count: int(cnt)}
		}
	}
	if err := d.done(); err != nil {
		*s = data.Session{}
		return fmt.Errorf("session value: %w", err)
	}
	return nil
}

// decodeSpeaker reads a value written by encodeSpeaker.
func decodeSpeaker(b []byte, sp *data.Speaker) error {
	return decodeSpeakerString(string(b), sp)
}

// decodeSpeakerString decodes a speaker out of v, which its fields then
// point into.
func decodeSpeakerString(v string, sp *data.Speaker) error {
	d := decoder{s: v}
	d.version("speaker")
	sp.ID = d.str()
	sp.Name = d.str()
	sp.Company = d.str()
	sp.JobTitle = d.str()
	sp.Bio = d.str()
	sp.URL = d.str()
	if err := d.done(); err != nil {
		*sp = data.Speaker{}
		return fmt.Errorf("speaker value: %w", err)
	}
	return nil
}

// sessionID reads only the id of an encoded session.
func sessionID(b []byte) (string, error) {
	d := decoder{s: string(b[:min(len(b), 2+binary.MaxVarintLen64)])}
	d.version("session")
	d.byte()
	n := d.uvarint()
	if d.err != nil {
		return "", d.err
	}
	if n > uint64(len(b)-d.off) {
		return "", errShort
	}
	return string(b[d.off : d.off+int(n)]), nil
}
