// Package e2e holds tests that drive a real Terraform binary, through
// terraform-exec, against a provider built from this repository and
// installed with dev_overrides (no terraform init, offline), for
// workflows terraform-plugin-testing cannot express, such as
// terraform query -generate-config-out followed by an apply of what it
// wrote.
package e2e
