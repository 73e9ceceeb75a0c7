package cloudaudit_test

import (
	"fmt"
	"regexp"
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

// The basic configuration again, with the resource identity checked and
// imported by identity (Terraform 1.12+).
func TestAccCloudAuditTrack_identity(t *testing.T) {
	e := acctest.New(t)
	name := acctest.RandomName("identity")
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: simpleTrack(e, name),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(trackResource, map[string]knownvalue.Check{
						"track_id": knownvalue.NotNull(),
					}),
					statecheck.ExpectIdentityValueMatchesState(trackResource, tfjsonpath.New("track_id")),
				},
			},
			{
				ResourceName:    trackResource,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// A track imported by an identity that names no track fails the plan.
func TestAccCloudAuditTrack_identityNotFound(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "needs an account without track 999999")
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: simpleTrack(e, acctest.RandomName("ghost")) + `
import {
  to       = cloudtrack_cloudaudit_track.test
  identity = { track_id = 999999 }
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Cannot import non-existent remote object`),
			},
		},
	})
}

// seedQueryTracks seeds two enabled COS tracks and a disabled CLS track,
// and returns their ids.
func seedQueryTracks(t *testing.T, e *acctest.Env, prefix string) (cos1, cos2, cls uint64) {
	cos1 = seedTrack(t, e, mockcloud.AuditTrack{Name: prefix + "-a", Status: 1})
	cos2 = seedTrack(t, e, mockcloud.AuditTrack{Name: prefix + "-b", Status: 1, ActionType: "Write", ResourceType: "cos", EventNames: []string{"PutObject"}})
	cls = seedTrack(t, e, mockcloud.AuditTrack{Name: prefix + "-c", Status: 0,
		Storage: mockcloud.AuditStorage{Type: "cls", Region: "ap-shanghai", Name: "topic-1", Prefix: "audit"}})
	return cos1, cos2, cls
}

func trackID(id uint64) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"track_id": knownvalue.Int64Exact(int64(id))} //nolint:gosec // small ids
}

// terraform query finds tracks made outside Terraform, filtered by name
// regex, enabled and storage type, with identity and, with
// include_resource, the whole track as the resource reads it.
func TestAccCloudAuditTrack_query(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds tracks in the mock")
	prefix := acctest.RandomName("q")
	cos1, cos2, cls := seedQueryTracks(t, e, prefix)
	other := seedTrack(t, e, mockcloud.AuditTrack{Name: "unrelated-track", Status: 1})
	re := "^" + regexp.QuoteMeta(prefix) + "-"
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{Config: e.Config("")},
			{
				PreConfig: func() { e.Mock().ResetCalls() },
				// The provider configuration is the one of the step before:
				// terraform query reads the .tf files beside the query.
				Query: true,
				Config: fmt.Sprintf(`
list "cloudtrack_cloudaudit_track" "all" {
  provider = cloudtrack
}

list "cloudtrack_cloudaudit_track" "mine" {
  provider = cloudtrack
  config {
    name_regex = %[1]q
  }
}

list "cloudtrack_cloudaudit_track" "cos_enabled" {
  provider         = cloudtrack
  include_resource = true
  config {
    name_regex   = %[1]q
    enabled      = true
    storage_type = "cos"
  }
}

list "cloudtrack_cloudaudit_track" "disabled" {
  provider = cloudtrack
  config {
    enabled = false
  }
}
`, re),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("cloudtrack_cloudaudit_track.all", 4),
					querycheck.ExpectIdentity("cloudtrack_cloudaudit_track.all", trackID(other)),
					querycheck.ExpectLength("cloudtrack_cloudaudit_track.mine", 3),
					querycheck.ExpectLength("cloudtrack_cloudaudit_track.cos_enabled", 2),
					querycheck.ExpectIdentity("cloudtrack_cloudaudit_track.cos_enabled", trackID(cos1)),
					querycheck.ExpectIdentity("cloudtrack_cloudaudit_track.cos_enabled", trackID(cos2)),
					querycheck.ExpectResourceDisplayName("cloudtrack_cloudaudit_track.cos_enabled",
						queryfilter.ByResourceIdentity(trackID(cos2)), knownvalue.StringExact(prefix+"-b")),
					querycheck.ExpectResourceKnownValues("cloudtrack_cloudaudit_track.cos_enabled", queryfilter.ByResourceIdentity(trackID(cos2)),
						[]querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(fmt.Sprint(cos2))},
							{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact(prefix + "-b")},
							{Path: tfjsonpath.New("enabled"), KnownValue: knownvalue.Bool(true)},
							{Path: tfjsonpath.New("action_type"), KnownValue: knownvalue.StringExact("Write")},
							{Path: tfjsonpath.New("event_names"), KnownValue: knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("PutObject")})},
							{Path: tfjsonpath.New("storage").AtMapKey("type"), KnownValue: knownvalue.StringExact("cos")},
						}),
					querycheck.ExpectLength("cloudtrack_cloudaudit_track.disabled", 1),
					querycheck.ExpectIdentity("cloudtrack_cloudaudit_track.disabled", trackID(cls)),
				},
			},
			{
				// The data sources' cost: one DescribeAuditTracks per list
				// block (the four tracks fit one page), and a
				// DescribeAuditTrack per result only where include_resource
				// asks for the whole track.
				PreConfig: func() {
					m := e.Mock()
					if n := m.Calls(product, "DescribeAuditTracks"); n != 4 {
						t.Errorf("DescribeAuditTracks: %d calls, want 4 (%v)", n, m.CallCounts())
					}
					if n := m.Calls(product, "DescribeAuditTrack"); n != 2 {
						t.Errorf("DescribeAuditTrack: %d calls, want 2 (%v)", n, m.CallCounts())
					}
				},
				Config: e.Config(""),
			},
		},
	})
}
