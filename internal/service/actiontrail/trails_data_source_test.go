package actiontrail_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// Two trails made here and two seeded ones (one switched off, one a
// multi-account trail), read back through every filter.
func TestAccActionTrailTrailsDataSource_filters(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds trails made elsewhere")
	seedTrail(t, e, mockcloud.Trail{Name: "seeded-off", Status: mockcloud.TrailDisabled, SlsProjectArn: otherSlsArn})
	seedTrail(t, e, mockcloud.Trail{Name: "seeded-org", IsOrganizationTrail: true})
	// Made with another alicloud.region: DescribeTrails lists it only as a shadow.
	seedTrail(t, e, mockcloud.Trail{Name: "seeded-sh", HomeRegion: "cn-shanghai", SlsProjectArn: otherSlsArn, Status: mockcloud.TrailEnabled})
	cfg := e.Config(fmt.Sprintf(`
resource "cloudtrack_actiontrail_trail" "a" {
  name            = "made-here-a"
  sls_project_arn = %[1]q
  event_rw        = "All"
}

resource "cloudtrack_actiontrail_trail" "b" {
  name            = "made-here-b"
  oss_bucket_name = "audit-bucket"
  oss_key_prefix  = "prefix-b"
}

data "cloudtrack_actiontrail_trails" "all" {
  depends_on = [cloudtrack_actiontrail_trail.a, cloudtrack_actiontrail_trail.b]
}

data "cloudtrack_actiontrail_trails" "named" {
  names = [cloudtrack_actiontrail_trail.b.name, "seeded-off", "absent-trail"]
}

data "cloudtrack_actiontrail_trails" "regex_logging" {
  name_regex = "^made-here-|^seeded-"
  logging    = true
  depends_on = [cloudtrack_actiontrail_trail.a, cloudtrack_actiontrail_trail.b]
}

data "cloudtrack_actiontrail_trails" "single_account" {
  include_organization_trails = false
  depends_on                  = [cloudtrack_actiontrail_trail.a, cloudtrack_actiontrail_trail.b]
}

data "cloudtrack_actiontrail_trails" "none" {
  names = []
}

data "cloudtrack_actiontrail_trails" "shanghai" {
  home_region = "cn-shanghai"
  depends_on  = [cloudtrack_actiontrail_trail.a, cloudtrack_actiontrail_trail.b]
}
`, slsArn))
	all := "data.cloudtrack_actiontrail_trails.all"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(all, tfjsonpath.New("trail_names"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("made-here-a"), knownvalue.StringExact("made-here-b"),
						knownvalue.StringExact("seeded-off"), knownvalue.StringExact("seeded-org"), knownvalue.StringExact("seeded-sh"),
					})),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("total_count"), knownvalue.Int64Exact(5)),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("trails").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name":                  knownvalue.StringExact("made-here-a"),
						"sls_project_arn":       knownvalue.StringExact(slsArn),
						"oss_bucket_name":       knownvalue.Null(),
						"event_rw":              knownvalue.StringExact("All"),
						"trail_region":          knownvalue.StringExact("All"),
						"logging":               knownvalue.Bool(true),
						"status":                knownvalue.StringExact("Enable"),
						"home_region":           knownvalue.StringExact("cn-hangzhou"),
						"is_organization_trail": knownvalue.Bool(false),
						"create_time":           knownvalue.StringRegexp(rfc3339),
					})),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("trails").AtSliceIndex(1), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"oss_bucket_name": knownvalue.StringExact("audit-bucket"),
						"oss_key_prefix":  knownvalue.StringExact("prefix-b"),
						"sls_project_arn": knownvalue.Null(),
					})),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("trails").AtSliceIndex(3), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"is_organization_trail": knownvalue.Bool(true),
					})),
					statecheck.ExpectKnownValue("data.cloudtrack_actiontrail_trails.named", tfjsonpath.New("trail_names"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("made-here-b"), knownvalue.StringExact("seeded-off"),
					})),
					statecheck.ExpectKnownValue("data.cloudtrack_actiontrail_trails.named", tfjsonpath.New("trails").AtSliceIndex(1), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"logging": knownvalue.Bool(false),
						"status":  knownvalue.StringExact("Disable"),
					})),
					statecheck.ExpectKnownValue("data.cloudtrack_actiontrail_trails.regex_logging", tfjsonpath.New("trail_names"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("made-here-a"), knownvalue.StringExact("made-here-b"), knownvalue.StringExact("seeded-org"), knownvalue.StringExact("seeded-sh"),
					})),
					statecheck.ExpectKnownValue("data.cloudtrack_actiontrail_trails.single_account", tfjsonpath.New("total_count"), knownvalue.Int64Exact(4)),
					statecheck.ExpectKnownValue("data.cloudtrack_actiontrail_trails.shanghai", tfjsonpath.New("trails"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"name":            knownvalue.StringExact("seeded-sh"),
							"home_region":     knownvalue.StringExact("cn-shanghai"),
							"sls_project_arn": knownvalue.StringExact(otherSlsArn),
						}),
					})),
					statecheck.ExpectKnownValue("data.cloudtrack_actiontrail_trails.none", tfjsonpath.New("total_count"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue("data.cloudtrack_actiontrail_trails.none", tfjsonpath.New("trails"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}

func TestAccActionTrailTrailsDataSource_validation(t *testing.T) {
	e := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config:      e.Config(`data "cloudtrack_actiontrail_trails" "bad" { name_regex = "([" }`),
				ExpectError: acctest.ExpectError(`Invalid name_regex.*name_regex must be a regular expression in Go RE2 syntax`),
			},
			{
				Config:      e.Config(`data "cloudtrack_actiontrail_trails" "bad" { names = ["Bad Name"] }`),
				ExpectError: acctest.ExpectError(`names.*must be 6-36 characters`),
			},
		},
	})
}
