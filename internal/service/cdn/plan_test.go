package cdn_test

import (
	"fmt"
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
)

func TestAccCDNReportSubscription_clearTimes(t *testing.T)  { testSubscriptionClearTimes(t, pCDN) }
func TestAccDCDNReportSubscription_clearTimes(t *testing.T) { testSubscriptionClearTimes(t, pDCDN) }
func TestAccCDNReportSubscription_badInput(t *testing.T)    { testSubscriptionBadInput(t, pCDN) }
func TestAccDCDNReportSubscription_badInput(t *testing.T)   { testSubscriptionBadInput(t, pDCDN) }
func TestAccCDNDeliverTask_planChecks(t *testing.T)         { testDeliverTaskPlanChecks(t, pCDN) }
func TestAccDCDNDeliverTask_planChecks(t *testing.T)        { testDeliverTaskPlanChecks(t, pDCDN) }
func TestAccCDNDeliverTask_timeouts(t *testing.T)           { testTimeouts(t, pCDN, "DeliverTask") }
func TestAccDCDNDeliverTask_timeouts(t *testing.T)          { testTimeouts(t, pDCDN, "DeliverTask") }
func TestAccCDNReportSubscription_timeouts(t *testing.T)    { testTimeouts(t, pCDN, "SubTask") }
func TestAccDCDNReportSubscription_timeouts(t *testing.T)   { testTimeouts(t, pDCDN, "SubTask") }

// Removing a time that was set replaces the subscription (the update API
// cannot clear one); a time never set keeps the API's value without a
// diff; status stays known in the plan of an update.
func testSubscriptionClearTimes(t *testing.T, p testProduct) {
	e := acctest.New(t)
	e.NeedsMock(t, "manages the account's one subscription and reads it in the mock")
	addr := p.subAddr()
	both := fmt.Sprintf(`report_ids = [%d]
  effective_from = "2030-01-01T00:00:00Z"
  effective_end = "2031-01-01T00:00:00Z"`, p.r1)
	moreReports := strings.Replace(both, fmt.Sprintf("[%d]", p.r1), fmt.Sprintf("[%d, %d]", p.r1, p.r2), 1)
	noEnd := fmt.Sprintf(`report_ids = [%d, %d]
  effective_from = "2030-01-01T00:00:00Z"`, p.r1, p.r2)
	none := fmt.Sprintf(`report_ids = [%d, %d]`, p.r1, p.r2)
	replaced := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)}}
	empty := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{Config: p.subConfig(e, both)},
			{
				Config: p.subConfig(e, moreReports),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("enable")),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("effective_end"), knownvalue.StringExact("2031-01-01T00:00:00Z")),
				}},
			},
			{
				Config:           p.subConfig(e, noEnd),
				ConfigPlanChecks: replaced,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("effective_end"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("effective_from"), knownvalue.StringExact("2030-01-01T00:00:00Z")),
				},
				Check: func(*terraform.State) error {
					if sub, _ := e.Mock().SubscriptionOf(p.key); sub.EffectiveEnd != "" || sub.EffectiveFrom != "2030-01-01T00:00:00Z" {
						return fmt.Errorf("mock subscription: %+v", sub)
					}
					return nil
				},
			},
			{Config: p.subConfig(e, noEnd), ConfigPlanChecks: empty},
			{
				Config:           p.subConfig(e, none),
				ConfigPlanChecks: replaced,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("effective_from"), knownvalue.StringRegexp(rfc3339)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("effective_end"), knownvalue.Null()),
				},
			},
			// effective_from now holds the creation time, never configured:
			// no diff, no replacement.
			{Config: p.subConfig(e, none), ConfigPlanChecks: empty},
			{
				// An end set outside Terraform: the configuration asks for
				// none, so the subscription is replaced.
				PreConfig: func() {
					sub, _ := e.Mock().SubscriptionOf(p.key)
					sub.EffectiveEnd = "2032-01-01T00:00:00Z"
					if err := e.Mock().SetSubscription(p.key, sub); err != nil {
						t.Fatal(err)
					}
				},
				Config:           p.subConfig(e, none),
				ConfigPlanChecks: replaced,
				Check: func(*terraform.State) error {
					if sub, _ := e.Mock().SubscriptionOf(p.key); sub.EffectiveEnd != "" {
						return fmt.Errorf("mock subscription: %+v", sub)
					}
					return nil
				},
			},
			{Config: p.subConfig(e, none), ConfigPlanChecks: empty},
		},
	})
}

// tooManyDomains is one more domain than DomainName takes (500).
var tooManyDomains = `concat([for i in range(500) : "d${i}.example.com"], ["one-more.example.com"])`

