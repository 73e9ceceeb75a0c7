package drift_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/drift"
)

// A look-up stopped by its limit is called throttled only when the vendor
// did throttle it; a slow one is said to be slow, so the user is not sent
// to raise rate limits that were never hit.
func TestRefusal_deadlineThrottledOrSlow(t *testing.T) {
	throttled := &conns.StoppedError{Product: "Actiontrail", Action: "LookupEvents", Cause: context.DeadlineExceeded, Stage: "backing off", Attempts: 3, Refusals: 3}
	slow := &conns.StoppedError{Product: "Actiontrail", Action: "LookupEvents", Cause: context.DeadlineExceeded, Stage: "in flight", Attempts: 1, Unknown: true}
	for _, c := range []struct {
		name string
		err  error
		want string
	}{
		{"throttled", throttled, "was throttled past"},
		{"slow", slow, "did not finish within"},
	} {
		got := drift.Refusal("LookupEvents", c.err)
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: %q, want it to say %q", c.name, got, c.want)
		}
	}
}
