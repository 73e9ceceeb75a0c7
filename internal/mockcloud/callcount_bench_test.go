package mockcloud_test

import (
	"errors"
	"testing"

	tcerrors "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// The counters make bench reads: calls refused as throttled (Alibaba and
// Tencent fronts), bytes of successful answers, and DescribeDeliverList
// calls narrowed to one task, through the Go API and GET /_mock/calls;
// DELETE /_mock/calls zeroes them with the call counts.
func TestBenchCounters(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{RateLimits: true})
	p := reportProducts[0]
	cl := p.client(t, host, defaultCred())

	created := p.mustCall(t, cl, "Create", "DeliverTask", taskParams(p, "bench-report"))
	p.mustCall(t, cl, "Describe", "DeliverList", nil)
	p.mustCall(t, cl, "Describe", "DeliverList", map[string]string{"DeliverId": created["DeliverId"]})
	list := "Describe" + p.infix + "DeliverList"
	if s.ResponseBytes(p.code, list) == 0 || s.ResponseBytes(p.code, "Create"+p.infix+"DeliverTask") == 0 {
		t.Errorf("response bytes = %v", s.ResponseBytesCounts())
	}

	// Alibaba: the third DescribeDeliverList within a second is over the
	// 3/s budget (a burst of 3): keep calling until one is refused.
	refused := 0
	for range 10 {
		if _, err := p.call(cl, "Describe", "DeliverList", nil); err != nil {
			wantServerError(t, err, "Throttling.User", 400)
			refused++
		}
	}
	if refused == 0 {
		t.Fatal("no DescribeDeliverList refused at 3/s")
	}
	if n := s.Throttled(p.code, list); n != refused {
		t.Errorf("throttled = %d, want %d", n, refused)
	}

	// Tencent: 30 calls at once against 20/s.
	ac := newAuditClient(t, host, defaultTCCred())
	tcRefused := 0
	for range 30 {
		_, err := describeTrack(ac, 1)
		var e *tcerrors.TencentCloudSDKError
		switch {
		case errors.As(err, &e) && e.GetCode() == "RequestLimitExceeded":
			tcRefused++
		case !errors.As(err, &e) || e.GetCode() != "ResourceNotFound.AuditNotExist":
			t.Fatalf("DescribeAuditTrack: %v", err)
		}
	}
	if tcRefused == 0 {
		t.Fatal("no DescribeAuditTrack refused at 20/s")
	}
	if n := s.Throttled(mockcloud.CloudAuditProduct, "DescribeAuditTrack"); n != tcRefused {
		t.Errorf("cloudaudit throttled = %d, want %d", n, tcRefused)
	}
	if n := s.Throttled("", ""); n != refused+tcRefused {
		t.Errorf("all throttled = %d, want %d", n, refused+tcRefused)
	}

	var counts struct {
		Throttled     map[string]int `json:"throttled"`
		ResponseBytes map[string]int `json:"response_bytes"`
	}
	admin(t, host, "GET", "/_mock/calls", nil, 200, &counts)
	key := p.code + "." + list
	if counts.Throttled[key] != refused || counts.ResponseBytes[key] != s.ResponseBytes(p.code, list) ||
		counts.Throttled["cloudaudit.DescribeAuditTrack"] != tcRefused {
		t.Errorf("GET /_mock/calls = %+v", counts)
	}
	admin(t, host, "DELETE", "/_mock/calls", nil, 200, nil)
	if s.Throttled("", "") != 0 || s.ResponseBytes("", "") != 0 {
		t.Errorf("after DELETE: throttled %v, bytes %v", s.ThrottledCounts(), s.ResponseBytesCounts())
	}
}
