package conns_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// Transport failures the vendors' gateways produce, through the official
// SDK clients against the mock: an attempt that gets no answer within the
// attempt timeout, and a gateway's HTML 5xx page. Each is retried (it uses
// up max_retries) and then succeeds; with no retries left, the error says
// what happened.

const shortAttempt = time.Second // the Tencent SDK's ReqTimeout counts whole seconds

func newShortAlicloudClient(addr string, maxRetries int) *conns.Client {
	return conns.New(conns.Config{
		Alicloud: conns.VendorConfig{
			AccessKey: mockcloud.DefaultAccessKeyID, SecretKey: mockcloud.DefaultAccessKeySecret,
			Region: "cn-hangzhou", Protocol: "HTTP", Endpoints: map[string]string{conns.ProductActionTrail: addr},
		},
		MaxRetries: maxRetries,
	}, conns.Tuning{
		MinBackoff: time.Millisecond, MaxBackoff: 20 * time.Millisecond,
		ThrottleBudget: 10 * time.Second, AttemptTimeout: shortAttempt, PollInterval: 10 * time.Millisecond,
	})
}

func newShortTencentClient(addr string, maxRetries int) *conns.Client {
	return conns.New(conns.Config{
		Tencent: conns.VendorConfig{
			AccessKey: mockcloud.DefaultSecretID, SecretKey: mockcloud.DefaultSecretKey,
			Region: "ap-guangzhou", Protocol: "HTTP", Endpoints: map[string]string{conns.ProductCloudAudit: addr},
		},
		MaxRetries: maxRetries,
	}, conns.Tuning{
		MinBackoff: time.Millisecond, MaxBackoff: 20 * time.Millisecond,
		ThrottleBudget: 10 * time.Second, AttemptTimeout: shortAttempt, PollInterval: 10 * time.Millisecond,
	})
}

func slowFault(product, action string) mockcloud.Fault {
	return mockcloud.Fault{Product: product, Action: action, Mode: mockcloud.FaultLatency, Latency: shortAttempt + 500*time.Millisecond, Count: 1}
}

func htmlFault(product, action string, status int) mockcloud.Fault {
	return mockcloud.Fault{Product: product, Action: action, Mode: mockcloud.FaultHTML, HTTPStatus: status, Count: 1}
}

func wantInError(t *testing.T, err error, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not mention %q", err, p)
		}
	}
}

func TestAlicloud_attemptTimeoutIsRetried(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	m.AddFault(slowFault(mockcloud.ActionTrailProduct, "GetDeliveryHistoryJob"))
	job, err := getJob(context.Background(), newShortAlicloudClient(addr, 1), id)
	if err != nil {
		t.Fatalf("want success after the timed-out attempt, got %v", err)
	}
	if job.JobId != id {
		t.Errorf("job %d, want %d", job.JobId, id)
	}
	if n := m.Calls(mockcloud.ActionTrailProduct, "GetDeliveryHistoryJob"); n != 2 {
		t.Errorf("want 2 calls (1 timed out, 1 answered), got %d", n)
	}

	// No retry left: a retryable error whose outcome is unknown, naming
	// the host and the attempt timeout.
	m.AddFault(slowFault(mockcloud.ActionTrailProduct, "GetDeliveryHistoryJob"))
	_, err = getJob(context.Background(), newShortAlicloudClient(addr, 0), id)
	if err == nil || !conns.IsRetryable(err) || !conns.OutcomeUnknown(err) {
		t.Fatalf("want a retryable error of unknown outcome, got %v", err)
	}
	wantInError(t, err, "giving up after 1 attempts", "no answer from "+addr+" within the attempt timeout (1s)", "alicloud.endpoints.actiontrail")
}

