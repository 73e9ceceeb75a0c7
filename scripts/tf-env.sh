# shellcheck shell=bash
# Sourced (". scripts/tf-env.sh") by make recipes and scripts that drive
# Terraform: points terraform-plugin-testing at the CLI that
# scripts/terraform.sh picks or builds (TF_ACC_TERRAFORM_PATH if set, else the
# newest Terraform, or OpenTofu with CLOUDTRACK_CLI=tofu), and keeps the CLI
# offline.
# TF_ACC_TERRAFORM_VERSION is never set: with it, terraform-plugin-testing
# would try to download that version.

_ct_tf_bin=$(bash "$(dirname "${BASH_SOURCE[0]}")/terraform.sh") || return 1
export TF_ACC_TERRAFORM_PATH=$_ct_tf_bin
export CHECKPOINT_DISABLE=1
# A TF_CLI_CONFIG_FILE naming no file configures nothing, but OpenTofu then
# prints a warning on stdout before its version, which the testing library
# cannot parse ("unexpected number of version matches 0"): drop it.
if [[ -n ${TF_CLI_CONFIG_FILE:-} && ! -e $TF_CLI_CONFIG_FILE ]]; then
	unset TF_CLI_CONFIG_FILE
fi
# OpenTofu resolves bare provider sources against its own registry host, so
# the test configurations must name that host for the reattached provider.
# The output is captured, then matched: "version | grep -q" under pipefail
# fails whenever grep exits before the CLI has written everything (SIGPIPE).
_ct_tf_version=$("$_ct_tf_bin" version 2>/dev/null) || true
if [[ $_ct_tf_version == *OpenTofu* ]]; then
	export TF_ACC_PROVIDER_HOST=registry.opentofu.org
fi
unset _ct_tf_bin _ct_tf_version
