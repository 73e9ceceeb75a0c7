#!/usr/bin/env bash
# make lint: golangci-lint v2 with .golangci.yml. Uses the one on PATH or in
# GOBIN/GOPATH/bin when it is v2 and was built with a Go new enough for this
# module (older ones refuse to load it); otherwise installs the pinned version
# from the Go module proxy.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

GOLANGCI_LINT_VERSION=${GOLANGCI_LINT_VERSION:-v2.15.0}

# Minor version of the module's "go" directive, e.g. 26 for "go 1.26.0".
module_go_minor=$(sed -n 's/^go 1\.\([0-9]*\).*/\1/p' go.mod)

usable() {
	local bin=$1 out built
	[[ -x $bin ]] || return 1
	out=$("$bin" version 2>/dev/null) || return 1
	[[ $out =~ has\ version\ v?2\. ]] || return 1
	[[ $out =~ built\ with\ go1\.([0-9]+) ]] || return 1
	built=${BASH_REMATCH[1]}
	((built >= ${module_go_minor:-0}))
}

gobin=$(go env GOBIN)
[[ -n $gobin ]] || gobin=$(go env GOPATH)/bin

lint=
for candidate in "$(command -v golangci-lint 2>/dev/null || true)" "$gobin/golangci-lint"; do
	if [[ -n $candidate ]] && usable "$candidate"; then
		lint=$candidate
		break
	fi
done

if [[ -z $lint ]]; then
	echo "==> installing golangci-lint $GOLANGCI_LINT_VERSION into $gobin (a few minutes, once)" >&2
	GOFLAGS='' GOWORK=off go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$GOLANGCI_LINT_VERSION"
	lint=$gobin/golangci-lint
	usable "$lint" || {
		echo "the installed $lint is not usable: $("$lint" version 2>&1)" >&2
		exit 1
	}
fi

echo "==> $("$lint" version)"
"$lint" run ./...
