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
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cdn"
)

func TestAccCDNReportSubscription_basic(t *testing.T)  { testSubscriptionBasic(t, pCDN) }
func TestAccDCDNReportSubscription_basic(t *testing.T) { testSubscriptionBasic(t, pDCDN) }
func TestAccCDNReportSubscription_alreadyExists(t *testing.T) {
	testSubscriptionAlreadyExists(t, pCDN)
}
func TestAccDCDNReportSubscription_alreadyExists(t *testing.T) {
	testSubscriptionAlreadyExists(t, pDCDN)
}

func (p testProduct) subConfig(e *acctest.Env, body string) string {
	return e.Config(fmt.Sprintf("resource %q \"test\" {\n%s\n}\n", p.subType(), body))
}

func testSubscriptionBasic(t *testing.T, p testProduct) {
	e := acctest.New(t)
	e.NeedsMock(t, "changes and deletes the account's one subscription through the mock's admin API")
	addr := p.subAddr()
	first := fmt.Sprintf(`report_ids = [%d, %d]
  domain_names = ["example.com"]
  effective_end = "2031-01-01T08:00:00+08:00"`, p.r1, p.r2)
	second := fmt.Sprintf(`report_ids = [%d]
  domain_names = ["example.com", "www.example.com"]
  effective_from = "2030-06-01T00:00:00Z"
  effective_end = "2032-01-01T00:00:00Z"`, p.r2)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config:      p.subConfig(e, fmt.Sprintf("report_ids = [%d]", p.badReport)),
				PlanOnly:    true,
				ExpectError: acctest.ExpectError(`report_ids.* value must be one of`),
			},
			{
				Config: p.subConfig(e, first),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(cdn.SubscriptionImportID)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("report_ids"), knownvalue.SetExact([]knownvalue.Check{knownvalue.Int64Exact(p.r1), knownvalue.Int64Exact(p.r2)})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("domain_names"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("example.com")})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("effective_from"), knownvalue.StringRegexp(rfc3339)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("effective_end"), knownvalue.StringExact("2031-01-01T08:00:00+08:00")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("enable")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("create_time"), knownvalue.StringRegexp(rfc3339)),
				},
				Check: func(*terraform.State) error {
					if sub, ok := e.Mock().SubscriptionOf(p.key); !ok || sub.EffectiveEnd != "2031-01-01T00:00:00Z" {
						return fmt.Errorf("mock subscription: %+v", sub)
					}
					return nil
				},
			},
			{
				Config:           p.subConfig(e, first),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config:           p.subConfig(e, second),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}},
				Check: func(*terraform.State) error {
					sub, _ := e.Mock().SubscriptionOf(p.key)
					if len(sub.ReportIDs) != 1 || int64(sub.ReportIDs[0]) != p.r2 || len(sub.Domains) != 2 ||
						sub.EffectiveFrom != "2030-06-01T00:00:00Z" || sub.EffectiveEnd != "2032-01-01T00:00:00Z" {
						return fmt.Errorf("mock subscription: %+v", sub)
					}
					return nil
				},
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateId:     cdn.SubscriptionImportID,
				ImportStateVerify: true,
			},
			{
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: "1",
				ExpectError:   acctest.ExpectError(`Invalid import ID.*"` + cdn.SubscriptionImportID + `"`),
			},
			{
				// Report ids changed behind Terraform's back: updated back.
				PreConfig: func() {
					sub, _ := e.Mock().SubscriptionOf(p.key)
					sub.ReportIDs = []int{int(p.r1)}
					if err := e.Mock().SetSubscription(p.key, sub); err != nil {
						t.Fatal(err)
					}
				},
				Config:           p.subConfig(e, second),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}},
				Check: func(*terraform.State) error {
					if sub, _ := e.Mock().SubscriptionOf(p.key); len(sub.ReportIDs) != 1 || int64(sub.ReportIDs[0]) != p.r2 {
						return fmt.Errorf("the drift was not undone: %+v", sub)
					}
					return nil
				},
			},
			{
				// Deleted behind Terraform's back: planned for creation.
				PreConfig: func() {
					if !e.Mock().DeleteSubscription(p.key) {
						t.Fatal("no subscription in the mock")
					}
				},
				Config:           p.subConfig(e, second),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)}},
			},
		},
	})
}

func testSubscriptionAlreadyExists(t *testing.T, p testProduct) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds the account's subscription in the mock")
	if err := e.Mock().SetSubscription(p.key, mockcloud.Subscription{ReportIDs: []int{int(p.r1)}}); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: p.subConfig(e, fmt.Sprintf("report_ids = [%d]", p.r2)),
				ExpectError: acctest.ExpectError(fmt.Sprintf(`creating %s report subscription.*SubscriptionAlreadyExists.*terraform import %s.<name> %s`,
					strings.ToUpper(p.key), p.subType(), cdn.SubscriptionImportID)),
			},
		},
	})
	if sub, _ := e.Mock().SubscriptionOf(p.key); len(sub.ReportIDs) != 1 || int64(sub.ReportIDs[0]) != p.r1 {
		t.Errorf("the existing subscription was changed: %+v", sub)
	}
}
