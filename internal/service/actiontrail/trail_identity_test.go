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

// The identity is the trail name; an import block by identity adopts it
// (Terraform 1.12+).
func TestAccActionTrailTrail_identity(t *testing.T) {
	clock := acctest.NewClock()
	e := acctest.New(t, acctest.WithFrozenClock(clock))
	e.NeedsMock(t, trailMockOnly)
	name := trailName("identity")
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkTrailDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: slsTrail(e, name),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(trailResource, map[string]knownvalue.Check{"name": knownvalue.StringExact(name)}),
					statecheck.ExpectIdentityValueMatchesState(trailResource, tfjsonpath.New("name")),
				},
			},
			{
				ResourceName:    trailResource,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// A trail made outside Terraform is adopted by an import block with its
// identity: no change after the import.
func TestAccActionTrailTrail_identityImportSeeded(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds a trail made outside Terraform")
	name := trailName("adopt")
	seedTrail(t, e, mockcloud.Trail{Name: name, SlsProjectArn: slsArn})
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: slsTrail(e, name) + fmt.Sprintf(`
import {
  to       = cloudtrack_actiontrail_trail.test
  identity = { name = %q }
}
`, name),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("logging"), knownvalue.Bool(true)),
					statecheck.ExpectIdentity(trailResource, map[string]knownvalue.Check{"name": knownvalue.StringExact(name)}),
				},
				Check: e.MockCheck(func(m *mockcloud.Server) error {
					for _, a := range []string{"CreateTrail", "UpdateTrail", "StartLogging"} {
						if n := m.Calls(mockcloud.ActionTrailProduct, a); n != 0 {
							return fmt.Errorf("%s called %d times for an import", a, n)
						}
					}
					return nil
				}),
			},
		},
	})
}

// terraform query lists the trails, with identities and, on request, the
// resources as Read stores them (Terraform 1.14+).
func TestAccActionTrailTrail_list(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds trails made elsewhere")
	seedTrail(t, e, mockcloud.Trail{Name: "listed-on", SlsProjectArn: slsArn})
	seedTrail(t, e, mockcloud.Trail{Name: "listed-off", Status: mockcloud.TrailDisabled, OssBucketName: "audit-bucket", DeliversToSLS: mockcloud.Bool(false)})
	seedTrail(t, e, mockcloud.Trail{Name: "other-trail"})
	seedTrail(t, e, mockcloud.Trail{Name: "listed-sh", HomeRegion: "cn-shanghai", SlsProjectArn: slsArn})
	const typ = "cloudtrack_actiontrail_trail"
	byName := func(n string) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{"name": knownvalue.StringExact(n)}
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{Config: e.Config("")},
			{
				Query: true,
				Config: fmt.Sprintf(`
list %[1]q "all" {
  provider = cloudtrack
}

list %[1]q "listed" {
  provider         = cloudtrack
  include_resource = true
  config {
    name_regex = "^listed-"
  }
}

list %[1]q "off" {
  provider = cloudtrack
  config {
    logging = false
  }
}

list %[1]q "shanghai" {
  provider = cloudtrack
  config {
    home_region = "cn-shanghai"
  }
}
`, typ),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(typ+".all", 4),
					querycheck.ExpectLength(typ+".listed", 3),
					querycheck.ExpectIdentity(typ+".listed", byName("listed-sh")),
					querycheck.ExpectIdentity(typ+".listed", byName("listed-on")),
					querycheck.ExpectIdentity(typ+".listed", byName("listed-off")),
					querycheck.ExpectResourceDisplayName(typ+".listed", queryfilter.ByResourceIdentity(byName("listed-on")),
						knownvalue.StringExact("trail listed-on (cn-hangzhou)")),
					querycheck.ExpectResourceKnownValues(typ+".listed", queryfilter.ByResourceIdentity(byName("listed-off")), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact("listed-off")},
						{Path: tfjsonpath.New("oss_bucket_name"), KnownValue: knownvalue.StringExact("audit-bucket")},
						{Path: tfjsonpath.New("sls_project_arn"), KnownValue: knownvalue.Null()},
						{Path: tfjsonpath.New("logging"), KnownValue: knownvalue.Bool(false)},
						{Path: tfjsonpath.New("is_logging"), KnownValue: knownvalue.Bool(false)},
					}),
					querycheck.ExpectLength(typ+".off", 1),
					querycheck.ExpectIdentity(typ+".off", byName("listed-off")),
					querycheck.ExpectLength(typ+".shanghai", 1),
					querycheck.ExpectResourceDisplayName(typ+".shanghai", queryfilter.ByResourceIdentity(byName("listed-sh")),
						knownvalue.StringExact("trail listed-sh (cn-shanghai)")),
				},
			},
		},
	})
}
