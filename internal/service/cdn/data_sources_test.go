package cdn_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cdn"
)

func TestAccCDNDeliverTasksDataSource_filters(t *testing.T)  { testDeliverTasksDataSource(t, pCDN) }
func TestAccDCDNDeliverTasksDataSource_filters(t *testing.T) { testDeliverTasksDataSource(t, pDCDN) }
func TestAccCDNReportsDataSource_basic(t *testing.T)         { testReportsDataSource(t, pCDN) }
func TestAccDCDNReportsDataSource_basic(t *testing.T)        { testReportsDataSource(t, pDCDN) }

func testDeliverTasksDataSource(t *testing.T, p testProduct) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds deliver tasks in the mock, in an account that has no others")
	base := acctest.RandomName("ds")
	a := p.seedTask(t, e, base+"-daily-traffic", "0 0 8 * * ?", true)
	b := p.seedTask(t, e, base+"-daily-isp", "0 0 9 * * ?", false)
	c := p.seedTask(t, e, base+"-monthly-summary", "0 0 0 1 * ?", true)
	ds := "data.cloudtrack_" + p.key + "_deliver_tasks."
	ids := func(vs ...int64) knownvalue.Check {
		s := make([]string, len(vs))
		for i, v := range vs {
			s[i] = fmt.Sprint(v)
		}
		return stringsExact(s...)
	}
	config := e.Config(fmt.Sprintf(`
data "cloudtrack_%[1]s_deliver_tasks" "all" {}
data "cloudtrack_%[1]s_deliver_tasks" "by_name" {
  name = "%[4]s-daily-isp"
}
data "cloudtrack_%[1]s_deliver_tasks" "by_regex" {
  name_regex = "^%[4]s-daily-"
}
data "cloudtrack_%[1]s_deliver_tasks" "enabled" {
  enabled = true
}
data "cloudtrack_%[1]s_deliver_tasks" "by_ids" {
  ids = ["%[2]d", "%[3]d", "424242"]
  name_regex = "summary"
}
`, p.key, a, c, base))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config:      e.Config(fmt.Sprintf(`data "cloudtrack_%s_deliver_tasks" "bad" { name_regex = "(" }`, p.key)),
				PlanOnly:    true,
				ExpectError: acctest.ExpectError(`must be a valid regular expression`),
			},
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds+"all", tfjsonpath.New("ids"), ids(a, b, c)),
					statecheck.ExpectKnownValue(ds+"by_name", tfjsonpath.New("ids"), ids(b)),
					statecheck.ExpectKnownValue(ds+"by_regex", tfjsonpath.New("ids"), ids(a, b)),
					statecheck.ExpectKnownValue(ds+"enabled", tfjsonpath.New("ids"), ids(a, c)),
					statecheck.ExpectKnownValue(ds+"by_ids", tfjsonpath.New("tasks"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue(ds+"by_ids", tfjsonpath.New("tasks").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact(base+"-monthly-summary")),
					statecheck.ExpectKnownValue(ds+"by_name", tfjsonpath.New("tasks").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id":           knownvalue.StringExact(fmt.Sprint(b)),
						"name":         knownvalue.StringExact(base + "-daily-isp"),
						"domain_names": knownvalue.Null(),
						"reports": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
							"report_id": knownvalue.Int64Exact(p.r1), "conditions": knownvalue.Null(),
						})}),
						"schedule": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"name": knownvalue.Null(), "description": knownvalue.Null(),
							"crontab": knownvalue.StringExact("0 0 9 * * ?"), "frequency": knownvalue.StringExact("d"), "enabled": knownvalue.Bool(false),
							"effective_from": knownvalue.Null(), "effective_end": knownvalue.Null(),
						}),
						"deliver": knownvalue.ObjectExact(map[string]knownvalue.Check{"email": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"subject": knownvalue.StringExact(base + "-daily-isp"),
							"to":      knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("ops@example.com")}),
							"copy":    knownvalue.Null(),
						})}),
						"create_time": knownvalue.StringRegexp(rfc3339),
					})),
				},
			},
		},
	})
	// Five data sources read in one Terraform run share the list.
	t.Logf("%s: %d DescribeDeliverList calls for the whole test", p.key, p.listCalls(e))
}

func testReportsDataSource(t *testing.T, p testProduct) {
	e := acctest.New(t)
	ds := "data.cloudtrack_" + p.key + "_reports.all"
	var idChecks []knownvalue.Check
	for _, id := range cdn.ReportIDs(p.key) {
		idChecks = append(idChecks, knownvalue.Int64Exact(id))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: e.Config(fmt.Sprintf(`data "cloudtrack_%s_reports" "all" {}`, p.key)),
				ConfigStateChecks: []statecheck.StateCheck{
					// The provider's plan-time catalogue is the API's.
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("ids"), knownvalue.ListExact(idChecks)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("reports").AtSliceIndex(0).AtMapKey("report_id"), knownvalue.Int64Exact(p.r1)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("reports").AtSliceIndex(0).AtMapKey("title"), knownvalue.StringExact("Top URLs by requests")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("reports").AtSliceIndex(0).AtMapKey("format"), knownvalue.StringExact("table")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("reports").AtSliceIndex(0).AtMapKey("header"), knownvalue.ListSizeExact(3)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("reports").AtSliceIndex(0).AtMapKey("x_axis"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("reports").AtSliceIndex(9).AtMapKey("shape"), knownvalue.StringExact("line")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("reports").AtSliceIndex(9).AtMapKey("header"), knownvalue.Null()),
				},
			},
		},
	})
}
