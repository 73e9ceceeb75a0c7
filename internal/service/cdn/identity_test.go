package cdn_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cdn"
)

func TestAccCDNDeliverTask_identity(t *testing.T)         { testDeliverTaskIdentity(t, pCDN) }
func TestAccDCDNDeliverTask_identity(t *testing.T)        { testDeliverTaskIdentity(t, pDCDN) }
func TestAccCDNReportSubscription_identity(t *testing.T)  { testSubscriptionIdentity(t, pCDN) }
func TestAccDCDNReportSubscription_identity(t *testing.T) { testSubscriptionIdentity(t, pDCDN) }
func TestAccCDNDeliverTask_query(t *testing.T)            { testDeliverTaskQuery(t, pCDN) }
func TestAccDCDNDeliverTask_query(t *testing.T)           { testDeliverTaskQuery(t, pDCDN) }

// identityTask is the basic task as an import reads it back: the list API
// shows neither the schedule's name nor its description, and writes times
// in UTC.
func (p testProduct) identityTask(name string) task {
	c := p.task(name)
	c.schedule = `{
    crontab        = "0 0 8 * * ?"
    frequency      = "d"
    effective_from = "2030-01-01T00:00:00Z"
    effective_end  = "2031-01-01T00:00:00Z"
  }`
	return c
}

// The basic task with its identity checked, then imported by identity
// (Terraform 1.12+): the plan of the import block is a no-op.
func testDeliverTaskIdentity(t *testing.T, p testProduct) {
	e := acctest.New(t)
	addr := p.taskAddr()
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: p.config(e, p.identityTask(acctest.RandomName("ops-report"))),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{
						"deliver_id": knownvalue.NotNull(),
					}),
				},
			},
			{
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

func testSubscriptionIdentity(t *testing.T, p testProduct) {
	e := acctest.New(t)
	e.NeedsMock(t, "manages the account's one subscription")
	addr := p.subAddr()
	body := fmt.Sprintf(`report_ids = [%d, %d]
  domain_names = ["example.com"]
  effective_end = "2031-01-01T00:00:00Z"`, p.r1, p.r2)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{
				// An account has one subscription: any other identity is
				// refused before anything is read.
				Config: p.subConfig(e, body) + fmt.Sprintf(`
import {
  to       = %s
  identity = { id = "subscription" }
}
`, addr),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Invalid import identity`),
			},
			{
				Config: p.subConfig(e, body),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{
						"id": knownvalue.StringExact(cdn.SubscriptionImportID),
					}),
				},
			},
			{
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// terraform query finds deliver tasks made outside Terraform, filtered by
// name regex and enabled, from one DescribeDeliverList call for every list
// block: the list the product's resources and data sources share.
func testDeliverTaskQuery(t *testing.T, p testProduct) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds deliver tasks in the mock")
	prefix := acctest.RandomName("q")
	on1 := p.seedTask(t, e, prefix+"-a", "0 0 8 * * ?", true)
	on2 := p.seedTask(t, e, prefix+"-b", "0 0 9 * * ?", true)
	off := p.seedTask(t, e, prefix+"-c", "0 0 10 * * ?", false)
	p.seedTask(t, e, "unrelated", "0 0 11 * * ?", true)
	typ := p.taskType()
	id := func(n int64) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{"deliver_id": knownvalue.Int64Exact(n)}
	}
	re := "^" + regexp.QuoteMeta(prefix) + "-"
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{Config: e.Config("")},
			{
				PreConfig: func() { e.Mock().ResetCalls() },
				Query:     true,
				Config: strings.ReplaceAll(fmt.Sprintf(`
list "TYPE" "all" {
  provider = cloudtrack
}

list "TYPE" "enabled" {
  provider         = cloudtrack
  include_resource = true
  config {
    name_regex = %[1]q
    enabled    = true
  }
}

list "TYPE" "disabled" {
  provider = cloudtrack
  config {
    name_regex = %[1]q
    enabled    = false
  }
}
`, re), "TYPE", typ),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(typ+".all", 4),
					querycheck.ExpectLength(typ+".enabled", 2),
					querycheck.ExpectIdentity(typ+".enabled", id(on1)),
					querycheck.ExpectIdentity(typ+".enabled", id(on2)),
					querycheck.ExpectResourceDisplayName(typ+".enabled", queryfilter.ByResourceIdentity(id(on2)), knownvalue.StringExact(prefix+"-b")),
					querycheck.ExpectResourceKnownValues(typ+".enabled", queryfilter.ByResourceIdentity(id(on2)), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(fmt.Sprint(on2))},
						{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact(prefix + "-b")},
						{Path: tfjsonpath.New("schedule").AtMapKey("crontab"), KnownValue: knownvalue.StringExact("0 0 9 * * ?")},
						{Path: tfjsonpath.New("schedule").AtMapKey("enabled"), KnownValue: knownvalue.Bool(true)},
						{Path: tfjsonpath.New("reports").AtSliceIndex(0).AtMapKey("report_id"), KnownValue: knownvalue.Int64Exact(p.r1)},
						{Path: tfjsonpath.New("deliver").AtMapKey("email").AtMapKey("subject"), KnownValue: knownvalue.StringExact(prefix + "-b")},
					}),
					querycheck.ExpectLength(typ+".disabled", 1),
					querycheck.ExpectIdentity(typ+".disabled", id(off)),
				},
			},
			{
				// One list call served the three list blocks, the
				// resources included.
				PreConfig: func() {
					if n := p.listCalls(e); n != 1 {
						t.Errorf("%s: %d calls, want 1 (%v)", p.action("Describe", "DeliverList"), n, e.Mock().CallCounts())
					}
				},
				Config: e.Config(""),
			},
		},
	})
}
