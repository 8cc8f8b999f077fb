//go:build !unix

package store

import "os"

// fileID is zero where the file system's ids are not at hand (Windows): the
// receipt then stands on the transaction, the size and the modification time.
func fileID(os.FileInfo) (dev, ino uint64) { return 0, 0 }