func TestAlicloud_gatewayHTML502IsRetried(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	m.AddFault(htmlFault(mockcloud.ActionTrailProduct, "GetDeliveryHistoryJob", 502))
	if _, err := getJob(context.Background(), newShortAlicloudClient(addr, 1), id); err != nil {
		t.Fatalf("want success after the 502 page, got %v", err)
	}
	if n := m.Calls(mockcloud.ActionTrailProduct, "GetDeliveryHistoryJob"); n != 2 {
		t.Errorf("want 2 calls (1 HTML 502, 1 answered), got %d", n)
	}

	m.AddFault(htmlFault(mockcloud.ActionTrailProduct, "GetDeliveryHistoryJob", 503))
	_, err := getJob(context.Background(), newShortAlicloudClient(addr, 0), id)
	if err == nil || !conns.IsRetryable(err) || !conns.OutcomeUnknown(err) {
		t.Fatalf("want a retryable error of unknown outcome (a gateway's page says nothing of what the API did), got %v", err)
	}
	wantInError(t, err, "giving up after 1 attempts", "GetDeliveryHistoryJob: an HTML page: 503 Service Unavailable (HTTP 503", "was not the API's JSON")
	if strings.Contains(err.Error(), "<") {
		t.Errorf("the error quotes the page's markup: %v", err)
	}
}

func TestTencent_attemptTimeoutIsRetried(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	m.AddFault(slowFault(mockcloud.CloudAuditProduct, "DescribeAuditTracks"))
	if _, err := describeTracks(context.Background(), newShortTencentClient(addr, 1)); err != nil {
		t.Fatalf("want success after the timed-out attempt, got %v", err)
	}
	if n := m.Calls(mockcloud.CloudAuditProduct, "DescribeAuditTracks"); n != 2 {
		t.Errorf("want 2 calls (1 timed out, 1 answered), got %d", n)
	}

	m.AddFault(slowFault(mockcloud.CloudAuditProduct, "DescribeAuditTracks"))
	_, err := describeTracks(context.Background(), newShortTencentClient(addr, 0))
	if err == nil || !conns.IsRetryable(err) || !conns.OutcomeUnknown(err) {
		t.Fatalf("want a retryable error of unknown outcome, got %v", err)
	}
	wantInError(t, err, "giving up after 1 attempts", "within the attempt timeout (1s)", "tencentcloud.endpoints.cloudaudit")
}

func TestTencent_gatewayHTML502IsRetried(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	m.AddFault(htmlFault(mockcloud.CloudAuditProduct, "DescribeAuditTracks", 502))
	if _, err := describeTracks(context.Background(), newShortTencentClient(addr, 1)); err != nil {
		t.Fatalf("want success after the 502 page, got %v", err)
	}
	if n := m.Calls(mockcloud.CloudAuditProduct, "DescribeAuditTracks"); n != 2 {
		t.Errorf("want 2 calls (1 HTML 502, 1 answered), got %d", n)
	}

	m.AddFault(htmlFault(mockcloud.CloudAuditProduct, "DescribeAuditTracks", 502))
	_, err := describeTracks(context.Background(), newShortTencentClient(addr, 0))
	if err == nil || !conns.IsRetryable(err) || !conns.OutcomeUnknown(err) || conns.ErrorCode(err) != "ClientError.ParseJsonError" {
		t.Fatalf("want a retryable ClientError.ParseJsonError, got %v", err)
	}
	wantInError(t, err, "giving up after 1 attempts", "ClientError.ParseJsonError: an HTML page: 502 Bad Gateway (HTTP 502", "was not the API's JSON")
	if strings.Contains(err.Error(), "<") {
		t.Errorf("the error quotes the page's markup: %v", err)
	}
}

func TestHTMLPageTitle(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{"<html><head><title>502 Bad Gateway</title></head><body>...</body></html>", "502 Bad Gateway"},
		{"Fail to parse json content: <!DOCTYPE html>\n<html><HEAD><TITLE>\n 504  Gateway Time-out </TITLE></HEAD></html>, because: invalid character '<'", "504 Gateway Time-out"},
		{"<html><body><h1>Service Unavailable</h1><p>try later</p></body></html>", "Service Unavailable try later"},
	}
	for _, c := range cases {
		got, ok := conns.HTMLPageTitleForTest(c.in)
		if !ok || got != c.want {
			t.Errorf("%q: got %q %v, want %q", c.in, got, ok, c.want)
		}
	}
	if _, ok := conns.HTMLPageTitleForTest(`{"Code":"InternalError","Message":"<b> is not html"}`); ok {
		t.Error("a JSON message was taken for an HTML page")
	}
}
