package actiontrail_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

const (
	secondKeyID     = "LTAIsecondidentity"
	secondKeySecret = "second-identity-secret"
)

func driftTrailConfig(e *acctest.Env, name, eventRW string) string {
	return e.Config(fmt.Sprintf(`
resource "cloudtrack_actiontrail_trail" "t" {
  name            = %[1]q
  sls_project_arn = %[2]q
  event_rw        = %[3]q
}

resource "cloudtrack_actiontrail_history_delivery_job" "j" {
  trail_name = cloudtrack_actiontrail_trail.t.name
}

output "job_id" { value = cloudtrack_actiontrail_history_delivery_job.j.id }
`, name, slsArn, eventRW))
}

// A trail changed by a second access key signing a real UpdateTrail, and by
// a console user, and a history delivery job deleted in the console: the
// plan names each (who, action, time, source IP, key), not Terraform's own
// calls, with one shared LookupEvents call; Terraform's own update costs
// no look-up and shows no warning.
func TestAccActionTrailTrail_driftAttribution(t *testing.T) {
	e := acctest.New(t, acctest.WithHTTP(), acctest.WithCredential(secondKeyID, secondKeySecret))
	e.NeedsMock(t, "changes the trail behind Terraform's back with a second key and the admin API")
	cli := e.NewCLI(t, "")
	name := acctest.RandomName("drift")
	cli.Write("main.tf", driftTrailConfig(e, name, "Write"))
	cli.MustRun("init", "-input=false", "-no-color")
	cli.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
	jobID := strings.TrimSpace(cli.MustRun("output", "-raw", "job_id"))

	// Terraform's own update: no warning, no look-up.
	cli.Write("main.tf", driftTrailConfig(e, name, "All"))
	cli.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
	e.ExpectOwnChangesUnreported(t, cli)

	// Another identity's key signs a real UpdateTrail.
	second := conns.New(conns.Config{Alicloud: conns.VendorConfig{
		AccessKey: secondKeyID, SecretKey: secondKeySecret, Region: "cn-hangzhou", Protocol: e.Protocol,
		Endpoints: map[string]string{conns.ProductActionTrail: e.Addr},
	}}, acctest.Tuning())
	req := sdk.CreateUpdateTrailRequest()
	req.Name, req.EventRW = name, "Read"
	req.Scheme = "http"
	if _, err := conns.ActionTrail(context.Background(), second, "UpdateTrail", func(cl *sdk.Client) (*sdk.UpdateTrailResponse, error) {
		return cl.UpdateTrail(req)
	}); err != nil {
		t.Fatal(err)
	}
	var keyAt time.Time
	for _, ev := range e.Mock().AuditEvents(mockcloud.VendorAlibaba) {
		if ev.AccessKeyID == secondKeyID && ev.EventName == "UpdateTrail" {
			keyAt = ev.Time
		}
	}
	// carol deletes the job in the console.
	jobAt := e.AdminChange(t, "DELETE", "/_mock/actiontrail/jobs/"+jobID, "", "carol")

	out, _ := cli.Run("plan", "-input=false", "-no-color")
	plan := acctest.FlatOutput(out)
	for _, want := range []string{
		"Warning: ActionTrail trail " + name + " was changed outside Terraform",
		"user root ran UpdateTrail at " + keyAt.UTC().Format(time.RFC3339) + " from 127.0.0.1 with access key " + secondKeyID + ", request id ",
		"Warning: ActionTrail history delivery job " + jobID + " was deleted outside Terraform",
		"console user carol ran DeleteDeliveryHistoryJob at " + jobAt.UTC().Format(time.RFC3339) + " from 127.0.0.1 with no access key (console)",
	} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(plan, "access key "+mockcloud.DefaultAccessKeyID) {
		t.Errorf("plan reports Terraform's own calls:\n%s", out)
	}
	t.Logf("LookupEvents calls for two drifted objects: %d", e.LookupCalls())
	if n := e.LookupCalls(); n != 1 {
		t.Errorf("LookupEvents calls = %d, want 1 (one shared scan page in a quiet account)", n)
	}
}

// The provider signs as an assumed role: each Terraform run gets a new STS
// key, so its earlier runs' events are recognised by the role session name
// and left out; a console user's change is reported.
func TestAccActionTrailTrail_driftAttributionAssumedRole(t *testing.T) {
	const role = "acs:ram::" + mockcloud.DefaultAccountID + ":role/terraform"
	e := acctest.New(t, acctest.WithHTTP(), func(o *mockcloud.Options) {
		o.Roles = append(o.Roles, mockcloud.Role{ARN: role, Trusted: []string{mockcloud.DefaultAccessKeyID}})
	})
	e.NeedsMock(t, "seeds a role and changes the trail through the mock's admin API")
	cli := e.NewCLI(t, "")
	name := acctest.RandomName("drift")
	cfg := func(eventRW string) string {
		return e.ProviderBlock(acctest.StaticAlicloudKeys+fmt.Sprintf(`
    protocol = "HTTP"
    assume_role {
      role_arn     = %q
      session_name = "tf-drift"
    }`, role), acctest.StaticTencentKeys+"\n    protocol = \"HTTP\"") + fmt.Sprintf(`
resource "cloudtrack_actiontrail_trail" "t" {
  name            = %q
  sls_project_arn = %q
  event_rw        = %q
}
`, name, slsArn, eventRW)
	}
	cli.Write("main.tf", cfg("Write"))
	cli.MustRun("init", "-input=false", "-no-color")
	cli.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
	cli.Write("main.tf", cfg("All"))
	cli.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
	own := 0
	for _, ev := range e.Mock().AuditEvents(mockcloud.VendorAlibaba) {
		if ev.SessionName == "tf-drift" && !ev.ReadOnly {
			own++
		}
	}
	if own == 0 {
		t.Fatal("the mock recorded no write by the provider's role session")
	}
	at := e.AdminChange(t, "PATCH", "/_mock/actiontrail/trails/"+name, `{"event_rw":"Read"}`, "alice")
	out, _ := cli.Run("plan", "-input=false", "-no-color")
	plan := acctest.FlatOutput(out)
	if !strings.Contains(plan, "console user alice ran UpdateTrail at "+at.UTC().Format(time.RFC3339)) {
		t.Errorf("plan lacks alice's change:\n%s", out)
	}
	if strings.Contains(plan, "role session") || strings.Contains(plan, "tf-drift ran") {
		t.Errorf("plan reports the provider's own role session (%d own writes):\n%s", own, out)
	}
}
