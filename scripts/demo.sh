#!/usr/bin/env bash
# make demo: the provider end to end against the mock cloud, the way a user
# would drive it: apply, read, drift behind Terraform's back, plan (must show
# the drift), apply again to repair it, destroy. Works with Terraform or OpenTofu.
# The provider is installed the way users install it: "terraform init" from a
# filesystem mirror of the release artifacts (scripts/release), with the
# dependency lock file checked, not through dev_overrides.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
# The caller's CLI setup must not change what the demo does.
for var in $(compgen -e); do
	case $var in
	TF_CLI_ARGS* | TF_PLUGIN_CACHE_DIR | TF_DATA_DIR | TF_WORKSPACE) unset "$var" ;;
	esac
done

bold='' plain=''
if [[ -t 1 ]]; then
	bold=$'\033[1m' plain=$'\033[0m'
fi
step=0
banner() {
	step=$((step + 1))
	printf '\n%s==> [%d] %s%s\n' "$bold" "$step" "$*" "$plain"
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cloudtrack-demo.XXXXXX")
mock_pid=
finished=

cleanup() {
	local rc=$?
	if [[ -n $mock_pid ]] && kill -0 "$mock_pid" 2>/dev/null; then
		kill "$mock_pid" 2>/dev/null || true
		wait "$mock_pid" 2>/dev/null || true
	fi
	if [[ -z $finished && -s $tmp/mock.log ]]; then
		echo "--- last lines of the mock's log ---" >&2
		tail -n 40 "$tmp/mock.log" >&2 || true
	fi
	rm -rf "$tmp"
	if [[ -z $finished ]]; then
		echo "demo FAILED (exit $rc)" >&2
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

tf=$(bash scripts/terraform.sh)
tf_name=${tf##*/}
# Colours for a person at a terminal; plain text in logs.
tf_color=()
[[ -t 1 ]] || tf_color=(-no-color)
# Everything the demo prints is also kept (after the terminal checks above),
# to check at the end that no step printed a development override warning.
exec > >(tee "$tmp/demo.out") 2>&1

banner "building the release artifacts for this machine, and a filesystem mirror of them"
# make release-snapshot builds every target of .goreleaser.yml; the demo
# needs this machine's only.
go run ./scripts/release -targets host -out "$tmp/dist" -mirror "$tmp/mirror"
ls "$tmp/dist"
# The mirror's CLI configuration installs cloudtrack/cloudtrack (both
# registry host names) from the mirror and nothing from anywhere else.
export TF_CLI_CONFIG_FILE=$tmp/mirror/cli.tfrc
echo "CLI config: $TF_CLI_CONFIG_FILE"
cat "$TF_CLI_CONFIG_FILE"

# init installs the provider from the mirror into a working directory, checked
# against the lock file the release's hashes make (what a registry install
# writes: h1: of this machine's package, zh: of every zip); the lock file is
# then the one terraform init wrote.
tf_init() {
	cp "$tmp/mirror/.terraform.lock.hcl" .terraform.lock.hcl
	"$tf" init "${tf_color[@]}" -input=false
	if ! grep -q '"h1:' .terraform.lock.hcl || ! grep -q '"zh:' .terraform.lock.hcl; then
		cat .terraform.lock.hcl
		echo "the lock file $tf_name init wrote lacks h1: or zh: hashes" >&2
		exit 1
	fi
}
# Captured, then cut: "version | head" under pipefail can fail on SIGPIPE.
tf_version=$("$tf" version) || true
echo "CLI: ${tf_version%%$'\n'*} at $tf"

banner "building and starting the mock cloud"
go build -o "$tmp/mockcloud" ./internal/mockcloud/cmd/mockcloud
"$tmp/mockcloud" -addr 127.0.0.1:0 -addr-file "$tmp/addr" -job-step 1s \
	>"$tmp/mock.log" 2>&1 &
mock_pid=$!

addr=
deadline=$((SECONDS + 30))
while :; do
	if ! kill -0 "$mock_pid" 2>/dev/null; then
		echo "the mock exited before it was ready" >&2
		exit 1
	fi
	if [[ -s $tmp/addr ]]; then
		addr=$(<"$tmp/addr")
		if curl -fsS -o /dev/null --max-time 2 "http://$addr/_mock/health" 2>/dev/null; then
			break
		fi
	fi
	if ((SECONDS >= deadline)); then
		echo "the mock did not answer http://${addr:-<no address yet>}/_mock/health within 30s" >&2
		exit 1
	fi
	sleep 0.2
done
echo "mock cloud listening on $addr (pid $mock_pid)"

banner "$tf_name apply: create ActionTrail trail demo-trail, a history delivery job on it and a CloudAudit track"
mkdir -p "$tmp/work"
cp -R "$root/examples/demo/." "$tmp/work/"
rm -rf "$tmp/work/.terraform" "$tmp/work/.terraform.lock.hcl" "$tmp/work"/terraform.tfstate*
cd "$tmp/work"
tf_init
echo "--- .terraform.lock.hcl written by $tf_name init ---"
cat .terraform.lock.hcl
"$tf" apply "${tf_color[@]}" -auto-approve -input=false -var "endpoint=$addr"

banner "$tf_name output"
"$tf" output "${tf_color[@]}"

banner "Security Center: a subtask of task 4002 fails (admin API); the check block warns"
echo "PATCH http://$addr/_mock/sas/subtasks/600004 {\"status\": 4}"
curl -fsS -X PATCH "http://$addr/_mock/sas/subtasks/600004" -H 'Content-Type: application/json' -d '{"status": 4}' >/dev/null
sas_plan=$("$tf" plan -no-color -input=false -var "endpoint=$addr" 2>&1) || {
	printf '%s\n' "$sas_plan"
	echo "$tf_name plan failed" >&2
	exit 1
}
if ! grep -q "Security Center task 4002 failed or timed out" <<<"$sas_plan"; then
	printf '%s\n' "$sas_plan"
	echo "the plan does not show the failed check block" >&2
	exit 1
fi
grep -A 12 "Warning: Check block assertion failed" <<<"$sas_plan" || true
echo "the check block reported the failed subtask, as expected"

banner "drift: deleting the job in the mock, behind Terraform's back"
job_id=$("$tf" output -raw job_id)
echo "DELETE http://$addr/_mock/actiontrail/jobs/$job_id"
curl -fsS -X DELETE "http://$addr/_mock/actiontrail/jobs/$job_id"
echo

banner "$tf_name plan: the deleted job must show up as a change"
plan_rc=0
"$tf" plan "${tf_color[@]}" -detailed-exitcode -input=false -var "endpoint=$addr" || plan_rc=$?
case $plan_rc in
2) echo "plan shows the drift (exit code 2), as expected" ;;
0)
	echo "the plan is empty: the provider did not notice the job was deleted" >&2
	exit 1
	;;
*)
	echo "$tf_name plan failed (exit code $plan_rc)" >&2
	exit 1
	;;
