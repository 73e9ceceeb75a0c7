package cdn_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
)

// A task of 500 domain names, the API's most (MaxDomainNames): created,
// read back whole, re-planned empty. How long it takes is measured by BenchmarkDomainNames and
// scripts/bench-domains.sh (README, Performance notes), not here.
func TestAccCDNDeliverTask_manyDomains(t *testing.T)  { testDeliverTaskManyDomains(t, pCDN) }
func TestAccDCDNDeliverTask_manyDomains(t *testing.T) { testDeliverTaskManyDomains(t, pDCDN) }

const manyDomains = 500

func testDeliverTaskManyDomains(t *testing.T, p testProduct) {
	e := acctest.New(t)
	e.NeedsMock(t, "reads the task's domains from the mock")
	name := acctest.RandomName("many-domains")
	c := p.task(name)
	// range() makes at most 1,024 values.
	domains := fmt.Sprintf(`flatten([for a in range(%d) : [for b in range(100) : "d${a * 100 + b}.example.com"]])`, manyDomains/100)
	c.domains = domains
	checkMock := func(n int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			got := p.mockTask(t, e).Domains
			if len(got) != n {
				return fmt.Errorf("want %d domains in the mock, got %d", n, len(got))
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: p.config(e, c),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkMock(manyDomains),
					resource.TestCheckResourceAttr(p.taskAddr(), "domain_names.#", fmt.Sprint(manyDomains)),
					resource.TestCheckTypeSetElemAttr(p.taskAddr(), "domain_names.*", fmt.Sprintf("d%d.example.com", manyDomains-1)),
				),
			},
			{
				Config:           p.config(e, c),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}
