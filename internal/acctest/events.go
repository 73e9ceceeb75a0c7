package acctest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// Helpers for the audit-event look-up data sources
// (cloudtrack_actiontrail_events, cloudtrack_cloudaudit_events).

// SeedAuditEvents records n events like e for vendor in the mock, one
// minute apart going back from the mock's now.
func SeedAuditEvents(t *testing.T, m *mockcloud.Server, vendor string, n int, e mockcloud.AuditEvent) {
	t.Helper()
	e.Vendor = vendor
	now := m.Now()
	for i := 0; i < n; i++ {
		e.Time = now.Add(-time.Duration(i+1) * time.Minute)
		if _, err := m.AddAuditEvent(e); err != nil {
			t.Fatal(err)
		}
	}
}

// DataSourceConfig is the provider configuration and a data source of
// type typeName named "test" with body.
func (e *Env) DataSourceConfig(typeName, body string) string {
	return e.Config(`data "` + typeName + `" "test" {` + "\n" + body + "\n}")
}

// ExpectEvents checks how many events the data source at addr returned.
func ExpectEvents(addr string, n int) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New("events"), knownvalue.ListSizeExact(n))
}

// ExpectEventPages checks the events count and the pages (look-up calls)
// of the data source at addr.
func ExpectEventPages(addr string, events int, pages int64) statecheck.StateCheck {
	return allChecks{
		ExpectEvents(addr, events),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("pages"), knownvalue.Int64Exact(pages)),
	}
}

// allChecks is one state check made of several, run in order until one
// fails.
type allChecks []statecheck.StateCheck

func (a allChecks) CheckState(ctx context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	for _, c := range a {
		c.CheckState(ctx, req, resp)
		if resp.Error != nil {
			return
		}
	}
}

// ExpectTruncated checks whether the data source at addr said its list was
// cut short at max_events.
func ExpectTruncated(addr string, truncated bool) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New("truncated"), knownvalue.Bool(truncated))
}

// ExpectEventAt checks attributes of the i-th event (0 is the newest).
func ExpectEventAt(addr string, i int, attrs map[string]knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New("events").AtSliceIndex(i), knownvalue.ObjectPartial(attrs))
}

// ExpectThrottled is a step Check that the mock refused at least one call
// of product's action (a rate limit was hit and the provider retried).
func (e *Env) ExpectThrottled(product, action string) resource.TestCheckFunc {
	return e.MockCheck(func(m *mockcloud.Server) error {
		calls, ok := m.Calls(product, action), m.Succeeded(product, action)
		if calls <= ok {
			return fmt.Errorf("no %s call was throttled (%d calls, %d succeeded)", action, calls, ok)
		}
		return nil
	})
}

// EventsSource is an audit-event look-up data source under the tests both
// vendors share (TestEventsPages, TestEventsRateLimited).
type EventsSource struct {
	TypeName string // e.g. cloudtrack_actiontrail_events
	Vendor   string // mockcloud.VendorAlibaba, ...
	Product  string // the mock's product of the look-up API
	Action   string // the look-up API, e.g. LookupEvents
	// Event is seeded; Filter (HCL attributes) selects exactly the
	// seeded events.
	Event  mockcloud.AuditEvent
	Filter string
}

func (s EventsSource) addr() string { return "data." + s.TypeName + ".test" }

// TestEventsPages: 120 matching events take three pages of 50 (not
// truncated); max_events = cut (51 to 99) stops after two pages,
// truncated.
func TestEventsPages(t *testing.T, s EventsSource, cut int) {
	e := New(t)
	e.NeedsMock(t, "seeds audit events in the mock")
	SeedAuditEvents(t, e.Mock(), s.Vendor, 120, s.Event)
	config := func(maxEvents int) string {
		return e.DataSourceConfig(s.TypeName, fmt.Sprintf("%s\n  max_events = %d\n", s.Filter, maxEvents))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config:            config(1000),
				ConfigStateChecks: []statecheck.StateCheck{ExpectEventPages(s.addr(), 120, 3), ExpectTruncated(s.addr(), false)},
			},
			{
				Config:            config(cut),
				ConfigStateChecks: []statecheck.StateCheck{ExpectEventPages(s.addr(), cut, 2), ExpectTruncated(s.addr(), true)},
			},
		},
	})
}

// TestEventsRateLimited: the mock allows one look-up call a second, fewer
// than the provider makes; the provider is throttled, retries and still
// returns all 130 events in three pages.
func TestEventsRateLimited(t *testing.T, s EventsSource) {
	e := New(t, WithRateLimits())
	e.NeedsMock(t, "sets the mock's rate limit")
	m := e.Mock()
	m.SetRateLimit(s.Product, s.Action, 1)
	SeedAuditEvents(t, m, s.Vendor, 130, s.Event)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config:            e.DataSourceConfig(s.TypeName, s.Filter+"\n  max_events = 500\n"),
			ConfigStateChecks: []statecheck.StateCheck{ExpectEventPages(s.addr(), 130, 3)},
			Check:             e.ExpectThrottled(s.Product, s.Action),
		}},
	})
}

// TestEventsEmptyWindow: a one-hour window two days back with no events
// gives an empty list after one call; more (may be nil) adds steps on the
// same mock.
func TestEventsEmptyWindow(t *testing.T, s EventsSource, more func(e *Env) []resource.TestStep) {
	e := New(t)
	e.NeedsMock(t, "seeds audit events in the mock")
	SeedAuditEvents(t, e.Mock(), s.Vendor, 5, s.Event)
	start := time.Now().UTC().Add(-48 * time.Hour).Format(time.RFC3339)
	end := time.Now().UTC().Add(-47 * time.Hour).Format(time.RFC3339)
	steps := []resource.TestStep{{
		Config:            e.DataSourceConfig(s.TypeName, fmt.Sprintf("  start_time = %q\n  end_time   = %q\n", start, end)),
		ConfigStateChecks: []statecheck.StateCheck{ExpectEventPages(s.addr(), 0, 1)},
	}}
	if more != nil {
		steps = append(steps, more(e)...)
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: e.Factories(), Steps: steps})
}
