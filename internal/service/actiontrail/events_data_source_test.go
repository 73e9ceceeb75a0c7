package actiontrail_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

const eventsData = "data.cloudtrack_actiontrail_events.test"

// eventsSource is the data source under acctest's shared events tests.
var eventsSource = acctest.EventsSource{
	TypeName: "cloudtrack_actiontrail_events",
	Vendor:   mockcloud.VendorAlibaba,
	Product:  mockcloud.ActionTrailProduct,
	Action:   "LookupEvents",
	Event:    mockcloud.AuditEvent{EventName: "UpdateCdnDeliverTask", UserName: "alice", ResourceName: "42"},
	Filter:   `event_name = "UpdateCdnDeliverTask"`,
}

// seedEvents records n Alibaba events like e (acctest.SeedAuditEvents).
func seedEvents(t *testing.T, m *mockcloud.Server, n int, e mockcloud.AuditEvent) {
	t.Helper()
	acctest.SeedAuditEvents(t, m, mockcloud.VendorAlibaba, n, e)
}

func eventsConfig(e *acctest.Env, body string) string {
	return e.DataSourceConfig("cloudtrack_actiontrail_events", body)
}

func TestAccActionTrailEventsDataSource_filters(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds audit events in the mock")
	m := e.Mock()
	seedEvents(t, m, 3, mockcloud.AuditEvent{EventName: "UpdateTrail", UserName: "alice", ResourceType: "ACS::ActionTrail::Trail", ResourceName: "trail-a", SourceIP: "203.0.113.7"})
	seedEvents(t, m, 2, mockcloud.AuditEvent{EventName: "DeleteTrail", UserName: "bob", ResourceType: "ACS::ActionTrail::Trail", ResourceName: "trail-b"})
	seedEvents(t, m, 1, mockcloud.AuditEvent{EventName: "UpdateTrail", UserName: "alice", ResourceName: "trail-b", Region: "cn-shanghai"})
	seedEvents(t, m, 2, mockcloud.AuditEvent{EventName: "GetTrailStatus", UserName: "alice", ReadOnly: true, ResourceName: "trail-a"})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: eventsConfig(e, `
  event_name = "UpdateTrail"
  user_name  = "alice"
`),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectEventPages(eventsData, 4, 1),
					acctest.ExpectTruncated(eventsData, false),
					// Newest first; at equal times the later recorded first.
					statecheck.ExpectKnownValue(eventsData, tfjsonpath.New("events").AtSliceIndex(0).AtMapKey("region"), knownvalue.StringExact("cn-shanghai")),
					acctest.ExpectEventAt(eventsData, 1, map[string]knownvalue.Check{
						"event_name":    knownvalue.StringExact("UpdateTrail"),
						"user_name":     knownvalue.StringExact("alice"),
						"identity_type": knownvalue.StringExact("ram-user"),
						"event_type":    knownvalue.StringExact("ConsoleOperation"),
						"event_rw":      knownvalue.StringExact("Write"),
						"resource_type": knownvalue.StringExact("ACS::ActionTrail::Trail"),
						"resource_name": knownvalue.StringExact("trail-a"),
						"source_ip":     knownvalue.StringExact("203.0.113.7"),
						"access_key_id": knownvalue.Null(),
						"error_code":    knownvalue.Null(),
						"region":        knownvalue.StringExact("cn-hangzhou"),
						"event_time":    knownvalue.StringRegexp(rfc3339),
						"request_id":    knownvalue.StringRegexp(regexp.MustCompile(`^[0-9A-F-]{36}$`)),
						"raw":           knownvalue.StringRegexp(regexp.MustCompile(`"userIdentity":\{.*"userName":"alice"`)),
					}),
				},
			},
			{
				Config: eventsConfig(e, `
  resource_name = "trail-a"
  event_rw      = "Write"
`),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectEvents(eventsData, 3),
				},
			},
			{
				Config: eventsConfig(e, `
  resource_name = "trail-a"
  event_rw      = "Read"
`),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectEvents(eventsData, 2),
					statecheck.ExpectKnownValue(eventsData, tfjsonpath.New("events").AtSliceIndex(0).AtMapKey("event_name"), knownvalue.StringExact("GetTrailStatus")),
				},
			},
			{
				Config: eventsConfig(e, `
  user_name     = "bob"
  resource_type = "ACS::ActionTrail::Trail"
`),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectEvents(eventsData, 2),
					statecheck.ExpectKnownValue(eventsData, tfjsonpath.New("events").AtSliceIndex(1).AtMapKey("event_name"), knownvalue.StringExact("DeleteTrail")),
				},
			},
			{
				Config: eventsConfig(e, `
  user_name = "alice"
  region    = "cn-shanghai"
`),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectEvents(eventsData, 1),
					statecheck.ExpectKnownValue(eventsData, tfjsonpath.New("events").AtSliceIndex(0).AtMapKey("resource_name"), knownvalue.StringExact("trail-b")),
				},
			},
			{
				// The provider's own calls are events too: the look-ups
				// above, signed with the provider's key, by root.
				Config: eventsConfig(e, fmt.Sprintf(`
  access_key_id = %q
  event_name    = "LookupEvents"
  max_events    = 1
`, mockcloud.DefaultAccessKeyID)),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectEventAt(eventsData, 0, map[string]knownvalue.Check{
						"user_name":     knownvalue.StringExact("root"),
						"identity_type": knownvalue.StringExact("root-account"),
						"service_name":  knownvalue.StringExact("Actiontrail"),
						"event_rw":      knownvalue.StringExact("Read"),
						"event_type":    knownvalue.StringExact("ApiCall"),
					}),
					acctest.ExpectTruncated(eventsData, true),
				},
			},
		},
	})
}

