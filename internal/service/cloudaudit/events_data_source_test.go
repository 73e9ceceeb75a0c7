package cloudaudit_test

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

const caEventsData = "data.cloudtrack_cloudaudit_events.test"

// caEventsSource is the data source under acctest's shared events tests.
var caEventsSource = acctest.EventsSource{
	TypeName: "cloudtrack_cloudaudit_events",
	Vendor:   mockcloud.VendorTencent,
	Product:  mockcloud.CloudAuditProduct,
	Action:   "LookUpEvents",
	Event:    mockcloud.AuditEvent{EventName: "ModifyAuditTrack", UserName: "alice", ResourceName: "7"},
	Filter:   `resource_name = "7"`,
}

var rfc3339UTC = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

// seedCAEvents records n Tencent events like e (acctest.SeedAuditEvents).
func seedCAEvents(t *testing.T, m *mockcloud.Server, n int, e mockcloud.AuditEvent) {
	t.Helper()
	acctest.SeedAuditEvents(t, m, mockcloud.VendorTencent, n, e)
}

func caEventsConfig(e *acctest.Env, body string) string {
	return e.DataSourceConfig("cloudtrack_cloudaudit_events", body)
}

func TestAccCloudAuditEventsDataSource_filters(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds audit events in the mock")
	m := e.Mock()
	seedCAEvents(t, m, 3, mockcloud.AuditEvent{EventName: "ModifyAuditTrack", UserName: "alice", ResourceType: "cloudaudit", ResourceName: "101", SourceIP: "198.51.100.4"})
	seedCAEvents(t, m, 2, mockcloud.AuditEvent{EventName: "DeleteAuditTrack", UserName: "bob", ResourceType: "cloudaudit", ResourceName: "102"})
	seedCAEvents(t, m, 2, mockcloud.AuditEvent{EventName: "DescribeAuditTrack", UserName: "alice", ReadOnly: true, ResourceType: "cloudaudit", ResourceName: "101", Region: "ap-shanghai"})
	seedCAEvents(t, m, 1, mockcloud.AuditEvent{EventName: "ModifyAuditTrack", UserName: "carol", ResourceName: "101", ErrorCode: "ResourceNotFound", ErrorMessage: "no such track"})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: caEventsConfig(e, `
  resource_name = "101"
  action_type   = "Write"
`),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectEventPages(caEventsData, 4, 1),
					// Newest first; at equal times the later recorded first.
					acctest.ExpectEventAt(caEventsData, 0, map[string]knownvalue.Check{
						"username":   knownvalue.StringExact("carol"),
						"error_code": knownvalue.StringExact("ResourceNotFound"),
					}),
					acctest.ExpectEventAt(caEventsData, 1, map[string]knownvalue.Check{
						"event_name":    knownvalue.StringExact("ModifyAuditTrack"),
						"username":      knownvalue.StringExact("alice"),
						"action_type":   knownvalue.StringExact("Write"),
						"resource_type": knownvalue.StringExact("cloudaudit"),
						"resource_name": knownvalue.StringExact("101"),
						"source_ip":     knownvalue.StringExact("198.51.100.4"),
						"access_key_id": knownvalue.Null(),
						"error_code":    knownvalue.Null(),
						"region":        knownvalue.StringExact("ap-guangzhou"),
						"event_source":  knownvalue.StringExact("cloudaudit.tencentcloudapi.com"),
						"event_time":    knownvalue.StringRegexp(rfc3339UTC),
						"request_id":    knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`)),
						"raw":           knownvalue.StringRegexp(regexp.MustCompile(`"CloudAuditEvent":".*actionType`)),
					}),
				},
			},
			{
				Config: caEventsConfig(e, `
  username   = "alice"
  event_name = "ModifyAuditTrack"
`),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectEvents(caEventsData, 3),
				},
			},
			{
				Config: caEventsConfig(e, `
  username    = "alice"
  action_type = "Read"
  region      = "ap-shanghai"
`),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectEvents(caEventsData, 2),
					statecheck.ExpectKnownValue(caEventsData, tfjsonpath.New("events").AtSliceIndex(0).AtMapKey("event_name"), knownvalue.StringExact("DescribeAuditTrack")),
				},
			},
			{
				// The provider's own calls, signed with its SecretId.
				Config: caEventsConfig(e, fmt.Sprintf(`
  access_key_id = %q
  event_name    = "LookUpEvents"
  max_events    = 1
`, mockcloud.DefaultSecretID)),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.ExpectEventAt(caEventsData, 0, map[string]knownvalue.Check{
						"username":    knownvalue.StringExact("root"),
						"action_type": knownvalue.StringExact("Read"),
					}),
					acctest.ExpectTruncated(caEventsData, true),
				},
			},
		},
	})
}

