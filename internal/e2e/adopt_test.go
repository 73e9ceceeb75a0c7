package e2e_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// terraformPath is the CLI the acceptance tests use: TF_ACC_TERRAFORM_PATH,
// else terraform on PATH.
func terraformPath(t *testing.T) string {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("no terraform: set TF_ACC_TERRAFORM_PATH")
	}
	return p
}

// skipBelow skips the test as tfversion.SkipBelow skips an acceptance
// test: by the CLI's own version.
func skipBelow(t *testing.T, ctx context.Context, tf *tfexec.Terraform, least *version.Version) {
	v, _, err := tf.Version(ctx, true)
	if err != nil {
		t.Fatalf("terraform version: %s", err)
	}
	var resp tfversion.CheckTerraformVersionResponse
	tfversion.SkipBelow(least).CheckTerraformVersion(ctx, tfversion.CheckTerraformVersionRequest{TerraformVersion: v}, &resp)
	if resp.Error != nil {
		t.Fatal(resp.Error)
	}
	if resp.Skip != "" {
		t.Skip(resp.Skip)
	}
}

// env is this process's environment (the mock's CA in SSL_CERT_FILE
// included) with the CLI configuration, and without what a caller's
// setup could change about the run.
func env(cliConfigFile string) map[string]string {
	out := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TF_") {
			continue
		}
		out[k] = v
	}
	out["TF_CLI_CONFIG_FILE"] = cliConfigFile
	out["CHECKPOINT_DISABLE"] = "1"
	return out
}