esac

banner "$tf_name apply: recreate the job the drift removed"
"$tf" apply "${tf_color[@]}" -auto-approve -input=false -var "endpoint=$addr"

banner "drift: disabling the CloudAudit track in the mock, behind Terraform's back"
track_id=$("$tf" output -raw track_id)
echo "PATCH http://$addr/_mock/cloudaudit/tracks/$track_id {\"status\":0}"
curl -fsS -X PATCH "http://$addr/_mock/cloudaudit/tracks/$track_id" -H 'Content-Type: application/json' -d '{"status":0}'
echo

banner "$tf_name plan: the disabled track must show up as an in-place update"
plan_rc=0
"$tf" plan -no-color -detailed-exitcode -input=false -var "endpoint=$addr" >"$tmp/track-plan.txt" || plan_rc=$?
cat "$tmp/track-plan.txt"
if [[ $plan_rc -ne 2 ]] || ! grep -q "cloudtrack_cloudaudit_track.demo will be updated in-place" "$tmp/track-plan.txt"; then
	echo "the plan does not propose updating the track in place (exit code $plan_rc)" >&2
	exit 1
fi
echo "plan proposes an in-place update of the track (exit code 2), as expected"

banner "$tf_name apply: re-enable the track"
"$tf" apply "${tf_color[@]}" -auto-approve -input=false -var "endpoint=$addr"

banner "$tf_name destroy"
"$tf" destroy "${tf_color[@]}" -auto-approve -input=false -var "endpoint=$addr"

# Adopting what exists: terraform query (Terraform 1.14 and later; OpenTofu
# has no query) finds a track made by hand and writes its configuration;
# applying that configuration imports it without changing it.
if [[ $tf_version == Terraform* ]]; then
	banner "adopt: a track made behind Terraform's back, found by $tf_name query"
	echo "POST http://$addr/_mock/cloudaudit/tracks {\"name\":\"hand-made-track\", ...}"
	curl -fsS -X POST "http://$addr/_mock/cloudaudit/tracks" -H 'Content-Type: application/json' \
		-d '{"name":"hand-made-track","status":1,"action_type":"Write","resource_type":"cos","event_names":["PutObject"],"storage":{"type":"cos","region":"ap-guangzhou","name":"audit-bucket","prefix":"handmade"}}' >/dev/null
	mkdir -p "$tmp/adopt"
	cd "$tmp/adopt"
	# The demo's provider block, without its resources.
	sed -n '1,/^resource /p' "$root/examples/demo/main.tf" | sed '$d' >main.tf
	cat >found.tfquery.hcl <<'HCL'
