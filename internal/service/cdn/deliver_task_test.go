package cdn_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cdn"
)

// Every case runs for both products: one table, two rows.
func TestAccCDNDeliverTask_basic(t *testing.T)         { testDeliverTaskBasic(t, pCDN) }
func TestAccDCDNDeliverTask_basic(t *testing.T)        { testDeliverTaskBasic(t, pDCDN) }
func TestAccCDNDeliverTask_update(t *testing.T)        { testDeliverTaskUpdate(t, pCDN) }
func TestAccDCDNDeliverTask_update(t *testing.T)       { testDeliverTaskUpdate(t, pDCDN) }
func TestAccCDNDeliverTask_import(t *testing.T)        { testDeliverTaskImport(t, pCDN) }
func TestAccDCDNDeliverTask_import(t *testing.T)       { testDeliverTaskImport(t, pDCDN) }
func TestAccCDNDeliverTask_disappears(t *testing.T)    { testDeliverTaskDisappears(t, pCDN) }
func TestAccDCDNDeliverTask_disappears(t *testing.T)   { testDeliverTaskDisappears(t, pDCDN) }
func TestAccCDNDeliverTask_drift(t *testing.T)         { testDeliverTaskDrift(t, pCDN) }
func TestAccDCDNDeliverTask_drift(t *testing.T)        { testDeliverTaskDrift(t, pDCDN) }
func TestAccCDNDeliverTask_badInput(t *testing.T)      { testDeliverTaskBadInput(t, pCDN) }
func TestAccDCDNDeliverTask_badInput(t *testing.T)     { testDeliverTaskBadInput(t, pDCDN) }
func TestAccCDNDeliverTask_exceedLimit(t *testing.T)   { testDeliverTaskExceedLimit(t, pCDN) }
func TestAccDCDNDeliverTask_exceedLimit(t *testing.T)  { testDeliverTaskExceedLimit(t, pDCDN) }
func TestAccCDNDeliverTask_nameTaken(t *testing.T)     { testDeliverTaskNameTaken(t, pCDN) }
func TestAccDCDNDeliverTask_nameTaken(t *testing.T)    { testDeliverTaskNameTaken(t, pDCDN) }
func TestAccCDNDeliverTask_retriedCreate(t *testing.T) { testDeliverTaskRetriedCreate(t, pCDN) }
func TestAccDCDNDeliverTask_retriedCreate(t *testing.T) {
	testDeliverTaskRetriedCreate(t, pDCDN)
}
func TestAccCDNDeliverTask_throttling(t *testing.T)  { testDeliverTaskThrottling(t, pCDN) }
func TestAccDCDNDeliverTask_throttling(t *testing.T) { testDeliverTaskThrottling(t, pDCDN) }
func TestAccCDNDeliverTask_refreshCost(t *testing.T) { testDeliverTaskRefreshCost(t, pCDN) }
func TestAccDCDNDeliverTask_refreshCost(t *testing.T) {
	testDeliverTaskRefreshCost(t, pDCDN)
}