func testSubscriptionBadInput(t *testing.T, p testProduct) {
	e := acctest.New(t)
	var steps []resource.TestStep
	for _, c := range []struct{ body, want string }{
		{fmt.Sprintf(`report_ids = [%d]
  domain_names = [" example.com"]`, p.r1), `domain_names\[0\] must be a domain name .*got " example.com": remove the surrounding white space`},
		{fmt.Sprintf(`report_ids = [%d]
  domain_names = ["example.com:8080"]`, p.r1), `domain_names\[0\] must be a domain name .*not a host name`},
		{fmt.Sprintf(`report_ids = [%d]
  domain_names = %s`, p.r1, tooManyDomains), `domain_names list must contain at most 500 elements, got: 501`},
		{fmt.Sprintf(`report_ids = [%d]
  effective_from = "2031-01-01T00:00:00Z"
  effective_end = "2031-01-01T08:00:00+08:00"`, p.r1), `effective_end \(2031-01-01T08:00:00\+08:00\) must be after effective_from \(2031-01-01T00:00:00Z\)`},
	} {
		steps = append(steps, resource.TestStep{Config: p.subConfig(e, c.body), PlanOnly: true, ExpectError: acctest.ExpectError(c.want)})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: e.Factories(), Steps: steps})
	e.WhenMock(func(m *mockcloud.Server) {
		if n := e.TotalCalls(); n != 0 {
			t.Errorf("plan-time errors must reach no API; the mock got %d calls: %v", n, m.CallCounts())
		}
	})
}

func testDeliverTaskPlanChecks(t *testing.T, p testProduct) {
	e := acctest.New(t)
	with := func(f func(*task)) string {
		c := p.task("bad")
		f(&c)
		return p.config(e, c)
	}
	var steps []resource.TestStep
	for _, c := range []struct{ config, want string }{
		{with(func(c *task) { c.domains = `[" example.com"]` }), `domain_names\[0\] must be a domain name .*got " example.com": remove the surrounding white space`},
		{with(func(c *task) { c.domains = `["example.com "]` }), `remove the surrounding white space`},
		{with(func(c *task) { c.domains = `["https://example.com"]` }), `not a host name`},
		{with(func(c *task) { c.domains = `["a.example.com,b.example.com"]` }), `one domain per element`},
		{with(func(c *task) { c.domains = `["all"]` }), `domain_names\[0\] must be a domain name .*got "all": not a host name`},
		// The API's limit (contract max_items): 501 is refused at plan time.
		{with(func(c *task) { c.domains = tooManyDomains }), `domain_names list must contain at most 500 elements, got: 501`},
		{with(func(c *task) {
			c.schedule = `{ crontab = "0 0 8 * * ?", frequency = "d", effective_from = "2031-01-01T00:00:00Z", effective_end = "2030-01-01T00:00:00Z" }`
		}), `schedule.effective_end \(2030-01-01T00:00:00Z\) must be after schedule.effective_from`},
		{with(func(c *task) {
			c.schedule = `{ crontab = "0 0 8 * * ?", frequency = "d", effective_from = "2031-01-01T08:00:00+08:00", effective_end = "2031-01-01T00:00:00Z" }`
		}), `schedule.effective_end .* must be after`},
	} {
		steps = append(steps, resource.TestStep{Config: c.config, PlanOnly: true, ExpectError: acctest.ExpectError(c.want)})
	}
	// Accepted: a wildcard and an upper-case label.
	steps = append(steps, resource.TestStep{
		Config:             with(func(c *task) { c.domains = `["*.example.com", "CDN.example.com"]` }),
		PlanOnly:           true,
		ExpectNonEmptyPlan: true,
	})
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: e.Factories(), Steps: steps})
	e.WhenMock(func(m *mockcloud.Server) {
		if n := e.TotalCalls(); n != 0 {
			t.Errorf("plan-time errors must reach no API; the mock got %d calls: %v", n, m.CallCounts())
		}
	})
}

// A create that is throttled without end stops at its create timeout:
// the timeouts block bounds the throttling retries, and the error is the
// timeout's, naming it, not the last throttling answer.
func testTimeouts(t *testing.T, p testProduct, noun string) {
	e := acctest.New(t)
	e.NeedsMock(t, "throttles every create through the mock's faults")
	create := p.action("Create", noun)
	e.Mock().AddFault(mockcloud.Fault{Product: p.code, Action: create, Code: "Throttling.User"})
	var config, what string
	if noun == "SubTask" {
		config = p.subConfig(e, fmt.Sprintf("report_ids = [%d]\n  timeouts {\n    create = \"2s\"\n  }", p.r1))
		what = "report subscription"
	} else {
		c := p.task(acctest.RandomName("ops-report"))
		c.deliver += "\n  timeouts {\n    create = \"2s\"\n  }"
		config = p.config(e, c)
		what = "deliver task"
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: acctest.ExpectError(fmt.Sprintf(`creating %s %s.*timeout was reached while throttled.*Throttling.User.*raise the timeout`, strings.ToUpper(p.key), what)),
		}},
	})
	if n := e.Mock().Calls(p.code, create); n < 2 {
		t.Errorf("want the throttled create retried until the timeout, got %d calls", n)
	}
	if _, ok := e.Mock().SubscriptionOf(p.key); ok || len(e.Mock().DeliverTasks(p.key)) != 0 {
		t.Errorf("a refused create left an object behind")
	}
}