list "cloudtrack_cloudaudit_track" "hand_made" {
  provider         = cloudtrack
  include_resource = true
  config {
    name_regex = "^hand-made-"
  }
}
HCL
	tf_init
	"$tf" query "${tf_color[@]}" -var "endpoint=$addr" -generate-config-out=generated.tf
	echo "--- generated.tf ---"
	cat generated.tf
	banner "$tf_name apply of the generated configuration: imports the track, changes nothing"
	apply_out=$("$tf" apply -no-color -auto-approve -input=false -var "endpoint=$addr" 2>&1) || {
		printf '%s\n' "$apply_out"
		echo "$tf_name apply of the generated configuration failed" >&2
		exit 1
	}
	printf '%s\n' "$apply_out"
	if ! grep -q "1 imported, 0 added, 0 changed, 0 destroyed" <<<"$apply_out"; then
		echo "the apply did not import exactly one track without changes" >&2
		exit 1
	fi
	banner "$tf_name plan: empty after the adoption"
	"$tf" plan "${tf_color[@]}" -detailed-exitcode -input=false -var "endpoint=$addr"
	echo "the plan is empty: the hand-made track is now managed, unchanged"
	cd "$tmp/work"
fi

# Who changed it: drift says *that* a track changed; the audit events the
# mock records say *who*. The provider itself looks them up when a refresh
# finds drift and names the change in a plan warning (no module needed).
banner "who changed it: a track managed by $tf_name"
mkdir -p "$tmp/who"
cd "$tmp/who"
# The demo's provider block, without its resources.
sed -n '1,/^resource /p' "$root/examples/demo/main.tf" | sed '$d' >main.tf
cat >>main.tf <<HCL

resource "cloudtrack_cloudaudit_track" "watched" {
  name          = "who-changed-it-demo"
  action_type   = "Write"
  resource_type = "cos"
  event_names   = ["*"]
  storage = {
    type   = "cos"
    region = "ap-guangzhou"
    name   = "audit-logs"
    prefix = "who"
  }
}

output "watched_track_id" { value = cloudtrack_cloudaudit_track.watched.id }
HCL
tf_init
"$tf" apply "${tf_color[@]}" -auto-approve -input=false -var "endpoint=$addr"
watched_id=$("$tf" output -raw watched_track_id)

banner "alice stops the track in the console (admin API, who=alice), behind $tf_name's back"
echo "PATCH http://$addr/_mock/cloudaudit/tracks/$watched_id {\"who\":\"alice\",\"status\":0}"
curl -fsS -X PATCH "http://$addr/_mock/cloudaudit/tracks/$watched_id" -H 'Content-Type: application/json' -d '{"who":"alice","status":0}' >/dev/null

banner "$tf_name plan: the drift, and the provider's warning names alice, the action, the time and the IP"
plan_rc=0
"$tf" plan -no-color -detailed-exitcode -input=false -var "endpoint=$addr" >"$tmp/who-plan.txt" 2>&1 || plan_rc=$?
cat "$tmp/who-plan.txt"
who_flat=$(tr -s ' \n' '  ' <"$tmp/who-plan.txt" | tr -d '│')
if [[ $plan_rc -ne 2 ]] || ! grep -q "cloudtrack_cloudaudit_track.watched will be updated in-place" "$tmp/who-plan.txt"; then
	echo "the plan does not show the drift of the track (exit code $plan_rc)" >&2
	exit 1
fi
if ! grep -q "Warning: CloudAudit track $watched_id was changed outside Terraform" <<<"$who_flat" ||
	! grep -Eq "console user alice ran ModifyAuditTrack at [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z from [^ ]+" <<<"$who_flat"; then
	echo "the plan's warning does not name alice, the action and the time" >&2
	exit 1
fi
echo "the plan shows the drift and names who made it: $(grep -Eo "console user alice ran ModifyAuditTrack at [^ ]+ from [^ ]+" <<<"$who_flat")"

banner "$tf_name destroy (who changed it)"
"$tf" destroy "${tf_color[@]}" -auto-approve -input=false -var "endpoint=$addr"
cd "$tmp/work"

banner "stopping the mock cloud"
kill "$mock_pid"
wait "$mock_pid" 2>/dev/null || true
mock_pid=

if grep -qi "development overrides" "$tmp/demo.out"; then
	echo "a step printed a provider development override warning: the demo must install the provider as users do" >&2
	exit 1
fi
finished=1
printf '\n%sdemo finished%s (provider installed by %s init from the mirror; no development overrides)\n' "$bold" "$plain" "$tf_name"
