# shellcheck shell=bash
# Sourced by scripts that run Terraform or OpenTofu against a local build.
# write_dev_overrides FILE DIR writes a CLI config whose dev_overrides point
# both registries' cloudtrack/cloudtrack at the provider binary in DIR; with
# them no "init" is needed (it would try to reach a registry).
write_dev_overrides() {
	cat >"$1" <<TFRC
provider_installation {
  dev_overrides {
    "registry.terraform.io/cloudtrack/cloudtrack" = "$2"
    "registry.opentofu.org/cloudtrack/cloudtrack" = "$2"
  }
  direct {}
}
TFRC
}
