package conns_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

func newMock(t testing.TB) (*mockcloud.Server, string) {
	t.Helper()
	m, err := mockcloud.New(mockcloud.Options{JobStep: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	if err := m.SeedTrail(mockcloud.Trail{Name: "audit-trail"}); err != nil {
		t.Fatal(err)
	}
	return m, strings.TrimPrefix(srv.URL, "http://")
}

func newClient(addr string, maxRetries int, rates map[string]float64) *conns.Client {
	return conns.New(conns.Config{
		Alicloud: conns.VendorConfig{
			AccessKey: mockcloud.DefaultAccessKeyID, SecretKey: mockcloud.DefaultAccessKeySecret,
			Region: "cn-hangzhou", Protocol: "HTTP", Endpoints: map[string]string{conns.ProductActionTrail: addr},
		},
		MaxRetries: maxRetries,
	}, conns.Tuning{
		MinBackoff: time.Millisecond, MaxBackoff: 20 * time.Millisecond,
		ThrottleBudget: 10 * time.Second, AttemptTimeout: 5 * time.Second, PollInterval: 10 * time.Millisecond,
		RateLimits: rates, PaceScale: 1e4,
	})
}

func getJob(ctx context.Context, c *conns.Client, id int64) (*sdk.GetDeliveryHistoryJobResponse, error) {
	req := sdk.CreateGetDeliveryHistoryJobRequest()
	req.JobId = requests.NewInteger64(id)
	return conns.ActionTrail(ctx, c, "GetDeliveryHistoryJob", func(cl *sdk.Client) (*sdk.GetDeliveryHistoryJobResponse, error) {
		return cl.GetDeliveryHistoryJob(req)
	})
}

func seedJob(t testing.TB, m *mockcloud.Server) int64 {
	t.Helper()
	ids, err := m.SeedJobs("audit-trail", 1, mockcloud.JobComplete)
	if err != nil {
		t.Fatal(err)
	}
	return ids[0]
}

func TestInvoke_retriesThrottlingServerAndTransportErrors(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	m.AddFault(mockcloud.Fault{Product: "Actiontrail", Action: "GetDeliveryHistoryJob", Mode: mockcloud.FaultError, Code: "Throttling.User", HTTPStatus: 400, Count: 4})
	m.AddFault(mockcloud.Fault{Product: "Actiontrail", Action: "GetDeliveryHistoryJob", Mode: mockcloud.FaultError, Code: "ServiceUnavailable", HTTPStatus: 503, Count: 2})
	m.AddFault(mockcloud.Fault{Product: "Actiontrail", Action: "GetDeliveryHistoryJob", Mode: mockcloud.FaultDrop, Count: 1})

	job, err := getJob(context.Background(), newClient(addr, 3, nil), id)
	if err != nil {
		t.Fatalf("want success after retries, got %s", err)
	}
	if job.JobId != id {
		t.Errorf("job id: want %d, got %d", id, job.JobId)
	}
	// Throttling does not use up max_retries; the 503s and the dropped
	// connection (3 retries) do.
	if n := m.Calls("Actiontrail", "GetDeliveryHistoryJob"); n != 8 {
		t.Errorf("want 8 calls (4 throttled, 2 unavailable, 1 dropped, 1 answered), got %d", n)
	}
}

func TestInvoke_givesUpAfterMaxRetries(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	m.AddFault(mockcloud.Fault{Product: "Actiontrail", Action: "GetDeliveryHistoryJob", Mode: mockcloud.FaultError, Code: "InternalError", HTTPStatus: 500})

	_, err := getJob(context.Background(), newClient(addr, 2, nil), id)
	if err == nil {
		t.Fatal("want an error")
	}
	if !conns.IsRetryable(err) || conns.ErrorCode(err) != "InternalError" {
		t.Errorf("want a retryable InternalError, got %v", err)
	}
	for _, want := range []string{"giving up after 3 attempts", "actiontrail GetDeliveryHistoryJob", "InternalError", "HTTP 500", "request id"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if n := m.Calls("Actiontrail", "GetDeliveryHistoryJob"); n != 3 {
		t.Errorf("want 3 calls (1 + max_retries 2), got %d", n)
	}
}

// A call throttled until its deadline ends with the context's error and
// the guidance to raise the timeout, not with the last throttling answer.
func TestInvoke_throttledUntilDeadline(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	m.AddFault(mockcloud.Fault{Product: "Actiontrail", Action: "GetDeliveryHistoryJob", Mode: mockcloud.FaultError, Code: "Throttling.User", HTTPStatus: 400})

	// Each refusal slows the API's pacer (to 0.5 calls/s at the slowest),
	// so the deadline leaves room for a few attempts, not dozens.
	ctx, cancel := context.WithTimeout(context.Background(), 2500*time.Millisecond)
	defer cancel()
	_, err := getJob(ctx, newClient(addr, 0, nil), id)
	if !errors.Is(err, context.DeadlineExceeded) || conns.IsThrottled(err) {
		t.Fatalf("want the deadline's error, not the throttling answer, got %v", err)
	}
	for _, want := range []string{"actiontrail GetDeliveryHistoryJob", "timeout was reached while throttled", "refusals", "Throttling.User", "raise the timeout (the resource's timeouts block"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if n := m.Calls("Actiontrail", "GetDeliveryHistoryJob"); n < 2 {
		t.Errorf("throttling should be retried even with max_retries 0; got %d calls", n)
	}
}

func TestInvoke_notFoundIsNotRetried(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	_, err := getJob(context.Background(), newClient(addr, 3, nil), 4242)
	if !conns.IsNotFound(err) {
		t.Fatalf("want NotFound, got %v", err)
	}
	if conns.ErrorCode(err) != "DeliveryHistoryJobNotFound" {
		t.Errorf("want the vendor code kept, got %q", conns.ErrorCode(err))
	}
	if n := m.Calls("Actiontrail", "GetDeliveryHistoryJob"); n != 1 {
		t.Errorf("want 1 call, got %d", n)
	}
}

func TestInvoke_authErrorIsNotRetried(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	c := conns.New(conns.Config{Alicloud: conns.VendorConfig{
		AccessKey: mockcloud.DefaultAccessKeyID, SecretKey: "wrong-secret", Region: "cn-hangzhou", Protocol: "HTTP",
		Endpoints: map[string]string{conns.ProductActionTrail: addr},
	}, MaxRetries: 5}, conns.DefaultTuning())
	_, err := getJob(context.Background(), c, 1)
	var apiErr *conns.APIError
	if !errors.As(err, &apiErr) || apiErr.Kind != conns.KindOther {
		t.Fatalf("want a non-retryable API error, got %v", err)
	}
	if n := m.Calls("", ""); n > 1 {
		t.Errorf("want at most 1 call, got %d", n)
	}
}

// The provider's own limiter keeps parallel callers under the vendor's
// limit, so the mock (enforcing the same limit) refuses nothing.
func TestInvoke_rateLimiterPreventsThrottling(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	m.SetRateLimit("Actiontrail", "GetDeliveryHistoryJob", 5)
	c := newClient(addr, 0, map[string]float64{conns.ProductActionTrail: 4})

	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := getJob(context.Background(), c, id); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if calls, ok := m.Calls("Actiontrail", "GetDeliveryHistoryJob"), m.Succeeded("Actiontrail", "GetDeliveryHistoryJob"); calls != ok {
		t.Errorf("want no throttled calls: %d calls, %d succeeded", calls, ok)
	}
}

func TestMissingCredentialsNameWhatToSet(t *testing.T) {
	t.Parallel()
	c := conns.New(conns.Config{}, conns.DefaultTuning())
	_, err := getJob(context.Background(), c, 1)
	if err == nil || !strings.Contains(err.Error(), "alicloud block") || !strings.Contains(err.Error(), "ALIBABA_CLOUD_ACCESS_KEY_ID") {
		t.Errorf("want an error naming the block and env vars, got %v", err)
	}
	_, _, _, err = c.TencentProfile(conns.ProductCloudAudit)
	if err == nil || !strings.Contains(err.Error(), "tencentcloud block") || !strings.Contains(err.Error(), "TENCENTCLOUD_SECRET_ID") {
		t.Errorf("want an error naming the block and env vars, got %v", err)
	}
}

func TestValidateEndpoint(t *testing.T) {
	t.Parallel()
	for v, ok := range map[string]bool{
		"127.0.0.1:8080":           true,
		"actiontrail.aliyuncs.com": true,
		"localhost":                true,
		"[::1]:9000":               true,
		"http://127.0.0.1:8080":    false,
		"127.0.0.1:99999":          false,
		"host/path":                false,
		"":                         false,
		"user@host":                false,
		"cdn.aliyuncs.com:0":       false,
	} {
		if err := conns.ValidateEndpoint(v); (err == nil) != ok {
			t.Errorf("ValidateEndpoint(%q) = %v, want ok=%v", v, err, ok)
		}
	}
}

// A rate-limiter wait that would outlast the deadline ends the call as the
// deadline would, so waiters can report a timeout rather than a limiter error.
func TestInvoke_limiterWaitPastDeadlineIsContextDone(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	c := newClient(addr, 0, map[string]float64{conns.ProductActionTrail: 0.5})
	if _, err := getJob(context.Background(), c, id); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := getJob(ctx, c, id)
	if !conns.IsContextDone(err) {
		t.Fatalf("want an error that is the context's, got %v", err)
	}
}

// A read inside a create's Call (a wait, a read-back) whose answer was a
// 5xx made nothing: when the create itself is then refused as "already
// exists", the object is somebody else's and is not adopted.
func TestCreateOnce_readFailureIsNoUnknownOutcome(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	c := newClient(addr, 3, nil)
	jobID := seedJob(t, m)
	m.AddFault(mockcloud.Fault{Product: "Actiontrail", Action: "GetDeliveryHistoryJob", Mode: mockcloud.FaultError,
		Code: "InternalError", HTTPStatus: 500, Count: 1})
	taken := &conns.APIError{Product: conns.ProductActionTrail, Action: "CreateThing", Code: "NameAlreadyExists", HTTPStatus: 400, Attempt: 1}
	_, adopted, err := conns.CreateOnce(context.Background(), conns.Create[int]{
		What: "thing",
		Call: func(ctx context.Context) (int, error) {
			if _, err := getJob(ctx, c, jobID); err != nil { // retried past the 5xx
				return 0, err
			}
			return 0, taken
		},
		Find: func(context.Context) (conns.Candidate[int], error) {
			return conns.Candidate[int]{ID: 9, Found: true, Same: true}, nil
		},
		Taken:  func(err error) bool { return conns.ErrorCode(err) == "NameAlreadyExists" },
		Import: func(int) string { return "terraform import x 9" },
	})
	if adopted || err == nil || !strings.Contains(err.Error(), "made outside this configuration") {
		t.Fatalf("adopted %v, error %v; want the other object refused", adopted, err)
	}
}