func testDeliverTaskBasic(t *testing.T, p testProduct) {
	e := acctest.New(t)
	name := acctest.RandomName("ops-report")
	addr := p.taskAddr()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: p.config(e, p.task(name)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\d+$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("domain_names"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("example.com"), knownvalue.StringExact("www.example.com"),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("reports"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"report_id": knownvalue.Int64Exact(p.r1),
							"conditions": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
								"field": knownvalue.StringExact("prov"), "op": knownvalue.StringExact("in"),
								"values": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("Beijing"), knownvalue.StringExact("Heilongjiang")}),
							})}),
						}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{"report_id": knownvalue.Int64Exact(p.r2), "conditions": knownvalue.Null()}),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("schedule"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"name": knownvalue.StringExact("daily"), "description": knownvalue.StringExact("every morning"),
						"crontab": knownvalue.StringExact("0 0 8 * * ?"), "frequency": knownvalue.StringExact("d"), "enabled": knownvalue.Bool(true),
						// Written with +08:00, kept as written although the API answers UTC.
						"effective_from": knownvalue.StringExact("2030-01-01T08:00:00+08:00"),
						"effective_end":  knownvalue.StringExact("2031-01-01T00:00:00Z"),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("deliver").AtMapKey("email"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"subject": knownvalue.StringExact("Ops report"),
						"to":      knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("ops@example.com")}),
						"copy":    knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("lead@example.com")}),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("create_time"), knownvalue.StringRegexp(rfc3339)),
				},
				Check: e.MockCheck(func(*mockcloud.Server) error {
					m := p.mockTask(t, e)
					if m.Schedule.EffectiveFrom != "2030-01-01T00:00:00Z" || m.Schedule.SchedName != "daily" || m.Schedule.Status != "enable" {
						return fmt.Errorf("the mock holds schedule %+v", m.Schedule)
					}
					if len(m.Reports[1].Conditions) != 0 || m.Reports[0].Conditions[0].Op != "in" {
						return fmt.Errorf("the mock holds reports %+v", m.Reports)
					}
					return nil
				}),
			},
			{
				Config: p.config(e, p.task(name)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func testDeliverTaskUpdate(t *testing.T, p testProduct) {
	e := acctest.New(t)
	name, renamedName := acctest.RandomName("ops-report"), acctest.RandomName("ops-report-2")
	addr := p.taskAddr()
	var id int64
	inPlace := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}}
	base := p.task(name)

	renamed := base
	renamed.name, renamed.domains = strconv.Quote(renamedName), `["cdn.example.com"]`
	reports := renamed
	reports.reports = fmt.Sprintf(`[{ report_id = %d, conditions = [{ field = "isp", op = "in", values = ["telecom"] }, { field = "prov", values = ["Beijing"] }] }]`, p.r2)
	schedule := reports
	schedule.schedule = `{
    crontab   = "0 30 6 ? * MON-FRI"
    frequency = "h"
    enabled   = false
  }`
	deliver := schedule
	deliver.deliver = `{ email = { subject = "Hourly", to = ["a@example.com", "b@example.com"] } }`
	allDomains := deliver
	allDomains.domains = ""

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{Config: p.config(e, base), Check: captureID(addr, &id)},
			{
				Config:           p.config(e, renamed),
				ConfigPlanChecks: inPlace,
				Check: resource.ComposeAggregateTestCheckFunc(sameID(addr, &id), e.MockCheck(func(*mockcloud.Server) error {
					if m := p.mockTask(t, e); m.Name != renamedName || strings.Join(m.Domains, ",") != "cdn.example.com" {
						return fmt.Errorf("mock: %s %v", m.Name, m.Domains)
					}
					return nil
				})),
			},
			{
				Config:           p.config(e, reports),
				ConfigPlanChecks: inPlace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("reports").AtSliceIndex(0).AtMapKey("conditions").AtSliceIndex(0).AtMapKey("field"), knownvalue.StringExact("isp")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("reports"), knownvalue.ListSizeExact(1)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(sameID(addr, &id), e.MockCheck(func(*mockcloud.Server) error {
					if m := p.mockTask(t, e); len(m.Reports) != 1 || int64(m.Reports[0].ReportID) != p.r2 || len(m.Reports[0].Conditions) != 2 {
						return fmt.Errorf("mock reports: %+v", m.Reports)
					}
					return nil
				})),
			},
			{
				Config:           p.config(e, schedule),
				ConfigPlanChecks: inPlace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("schedule"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"name": knownvalue.Null(), "description": knownvalue.Null(), "crontab": knownvalue.StringExact("0 30 6 ? * MON-FRI"),
						"frequency": knownvalue.StringExact("h"), "enabled": knownvalue.Bool(false),
						"effective_from": knownvalue.Null(), "effective_end": knownvalue.Null(),
					})),
				},
				Check: resource.ComposeAggregateTestCheckFunc(sameID(addr, &id), e.MockCheck(func(*mockcloud.Server) error {
					if s := p.mockTask(t, e).Schedule; s.Status != "disable" || s.Frequency != "h" || s.EffectiveFrom != "" || s.SchedName != "" {
						return fmt.Errorf("mock schedule: %+v", s)
					}
					return nil
				})),
			},
			{
				Config:           p.config(e, deliver),
				ConfigPlanChecks: inPlace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("deliver").AtMapKey("email").AtMapKey("copy"), knownvalue.Null()),
				},
				Check: resource.ComposeAggregateTestCheckFunc(sameID(addr, &id), e.MockCheck(func(*mockcloud.Server) error {
					if em := p.mockTask(t, e).Deliver.Email; em.Subject != "Hourly" || len(em.To) != 2 || len(em.Copy) != 0 {
						return fmt.Errorf("mock email: %+v", em)
					}
					return nil
				})),
			},
			{
				Config:           p.config(e, deliver),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// The update API cannot clear the domain list: back to all
				// domains is a replacement.
				Config: p.config(e, allDomains),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: e.MockCheck(func(*mockcloud.Server) error {
					if m := p.mockTask(t, e); len(m.Domains) != 0 || m.ID == id {
						return fmt.Errorf("mock: task %d domains %v", m.ID, m.Domains)
					}
					return nil
				}),
			},
		},
	})
}

