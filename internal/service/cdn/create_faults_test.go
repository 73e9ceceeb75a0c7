package cdn_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cdn"
)

// Every create path (deliver task and subscription, CDN and DCDN) meets a
// lost answer (the create takes effect, the connection drops) and a
// garbled one (HTTP 200, the body cut off mid-JSON; the mock executes
// nothing): each ends in exactly one object, in state, with an empty
// re-plan. 2 resources x 2 products x 2 faults = 8 create paths.
func TestAccCDNDeliverTask_lostAnswer(t *testing.T) {
	testTaskCreateFault(t, pCDN, mockcloud.FaultCommitThenDrop)
}
func TestAccDCDNDeliverTask_lostAnswer(t *testing.T) {
	testTaskCreateFault(t, pDCDN, mockcloud.FaultCommitThenDrop)
}
func TestAccCDNDeliverTask_garbledAnswer(t *testing.T) {
	testTaskCreateFault(t, pCDN, mockcloud.FaultGarble)
}
func TestAccDCDNDeliverTask_garbledAnswer(t *testing.T) {
	testTaskCreateFault(t, pDCDN, mockcloud.FaultGarble)
}

// An adoption after a lost answer matches the task although the list
// shows "-1d" (the models' example) for its effective times.
func TestAccCDNDeliverTask_lostAnswerRelativeFormats(t *testing.T) {
	testTaskCreateFault(t, pCDN, mockcloud.FaultCommitThenDrop, mockcloud.ReportVariants{RelativeEffectiveFormats: true})
}
func TestAccCDNReportSubscription_lostAnswer(t *testing.T) {
	testSubscriptionCreateFault(t, pCDN, mockcloud.FaultCommitThenDrop)
}
func TestAccDCDNReportSubscription_lostAnswer(t *testing.T) {
	testSubscriptionCreateFault(t, pDCDN, mockcloud.FaultCommitThenDrop)
}
func TestAccCDNReportSubscription_garbledAnswer(t *testing.T) {
	testSubscriptionCreateFault(t, pCDN, mockcloud.FaultGarble)
}
func TestAccDCDNReportSubscription_garbledAnswer(t *testing.T) {
	testSubscriptionCreateFault(t, pDCDN, mockcloud.FaultGarble)
}

func testTaskCreateFault(t *testing.T, p testProduct, mode string, variants ...mockcloud.ReportVariants) {
	e := acctest.New(t)
	e.NeedsMock(t, "injects a "+mode+" fault on the create")
	for _, v := range variants {
		if err := e.Mock().SetReportVariants(p.key, v); err != nil {
			t.Fatal(err)
		}
	}
	name := acctest.RandomName("ops-report")
	addr := p.taskAddr()
	create := p.action("Create", "DeliverTask")
	e.Mock().AddFault(mockcloud.Fault{Product: p.code, Action: create, Mode: mode, Count: 1})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: p.config(e, p.task(name)),
				Check: func(s *terraform.State) error {
					m := p.mockTask(t, e) // exactly one
					if got := s.RootModule().Resources[addr].Primary.ID; got != fmt.Sprint(m.ID) {
						return fmt.Errorf("state id %s, mock task %d", got, m.ID)
					}
					if n := e.Mock().Calls(p.code, create); n != 2 {
						return fmt.Errorf("want 2 create calls (the faulty one, then a retry or a recall), got %d", n)
					}
					if m.Schedule.EffectiveFrom != "2030-01-01T00:00:00Z" {
						return fmt.Errorf("the mock's task is not the one asked for: %+v", m.Schedule)
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

func testSubscriptionCreateFault(t *testing.T, p testProduct, mode string) {
	e := acctest.New(t)
	e.NeedsMock(t, "injects a "+mode+" fault on the create of the account's one subscription")
	addr := p.subAddr()
	create := p.action("Create", "SubTask")
	e.Mock().AddFault(mockcloud.Fault{Product: p.code, Action: create, Mode: mode, Count: 1})
	config := p.subConfig(e, fmt.Sprintf(`report_ids = [%d, %d]
  domain_names = ["example.com"]
  effective_from = "2030-01-01T00:00:00Z"
  effective_end = "2031-01-01T08:00:00+08:00"`, p.r1, p.r2))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(s *terraform.State) error {
					if got := s.RootModule().Resources[addr].Primary.ID; got != cdn.SubscriptionImportID {
						return fmt.Errorf("state id %q", got)
					}
					sub, ok := e.Mock().SubscriptionOf(p.key)
					if !ok || len(sub.ReportIDs) != 2 || len(sub.Domains) != 1 {
						return fmt.Errorf("mock subscription: %+v", sub)
					}
					// The follow-up update ran after the adoption: the times
					// asked for were sent.
					if sub.EffectiveFrom != "2030-01-01T00:00:00Z" || sub.EffectiveEnd != "2031-01-01T00:00:00Z" {
						return fmt.Errorf("effective times not sent: %+v", sub)
					}
					if n := e.Mock().Calls(p.code, create); n != 2 {
						return fmt.Errorf("want 2 create calls, got %d", n)
					}
					return nil
				},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}
