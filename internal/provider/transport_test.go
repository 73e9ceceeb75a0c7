package provider_test

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

// Tencent Cloud transport failures through a real Terraform run: an
// attempt with no answer within the attempt timeout, and a gateway's HTML
// 502 page, are each retried and the read succeeds. (The Alibaba Cloud
// pair is in the ActionTrail tests, on the job's create:
// TestAccActionTrailHistoryDeliveryJob_createAttemptTimesOut and
// _createGatewayHTML502.)
func testTencentTransportFault(t *testing.T, fault mockcloud.Fault) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds a CloudAudit track and injects a transport fault through the mock")
	name := acctest.RandomName("track")
	if _, err := e.Mock().SeedAuditTrack(mockcloud.AuditTrack{
		Name: name, Status: 1, ActionType: "*", ResourceType: "*", EventNames: []string{"*"},
		Storage: mockcloud.AuditStorage{Type: "cos", Region: "ap-guangzhou", Name: "audit-bucket", Prefix: "cloudaudit"},
	}); err != nil {
		t.Fatal(err)
	}
	fault.Product, fault.Action, fault.Count = mockcloud.CloudAuditProduct, "DescribeAuditTracks", 1
	if e.Mock().AddFault(fault) == "" {
		t.Fatalf("fault %+v not installed", fault)
	}
	const data = "data.cloudtrack_cloudaudit_tracks.test"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: e.Config(fmt.Sprintf(`data "cloudtrack_cloudaudit_tracks" "test" { name = %q }`, name)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(data, tfjsonpath.New("total_count"), knownvalue.Int64Exact(1)),
				},
				Check: func(*terraform.State) error {
					if n := len(e.Mock().Faults()); n != 0 {
						return fmt.Errorf("the fault did not fire")
					}
					if n := e.Mock().Calls(mockcloud.CloudAuditProduct, "DescribeAuditTracks"); n < 2 {
						return fmt.Errorf("want the faulty call and a retry, got %d calls", n)
					}
					return nil
				},
			},
		},
	})
}

func TestAccProviderTransport_tencentAttemptTimeout(t *testing.T) {
	testTencentTransportFault(t, mockcloud.Fault{Mode: mockcloud.FaultLatency, Latency: acctest.Tuning().AttemptTimeout + 2*time.Second})
}

func TestAccProviderTransport_tencentGatewayHTML502(t *testing.T) {
	testTencentTransportFault(t, mockcloud.Fault{Mode: mockcloud.FaultHTML, HTTPStatus: 502})
}
