package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// withThrottleBudget is e's provider configuration with throttle_budget.
func withThrottleBudget(e *acctest.Env, budget, body string) string {
	return strings.Replace(e.ProviderConfig(), `provider "cloudtrack" {`, `provider "cloudtrack" {
  throttle_budget = `+budget, 1) + body
}

// A data source has no timeout: one the vendor throttles for ever ends when
// throttle_budget is used up, naming the product, the action, how long and
// the setting, on either vendor.
func TestAccProviderBounds_dataSourceThrottledForever(t *testing.T) {
	for _, tc := range []struct {
		name, product, action, code, config string
	}{
		{"tencent", mockcloud.CloudAuditProduct, "DescribeAuditTracks", "RequestLimitExceeded", `data "cloudtrack_cloudaudit_tracks" "test" {}`},
		{"alibaba", mockcloud.ActionTrailProduct, "DescribeTrails", "Throttling.User", `data "cloudtrack_actiontrail_trails" "test" {}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := acctest.New(t)
			e.NeedsMock(t, "throttles every call of the data source through the mock's faults")
			e.Mock().AddFault(mockcloud.Fault{Product: tc.product, Action: tc.action, Code: tc.code})
			start := time.Now()
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: e.Factories(),
				Steps: []resource.TestStep{{
					Config:      withThrottleBudget(e, `"2s"`, tc.config),
					ExpectError: acctest.ExpectError(strings.ToLower(tc.product) + ` ` + tc.action + `: throttled for .* refusals.*the throttle budget \(2s\).*raise throttle_budget.*` + tc.code),
				}},
			})
			t.Logf("throttled for ever with a 2 s budget: the run ended after %s, %d calls", time.Since(start).Round(time.Millisecond), e.Mock().Calls(tc.product, tc.action))
		})
	}
}

// throttle_budget is a duration from 1s to 24h; anything else fails at
// validate, reaching no API.
func TestAccProviderBounds_throttleBudgetBadInput(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "counts calls")
	var steps []resource.TestStep
	for _, v := range []string{`"soon"`, `"0s"`, `"48h"`} {
		steps = append(steps, resource.TestStep{
			Config:      withThrottleBudget(e, v, `data "cloudtrack_cloudaudit_tracks" "test" {}`),
			ExpectError: acctest.ExpectError(`Invalid throttle_budget.*a duration from 1s to 24h`),
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: e.Factories(), Steps: steps})
	if n := e.TotalCalls(); n != 0 {
		t.Errorf("a bad throttle_budget reached the API: %d calls", n)
	}
}

// When the instance role's session expires in the middle of a run and the
// metadata service no longer serves the role, the error is the renewal's
// cause (the metadata source and what it needs), not "token expired".
func TestAccProviderProxy_instanceRoleRenewalCause(t *testing.T) {
	for _, v := range []struct {
		name, vendor, product, action, block, data, want string
	}{
		{"alibaba", mockcloud.VendorAlibaba, mockcloud.ActionTrailProduct, "DescribeTrails", "alicloud.ecs_role_name", "cloudtrack_actiontrail_trails", `ECS metadata service`},
		{"tencent", mockcloud.VendorTencent, mockcloud.CloudAuditProduct, "DescribeAuditTracks", "tencentcloud.cam_role_name", "cloudtrack_cloudaudit_tracks", `CVM metadata service`},
	} {
		t.Run(v.name, func(t *testing.T) {
			e := acctest.New(t, withRoles(nil, nil), func(o *mockcloud.Options) {
				o.InstanceRoles = map[string]string{mockcloud.VendorAlibaba: aliRole, mockcloud.VendorTencent: tcRole}
			})
			e.NeedsMock(t, "the mock plays the metadata services, detaches the role and expires the session mid-run")
			throughProxy(t, e)
			// The first read's answer comes late; meanwhile the role is
			// detached and the session ends on the cloud's clock, so the
			// second read (it depends on the first) is refused as expired
			// and its renewal fails.
			e.Mock().AddFault(mockcloud.Fault{Product: v.product, Action: v.action, Mode: mockcloud.FaultLatency, Latency: 300 * time.Millisecond, Count: 1})
			e.WhenCalled(v.product+"."+v.action, 1, func() {
				if err := e.Mock().SetInstanceRole(v.vendor, ""); err != nil {
					t.Error(err)
				}
				// Past the longest session either metadata service issues
				// (the roles' maximum, up to 12 h).
				e.Mock().SetClock(0, 13*time.Hour)
			})
			config := e.ProviderBlock(`ecs_role_name = "auditor"`, `cam_role_name = "auditor"`) + fmt.Sprintf(`
data %[1]q "a" {}
data %[1]q "b" {
  depends_on = [data.%[1]s.a]
}
`, v.data)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: e.Factories(),
				Steps: []resource.TestStep{{
					Config:      config,
					ExpectError: acctest.ExpectError(`renewing them failed: ` + regexp.QuoteMeta(v.block) + `.*` + v.want),
				}},
			})
		})
	}
}
