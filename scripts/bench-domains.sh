#!/usr/bin/env bash
# A CDN deliver task with many domain_names, driven by the real CLI against
# the standalone mock: plan (create), apply, plan (no change), apply of one
# more domain. Prints wall time and CPU (the CLI and the provider, user+sys)
# of each command. Figures only; nothing is asserted.
#
#   bash scripts/bench-domains.sh [domains (default 500, the API's most)] [source dir (default this repository)]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/dev-overrides.sh
. scripts/dev-overrides.sh
n=${1:-500}
src=$(cd "${2:-.}" && pwd)
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
for var in $(compgen -e); do
	case $var in
	TF_CLI_ARGS* | TF_PLUGIN_CACHE_DIR | TF_DATA_DIR | TF_WORKSPACE | TF_LOG*) unset "$var" ;;
	esac
done

tf=$(bash scripts/terraform.sh)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cloudtrack-bench-domains.XXXXXX")
mock_pid=
cleanup() {
	if [[ -n $mock_pid ]]; then
		kill "$mock_pid" 2>/dev/null || true
		wait "$mock_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

(cd "$src" && go build -o "$tmp/plugins/terraform-provider-cloudtrack" . && go build -o "$tmp/mockcloud" ./internal/mockcloud/cmd/mockcloud)
export TF_CLI_CONFIG_FILE=$tmp/cli.tfrc
write_dev_overrides "$TF_CLI_CONFIG_FILE" "$tmp/plugins"

"$tmp/mockcloud" -addr 127.0.0.1:0 -addr-file "$tmp/addr" >"$tmp/mock.log" 2>&1 &
mock_pid=$!
for _ in $(seq 150); do
	[[ -s $tmp/addr ]] && curl -fsS -o /dev/null --max-time 2 "http://$(<"$tmp/addr")/_mock/health" 2>/dev/null && break
	sleep 0.2
done
addr=$(<"$tmp/addr")

mkdir "$tmp/work"
cat >"$tmp/work/main.tf" <<HCL
variable "extra" {
  type    = list(string)
  default = []
}

provider "cloudtrack" {
  alicloud {
    access_key = "mock-access-key-id"
    secret_key = "mock-access-key-secret"
    region     = "cn-hangzhou"
    protocol   = "HTTP"
    endpoints  = { cdn = "$addr" }
  }
}

resource "cloudtrack_cdn_deliver_task" "many" {
  name         = "many-domains"
  domain_names = concat(flatten([for a in range(ceil($n / 1000)) : [for b in range(min(1000, $n - a * 1000)) : "d\${a * 1000 + b}.example.com"]]), var.extra)
  reports      = [{ report_id = 1 }]
  schedule     = { crontab = "0 0 8 * * ?", frequency = "d" }
  deliver      = { email = { subject = "Ops report", to = ["ops@example.com"] } }
}

terraform {
  required_providers {
    cloudtrack = { source = "cloudtrack/cloudtrack" }
  }
}
HCL
cd "$tmp/work"

# run LABEL ARGS...: one CLI command, its wall and CPU time (children included).
run() {
	local label=$1
	shift
	local t0 t1 c0 c1
	t0=$(date +%s.%N)
	c0=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
	"$tf" "$@" -input=false -no-color >"$tmp/out.log" 2>&1 || {
		cat "$tmp/out.log" >&2
		echo "$label failed" >&2
		exit 1
	}
	t1=$(date +%s.%N)
	c1=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
	awk -v l="$label" -v w="$(echo "$t1 - $t0" | bc)" -v c="$((c1 - c0))" -v hz="$(getconf CLK_TCK)" \
		'BEGIN { printf "%-26s wall %7.2f s   cpu (CLI + provider) %7.2f s\n", l, w, c / hz }'
}

tf_version=$("$tf" version) || true
echo "$n domain names, ${tf_version%%$'\n'*}, provider from $src"
run "plan (create)" plan
run "apply (create)" apply -auto-approve
run "plan (no change)" plan
grep -q "No changes" "$tmp/out.log" || echo "  (the plan was not empty)"
run "apply (one more domain)" apply -auto-approve -var 'extra=["extra.example.com"]'