func testDeliverTaskImport(t *testing.T, p testProduct) {
	e := acctest.New(t)
	addr := p.taskAddr()
	// An import reads times as the API writes them, in UTC.
	c := p.task(acctest.RandomName("ops-report"))
	c.schedule = strings.Replace(c.schedule, "2030-01-01T08:00:00+08:00", "2030-01-01T00:00:00Z", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{Config: p.config(e, c)},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
				// The list API does not show the schedule's name and description.
				ImportStateVerifyIgnore: []string{"schedule.name", "schedule.description"},
			},
			{
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: "ops-report",
				ExpectError:   acctest.ExpectError(`Invalid import ID.*numeric DeliverId`),
			},
			{
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: "999999",
				ExpectError:   acctest.ExpectError(`Cannot import non-existent remote object`),
			},
		},
	})
}

func testDeliverTaskDisappears(t *testing.T, p testProduct) {
	e := acctest.New(t)
	name := acctest.RandomName("ops-report")
	addr := p.taskAddr()
	var id int64
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{Config: p.config(e, p.task(name)), Check: captureID(addr, &id)},
			{
				// Deleted behind Terraform's back through the vendor API, so
				// the test runs on a real account too.
				PreConfig: func() {
					if err := cdn.DeleteDeliverTask(context.Background(), e.Client(), p.key, id); err != nil {
						t.Fatalf("deleting task %d: %s", id, err)
					}
				},
				Config: p.config(e, p.task(name)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(s *terraform.State) error {
						var now int64
						if err := captureID(addr, &now)(s); err != nil {
							return err
						}
						if now == id {
							return fmt.Errorf("the old task %d is back", id)
						}
						return nil
					},
					e.MockCheck(func(*mockcloud.Server) error {
						if m := p.mockTask(t, e); m.ID == id {
							return fmt.Errorf("the mock holds the old task %d", id)
						}
						return nil
					}),
				),
			},
		},
	})
}

func testDeliverTaskDrift(t *testing.T, p testProduct) {
	e := acctest.New(t)
	e.NeedsMock(t, "changes the task through the mock's admin API")
	name := acctest.RandomName("ops-report")
	addr := p.taskAddr()
	var id int64
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{Config: p.config(e, p.task(name)), Check: captureID(addr, &id)},
			{
				// Crontab and recipients changed behind Terraform's back: the
				// plan updates them in place, back to the configuration.
				PreConfig: func() {
					err := e.Mock().UpdateDeliverTask(p.key, id, func(d *mockcloud.DeliverTask) {
						d.Schedule.Crontab = "0 0 23 * * ?"
						d.Deliver.Email.To = []string{"intruder@example.com"}
					})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: p.config(e, p.task(name)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectNonEmptyPlan(),
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("schedule").AtMapKey("crontab"), knownvalue.StringExact("0 0 8 * * ?")),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(sameID(addr, &id), func(*terraform.State) error {
					m := p.mockTask(t, e)
					if m.Schedule.Crontab != "0 0 8 * * ?" || !slices.Equal(m.Deliver.Email.To, []string{"ops@example.com"}) {
						return fmt.Errorf("the drift was not undone: %+v %+v", m.Schedule, m.Deliver.Email)
					}
					return nil
				}),
			},
		},
	})
}

