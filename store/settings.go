package store

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Theme values SetTheme takes and Theme returns: what the person chose with
// lineup --theme. "" (no key) is auto, which follows the terminal.
var themes = []string{"auto", "dark", "light"}

// Theme returns the theme the person chose last ("auto", "dark" or
// "light"); "auto" when none was chosen.
func (s *Store) Theme() (string, error) {
	theme := "auto"
	err := s.view(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keyTheme); len(v) > 0 {
			theme = string(v)
		}
		return nil
	})
	return theme, err
}

// SetTheme remembers the theme the person chose: "auto", "dark" or "light".
func (s *Store) SetTheme(theme string) error {
	known := false
	for _, t := range themes {
		known = known || t == theme
	}
	if !known {
		return fmt.Errorf("unknown theme %q (want auto, dark or light)", theme)
	}
	return s.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if theme == "auto" {
			if meta.Get(keyTheme) == nil {
				return nil
			}
			return meta.Delete(keyTheme)
		}
		if bytes.Equal(meta.Get(keyTheme), []byte(theme)) {
			return nil
		}
		return meta.Put(keyTheme, []byte(theme))
	})
}
