package links

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// ErrNoOpener is returned (wrapped) when no program to open a URL exists;
// the caller then shows the URL for the user to open.
var ErrNoOpener = errors.New("no program to open links found (set $BROWSER)")

// Opener opens URLs with the platform's program. Its fields are what it
// asks of the system, so that tests can stand in for it.
type Opener struct {
	GOOS     string
	Getenv   func(string) string
	LookPath func(string) (string, error)
	// Start runs a program without waiting for it.
	Start func(name string, args ...string) error
}

// System is the Opener of the running program.
func System() Opener {
	return Opener{GOOS: runtime.GOOS, Getenv: os.Getenv, LookPath: exec.LookPath, Start: start}
}

// OpenURL opens u in the browser with the system's Opener.
func OpenURL(u string) error { return System().Open(u) }

// start runs name in the background, its output discarded (it must not
// write over the screen), and reaps it when it ends.
func start(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, nil, nil
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}

// Open opens u: with the commands in $BROWSER when set (a list separated by
// ":"; "%s" in a command stands for the URL, else the URL comes last), else
// with the platform's opener: open on macOS, rundll32's URL handler on
// Windows (not "cmd /c start", which reads & and ^ in a URL as its own),
// xdg-open elsewhere. Only Linkable URLs are opened.
func (o Opener) Open(u string) error {
	if !Linkable(u) {
		return fmt.Errorf("not a web or mail address: %q", u)
	}
	var tried []string
	if b := o.Getenv("BROWSER"); strings.TrimSpace(b) != "" {
		for _, c := range strings.Split(b, ":") {
			f := strings.Fields(c)
			if len(f) == 0 {
				continue
			}
			args, subst := f[1:], false
			for i, a := range args {
				if strings.Contains(a, "%s") {
					args[i] = strings.ReplaceAll(a, "%s", u)
					subst = true
				}
			}
			if !subst {
				args = append(args, u)
			}
			if o.run(f[0], args, &tried) == nil {
				return nil
			}
		}
	}
	var name string
	var args []string
	switch o.GOOS {
	case "darwin":
		name, args = "open", []string{u}
	case "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler", u}
	default:
		name, args = "xdg-open", []string{u}
	}
	err := o.run(name, args, &tried)
	if err == nil {
		return nil
	}
	if errors.Is(err, errNotFound) {
		return fmt.Errorf("%w; tried %s", ErrNoOpener, strings.Join(tried, ", "))
	}
	return fmt.Errorf("opening %s: %w", u, err)
}

var errNotFound = errors.New("not found")

// run starts name when it can be found (errNotFound when it cannot).
func (o Opener) run(name string, args []string, tried *[]string) error {
	*tried = append(*tried, name)
	path, err := o.LookPath(name)
	if err != nil {
		return errNotFound
	}
	return o.Start(path, args...)
}