func testDeliverTaskBadInput(t *testing.T, p testProduct) {
	e := acctest.New(t)
	with := func(f func(*task)) string {
		c := p.task("bad")
		f(&c)
		return p.config(e, c)
	}
	steps := []resource.TestStep{}
	for _, c := range []struct {
		config string
		want   string
	}{
		{with(func(c *task) { c.schedule = `{ crontab = "0 0 8 * *", frequency = "d" }` }), `schedule.crontab "0 0 8 \* \*" is not a Quartz crontab: it has 5 fields`},
		{with(func(c *task) { c.schedule = `{ crontab = "0 0 25 * * ?", frequency = "d" }` }), `schedule.crontab .* the hour field "25" is not valid`},
		{with(func(c *task) { c.schedule = `{ crontab = "0 0 8 * * *", frequency = "d" }` }), `one of them must be '\?' .* for example "0 0 8 \? \* MON"`},
		{with(func(c *task) { c.schedule = `{ crontab = "0 0 8 * * ?", frequency = "w" }` }), `schedule.frequency value must be one of: \["h" "d" "M"\]`},
		{with(func(c *task) { c.deliver = `{ email = { subject = "s", to = ["not-an-address"] } }` }), `must be an e-mail address`},
		{with(func(c *task) { c.deliver = `{ email = { subject = "s", to = ["Ops <ops@example.com>"] } }` }), `write the bare address ops@example.com`},
		{with(func(c *task) { c.deliver = `{ email = { subject = "s", to = [] } }` }), `deliver.email.to set must contain at least 1 elements`},
		{with(func(c *task) { c.reports = fmt.Sprintf(`[{ report_id = %d }]`, p.badReport) }), `reports\[0\].report_id value must be one of`},
		{with(func(c *task) { c.reports = `[]` }), `reports list must contain at least 1 elements`},
		{with(func(c *task) {
			c.reports = `[{ report_id = 1, conditions = [{ field = "prov", op = "eq", values = ["x"] }] }]`
		}), `op value must be one of: \["in"\]`},
		{with(func(c *task) {
			c.schedule = `{ crontab = "0 0 8 * * ?", frequency = "d", effective_from = "2030-01-01" }`
		}), `schedule.effective_from must be an RFC 3339 time`},
	} {
		steps = append(steps, resource.TestStep{Config: c.config, PlanOnly: true, ExpectError: acctest.ExpectError(c.want)})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: e.Factories(), Steps: steps})
	e.WhenMock(func(m *mockcloud.Server) {
		if n := e.TotalCalls(); n != 0 {
			t.Errorf("plan-time errors must reach no API; the mock got %d calls: %v", n, m.CallCounts())
		}
	})
}

func testDeliverTaskExceedLimit(t *testing.T, p testProduct) {
	e := acctest.New(t)
	e.NeedsMock(t, "lowers the mock's task limit and seeds a task")
	name := acctest.RandomName("ops-report")
	if err := e.Mock().SetDeliverLimit(p.key, 1); err != nil {
		t.Fatal(err)
	}
	p.seedTask(t, e, acctest.RandomName("existing"), "0 0 1 * * ?", true)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config:      p.config(e, p.task(name)),
				ExpectError: acctest.ExpectError(fmt.Sprintf(`creating %s deliver task \(%s\).*DeliverExceedLimit: .*limit of 1 .*has as many %[1]s deliver tasks as it may have`, strings.ToUpper(p.key), name)),
			},
		},
	})
	if n := e.Mock().Calls(p.code, p.action("Create", "DeliverTask")); n != 1 {
		t.Errorf("DeliverExceedLimit is final: want 1 create call, got %d", n)
	}
}

func testDeliverTaskNameTaken(t *testing.T, p testProduct) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds a task with the name in the mock")
	name := acctest.RandomName("ops-report")
	id := p.seedTask(t, e, name, "0 0 1 * * ?", true)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{
				// Not adopted: the task was not made by this create.
				Config: p.config(e, p.task(name)),
				ExpectError: acctest.ExpectError(fmt.Sprintf(`NameAlreadyExists.*another %s deliver task named "%s" already holds this name, with different settings; if it is meant to be managed here, import it: terraform import %s.<name> %d`,
					strings.ToUpper(p.key), name, p.taskType(), id)),
			},
		},
	})
	if n := len(e.Mock().DeliverTasks(p.key)); n != 1 {
		t.Errorf("want only the seeded task, got %d tasks", n)
	}
}

