package drift_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// A since older than the look-up API reaches (CloudAudit: one 7-day
// window) is said in notes whichever strategy the read chose: here the
// scan, which reads the whole reachable window in one page.
func TestAccDriftObjectChanges_sinceBeyondReach(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds audit events in the mock")
	m := e.Mock()
	if _, err := m.AddAuditEvent(mockcloud.AuditEvent{Vendor: mockcloud.VendorTencent, Time: m.Now().Add(-24 * time.Hour), EventName: "ModifyAuditTrack",
		UserName: "ops", ResourceType: "cloudaudit", ResourceName: "1001"}); err != nil {
		t.Fatal(err)
	}
	since := m.Now().Add(-10 * 24 * time.Hour)
	objects := ""
	for _, id := range []string{"1001", "1002", "1003"} {
		objects += fmt.Sprintf("    { type = \"cloudaudit\", name = %q },\n", id)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config: e.DataSourceConfig("cloudtrack_object_changes", fmt.Sprintf("since = %q\nobjects = [\n%s]", since.UTC().Format(time.RFC3339), objects)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(changesAddr, tfjsonpath.New("strategy"), knownvalue.StringRegexp(regexp.MustCompile(`^tencentcloud: scan, `))),
				statecheck.ExpectKnownValue(changesAddr, tfjsonpath.New("changes"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"object_name": knownvalue.StringExact("1001"), "who": knownvalue.StringExact("ops")}),
				})),
				statecheck.ExpectKnownValue(changesAddr, tfjsonpath.New("notes"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringRegexp(regexp.MustCompile(`^events before .* are past what CloudAudit LookUpEvents searches$`)),
				})),
			},
		}},
	})
}
