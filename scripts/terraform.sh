#!/usr/bin/env bash
# Prints the absolute path of a Terraform-compatible CLI, in this order:
#   1. $TF_ACC_TERRAFORM_PATH
#   2. terraform on PATH
#   3. tofu on PATH
#   4. OpenTofu built from the Go module proxy into a cache outside the repo
#      (the proxy is the one source reachable on every machine of this project;
#      HashiCorp's release downloads are not).
# Only the path goes to stdout; progress goes to stderr.
set -euo pipefail

TOFU_VERSION=1.10.7

log() { printf 'terraform.sh: %s\n' "$*" >&2; }

abspath() {
	local dir
	dir=$(cd "$(dirname "$1")" && pwd) || return 1
	printf '%s/%s\n' "$dir" "$(basename "$1")"
}

if [[ -n ${TF_ACC_TERRAFORM_PATH:-} ]]; then
	if [[ ! -x $TF_ACC_TERRAFORM_PATH ]]; then
		log "TF_ACC_TERRAFORM_PATH=$TF_ACC_TERRAFORM_PATH is not an executable file"
		exit 1
	fi
	abspath "$TF_ACC_TERRAFORM_PATH"
	exit 0
fi

for name in terraform tofu; do
	if bin=$(command -v "$name" 2>/dev/null) && [[ -x $bin ]]; then
		abspath "$bin"
		exit 0
	fi
done

cache_root=${CLOUDTRACK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cloudtrack}
dest_dir=$cache_root/tofu-$TOFU_VERSION
dest=$dest_dir/tofu

if [[ -x $dest ]]; then
	printf '%s\n' "$dest"
	exit 0
fi

if ! command -v go >/dev/null 2>&1; then
	log "neither terraform nor tofu is on PATH, and go is missing to build OpenTofu"
	exit 1
fi

mkdir -p "$dest_dir"

# Serialise concurrent builds (parallel make jobs, two shells): the second
# caller waits for the first and then reuses its binary.
if command -v flock >/dev/null 2>&1; then
	exec 9>"$dest_dir/.lock"
	flock 9
	if [[ -x $dest ]]; then
		printf '%s\n' "$dest"
		exit 0
	fi
fi

log "no terraform or tofu on PATH; building OpenTofu $TOFU_VERSION from the Go module proxy"
log "into $dest (takes several minutes on 2 cores; done once per machine)"

work=$(mktemp -d "${TMPDIR:-/tmp}/tofu-build.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"' EXIT

# The project's go.work or GOFLAGS must not leak into OpenTofu's own module.
export GOWORK=off GOFLAGS=-mod=readonly

src=$(cd "$work" && go mod download -json "github.com/opentofu/opentofu@v$TOFU_VERSION" |
	sed -n 's/^[[:space:]]*"Dir":[[:space:]]*"\(.*\)",\{0,1\}$/\1/p')
if [[ -z $src || ! -d $src ]]; then
	log "go mod download did not report a source directory for opentofu@v$TOFU_VERSION"
	exit 1
fi

# The module cache is read-only; build from a writable copy.
cp -R "$src" "$work/src"
chmod -R u+w "$work/src"

start=$SECONDS
(
	cd "$work/src"
	go build -trimpath \
		-ldflags "-X github.com/opentofu/opentofu/version.dev=no" \
		-o "$dest_dir/tofu.tmp" ./cmd/tofu
) >&2
mv -f "$dest_dir/tofu.tmp" "$dest"
built=$("$dest" version 2>/dev/null) || true # captured, then cut: no SIGPIPE under pipefail
log "built ${built%%$'\n'*} in $((SECONDS - start))s"

printf '%s\n' "$dest"