// 120 matching events take three pages of 50; max_events stops early.
func TestAccCloudAuditEventsDataSource_pages(t *testing.T) {
	acctest.TestEventsPages(t, caEventsSource, 75)
}

// A window with no events gives an empty list after one call.
func TestAccCloudAuditEventsDataSource_emptyWindow(t *testing.T) {
	acctest.TestEventsEmptyWindow(t, caEventsSource, nil)
}

// The mock allows fewer LookUpEvents calls than the provider makes: the
// provider is throttled, retries and still returns every page.
func TestAccCloudAuditEventsDataSource_rateLimited(t *testing.T) {
	acctest.TestEventsRateLimited(t, caEventsSource)
}

func TestAccCloudAuditEventsDataSource_badInput(t *testing.T) {
	e := acctest.New(t)
	now := time.Now().UTC()
	old := now.Add(-95 * 24 * time.Hour).Format(time.RFC3339)
	wide := now.Add(-40 * 24 * time.Hour).Format(time.RFC3339)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{Config: caEventsConfig(e, `action_type = "*"`), ExpectError: acctest.ExpectError(`action_type value must be one of`)},
			{Config: caEventsConfig(e, `end_time = "2026-12-01 10:00"`), ExpectError: acctest.ExpectError(`end_time value must be a time in RFC 3339 form`)},
			{Config: caEventsConfig(e, `max_events = 10001`), ExpectError: acctest.ExpectError(`max_events value must be between 1 and 10000`)},
			{Config: caEventsConfig(e, fmt.Sprintf(`start_time = %q`, old)), ExpectError: acctest.ExpectError(`start_time .* is more than 90 days ago`)},
			{Config: caEventsConfig(e, fmt.Sprintf(`start_time = %q`, wide)), ExpectError: acctest.ExpectError(`span more than 30 days`)},
			{
				Config:      caEventsConfig(e, "start_time = \"2026-11-30T10:00:00Z\"\nend_time = \"2026-11-30T09:00:00Z\""),
				ExpectError: acctest.ExpectError(`end_time 2026-11-30T09:00:00Z is before start_time`),
			},
		},
	})
}

// A window longer than the 7 days one LookUpEvents call may span
// (LimitExceeded.OverTime) is read as 7-day look-ups, newest first, and
// finds events in each, none twice; the username filter is applied by the
// provider (Username is no documented AttributeKey).
func TestAccCloudAuditEventsDataSource_longWindow(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds audit events at chosen times in the mock")
	m := e.Mock()
	now := m.Now().UTC().Truncate(time.Second)
	for i, age := range []time.Duration{time.Hour, 8 * 24 * time.Hour, 19 * 24 * time.Hour} {
		if _, err := m.AddAuditEvent(mockcloud.AuditEvent{Vendor: mockcloud.VendorTencent, EventName: "ModifyAuditTrack", UserName: "dave", ResourceName: strconv.Itoa(200 + i), Time: now.Add(-age)}); err != nil {
			t.Fatal(err)
		}
	}
	seedCAEvents(t, m, 1, mockcloud.AuditEvent{EventName: "ModifyAuditTrack", UserName: "erin", ResourceName: "299"})
	start, end := now.Add(-20*24*time.Hour).Format(time.RFC3339), now.Add(time.Minute).Format(time.RFC3339)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config: caEventsConfig(e, fmt.Sprintf("start_time = %q\nend_time = %q\nusername = \"dave\"", start, end)),
			ConfigStateChecks: []statecheck.StateCheck{
				// 20 days: three look-ups of at most 7 days.
				acctest.ExpectEventPages(caEventsData, 3, 3),
				acctest.ExpectEventAt(caEventsData, 0, map[string]knownvalue.Check{"resource_name": knownvalue.StringExact("200")}),
				acctest.ExpectEventAt(caEventsData, 2, map[string]knownvalue.Check{"resource_name": knownvalue.StringExact("202")}),
			},
		}},
	})
}
