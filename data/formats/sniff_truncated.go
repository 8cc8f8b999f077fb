package formats

import "bytes"

// sniffTruncatedSessionize recognises a Sessionize file that is cut short:
// a JSON object whose top-level keys, as far as the file goes, start with
// "sessions" or "speakers" arrays. Detection then picks the Sessionize
// reader, which says where the file breaks, rather than "unknown format".
func sniffTruncatedSessionize(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 || b[0] != '{' {
		return false
	}
	i := 1
	for {
		i = skipJSONSpace(b, i)
		if i >= len(b) || b[i] != '"' {
			return false
		}
		kEnd := skipJSONString(b, i)
		if kEnd < 0 {
			return false
		}
		key := string(b[i+1 : kEnd-1])
		i = skipJSONSpace(b, kEnd)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i = skipJSONSpace(b, i+1)
		if key == "lineup" || key == "schedule" {
			return false
		}
		if (key == "sessions" || key == "speakers") && i < len(b) && b[i] == '[' {
			return true
		}
		if i = skipJSONValue(b, i); i < 0 {
			return false
		}
		i = skipJSONSpace(b, i)
		if i < len(b) && b[i] == ',' {
			i++
		}
	}
}
