// Package e2e holds tests that drive a real Terraform binary, for what
// terraform-plugin-testing cannot express. Against the provider installed
// as users install it (the release artifacts that scripts/release builds,
// make release-snapshot, laid out as a filesystem mirror, installed by
// terraform init and checked against the dependency lock file): the install
// itself (install_test.go), and terraform query -generate-config-out
// followed by an apply of what it wrote (adopt_test.go). Against the
// provider served in the test process (acctest.CLI): Ctrl-C sent to
// Terraform mid-call (interrupt_test.go) and two states applied to one
// account (two_runs_test.go).
package e2e