func testDeliverTaskRetriedCreate(t *testing.T, p testProduct) {
	e := acctest.New(t)
	e.NeedsMock(t, "loses a create response through the mock's faults")
	name := acctest.RandomName("ops-report")
	addr := p.taskAddr()
	// The first create takes effect but its answer is lost; the retry is
	// refused with NameAlreadyExists, and the identical task is adopted.
	e.Mock().AddFault(mockcloud.Fault{Product: p.code, Action: p.action("Create", "DeliverTask"), Mode: mockcloud.FaultCommitThenDrop, Count: 1})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: p.config(e, p.task(name)),
				Check: func(s *terraform.State) error {
					m := p.mockTask(t, e)
					if got := s.RootModule().Resources[addr].Primary.ID; got != fmt.Sprint(m.ID) {
						return fmt.Errorf("state id %s, mock task %d", got, m.ID)
					}
					if n := e.Mock().Calls(p.code, p.action("Create", "DeliverTask")); n != 2 {
						return fmt.Errorf("want 2 create calls (lost answer, retry), got %d", n)
					}
					return nil
				},
			},
			{
				Config:           p.config(e, p.task(name)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// manyTasks is a configuration of n tasks through count.
func (p testProduct) manyTasks(e *acctest.Env, prefix string, n int) string {
	c := p.task("")
	c.count = n
	c.name = strconv.Quote(prefix + "-${count.index}")
	return p.config(e, c)
}

func testDeliverTaskThrottling(t *testing.T, p testProduct) {
	// The mock enforces 3 calls/s per account and API; Terraform runs 10
	// operations at a time. The provider's own limiter keeps under the
	// vendor's limit, and retries whatever is refused anyway.
	e := acctest.New(t, acctest.WithRateLimits())
	e.NeedsMock(t, "enforces rate limits in the mock and counts calls")
	prefix := acctest.RandomName("ops-report")
	const n = 20
	create, list := p.action("Create", "DeliverTask"), p.action("Describe", "DeliverList")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: p.manyTasks(e, prefix, n),
				Check: func(*terraform.State) error {
					if got := len(e.Mock().DeliverTasks(p.key)); got != n {
						return fmt.Errorf("want exactly %d tasks in the mock, got %d", n, got)
					}
					if ok := e.Mock().Succeeded(p.code, create); ok != n {
						return fmt.Errorf("want %d successful creates, got %d", n, ok)
					}
					t.Logf("%s: %d tasks; %s %d calls (%d throttled); %s %d calls (%d throttled)", p.key, n,
						create, e.Mock().Calls(p.code, create), e.Mock().Calls(p.code, create)-e.Mock().Succeeded(p.code, create),
						list, e.Mock().Calls(p.code, list), e.Mock().Calls(p.code, list)-e.Mock().Succeeded(p.code, list))
					return nil
				},
			},
		},
	})
}

func testDeliverTaskRefreshCost(t *testing.T, p testProduct) {
	e := acctest.New(t)
	e.NeedsMock(t, "counts the calls a refresh makes")
	prefix := acctest.RandomName("ops-report")
	const n = 30
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{Config: p.manyTasks(e, prefix, n)},
			{
				// A refresh of n tasks shares one list call.
				PreConfig:    e.Mock().ResetCalls,
				RefreshState: true,
				Check: func(*terraform.State) error {
					lists := p.listCalls(e)
					t.Logf("%s: refresh of %d tasks: %d %s calls, %d calls in all", p.key, n, lists, p.action("Describe", "DeliverList"), e.TotalCalls())
					if lists > 2 || e.TotalCalls() != lists {
						return fmt.Errorf("refreshing %d tasks cost %d list calls and %d calls in all; want at most 2 list calls and nothing else: %v",
							n, lists, e.TotalCalls(), e.Mock().CallCounts())
					}
					return nil
				},
			},
			{
				PreConfig:        e.Mock().ResetCalls,
				Config:           p.manyTasks(e, prefix, n),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: func(*terraform.State) error {
					t.Logf("%s: plan and apply of %d unchanged tasks: %d list calls, %d calls in all", p.key, n, p.listCalls(e), e.TotalCalls())
					return nil
				},
			},
		},
	})
}
