package cloudaudit_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

func driftTrackConfig(name, status string) string {
	return fmt.Sprintf(`
resource "cloudtrack_cloudaudit_track" "t" {
  name          = %q
  action_type   = "Write"
  resource_type = "cos"
  event_names   = ["*"]
  enabled       = %s
  storage = {
    type   = "cos"
    region = "ap-guangzhou"
    name   = "audit-logs"
    prefix = "drift"
  }
}

output "id" { value = cloudtrack_cloudaudit_track.t.id }
`, name, status)
}

// A plan after a change behind Terraform's back names who made it (console
// user, action, time, source IP); Terraform's own update is not reported
// and costs no look-up; drift_attribution = false makes no look-up; a
// refused look-up leaves the plan successful with a warning naming the
// permission; events not listed yet give the "not yet" warning; a delete
// is attributed too.
func TestAccCloudAuditTrack_driftAttribution(t *testing.T) {
	e := acctest.New(t, acctest.WithHTTP())
	e.NeedsMock(t, "changes the track behind Terraform's back through the mock's admin API")
	m := e.Mock()
	cli := e.NewCLI(t, "")
	name := acctest.RandomName("drift")
	cli.Write("main.tf", e.ProviderConfig()+driftTrackConfig(name, "true"))
	cli.MustRun("init", "-input=false", "-no-color")
	cli.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
	id := strings.TrimSpace(cli.MustRun("output", "-raw", "id"))

	// Terraform's own update: no warning, no look-up.
	cli.Write("main.tf", e.ProviderConfig()+driftTrackConfig(name, "false"))
	cli.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
	e.ExpectOwnChangesUnreported(t, cli)

	// alice starts the track in the console.
	at := e.AdminChange(t, "PATCH", "/_mock/cloudaudit/tracks/"+id, `{"status":1}`, "alice")
	out, _ := cli.Run("plan", "-input=false", "-no-color")
	plan := acctest.FlatOutput(out)
	for _, want := range []string{
		"Warning: CloudAudit track " + id + " was changed outside Terraform",
		"console user alice ran ModifyAuditTrack at " + at.UTC().Format(time.RFC3339) + " from 127.0.0.1 with no access key (console), request id ",
	} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(plan, mockcloud.DefaultSecretID) {
		t.Errorf("plan reports Terraform's own calls:\n%s", out)
	}
	calls := e.LookupCalls()
	t.Logf("look-up calls for one drifted track: %d", calls)
	if calls == 0 || calls > 2 {
		t.Errorf("look-up calls = %d, want 1 or 2", calls)
	}

	// Switched off: the drift still shows, no look-up is made.
	cli.Write("main.tf", acctest.WithDriftAttributionOff(e.ProviderConfig())+driftTrackConfig(name, "false"))
	out, _ = cli.Run("plan", "-input=false", "-no-color")
	if w := acctest.DriftWarnings(out); len(w) > 0 || e.LookupCalls() != calls || !strings.Contains(out, "enabled") {
		t.Errorf("drift_attribution = false: warnings %v, look-ups %d (was %d):\n%s", w, e.LookupCalls(), calls, out)
	}
	cli.Write("main.tf", e.ProviderConfig()+driftTrackConfig(name, "false"))

	// The look-up is refused: the plan succeeds and names the permission.
	fault := m.AddFault(mockcloud.Fault{Product: "cloudaudit", Action: "LookUpEvents", Code: "AuthFailure.UnauthorizedOperation", HTTPStatus: 403})
	out, err := cli.Run("plan", "-input=false", "-no-color", "-detailed-exitcode")
	plan = acctest.FlatOutput(out)
	if !strings.Contains(plan, "was refused (AuthFailure.UnauthorizedOperation): grant the provider's identity the CAM action cloudaudit:LookUpEvents") ||
		!strings.Contains(plan, "Plan: 0 to add, 1 to change") {
		t.Errorf("refused look-up: err %v\n%s", err, out)
	}
	m.RemoveFault(fault)

	// No events yet (the vendors list them minutes later).
	m.ClearAuditEvents()
	out, _ = cli.Run("plan", "-input=false", "-no-color")
	if plan = acctest.FlatOutput(out); !strings.Contains(plan, "No write event on it by another identity since") ||
		!strings.Contains(plan, "the vendors list an event some minutes after the call (CloudAudit LookUpEvents looked at") {
		t.Errorf("no events: plan lacks the not-yet warning:\n%s", out)
	}

	// Over the budget: one call allowed, and the first page of a busy
	// account does not reach back to the last change. The events are a
	// second newer than that change (look-ups resolve whole seconds), so
	// the first page never reaches back to it however fast the steps ran.
	time.Sleep(1100 * time.Millisecond)
	for i := range 120 {
		if _, err := m.AddAuditEvent(mockcloud.AuditEvent{Vendor: mockcloud.VendorTencent, EventName: "ModifyAuditTrack", UserName: "ops",
			ResourceType: "cloudaudit", ResourceName: fmt.Sprint(1000 + i)}); err != nil {
			t.Fatal(err)
		}
	}
	calls = e.LookupCalls()
	cli.Write("main.tf", strings.Replace(e.ProviderConfig(), "tencentcloud {", "tencentcloud {\n    max_drift_lookups = 1", 1)+driftTrackConfig(name, "false"))
	out, _ = cli.Run("plan", "-input=false", "-no-color")
	if plan = acctest.FlatOutput(out); !strings.Contains(plan, "look-up skipped: this plan already made 1 CloudAudit LookUpEvents calls, the most max_drift_lookups allows in the tencentcloud block") ||
		e.LookupCalls() != calls+1 {
		t.Errorf("budget of 1: %d calls (want 1):\n%s", e.LookupCalls()-calls, out)
	}
	cli.Write("main.tf", e.ProviderConfig()+driftTrackConfig(name, "false"))

	// bob deletes it.
	at = e.AdminChange(t, "DELETE", "/_mock/cloudaudit/tracks/"+id, "", "bob")
	out, _ = cli.Run("plan", "-input=false", "-no-color")
	if plan = acctest.FlatOutput(out); !strings.Contains(plan, "CloudAudit track "+id+" was deleted outside Terraform") ||
		!strings.Contains(plan, "console user bob ran DeleteAuditTrack at "+at.UTC().Format(time.RFC3339)) {
		t.Errorf("delete not attributed:\n%s", out)
	}
}
