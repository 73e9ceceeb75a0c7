package actiontrail_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// A trail whose home region is not the provider's region (made with
// another alicloud.region) is imported, read, updated and deleted: the
// provider finds it among the shadow trails DescribeTrails lists only
// with IncludeShadowTrails.
func TestAccActionTrailTrail_otherHomeRegion(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds a trail of another home region")
	name := trailName("shanghai")
	if err := e.Mock().SeedTrail(mockcloud.Trail{Name: name, HomeRegion: "cn-shanghai", SlsProjectArn: slsArn, Status: mockcloud.TrailEnabled}); err != nil {
		t.Fatal(err)
	}
	addr := "cloudtrack_actiontrail_trail.test"
	config := func(eventRW string) string {
		return e.Config(fmt.Sprintf(`
import {
  to = cloudtrack_actiontrail_trail.test
  id = %q
}
resource "cloudtrack_actiontrail_trail" "test" {
  name            = %q
  sls_project_arn = %q
  event_rw        = %q
}
`, name, name, slsArn, eventRW))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		CheckDestroy:             checkTrailDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: config("Write"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("home_region"), knownvalue.StringExact("cn-shanghai")),
				},
			},
			{
				Config:           config("All"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("event_rw"), knownvalue.StringExact("All")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("home_region"), knownvalue.StringExact("cn-shanghai")),
				},
			},
			{Config: config("All"), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}
