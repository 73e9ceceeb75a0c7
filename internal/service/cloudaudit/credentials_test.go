package cloudaudit_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// A role session that expires between a create and its read-back is
// renewed once and the read succeeds: the create is slowed down, and while
// it runs the mock's clock moves two hours on.
func TestAccCloudAuditTrack_assumeRoleRenewed(t *testing.T) {
	const role = "qcs::cam::uin/1234567890:roleName/auditor"
	e := acctest.New(t, func(o *mockcloud.Options) {
		o.Roles = []mockcloud.Role{{ARN: role, Trusted: []string{mockcloud.DefaultSecretID}}}
	})
	e.NeedsMock(t, "seeds a role and moves the mock's clock mid-create")
	e.Mock().AddFault(mockcloud.Fault{Product: "cloudaudit", Action: "CreateAuditTrack", Mode: "latency", Latency: 300 * time.Millisecond, Count: 1})
	e.WhenCalled("cloudaudit.CreateAuditTrack", 1, func() { e.Mock().SetClock(0, 2*time.Hour) })
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{{
			Config: e.ProviderBlock("", acctest.StaticTencentKeys+fmt.Sprintf(`
    assume_role {
      role_arn         = %q
      session_duration = 900
    }`, role)) + fmt.Sprintf(`
resource "cloudtrack_cloudaudit_track" "test" {
  name          = "renewed"
  action_type   = "Write"
  resource_type = "cos"
  event_names   = ["PutObject"]
  %s
}
`, cosStorage),
			Check: func(*terraform.State) error {
				if n := e.RefusedAs("cloudaudit.DescribeAuditTrack", "AuthFailure.TokenFailure"); n == 0 {
					return fmt.Errorf("no call met the expired session; the test did not expire it mid-create")
				}
				return nil
			},
		}},
	})
}
