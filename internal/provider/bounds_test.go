package provider_test

import (
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
