package serve

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// CommandSpec is one CLI command that clients may run with `ssh … COMMAND`.
type CommandSpec struct {
	// Name is the command's words, such as "sessions" or "mine export".
	Name string
	// Flags are the flags the command takes besides the global ones, by the
	// name written on the command line ("--json", "-s"), each true when it
	// takes a value.
	Flags map[string]bool
	// Writes marks commands that change the identity's stars, ratings or
	// notes; they are held to the per-identity write rate.
	Writes bool
}

// queryFlags are the filter flags of `lineup sessions`.
var queryFlags = map[string]bool{
	"--json": false, "--search": true, "-s": true, "--day": true, "--room": true, "--track": true,
	"--type": true, "--level": true, "--speaker": true, "--starred": false, "--min-rating": true, "--sort": true,
	"--upcoming": false, "--running": false,
}

var jsonFlag = map[string]bool{"--json": false}

// DefaultCommands is the safe subset of the CLI: browsing, what changed in
// the schedule, the identity's own stars, ratings and notes, and its export. Nothing here reads or writes a file
// on the server, imports, removes, refreshes or serves.
func DefaultCommands() []CommandSpec {
	return []CommandSpec{
		{Name: "sessions", Flags: queryFlags},
		{Name: "show", Flags: jsonFlag},
		{Name: "speakers", Flags: jsonFlag},
		{Name: "speaker", Flags: jsonFlag},
		{Name: "agenda", Flags: map[string]bool{"--json": false, "--ics": false}},
		{Name: "now", Flags: map[string]bool{"--json": false, "--room": true}},
		{Name: "next", Flags: map[string]bool{"--within": true}},
		{Name: "changes", Flags: map[string]bool{"--json": false, "--starred": false, "--since": true}},
		{Name: "rate", Writes: true},
		{Name: "star", Writes: true},
		{Name: "unstar", Writes: true},
		{Name: "note", Writes: true},
		{Name: "mine export"},
	}
}

// globalFlags may be given to every command. --conf names a conference by
// its slug, which is checked, so it can never carry a path.
var globalFlags = map[string]bool{"--conf": true, "--local": false, "--help": false, "-h": false}

// refusedFlags are named in a refusal with the reason, rather than as unknown.
var refusedFlags = map[string]string{
	"--db":     "--db is not available over SSH: the server uses its own store",
	"--output": "--output is not available over SSH: the output comes back to you; redirect it on your side (ssh … agenda --ics > agenda.ics)",
	"-o":       "-o is not available over SSH: the output comes back to you; redirect it on your side (ssh … agenda --ics > agenda.ics)",
	"--debug":  "--debug is not available over SSH",
}

// slugPattern is compiled on first use, not when every command starts.
var slugPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$`) })

// policy checks argument lists against a set of allowed commands.
type policy struct {
	byName map[string]CommandSpec
	names  []string // for the refusal message, in the order given
}

func newPolicy(specs []CommandSpec) *policy {
	p := &policy{byName: make(map[string]CommandSpec, len(specs))}
	for _, s := range specs {
		if _, dup := p.byName[s.Name]; !dup {
			p.names = append(p.names, s.Name)
		}
		p.byName[s.Name] = s
	}
	return p
}

// RefusedError is a command the server will not run; its message is one line
// meant for the client.
type RefusedError struct{ Reason string }

func (e *RefusedError) Error() string { return e.Reason }

func refuse(format string, a ...any) error {
	return &RefusedError{Reason: fmt.Sprintf(format, a...)}
}

// check returns the spec of the command that args run, or a *RefusedError.
// Global flags may come before the command's words. Everything after "--" is
// positional, as for the CLI's own flag parser, and a flag that takes a value
// takes the next word whatever it looks like, as the CLI's parser does.
func (p *policy) check(args []string) (CommandSpec, error) {
	i := 0
	for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "-" && args[i] != "--" {
		n, err := p.checkFlag(args, i, globalFlags, "lineup")
		if err != nil {
			return CommandSpec{}, err
		}
		i += n
	}
	if i >= len(args) || args[i] == "--" || args[i] == "-" {
		return CommandSpec{}, refuse("name a command: %s", p.list())
	}
	spec, ok := p.byName[args[i]]
	words := 1
	if i+1 < len(args) {
		if two, ok2 := p.byName[args[i]+" "+args[i+1]]; ok2 {
			spec, ok, words = two, true, 2
		}
	}
	if !ok {
		return CommandSpec{}, refuse("%q is not available over SSH; you can run: %s", args[i], p.list())
	}
	i += words
	for i < len(args) {
		a := args[i]
		if a == "--" {
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			i++
			continue
		}
		n, err := p.checkFlag(args, i, spec.Flags, spec.Name)
		if err != nil {
			return CommandSpec{}, err
		}
		i += n
	}
	return spec, nil
}

// checkFlag checks the flag at args[i] (long, long=value, short, short
// bundle or short with its value attached) and returns how many words it
// takes up.
func (p *policy) checkFlag(args []string, i int, own map[string]bool, cmd string) (int, error) {
	a := args[i]
	if strings.HasPrefix(a, "--") {
		name, value, hasValue := strings.Cut(a, "=")
		takes, err := lookupFlag(name, own, cmd)
		if err != nil {
			return 0, err
		}
		if !takes {
			return 1, nil
		}
		if !hasValue {
			if i+1 >= len(args) {
				return 0, refuse("%s needs a value", name)
			}
			value = args[i+1]
		}
		if err := checkValue(name, value); err != nil {
			return 0, err
		}
		if hasValue {
			return 1, nil
		}
		return 2, nil
	}
	// Short flags: -x, -xVALUE, -x=VALUE, -xyz.
	rest := a[1:]
	for rest != "" {
		name := "-" + rest[:1]
		rest = rest[1:]
		takes, err := lookupFlag(name, own, cmd)
		if err != nil {
			return 0, err
		}
		if !takes {
			continue
		}
		if rest != "" {
			return 1, checkValue(name, strings.TrimPrefix(rest, "="))
		}
		if i+1 >= len(args) {
			return 0, refuse("%s needs a value", name)
		}
		return 2, checkValue(name, args[i+1])
	}
	return 1, nil
}

func lookupFlag(name string, own map[string]bool, cmd string) (bool, error) {
	if why, ok := refusedFlags[name]; ok {
		return false, &RefusedError{Reason: why}
	}
	if takes, ok := own[name]; ok {
		return takes, nil
	}
	if takes, ok := globalFlags[name]; ok {
		return takes, nil
	}
	return false, refuse("%s has no flag %q over SSH", cmd, name)
}

func checkValue(name, value string) error {
	if name == "--conf" && (!slugPattern().MatchString(value) || strings.Contains(value, "..")) {
		return refuse("--conf takes a conference slug such as vlb19, not %q", value)
	}
	return nil
}

func (p *policy) list() string {
	names := append([]string(nil), p.names...)
	sort.Strings(names)
	return strings.Join(names, ", ")
}
