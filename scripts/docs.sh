#!/usr/bin/env bash
# make generate: formats examples/ and regenerates docs/ from the provider
# schema, templates/ and examples/ with tfplugindocs. Runs offline, always
# with the newest Terraform that scripts/terraform.sh builds: the action's
# page renders from the schema of a CLI that knows actions (Terraform 1.14+),
# so neither TF_ACC_TERRAFORM_PATH nor CLOUDTRACK_CLI (the test run's CLI)
# picks the CLI here. The OpenTofu path below stays for a TERRAFORM_DOCS_CLI
# override.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/dev-overrides.sh
. scripts/dev-overrides.sh

export CHECKPOINT_DISABLE=1
# Nothing from the caller's CLI setup may change what gets generated.
for var in $(compgen -e); do
	case $var in
	TF_CLI_ARGS* | TF_CLI_CONFIG_FILE | TF_PLUGIN_CACHE_DIR | TF_DATA_DIR | TF_LOG*) unset "$var" ;;
	esac
done

tf=${TERRAFORM_DOCS_CLI:-$(env -u TF_ACC_TERRAFORM_PATH CLOUDTRACK_CLI=terraform bash scripts/terraform.sh)}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cloudtrack-docs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/empty.tfrc"
export TF_CLI_CONFIG_FILE=$tmp/empty.tfrc

echo "==> building the provider"
go build -o "$tmp/plugins/terraform-provider-cloudtrack" .

# Captured whole, then matched or cut: "version | grep -q" or "| head" under
# pipefail fails whenever the reader exits before the CLI is done (SIGPIPE).
tf_version=$("$tf" version 2>/dev/null) || true
echo "==> formatting examples/ with ${tf_version%%$'\n'*}"
"$tf" fmt -recursive examples/

docs_args=(generate --provider-name cloudtrack --rendered-provider-name cloudtrack)

if [[ $tf_version == *OpenTofu* ]]; then
	# tfplugindocs can only drive a binary named terraform through
	# "init -plugin-dir"; give it the schema from OpenTofu instead. The
	# dev_overrides make "providers schema" work without init, offline.
	echo "==> reading the provider schema with OpenTofu"
	write_dev_overrides "$tmp/dev.tfrc" "$tmp/plugins"
	mkdir -p "$tmp/config"
	cat >"$tmp/config/main.tf" <<'HCL'
terraform {
  required_providers {
    cloudtrack = {
      source = "cloudtrack/cloudtrack"
    }
  }
}
HCL
	TF_CLI_CONFIG_FILE=$tmp/dev.tfrc "$tf" -chdir="$tmp/config" providers schema -json >"$tmp/schema.raw.json"
	# tfplugindocs looks the schema up as "cloudtrack" or
	# "registry.terraform.io/hashicorp/cloudtrack" (the address it uses when
	# it runs Terraform itself), so OpenTofu's key is renamed to that.
	go run ./scripts/schemakey -to registry.terraform.io/hashicorp/cloudtrack \
		<"$tmp/schema.raw.json" >"$tmp/schema.json"
	docs_args+=(--providers-schema "$tmp/schema.json")
else
	# tfplugindocs finds Terraform only as "terraform" on PATH (anything else
	# would make it download one); never pass --tf-version for the same reason.
	mkdir -p "$tmp/bin"
	ln -s "$tf" "$tmp/bin/terraform"
	export PATH="$tmp/bin:$PATH"
fi

echo "==> generating docs/"
go tool tfplugindocs "${docs_args[@]}"
