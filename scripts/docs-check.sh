#!/usr/bin/env bash
# Fails when "make generate" changes docs/ or examples/: the committed docs
# must be what the code, templates and examples produce. Compares the tree
# before and after generation (in a fresh clone that is exactly the committed
# state) and shows the difference.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

before=$(mktemp -d "${TMPDIR:-/tmp}/cloudtrack-docs-check.XXXXXX")
trap 'rm -rf "$before"' EXIT

for dir in docs examples; do
	mkdir -p "$before/$dir"
	if [[ -d $dir ]]; then
		cp -R "$dir/." "$before/$dir/"
	fi
done

bash scripts/docs.sh

stale=0
for dir in docs examples; do
	if ! diff -ruN "$before/$dir" "$dir" >"$before/$dir.diff"; then
		stale=1
		sed "s|$before/||" "$before/$dir.diff"
	fi
done

if ((stale)); then
	echo "(lines with - are what is in the tree, + what make generate produces)"
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		echo "git status --porcelain docs/ examples/:"
		git status --porcelain docs/ examples/
	fi
	echo "docs/ or examples/ are stale: run 'make generate' and commit the result" >&2
	exit 1
fi
echo "docs/ and examples/ are up to date"