// Objects made outside Terraform, one of each listable type, are found by
// terraform query, which writes their configuration; an apply of it
// imports them all and changes nothing; the plan after it is empty.
func TestAccE2E_adoptWithQuery(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	// Bounded as acctest.RunBounded bounds a command: a hung CLI fails the
	// test instead of hanging the package.
	ctx, cancel := context.WithTimeout(t.Context(), acctest.CommandBound)
	defer cancel()
	e := acctest.New(t)
	e.NeedsMock(t, "makes objects behind Terraform's back in the mock")
	work := t.TempDir()
	tf, err := tfexec.NewTerraform(work, terraformPath(t))
	if err != nil {
		t.Fatal(err)
	}
	skipBelow(t, ctx, tf, tfversion.Version1_14_0)

	m := e.Mock()
	trackID, err := m.SeedAuditTrack(mockcloud.AuditTrack{
		Name: "hand-made-track", Status: 1, ActionType: "Write", ResourceType: "cos", EventNames: []string{"PutObject"},
		Storage: mockcloud.AuditStorage{Type: "cos", Region: "ap-guangzhou", Name: "audit-bucket", Prefix: "cloudaudit"},
	})
	if err != nil {
		t.Fatal(err)
	}
	var taskIDs []int64
	for _, p := range []struct {
		key    string
		report int
	}{{"cdn", 1}, {"dcdn", 2}} {
		id, err := m.SeedDeliverTask(p.key, mockcloud.DeliverTask{
			Name:     "hand-made-" + p.key + "-report",
			Domains:  []string{"example.com"},
			Reports:  []mockcloud.TaskReport{{ReportID: p.report}},
			Schedule: mockcloud.Schedule{Crontab: "0 0 8 * * ?", Frequency: "d", Status: "enable"},
			Deliver:  mockcloud.Deliver{Email: &mockcloud.Email{Subject: "Ops", To: []string{"ops@example.com"}}},
		})
		if err != nil {
			t.Fatal(err)
		}
		taskIDs = append(taskIDs, id)
	}
	if err := m.SeedTrail(mockcloud.Trail{Name: "hand-made-trail"}); err != nil {
		t.Fatal(err)
	}
	jobIDs, err := m.SeedJobs("hand-made-trail", 1, 2) // complete
	if err != nil {
		t.Fatal(err)
	}

	// Installed as users install it: terraform init from a mirror of the
	// release artifacts (install_test.go).
	_, cliConfig := mirror(t, "0.1.0")
	if err := tf.SetEnv(env(cliConfig)); err != nil {
		t.Fatal(err)
	}
	main := `terraform {
  required_providers {
    cloudtrack = { source = "cloudtrack/cloudtrack" }
  }
}
` + e.ProviderConfig()
	query := ""
	for _, typ := range []string{
		"cloudtrack_cloudaudit_track", "cloudtrack_cdn_deliver_task", "cloudtrack_dcdn_deliver_task",
		"cloudtrack_actiontrail_history_delivery_job", "cloudtrack_actiontrail_trail",
	} {
		query += fmt.Sprintf("list %q \"found\" {\n  provider         = cloudtrack\n  include_resource = true\n}\n\n", typ)
	}
	write(t, filepath.Join(work, "main.tf"), main)
	write(t, filepath.Join(work, "found.tfquery.hcl"), query)
	if err := tf.Init(ctx); err != nil {
		t.Fatalf("terraform init from the mirror: %s", err)
	}

	// terraform query -generate-config-out
	generated := filepath.Join(work, "generated.tf")
	msgs, err := tf.QueryJSON(ctx, tfexec.GenerateConfigOut(generated))
	if err != nil {
		t.Fatalf("terraform query: %s", err)
	}
	for msg := range msgs {
		if msg.Err != nil {
			t.Fatalf("terraform query: %s", msg.Err)
		}
		if d := diagnosticOf(msg.Msg); d != "" {
			t.Fatalf("terraform query: %s", d)
		}
	}
	got, err := os.ReadFile(generated)
	if err != nil {
		t.Fatalf("terraform query wrote no configuration: %s", err)
	}
	t.Logf("generated configuration:\n%s", got)
	for _, want := range []string{
		fmt.Sprintf("track_id = %d", trackID),
		fmt.Sprintf("deliver_id = %d", taskIDs[0]),
		fmt.Sprintf("deliver_id = %d", taskIDs[1]),
		fmt.Sprintf("job_id = %d", jobIDs[0]),
		`name = "hand-made-track"`,
		`trail_name = "hand-made-trail"`,
		`name = "hand-made-trail"`,
	} {
		if !strings.Contains(squeeze(string(got)), want) {
			t.Errorf("generated configuration lacks %q", want)
		}
	}

	// The plan of the generated configuration imports every object and
	// changes none.
	planFile := filepath.Join(work, "adopt.tfplan")
	if _, err := tf.Plan(ctx, tfexec.Out(planFile)); err != nil {
		t.Fatalf("terraform plan: %s", err)
	}
	plan, err := tf.ShowPlanFile(ctx, planFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.ResourceChanges) != 5 {
		t.Errorf("plan has %d resource changes, want 5 imports", len(plan.ResourceChanges))
	}
	for _, rc := range plan.ResourceChanges {
		if rc.Change == nil {
			t.Errorf("%s: no change in the plan", rc.Address)
		} else if rc.Change.Importing == nil || !rc.Change.Actions.NoOp() {
			t.Errorf("%s: want a no-op import, got actions %v (importing: %v)", rc.Address, rc.Change.Actions, rc.Change.Importing != nil)
		}
	}
	m.ResetCalls()
	if err := tf.Apply(ctx, tfexec.DirOrPlan(planFile)); err != nil {
		t.Fatalf("terraform apply: %s", err)
	}
	for action, n := range m.CallCounts() {
		for _, verb := range []string{"Create", "Modify", "Update", "Delete"} {
			if strings.Contains(action, "."+verb) && n > 0 {
				t.Errorf("the apply of imports called %s %d times", action, n)
			}
		}
	}
	state, err := tf.Show(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(state.Values.RootModule.Resources); n != 5 {
		t.Errorf("state holds %d resources after the apply, want 5", n)
	}

	// Nothing left to do.
	after := filepath.Join(work, "after.tfplan")
	changed, err := tf.Plan(ctx, tfexec.Out(after))
	if err != nil {
		t.Fatalf("terraform plan: %s", err)
	}
	if changed {
		out, _ := tf.ShowPlanFileRaw(ctx, after)
		t.Errorf("the plan after adoption is not empty\n%s", out)
	}
}

func write(t *testing.T, path, content string) {
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// squeeze collapses runs of spaces, so alignment by terraform fmt does
// not matter to a match.
func squeeze(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' }), " ")
}

// diagnosticOf is the text of an error diagnostic among query messages.
func diagnosticOf(m tfjson.LogMsg) string {
	d, ok := m.(tfjson.DiagnosticLogMessage)
	if p, isPtr := m.(*tfjson.DiagnosticLogMessage); isPtr && p != nil {
		d, ok = *p, true
	}
	if !ok || d.Severity != tfjson.DiagnosticSeverityError {
		return ""
	}
	return d.Summary + ": " + d.Detail
}
