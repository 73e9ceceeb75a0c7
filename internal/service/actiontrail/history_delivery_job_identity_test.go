package actiontrail_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// The basic job with its identity checked, then imported by identity
// (Terraform 1.12+): the plan of the import block is a no-op.
func TestAccActionTrailHistoryDeliveryJob_identity(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds an ActionTrail trail in the mock")
	trail := acctest.RandomName("trail")
	seedTrail(t, e, mockcloud.Trail{Name: trail})
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: jobConfig(e, trail, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(jobResource, map[string]knownvalue.Check{
						"job_id": knownvalue.NotNull(),
					}),
					statecheck.ExpectIdentityValueMatchesState(jobResource, tfjsonpath.New("job_id")),
				},
			},
			{
				ResourceName:    jobResource,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// terraform query finds jobs made outside Terraform, filtered by trail
// and status, from one ListDeliveryHistoryJobs page per list block; with
// include_resource each job is read as the resource reads it (Get, for
// the region statuses).
func TestAccActionTrailHistoryDeliveryJob_query(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds trails and jobs in the mock")
	trail, other := acctest.RandomName("trail"), acctest.RandomName("other")
	seedTrail(t, e, mockcloud.Trail{Name: trail, HomeRegion: "cn-hangzhou", Regions: []string{"cn-hangzhou", "cn-shanghai"}})
	seedTrail(t, e, mockcloud.Trail{Name: other})
	done, err := e.Mock().SeedJobs(trail, 2, 2) // complete
	if err != nil {
		t.Fatal(err)
	}
	failed, err := e.Mock().SeedJobs(trail, 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Mock().SeedJobs(other, 1, 2); err != nil {
		t.Fatal(err)
	}
	id := func(n int64) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{"job_id": knownvalue.Int64Exact(n)}
	}
	const typ = "cloudtrack_actiontrail_history_delivery_job"
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{Config: e.Config("")},
			{
				PreConfig: func() { e.Mock().ResetCalls() },
				Query:     true,
				Config: fmt.Sprintf(`
list %[1]q "all" {
  provider = cloudtrack
}

list %[1]q "complete" {
  provider         = cloudtrack
  include_resource = true
  config {
    trail_name = %[2]q
    status     = "complete"
  }
}

list %[1]q "failed" {
  provider = cloudtrack
  config {
    status = "failed"
  }
}
`, typ, trail),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(typ+".all", 4),
					querycheck.ExpectLength(typ+".complete", 2),
					querycheck.ExpectIdentity(typ+".complete", id(done[0])),
					querycheck.ExpectIdentity(typ+".complete", id(done[1])),
					querycheck.ExpectResourceDisplayName(typ+".complete", queryfilter.ByResourceIdentity(id(done[1])),
						knownvalue.StringExact(fmt.Sprintf("job %d of trail %s", done[1], trail))),
					querycheck.ExpectResourceKnownValues(typ+".complete", queryfilter.ByResourceIdentity(id(done[1])), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(fmt.Sprint(done[1]))},
						{Path: tfjsonpath.New("trail_name"), KnownValue: knownvalue.StringExact(trail)},
						{Path: tfjsonpath.New("wait_for_completion"), KnownValue: knownvalue.Bool(true)},
						{Path: tfjsonpath.New("status"), KnownValue: knownvalue.StringExact("complete")},
						{Path: tfjsonpath.New("region_statuses"), KnownValue: knownvalue.ListSizeExact(2)},
					}),
					querycheck.ExpectLength(typ+".failed", 1),
					querycheck.ExpectIdentity(typ+".failed", id(failed[0])),
				},
			},
			{
				// One list call per list block (four jobs fit a page) and a
				// Get per job only where include_resource asks for it.
				PreConfig: func() {
					m := e.Mock()
					if n := m.Calls(mockcloud.ActionTrailProduct, "ListDeliveryHistoryJobs"); n != 3 {
						t.Errorf("ListDeliveryHistoryJobs: %d calls, want 3 (%v)", n, m.CallCounts())
					}
					if n := m.Calls(mockcloud.ActionTrailProduct, "GetDeliveryHistoryJob"); n != 2 {
						t.Errorf("GetDeliveryHistoryJob: %d calls, want 2 (%v)", n, m.CallCounts())
					}
				},
				Config: e.Config(""),
			},
		},
	})
}
