#!/bin/sh
# Writes lineup's shell completions to completions/ and its manual page to
# manpages/ (both git-ignored), for the release archives: GoReleaser runs
# this in its before hook. Run it from anywhere in the checkout.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/lineup" ./cmd/lineup
rm -rf completions manpages
mkdir -p completions manpages
for shell in bash zsh fish; do
	"$tmp/lineup" completion "$shell" > "completions/lineup.$shell"
done
"$tmp/lineup" man | gzip -c -9 -n > manpages/lineup.1.gz
