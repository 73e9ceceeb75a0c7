package actiontrail_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// A role session that expires in the middle of a job wait is renewed, and
// the wait goes on: the job's steps take an hour, the session 15 minutes;
// once the provider polls, the mock's clock moves two hours on.
func TestAccActionTrailHistoryDeliveryJob_assumeRoleRenewedMidWait(t *testing.T) {
	const role = "acs:ram::1234567890:role/auditor"
	e := acctest.New(t, acctest.WithJobStep(time.Hour), func(o *mockcloud.Options) {
		o.Roles = []mockcloud.Role{{ARN: role, Trusted: []string{mockcloud.DefaultAccessKeyID}}}
	})
	e.NeedsMock(t, "seeds a role and moves the mock's clock mid-wait")
	seedTrail(t, e, mockcloud.Trail{Name: "audit-trail"})
	e.WhenCalled("Actiontrail.GetDeliveryHistoryJob", 3, func() { e.Mock().SetClock(0, 2*time.Hour) })
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{{
			Config: e.ProviderBlock(acctest.StaticAlicloudKeys+fmt.Sprintf(`
    assume_role {
      role_arn           = %q
      session_expiration = 900
    }`, role), "") + `
resource "cloudtrack_actiontrail_history_delivery_job" "test" {
  trail_name = "audit-trail"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("status"), knownvalue.StringExact("complete")),
			},
			Check: func(*terraform.State) error {
				if n := e.RefusedAs("Actiontrail.GetDeliveryHistoryJob", "InvalidSecurityToken.Expired"); n == 0 {
					return fmt.Errorf("no poll met the expired session; the test did not expire it mid-wait")
				}
				return nil
			},
		}},
	})
}
