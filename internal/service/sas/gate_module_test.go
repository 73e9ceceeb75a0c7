package sas_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// gateModuleDir is examples/modules/sas-gate, whose .tftest.hcl files this
// test runs with `terraform test`.
var gateModuleDir = filepath.Join("..", "..", "..", "examples", "modules", "sas-gate")

// copyModule copies the module and its test files (not .terraform or state)
// into dir, so that the CLI writes nothing into the tree.
func copyModule(t *testing.T, src, dir string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			if d.Name() == ".terraform" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		if filepath.Ext(p) != ".tf" && filepath.Ext(p) != ".hcl" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o600)
	})
	if err != nil {
		t.Fatalf("copying %s: %s", src, err)
	}
}

// TestAccSasGateModule_terraformTest runs the module's own tests with
// `terraform test`: tests/ with mock_provider (the gate's logic), then
// tests-mockcloud/ with the provider against this test's mock, seeded as the
// file's header says. mock_provider and override_data need Terraform 1.7.
func TestAccSasGateModule_terraformTest(t *testing.T) {
	e := acctest.New(t, acctest.WithHTTP())
	e.NeedsMock(t, "seeds Security Center subtasks in the mock")
	cli := e.NewCLI(t, "", tfversion.SkipBelow(tfversion.Version1_7_0))
	copyModule(t, gateModuleDir, cli.Dir)
	for _, st := range []mockcloud.Subtask{
		{TaskID: 4001, Status: mockcloud.SubtaskSucceeded},
		{TaskID: 4001, Status: mockcloud.SubtaskSucceeded},
		{TaskID: 4002, Status: mockcloud.SubtaskSucceeded},
		{TaskID: 4002, Status: mockcloud.SubtaskFailed},
		{TaskID: 4002, Status: mockcloud.SubtaskTimedOut},
	} {
		seed(t, e, st)
	}

	cli.MustRun("init", "-input=false", "-no-color")
	// tests/: mock_provider, the default test directory.
	if out := cli.MustRun("test", "-no-color"); !strings.Contains(out, "3 passed, 0 failed") {
		t.Errorf("tests/: want 3 runs passed (%s)", cli)
	}
	// tests-mockcloud/: the provider against the mock.
	mockTest := filepath.Join("tests-mockcloud", "gate.tftest.hcl")
	data, err := os.ReadFile(filepath.Join(cli.Dir, mockTest))
	if err != nil {
		t.Fatal(err)
	}
	const standalone = `endpoints = { sas = "127.0.0.1:8080" }`
	if !strings.Contains(string(data), standalone) {
		t.Fatalf("%s does not set %s", mockTest, standalone)
	}
	cli.Write(mockTest, strings.Replace(string(data), standalone, fmt.Sprintf("endpoints = { sas = %q }", e.Addr), 1))
	out := cli.MustRun("test", "-no-color", "-test-directory=tests-mockcloud")
	if !strings.Contains(out, "3 passed, 0 failed") {
		t.Errorf("tests-mockcloud/: want 3 runs passed (%s)", cli)
	}
}
