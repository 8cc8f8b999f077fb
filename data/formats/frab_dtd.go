package formats

import "fmt"

// entityError explains an unknown entity in a document whose DTD defines
// entities: lineup reads such a file but never expands what the DTD
// defines (an entity that expands to ten others, nine levels deep, is a
// gigabyte of text from a kilobyte of XML).
func (s *xmlScanner) entityError(err error) error {
	if !s.dtdEntities {
		return err
	}
	return fmt.Errorf("%v: the file's DTD defines entities, and lineup does not expand them; replace them with their text", err)
}

// declarationEnd returns the index of the '>' that ends the declaration at
// the start of b (b begins "<!"), past an internal subset in brackets, or -1.
func declarationEnd(b []byte) int {
	depth := 0
	for i := 2; i < len(b); i++ {
		switch b[i] {
		case '[':
			depth++
		case ']':
			depth--
		case '>':
			if depth <= 0 {
				return i
			}
		}
	}
	return -1
}
