package serve

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var fingerprintForm = regexp.MustCompile(`^SHA256:[A-Za-z0-9+/]{43}$`)

func TestHostKeyIsCreatedPrivateAndReused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "lineup")
	path := filepath.Join(dir, "ssh_host_ed25519")
	first, err := LoadOrCreateHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if !first.Created {
		t.Error("a new key is not marked Created")
	}
	if !fingerprintForm.MatchString(first.Fingerprint) {
		t.Errorf("fingerprint %q is not in OpenSSH's SHA256 form", first.Fingerprint)
	}
	if first.Signer.PublicKey().Type() != "ssh-ed25519" {
		t.Errorf("key type %s, want ssh-ed25519", first.Signer.PublicKey().Type())
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("key file mode %04o, want 0600", perm)
	}
	dinfo, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if perm := dinfo.Mode().Perm(); perm != 0o700 {
		t.Errorf("key folder mode %04o, want 0700", perm)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(raw), "-----BEGIN OPENSSH PRIVATE KEY-----") {
		t.Errorf("the key file is not an OpenSSH private key:\n%s", raw)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files, want only the key (no temporary file left)", len(entries))
	}

	again, err := LoadOrCreateHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if again.Created {
		t.Error("an existing key was made anew")
	}
	if again.Fingerprint != first.Fingerprint {
		t.Errorf("the reused key's fingerprint %s differs from %s", again.Fingerprint, first.Fingerprint)
	}
}

func TestHostKeyErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good, err := LoadOrCreateHostKey(filepath.Join(dir, "good"))
	if err != nil {
		t.Fatal(err)
	}
	goodPEM, err := os.ReadFile(good.Path)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, path, want string
	}{
		{"garbage", write("garbage", "not a key\n", 0o600), "not a usable OpenSSH private key"},
		{"empty", write("empty", "", 0o600), "not a usable OpenSSH private key"},
		{"readable by others", write("open", string(goodPEM), 0o644), "chmod 600"},
		{"a folder", dir, "not a regular file"},
		{"no path", "", "no path"},
	} {
		_, err := LoadOrCreateHostKey(c.path)
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.path) {
			t.Errorf("%s: error %q, want it to name %q and say %q", c.name, err, c.path, c.want)
		}
	}
}

func TestHostKeyUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	p := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(p, []byte("x"), 0o000); err != nil {
		t.Fatal(err)
	}
	_, err := LoadOrCreateHostKey(p)
	if err == nil || !strings.Contains(err.Error(), p) {
		t.Errorf("error %v, want one naming %s", err, p)
	}
}

func TestHostKeyFolderThatCannotBeMade(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(file, "key")
	if _, err := LoadOrCreateHostKey(p); err == nil || !strings.Contains(err.Error(), p) {
		t.Errorf("error %v, want one naming %s", err, p)
	}
}
