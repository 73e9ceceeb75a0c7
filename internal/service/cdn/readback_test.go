package cdn_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// What the read-backs after writes fetch: N creates in one apply read N
// single tasks through the DeliverId filter (never the whole list, whose
// answers would grow with N); a refresh still shares one whole list; N
// updates read N single tasks; a change and a delete made behind
// Terraform's back still show in the next plan.
func TestAccCDNDeliverTask_readBack(t *testing.T)  { testDeliverTaskReadBack(t, pCDN) }
func TestAccDCDNDeliverTask_readBack(t *testing.T) { testDeliverTaskReadBack(t, pDCDN) }

func testDeliverTaskReadBack(t *testing.T, p testProduct) {
	e := acctest.New(t)
	e.NeedsMock(t, "counts what DescribeDeliverList calls ask for and changes tasks behind Terraform's back")
	prefix := acctest.RandomName("read-back")
	const n = 8
	reset := func() {
		if err := e.Mock().ResetDeliverListReads(p.key); err != nil {
			t.Fatal(err)
		}
	}
	// wantReads checks the calls since the step's reset: full whole lists,
	// each task in state read alone `each` times, tasks moved in all.
	wantReads := func(full, each, tasks int) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			byID := map[int64]int{}
			if each > 0 {
				for i := range n {
					rs := s.RootModule().Resources[fmt.Sprintf("%s.%d", p.taskAddr(), i)]
					if rs == nil {
						return fmt.Errorf("%s[%d] not in state", p.taskAddr(), i)
					}
					id, err := strconv.ParseInt(rs.Primary.ID, 10, 64)
					if err != nil {
						return err
					}
					byID[id] = each
				}
			}
			r, err := e.Mock().DeliverListReads(p.key)
			if err != nil {
				return err
			}
			if err := readsAre(r, full, byID); err != nil {
				return err
			}
			if r.Tasks != tasks {
				return fmt.Errorf("the answers held %d tasks in all; want %d", r.Tasks, tasks)
			}
			return nil
		}
	}
	changed := p.task("")
	changed.count = n
	changed.name = strconv.Quote(prefix + "-${count.index}")
	changed.deliver = strings.Replace(changed.deliver, "Ops report", "Weekly ops report", 1)
	var drifted, deleted int64
	// withTimeouts adds a timeouts block to the last resource block: a
	// change that sends nothing to the API.
	withTimeouts := func(config string) string {
		i := strings.LastIndex(config, "\n}")
		return config[:i] + "\n  timeouts {\n    update = \"20m\"\n  }" + config[i:]
	}
	final := withTimeouts(p.config(e, changed))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{
				// The plan has nothing to refresh; the apply creates n
				// tasks and reads each back alone: n tasks moved, where
				// whole lists would move 1+2+...+n.
				PreConfig: reset,
				Config:    p.manyTasks(e, prefix, n),
				Check:     wantReads(0, 1, n),
			},
			{
				// The plan's refresh of n tasks: one whole list; the apply
				// has nothing to do.
				PreConfig:        reset,
				Config:           p.manyTasks(e, prefix, n),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            wantReads(1, 0, n),
			},
			{
				// n updates in place: one whole list to plan, n single
				// read-backs.
				PreConfig: reset,
				Config:    p.config(e, changed),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(p.taskAddr()+"[0]", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(p.taskAddr()+"[7]", plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					wantReads(1, 1, 2*n),
					captureID(p.taskAddr()+".0", &drifted),
					captureID(p.taskAddr()+".1", &deleted),
				),
			},
			{
				// Only timeouts change: n updates that send nothing, each
				// still reading its task alone.
				PreConfig: reset,
				Config:    final,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(p.taskAddr()+"[3]", plancheck.ResourceActionUpdate),
				}},
				Check: wantReads(1, 1, 2*n),
			},
			{
				// Behind Terraform's back: one task changed, one deleted.
				// The next plan shows both and the apply repairs them.
				PreConfig: func() {
					reset()
					if err := e.Mock().UpdateDeliverTask(p.key, drifted, func(dt *mockcloud.DeliverTask) { dt.Schedule.Crontab = "0 0 6 * * ?" }); err != nil {
						t.Fatal(err)
					}
					if !e.Mock().DeleteDeliverTask(p.key, deleted) {
						t.Fatalf("task %d not in the mock", deleted)
					}
				},
				Config: final,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(p.taskAddr()+"[0]", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(p.taskAddr()+"[1]", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(p.taskAddr()+"[2]", plancheck.ResourceActionNoop),
				}},
				Check: func(*terraform.State) error {
					if got, ok := e.Mock().DeliverTaskByID(p.key, drifted); !ok || got.Schedule.Crontab != "0 0 8 * * ?" {
						return fmt.Errorf("task %d after the apply: %+v; want its crontab restored", drifted, got)
					}
					if n := len(e.Mock().DeliverTasks(p.key)); n != 8 {
						return fmt.Errorf("%d tasks in the mock, want 8", n)
					}
					return nil
				},
			},
			{
				PreConfig:        reset,
				Config:           final,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}