// 120 matching events take three pages of 50; max_events stops early.
func TestAccActionTrailEventsDataSource_pages(t *testing.T) {
	acctest.TestEventsPages(t, eventsSource, 60)
}

// A window with no events gives an empty list after one call.
func TestAccActionTrailEventsDataSource_emptyWindow(t *testing.T) {
	acctest.TestEventsEmptyWindow(t, eventsSource, func(e *acctest.Env) []resource.TestStep {
		return []resource.TestStep{{
			// end_time alone: the week before it (the API's own
			// default start, a week before now, would be after it).
			Config: eventsConfig(e, fmt.Sprintf(`end_time = %q`, time.Now().UTC().Add(-20*24*time.Hour).Format(time.RFC3339))),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectEvents(eventsData, 0),
			},
		}}
	})
}

// The mock enforces a LookupEvents rate below the provider's pacing: the
// provider is throttled, retries and still returns every page.
func TestAccActionTrailEventsDataSource_rateLimited(t *testing.T) {
	acctest.TestEventsRateLimited(t, eventsSource)
}

func TestAccActionTrailEventsDataSource_badInput(t *testing.T) {
	e := acctest.New(t)
	old := time.Now().UTC().Add(-100 * 24 * time.Hour).Format(time.RFC3339)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{Config: eventsConfig(e, `event_rw = "Maybe"`), ExpectError: acctest.ExpectError(`event_rw value must be one of`)},
			{Config: eventsConfig(e, `start_time = "yesterday"`), ExpectError: acctest.ExpectError(`start_time value must be a time in RFC 3339 form`)},
			{Config: eventsConfig(e, `max_events = 0`), ExpectError: acctest.ExpectError(`max_events value must be between 1 and 10000`)},
			{Config: eventsConfig(e, fmt.Sprintf(`start_time = %q`, old)), ExpectError: acctest.ExpectError(`start_time .* is more than 90 days ago`)},
			{
				Config:      eventsConfig(e, "start_time = \"2026-11-30T10:00:00Z\"\nend_time = \"2026-11-30T09:00:00Z\""),
				ExpectError: acctest.ExpectError(`end_time 2026-11-30T09:00:00Z is before start_time`),
			},
			{Config: eventsConfig(e, `user_name = ""`), ExpectError: acctest.ExpectError(`user_name string length must be at least 1`)},
		},
	})
}
