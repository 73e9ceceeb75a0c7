#!/usr/bin/env bash
# Prints the absolute path of the CLI the tests, docs and demo drive:
#
#   scripts/terraform.sh            $TF_ACC_TERRAFORM_PATH if set, else the CLI
#                                   named by $CLOUDTRACK_CLI (default terraform)
#   scripts/terraform.sh terraform  the newest Terraform (TERRAFORM_VERSION below)
#   scripts/terraform.sh tofu       OpenTofu (TOFU_VERSION below)
#
# Both are built from the Go module proxy (the one source reachable on every
# machine of this project; HashiCorp's and OpenTofu's release downloads are
# not) into a cache outside the repo, once per machine:
#   ${CLOUDTRACK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cloudtrack}/terraform-<version>/terraform
#   ${CLOUDTRACK_CACHE:-...}/tofu-<version>/tofu
# Whatever terraform or tofu is on PATH is never used: the versions are pinned
# here. Only the path goes to stdout; progress goes to stderr.
set -euo pipefail

# The newest Terraform that builds from the module proxy (1.16.4: about 4
# minutes on 2 cores). "go list -m -versions" stops at 1.13.3 there, but
# explicit versions resolve.
TERRAFORM_VERSION=1.16.4
# OpenTofu 1.12.x: a single replace, to a published module; builds as is.
TOFU_VERSION=1.12.6

log() { printf 'terraform.sh: %s\n' "$*" >&2; }

abspath() {
	local dir
	dir=$(cd "$(dirname "$1")" && pwd) || return 1
	printf '%s/%s\n' "$dir" "$(basename "$1")"
}

cli=${1:-}
if [[ -z $cli ]]; then
	if [[ -n ${TF_ACC_TERRAFORM_PATH:-} ]]; then
		if [[ ! -x $TF_ACC_TERRAFORM_PATH ]]; then
			log "TF_ACC_TERRAFORM_PATH=$TF_ACC_TERRAFORM_PATH is not an executable file"
			exit 1
		fi
		abspath "$TF_ACC_TERRAFORM_PATH"
		exit 0
	fi
	cli=${CLOUDTRACK_CLI:-terraform}
fi

case $cli in
terraform)
	version=$TERRAFORM_VERSION
	module=github.com/hashicorp/terraform
	pkg=.
	;;
tofu | opentofu)
	cli=tofu
	version=$TOFU_VERSION
	module=github.com/opentofu/opentofu
	pkg=./cmd/tofu
	;;
*)
	log "unknown CLI '$cli' (CLOUDTRACK_CLI or the argument): terraform or tofu"
	exit 2
	;;
esac

cache_root=${CLOUDTRACK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cloudtrack}
dest_dir=$cache_root/$cli-$version
dest=$dest_dir/$cli

if [[ -x $dest ]]; then
	printf '%s\n' "$dest"
	exit 0
fi

if ! command -v go >/dev/null 2>&1; then
	log "go is missing to build $cli $version into $dest"
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

log "building $cli $version from the Go module proxy into $dest"
log "(about 4 minutes on 2 cores; done once per machine)"

work=$(mktemp -d "${TMPDIR:-/tmp}/$cli-build.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"' EXIT

# The project's go.work or GOFLAGS must not leak into the CLI's own module.
export GOWORK=off GOFLAGS=-mod=mod

src=$(cd "$work" && go mod download -json "$module@v$version" |
	sed -n 's/^[[:space:]]*"Dir":[[:space:]]*"\(.*\)",\{0,1\}$/\1/p')
if [[ -z $src || ! -d $src ]]; then
	log "go mod download did not report a source directory for $module@v$version"
	exit 1
fi

# The module cache is read-only; build from a writable copy.
cp -R "$src" "$work/src"
chmod -R u+w "$work/src"

# Terraform's go.mod replaces nine remote-state backends and internal/legacy
# with nested modules (./internal/...), which the module zip leaves out, so a
# plain build fails. Those backends are dropped: their imports and
# registrations in internal/backend/init/init.go, and their require and
# replace lines. internal/legacy is imported only by those backends. local,
# http, inmem, remote and cloud stay: everything the tests use.
strip_terraform_backends() {
	local init=internal/backend/init/init.go mod missing=()
	for mod in $(sed -n 's/^replace \(github\.com\/hashicorp\/terraform\/internal\/[^ ]*\) => \.\/.*/\1/p' go.mod); do
		if [[ ! -f ${mod#github.com/hashicorp/terraform/}/go.mod ]]; then
			missing+=("$mod")
		fi
	done
	((${#missing[@]})) || return 0
	local name alias
	for mod in "${missing[@]}"; do
		go mod edit -droprequire="$mod" -dropreplace="$mod"
		name=${mod##*/}
		[[ $mod == */remote-state/* ]] || continue
		# The import line: backendS3 "github.com/.../remote-state/s3"
		alias=$(sed -n "s|^[[:space:]]*\([A-Za-z0-9_]*\)[[:space:]]*\"$mod\"\$|\1|p" "$init")
		if [[ -z $alias ]]; then
			log "no import of $mod in $init: this Terraform version needs another patch"
			return 1
		fi
		sed -i "\|\"$mod\"\$|d; /[[:space:]]$alias\.New(/d" "$init"
		log "left out the $name backend (a nested module the module zip does not carry)"
	done
	# Captured, then tested: "grep | grep -q" under pipefail can fail on SIGPIPE.
	local left
	left=$(sed -n 's|.*"\(github.com/hashicorp/terraform/internal/backend/remote-state/[^"]*\)"$|\1|p' "$init")
	for mod in $left; do
		if [[ ! -d ${mod#github.com/hashicorp/terraform/} ]]; then
			log "$init still imports $mod, which is not in the module zip"
			return 1
		fi
	done
}

start=$SECONDS
(
	cd "$work/src"
	if [[ $cli == terraform ]]; then
		strip_terraform_backends
	fi
	go build -trimpath \
		-ldflags "-X $module/version.dev=no" \
		-o "$dest_dir/$cli.tmp" "$pkg"
) >&2
mv -f "$dest_dir/$cli.tmp" "$dest"
built=$("$dest" version 2>/dev/null) || true # captured, then matched: no SIGPIPE under pipefail
# OpenTofu may print a CLI config warning on stdout before its version.
[[ $built =~ (Terraform|OpenTofu)\ v[^[:space:]]+ ]] && built=${BASH_REMATCH[0]}
log "built ${built%%$'\n'*} in $((SECONDS - start))s"

printf '%s\n' "$dest"
