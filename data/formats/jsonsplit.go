package formats

import (
	"encoding/json"
	"errors"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
)

// A big JSON schedule is mostly one or two long arrays (sessions,
// speakers). encoding/json reads a file on one core, after a first pass
// that only validates it; decodeSplit reads the items of those arrays on
// every core instead, each item with json.Unmarshal, and the rest of the
// file (with the arrays left empty) with one more. It only does so when the
// file is laid out plainly, and gives up at the first error: the caller
// then decodes the whole file as before, so every result and every error
// message is what json.Unmarshal of the whole file gives.

// splitMin is the size of file from which decodeSplit is tried.
var splitMin = 1 << 20

// maxSplitDepth bounds the nesting inside one item: encoding/json refuses a
// file nested more than 10,000 deep, and an item read alone would not count
// the levels above it.
const maxSplitDepth = 1000

// splitArray is an array, a member of the object at decodeSplit's path,
// whose items set decodes and keeps.
type splitArray struct {
	name string
	set  func(b []byte, items []itemSpan, opt *Options) error
}

// itemSpan is where an item of an array lies in the file.
type itemSpan struct{ lo, hi int }

// splitInto decodes each item into an element of a new slice and stores the
// slice in *dst, as json.Unmarshal of the whole array would.
func splitInto[T any](dst *[]T) func(b []byte, items []itemSpan, opt *Options) error {
	return func(b []byte, items []itemSpan, opt *Options) error {
		s := make([]T, len(items))
		if err := decodeItems(b, items, opt, func(i int, item []byte) error {
			return json.Unmarshal(item, &s[i])
		}); err != nil {
			return err
		}
		*dst = s
		return nil
	}
}

// decodeItems calls decode for every item, a few megabytes of them at a
// time on every core, and lets go of each part of the file once its items
// are read (Options.Release). The items are in file order. It stops at the
// first error.
func decodeItems(b []byte, items []itemSpan, opt *Options, decode func(i int, item []byte) error) error {
	workers := runtime.GOMAXPROCS(0)
	for lo := 0; lo < len(items); {
		hi := lo + 1
		for hi < len(items) && items[hi].hi-items[lo].lo < releaseStep {
			hi++
		}
		var failed atomic.Bool
		var wg sync.WaitGroup
		chunk := (hi - lo + workers - 1) / workers
		for w := lo; w < hi; w += chunk {
			wg.Add(1)
			go func(from, to int) {
				defer wg.Done()
				// The file may be mapped into memory: a fault reading it
				// (the file cut short meanwhile) fails the split, and the
				// whole-file decode then says what it says.
				defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
				defer func() {
					if recover() != nil {
						failed.Store(true)
					}
				}()
				for i := from; i < to && !failed.Load(); i++ {
					if decode(i, b[items[i].lo:items[i].hi]) != nil {
						failed.Store(true)
					}
				}
			}(w, min(hi, w+chunk))
		}
		wg.Wait()
		if failed.Load() {
			return errSplit
		}
		opt.release(b[items[lo].lo:items[hi-1].hi])
		lo = hi
	}
	return nil
}

// errSplit says an item did not decode; the whole file is read again.
var errSplit = errors.New("split decode failed")

// decodeSplit decodes b into head and the arrays, members of the object at
// path (object member names, exact), into their slices, and reports
// whether it did. On false, head and the slices may be partly filled: the
// caller starts again from zero values.
func decodeSplit(b []byte, opt *Options, head any, path []string, arrays ...splitArray) bool {
	if len(b) < splitMin {
		return false
	}
	names := make([]string, len(arrays))
	for k, a := range arrays {
		names[k] = a.name
	}
	spans := make([]found, len(arrays))
	for k := range spans {
		spans[k].lo = -1
	}
	i := skipJSONSpace(b, 0)
	if _, ok := findArrays(b, i, path, names, spans); !ok {
		return false
	}
	// The rest of the file, each array written as [] (in file order).
	var order []int
	for k := range spans {
		if spans[k].lo >= 0 {
			order = append(order, k)
		}
	}
	slices.SortFunc(order, func(x, y int) int { return spans[x].lo - spans[y].lo })
	rest := make([]byte, 0, 4096)
	at := 0
	for _, k := range order {
		rest = append(rest, b[at:spans[k].lo]...)
		rest = append(rest, "[]"...)
		at = spans[k].hi
	}
	rest = append(rest, b[at:]...)
	// All of the file was read to find the items; they are read again a
	// part at a time.
	opt.release(b)
	if json.Unmarshal(rest, head) != nil {
		opt.reread()
		return false
	}
	rest = nil
	for k, a := range arrays {
		if spans[k].lo < 0 {
			continue // not in the file: left as it is
		}
		if a.set(b, spans[k].items, opt) != nil {
			opt.reread()
			return false
		}
	}
	return true
}

