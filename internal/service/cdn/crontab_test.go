package cdn_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
)

func TestAccCDNDeliverTask_quartzCrontab(t *testing.T)  { testDeliverTaskQuartzCrontab(t, pCDN) }
func TestAccDCDNDeliverTask_quartzCrontab(t *testing.T) { testDeliverTaskQuartzCrontab(t, pDCDN) }

// Crontabs Quartz accepts and a five-field cron parser does not (day-of-week
// 7 is Saturday, '#' and 'L'): the plan, the mock and the re-plan take them.
func testDeliverTaskQuartzCrontab(t *testing.T, p testProduct) {
	e := acctest.New(t)
	name := acctest.RandomName("quartz")
	var steps []resource.TestStep
	for _, crontab := range []string{"0 0 8 ? * 7", "0 0 8 ? * MON#1", "0 0 8 L * ?"} {
		c := p.task(name)
		c.schedule = fmt.Sprintf(`{ crontab = %q, frequency = "d" }`, crontab)
		steps = append(steps,
			resource.TestStep{
				Config: p.config(e, c),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(p.taskAddr(), tfjsonpath.New("schedule").AtMapKey("crontab"), knownvalue.StringExact(crontab)),
				},
			},
			resource.TestStep{
				Config:           p.config(e, c),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps:                    steps,
	})
}
