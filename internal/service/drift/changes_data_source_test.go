package drift_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

const changesAddr = "data.cloudtrack_object_changes.test"

// seed records n write events by who on CDN deliver task names, at at.
func seed(t *testing.T, m *mockcloud.Server, at time.Time, who, rtype string, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := m.AddAuditEvent(mockcloud.AuditEvent{Vendor: mockcloud.VendorAlibaba, Time: at, EventName: "UpdateCdnDeliverTask",
			Product: mockcloud.CDNProduct, UserName: who, ResourceType: rtype, ResourceName: n, SourceIP: "192.0.2.7"}); err != nil {
			t.Fatal(err)
		}
	}
}

func objectsHCL(names []string) string {
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "    { type = \"ACS::CDN::DeliverTask\", name = %q },\n", n)
	}
	return b.String()
}

// A few objects in a busy account: one page of the window shows it is
// busy, then one look-up per object (3 calls, not the 7 pages of the
// window); the provider's own key and other objects are left out.
func TestAccDriftObjectChanges_perObject(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds audit events in the mock")
	m := e.Mock()
	since := m.Now().Add(-2 * time.Hour)
	for i := range 300 {
		seed(t, m, since.Add(time.Duration(i)*20*time.Second), "ops", "ACS::ECS::Instance", fmt.Sprintf("i-%03d", i))
	}
	seed(t, m, since.Add(10*time.Minute), "alice", "ACS::CDN::DeliverTask", "11")
	seed(t, m, since.Add(20*time.Minute), "bob", "ACS::CDN::DeliverTask", "12")
	if _, err := m.AddAuditEvent(mockcloud.AuditEvent{Vendor: mockcloud.VendorAlibaba, Time: since.Add(30 * time.Minute), EventName: "UpdateCdnDeliverTask",
		AccessKeyID: mockcloud.DefaultAccessKeyID, ResourceType: "ACS::CDN::DeliverTask", ResourceName: "11"}); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config: e.DataSourceConfig("cloudtrack_object_changes", fmt.Sprintf("since = %q\nobjects = [\n%s]",
				since.UTC().Format(time.RFC3339), objectsHCL([]string{"11", "12"}))),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(changesAddr, tfjsonpath.New("lookups"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue(changesAddr, tfjsonpath.New("strategy"), knownvalue.StringExact("alicloud: per-object, 3 calls")),
				statecheck.ExpectKnownValue(changesAddr, tfjsonpath.New("changes"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"object_name": knownvalue.StringExact("11"), "who": knownvalue.StringExact("alice"), "source_ip": knownvalue.StringExact("192.0.2.7"), "via": knownvalue.StringExact("console")}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"object_name": knownvalue.StringExact("12"), "who": knownvalue.StringExact("bob")}),
				})),
			},
		}},
	})
}

// Many objects: the window's write events are read once (one call per 50)
// and joined locally, instead of one look-up per object.
func TestAccDriftObjectChanges_scan(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds audit events in the mock")
	m := e.Mock()
	since := m.Now().Add(-2 * time.Hour)
	var names []string
	for i := range 120 {
		names = append(names, fmt.Sprint(1000+i))
	}
	// 150 write events: 60 objects changed, by two people, among 90 others.
	for i := range 150 {
		at := since.Add(time.Duration(i) * 30 * time.Second)
		if i%5 < 2 {
			seed(t, m, at, []string{"alice", "bob"}[i%2], "ACS::CDN::DeliverTask", names[i*2/5])
		} else {
			seed(t, m, at, "ops", "ACS::ECS::Instance", fmt.Sprintf("i-%03d", i))
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config: e.DataSourceConfig("cloudtrack_object_changes", fmt.Sprintf("since = %q\nobjects = [\n%s]",
				since.UTC().Format(time.RFC3339), objectsHCL(names))),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(changesAddr, tfjsonpath.New("lookups"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue(changesAddr, tfjsonpath.New("strategy"), knownvalue.StringExact("alicloud: scan, 3 calls")),
				statecheck.ExpectKnownValue(changesAddr, tfjsonpath.New("changes"), knownvalue.ListSizeExact(60)),
			},
		}},
	})
}
