// Package e2e holds tests that drive a real Terraform binary against the
// provider installed as users install it: the release artifacts that
// scripts/release builds (make release-snapshot), laid out as a filesystem
// mirror, installed by terraform init and checked against the dependency
// lock file. They cover what terraform-plugin-testing cannot express: the
// install itself (install_test.go), and terraform query
// -generate-config-out followed by an apply of what it wrote.
package e2e
