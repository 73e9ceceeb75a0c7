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

// The resources on each answer variant the vendors document (API-NOTES,
// Response variants), the mock switched to it before the first call:
// create, read back, an empty re-plan, import.
func TestAccCDNReports_variants(t *testing.T)  { testVariants(t, pCDN) }
func TestAccDCDNReports_variants(t *testing.T) { testVariants(t, pDCDN) }

var variantCases = map[string]mockcloud.ReportVariants{
	"sub_list_nested":        {SubListNested: true},
	"domains_all":            {DomainsAll: true},
	"dm_list_empty_string":   {DmListEmptyString: true},
	"omit_effective_formats": {OmitEffectiveFormats: true},
	"content_object":         {ContentObject: true},
	// The models' example "-1d" in timeFromFormat/timeEndFormat: no diff.
	"relative_effective_formats": {RelativeEffectiveFormats: true},
	"all_at_once":                {SubListNested: true, DomainsAll: true, DmListEmptyString: true, OmitEffectiveFormats: true, ContentObject: true},
}

func testVariants(t *testing.T, p testProduct) {
	for name, v := range variantCases {
		t.Run(name, func(t *testing.T) {
			e := acctest.New(t)
			e.NeedsMock(t, "switches the mock's answers to a documented variant")
			if err := e.Mock().SetReportVariants(p.key, v); err != nil {
				t.Fatal(err)
			}
			// Tasks and a subscription of every domain (where ["all"] and
			// [""] show), and a task of two domains.
			all := p.task(acctest.RandomName("all-domains"))
			all.domains = ""
			all.schedule = strings.Replace(all.schedule, "2030-01-01T08:00:00+08:00", "2030-01-01T00:00:00Z", 1)
			some := p.task(acctest.RandomName("some-domains"))
			some.schedule = all.schedule // in UTC, as an import reads it
			hcl := p.hcl(all) + strings.Replace(p.hcl(some), `"test"`, `"some"`, 1) +
				fmt.Sprintf("resource %q \"test\" {\n  report_ids = [%d]\n  effective_end = \"2031-01-01T00:00:00Z\"\n}\n", p.subType(), p.r1)
			config := e.Config(hcl)
			ignore := []string{"schedule.name", "schedule.description"}
			if v.OmitEffectiveFormats || v.RelativeEffectiveFormats {
				// The list shows no effective times: an import cannot know them.
				ignore = append(ignore, "schedule.effective_from", "schedule.effective_end")
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: e.Factories(),
				CheckDestroy:             p.checkDestroy(e),
				Steps: []resource.TestStep{
					{
						Config: config,
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(p.taskAddr(), tfjsonpath.New("domain_names"), knownvalue.Null()),
							statecheck.ExpectKnownValue(p.taskAddr(), tfjsonpath.New("schedule").AtMapKey("effective_from"), knownvalue.StringExact("2030-01-01T00:00:00Z")),
							statecheck.ExpectKnownValue(p.taskType()+".some", tfjsonpath.New("domain_names"), knownvalue.ListSizeExact(2)),
							statecheck.ExpectKnownValue(p.subAddr(), tfjsonpath.New("domain_names"), knownvalue.Null()),
							statecheck.ExpectKnownValue(p.subAddr(), tfjsonpath.New("report_ids"), knownvalue.SetExact([]knownvalue.Check{knownvalue.Int64Exact(p.r1)})),
							statecheck.ExpectKnownValue(p.subAddr(), tfjsonpath.New("effective_end"), knownvalue.StringExact("2031-01-01T00:00:00Z")),
							statecheck.ExpectKnownValue(p.subAddr(), tfjsonpath.New("status"), knownvalue.StringExact("enable")),
						},
						Check: func(*terraform.State) error {
							if got, _ := e.Mock().ReportVariantsOf(p.key); got != v {
								return fmt.Errorf("the mock answers in %+v, not %+v", got, v)
							}
							return nil
						},
					},
					{
						Config:           config,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					},
					{ResourceName: p.taskAddr(), ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: ignore},
					{ResourceName: p.taskType() + ".some", ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: ignore},
					{ResourceName: p.subAddr(), ImportState: true, ImportStateId: cdn.SubscriptionImportID, ImportStateVerify: true},
				},
			})
		})
	}
}
