package cloudaudit_test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// whoModuleDir is examples/modules/who-changed-it.
var whoModuleDir = filepath.Join("..", "..", "..", "examples", "modules", "who-changed-it")

// copyTF copies the .tf files of src into dir.
func copyTF(t *testing.T, src, dir string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != ".tf" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// flat removes the diagnostic frame and line wrapping from CLI output, so
// a sentence can be looked for whatever the terminal width.
func flat(out string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(out, "│", " ")), " ")
}

// The module end to end: Terraform creates a track (its own events are not
// reported), "alice" stops it through the console (the mock's admin API),
// and the next plan shows the drift and a check warning naming alice, the
// action and the time.
func TestAccCloudAuditWhoChangedItModule_endToEnd(t *testing.T) {
	e := acctest.New(t, acctest.WithHTTP())
	e.NeedsMock(t, "changes the track behind Terraform's back through the mock's admin API")
	cli := e.NewCLI(t, "", tfversion.SkipBelow(tfversion.Version1_5_0))
	copyTF(t, whoModuleDir, filepath.Join(cli.Dir, "who-changed-it"))
	name := acctest.RandomName("who")
	since := time.Now().UTC().Add(-time.Hour).Format(time.RFC3339)
	// The module requires cloudtrack/cloudtrack: so must the root, or it
	// would configure hashicorp/cloudtrack and leave the module's
	// provider unconfigured.
	cli.Write("main.tf", `terraform {
  required_providers {
    cloudtrack = { source = "cloudtrack/cloudtrack" }
  }
}
`+e.ProviderConfig()+fmt.Sprintf(`
resource "cloudtrack_cloudaudit_track" "t" {
  name          = %[1]q
  action_type   = "Write"
  resource_type = "cos"
  event_names   = ["*"]
  storage = {
    type   = "cos"
    region = "ap-guangzhou"
    name   = "audit-logs"
    prefix = "who"
  }
}

module "who" {
  source               = "./who-changed-it"
  since                = %[2]q
  terraform_identities = [%[3]q, %[4]q]
  cloudaudit_track_ids = [cloudtrack_cloudaudit_track.t.id]
}

output "track_id" { value = cloudtrack_cloudaudit_track.t.id }
output "changed_by" { value = module.who.changed_by }
`, name, since, mockcloud.DefaultSecretID, mockcloud.DefaultAccessKeyID))

	cli.MustRun("init", "-input=false", "-no-color")
	out := cli.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
	if strings.Contains(out, "Check block assertion failed") {
		t.Fatalf("Terraform's own create was reported: %s", out)
	}
	if got := strings.TrimSpace(cli.MustRun("output", "-json", "changed_by")); got != "[]" {
		t.Errorf("changed_by after apply = %s", got)
	}
	trackID := strings.Trim(strings.TrimSpace(cli.MustRun("output", "-raw", "track_id")), `"`)

	// alice stops the track in the console.
	changedAt := e.AdminChange(t, http.MethodPatch, "/_mock/cloudaudit/tracks/"+trackID, `{"status":0}`, "alice")
	if !slices.ContainsFunc(e.Mock().AuditEvents(mockcloud.VendorTencent), func(ev mockcloud.AuditEvent) bool {
		return ev.UserName == "alice" && ev.EventName == "ModifyAuditTrack" && ev.Time.Equal(changedAt)
	}) {
		t.Fatal("the mock recorded no ModifyAuditTrack by alice")
	}

	out, err := cli.Run("plan", "-input=false", "-no-color", "-detailed-exitcode")
	if err == nil {
		t.Fatalf("plan shows no change after alice's change: %s", out)
	}
	plan := flat(out)
	for _, want := range []string{
		"cloudtrack_cloudaudit_track.t will be updated in-place",
		"~ enabled = false -> true",
		"Warning: Check block assertion failed",
		fmt.Sprintf("alice ran ModifyAuditTrack on cloudaudit track %s at %s", trackID, changedAt.UTC().Format(time.RFC3339)),
		"(console)",
	} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan output lacks %q:\n%s", want, out)
		}
	}
	if regexp.MustCompile(`ran \w+ on cloudaudit track \d+ at .* \(SecretId ` + mockcloud.DefaultSecretID).MatchString(plan) {
		t.Errorf("plan reports Terraform's own calls:\n%s", out)
	}
}

// The ActionTrail side of the module: a CDN deliver task and a trail
// changed by others are reported; Terraform's key, failed calls and reads
// are not.
func TestAccCloudAuditWhoChangedItModule_actionTrail(t *testing.T) {
	e := acctest.New(t, acctest.WithHTTP())
	e.NeedsMock(t, "seeds ActionTrail events in the mock")
	cli := e.NewCLI(t, "", tfversion.SkipBelow(tfversion.Version1_5_0))
	copyTF(t, whoModuleDir, filepath.Join(cli.Dir, "who-changed-it"))
	m := e.Mock()
	at := m.Now().Add(-10 * time.Minute)
	for _, ev := range []mockcloud.AuditEvent{
		{EventName: "UpdateCdnDeliverTask", UserName: "bob", ResourceType: "ACS::CDN::DeliverTask", ResourceName: "301", SourceIP: "192.0.2.9"},
		{EventName: "UpdateCdnDeliverTask", UserName: "root", AccessKeyID: mockcloud.DefaultAccessKeyID, ResourceType: "ACS::CDN::DeliverTask", ResourceName: "301"},
		{EventName: "DeleteCdnDeliverTask", UserName: "eve", ErrorCode: "Forbidden", ResourceType: "ACS::CDN::DeliverTask", ResourceName: "301"},
		{EventName: "DescribeCdnDeliverList", UserName: "eve", ReadOnly: true, ResourceType: "ACS::CDN::DeliverTask", ResourceName: "301"},
		{EventName: "StopLogging", UserName: "carol", ResourceType: "ACS::ActionTrail::Trail", ResourceName: "audit-trail"},
		{EventName: "UpdateDcdnDeliverTask", UserName: "dan", ResourceType: "ACS::DCDN::DeliverTask", ResourceName: "301"},
	} {
		ev.Vendor, ev.Time = mockcloud.VendorAlibaba, at
		if _, err := m.AddAuditEvent(ev); err != nil {
			t.Fatal(err)
		}
	}
	cli.Write("main.tf", `terraform {
  required_providers {
    cloudtrack = { source = "cloudtrack/cloudtrack" }
  }
}
`+e.ProviderConfig()+fmt.Sprintf(`
module "who" {
  source                  = "./who-changed-it"
  since                   = %q
  terraform_identities    = [%q]
  cdn_deliver_task_ids    = ["301"]
  actiontrail_trail_names = ["audit-trail"]
}

output "changed_by" { value = module.who.changed_by }
`, at.Add(-time.Minute).UTC().Format(time.RFC3339), mockcloud.DefaultAccessKeyID))
	cli.MustRun("init", "-input=false", "-no-color")
	out := cli.MustRun("plan", "-input=false", "-no-color")
	plan := flat(out)
	for _, want := range []string{
		"Warning: Check block assertion failed",
		"bob ran UpdateCdnDeliverTask on cdn deliver task 301 at " + at.UTC().Format(time.RFC3339) + " from 192.0.2.9 (console)",
		"carol ran StopLogging on actiontrail trail audit-trail",
		`changed_by = [ + "carol", + "bob", ]`,
	} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan output lacks %q:\n%s", want, out)
		}
	}
	for _, not := range []string{"root ran", "eve ran", "dan ran"} {
		if strings.Contains(plan, not) {
			t.Errorf("plan output reports %q:\n%s", not, out)
		}
	}
}