// found is an array that decodeSplit reads item by item: b[lo] == '[',
// b[hi-1] == ']'; lo is -1 when the file has no such member.
type found struct {
	lo, hi int
	items  []itemSpan
}

// findArrays reads the object at b[i] and returns where it ends. path is
// the way from it to the object whose members names are the arrays, which
// it records in spans. The way is plain only when every object on it names
// each member once, in ASCII without escapes, and no other member of it
// could match a name (encoding/json matches names without regard to case,
// and takes the last of repeated ones); else it reports false.
func findArrays(b []byte, i int, path, names []string, spans []found) (int, bool) {
	if i >= len(b) || b[i] != '{' {
		return 0, false
	}
	i++
	seen := false // path[0], when there is a path
	for {
		i = skipJSONSpace(b, i)
		if i < len(b) && b[i] == '}' {
			break
		}
		if i >= len(b) || b[i] != '"' {
			return 0, false
		}
		end := skipJSONString(b, i)
		if end < 0 {
			return 0, false
		}
		key := b[i+1 : end-1]
		for _, c := range key {
			if c == '\\' || c >= 0x80 {
				return 0, false
			}
		}
		i = skipJSONSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return 0, false
		}
		i = skipJSONSpace(b, i+1)
		var ok bool
		switch k := matchName(key, path, names); {
		case k == -2:
			return 0, false
		case k == -1:
			_, i, ok = skipItem(b, i)
		case len(path) > 0:
			if seen {
				return 0, false
			}
			seen = true
			i, ok = findArrays(b, i, path[1:], names, spans)
		default:
			if spans[k].lo >= 0 || i >= len(b) || b[i] != '[' {
				return 0, false
			}
			lo := i
			spans[k].items, i, ok = splitItems(b, i)
			spans[k].lo, spans[k].hi = lo, i
		}
		if !ok {
			return 0, false
		}
		i = skipJSONSpace(b, i)
		if i < len(b) && b[i] == ',' {
			i++
			continue
		}
		if i >= len(b) || b[i] != '}' {
			return 0, false
		}
	}
	if len(path) > 0 && !seen {
		return 0, false
	}
	return i + 1, true
}

// matchName says which name key is: the index in names (at the end of the
// path), 0 for path[0], -1 for none, -2 for a near miss (the same name in
// another case), which the caller gives up on.
func matchName(key []byte, path, names []string) int {
	if len(path) > 0 {
		names = path[:1]
	}
	for k, n := range names {
		if asciiEqualFold(key, n) {
			if string(key) != n {
				return -2
			}
			return k
		}
	}
	return -1
}

func asciiEqualFold(a []byte, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// splitItems returns the items of the array starting at b[lo] == '[' and
// the offset after it. The commas and brackets between the items are
// checked here; each item is checked when it is decoded.
func splitItems(b []byte, lo int) ([]itemSpan, int, bool) {
	var items []itemSpan
	i := skipJSONSpace(b, lo+1)
	if i < len(b) && b[i] == ']' {
		return items, i + 1, true
	}
	for {
		start, end, ok := skipItem(b, i)
		if !ok {
			return nil, 0, false
		}
		items = append(items, itemSpan{start, end})
		i = skipJSONSpace(b, end)
		if i >= len(b) {
			return nil, 0, false
		}
		switch b[i] {
		case ',':
			i = skipJSONSpace(b, i+1)
		case ']':
			return items, i + 1, true
		default:
			return nil, 0, false
		}
	}
}

// skipItem returns where the value at b[i] ends. It balances brackets and
// skips strings; it does not validate (json.Unmarshal of the value does).
// An item nested more than maxSplitDepth deep is refused.
func skipItem(b []byte, i int) (start, end int, ok bool) {
	start = i
	depth := 0
	for i < len(b) {
		switch c := b[i]; c {
		case '"':
			j := skipJSONString(b, i)
			if j < 0 {
				return 0, 0, false
			}
			i = j
			if depth == 0 {
				return start, i, true
			}
			continue
		case '{', '[':
			if depth++; depth > maxSplitDepth {
				return 0, 0, false
			}
		case '}', ']':
			if depth == 0 {
				return start, i, i > start
			}
			if depth--; depth == 0 {
				return start, i + 1, true
			}
		case ',', ' ', '\t', '\r', '\n', ':':
			if depth == 0 {
				return start, i, i > start
			}
		}
		i++
	}
	return 0, 0, false
}
