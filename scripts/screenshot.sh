#!/bin/sh
# Redraws docs/screen.svg, the README's picture: the real lineup on the
# built-in conference, in a 100×30 tmux window with a temporary store and a
# fixed clock (the first conference morning), captured with its colours and
# drawn as SVG by cmd/lineup-svg. Needs tmux. Run it after changing a screen.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
sock="$tmp/tmux.sock"
cleanup() { tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
go build -o "$tmp/lineup" ./cmd/lineup
go build -o "$tmp/lineup-svg" ./cmd/lineup-svg
tmux -S "$sock" -f /dev/null new-session -d -x 100 -y 30 \
	"env LINEUP_DB=$tmp/screen.db LINEUP_NOW=2019-11-06T11:40:00+01:00 TERM=xterm-256color COLORTERM=truecolor NO_COLOR= $tmp/lineup"
sleep 2
# Down to a session with a track of its own, so the picture shows the rows
# as they read mid-programme.
for k in ']' j j; do
	tmux -S "$sock" send-keys "$k"
	sleep 0.2
done
sleep 1
tmux -S "$sock" capture-pane -p -e > "$tmp/screen.ansi"
mkdir -p docs
"$tmp/lineup-svg" -cols 100 -rows 30 < "$tmp/screen.ansi" > docs/screen.svg
echo "wrote docs/screen.svg"
