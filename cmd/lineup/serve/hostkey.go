package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"
)

// HostKeyName is the usual name of the host key file in lineup's data folder.
const HostKeyName = "ssh_host_ed25519_key"

// HostKey is the server's ed25519 host key.
type HostKey struct {
	Path        string       // the file it was read from or written to
	Signer      gossh.Signer // signs the key exchange
	Fingerprint string       // SHA-256 fingerprint in OpenSSH's form, "SHA256:…"
	Created     bool         // true when this call generated the key
}

// LoadOrCreateHostKey reads the OpenSSH private key at path, or, when there is
// no file there, generates an ed25519 key and writes it with mode 0600 (its
// folder is created with mode 0700). A file that cannot be read, is not a
// private key, or can be read by other users is an error that names the path.
func LoadOrCreateHostKey(path string) (*HostKey, error) {
	if path == "" {
		return nil, errors.New("host key: no path given")
	}
	info, err := os.Stat(path)
	switch {
	case err == nil:
		return loadHostKey(path, info)
	case errors.Is(err, fs.ErrNotExist):
		return createHostKey(path)
	default:
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
}

func loadHostKey(path string, info fs.FileInfo) (*HostKey, error) {
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("host key %s: not a regular file", path)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("host key %s can be read by other users (mode %04o); run `chmod 600 %s`", path, perm, path)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	signer, err := gossh.ParsePrivateKey(raw)
	if err != nil {
		var missing *gossh.PassphraseMissingError
		if errors.As(err, &missing) {
			return nil, fmt.Errorf("host key %s is protected by a passphrase; the server needs a key without one", path)
		}
		return nil, fmt.Errorf("host key %s is not a usable OpenSSH private key (%v); move it away to have a new one made", path, err)
	}
	return &HostKey{Path: path, Signer: signer, Fingerprint: gossh.FingerprintSHA256(signer.PublicKey())}, nil
}

// createHostKey writes a new key through a temporary file linked into place,
// so a crash never leaves half a key and two servers starting at once cannot
// overwrite each other's key.
func createHostKey(path string) (*HostKey, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("host key: generate: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "lineup serve host key")
	if err != nil {
		return nil, fmt.Errorf("host key: encode: %w", err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(dir, ".hostkey-*")
	if err != nil {
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	if _, err := tmp.Write(pem.EncodeToMemory(block)); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			// Another process made one first: use that one.
			info, serr := os.Stat(path)
			if serr != nil {
				return nil, fmt.Errorf("host key %s: %w", path, serr)
			}
			return loadHostKey(path, info)
		}
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	return &HostKey{Path: path, Signer: signer, Fingerprint: gossh.FingerprintSHA256(signer.PublicKey()), Created: true}, nil
}
