package mockcloud_test

import (
	"errors"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

const (
	actCreate = "CreateDeliveryHistoryJob"
	actGet    = "GetDeliveryHistoryJob"
	actList   = "ListDeliveryHistoryJobs"
)

func TestFaultErrorCount(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	seedTrail(t, s, mockcloud.Trail{Name: "t"})
	c := newClient(t, host, defaultCred())

	id := s.AddFault(mockcloud.Fault{Product: mockcloud.ActionTrailProduct, Action: actCreate, Code: "Throttling.User", Count: 2})
	if id == "" {
		t.Fatal("AddFault refused a valid fault")
	}
	for i := range 2 {
		_, err := createJob(c, "t", "")
		se := asServerError(t, err, "Throttling.User", 400)
		if se.Message() != "Request was denied due to user flow control." {
			t.Errorf("call %d: message %q", i, se.Message())
		}
	}
	if len(s.Jobs()) != 0 {
		t.Errorf("a faulted call executed")
	}
	mustCreate(t, c, "t", "")
	if n := len(s.Faults()); n != 0 {
		t.Errorf("%d faults left after the count ran out", n)
	}
	if calls, ok := s.Calls(mockcloud.ActionTrailProduct, actCreate), s.Succeeded(mockcloud.ActionTrailProduct, actCreate); calls != 3 || ok != 1 {
		t.Errorf("calls %d, succeeded %d; want 3 and 1", calls, ok)
	}
}

func TestFaultServerErrorRetriedBySDK(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	// Any product, any action: the SDK's AutoRetry retries HTTP >= 500
	// with a new nonce and signature.
	s.AddFault(mockcloud.Fault{Code: "ServiceUnavailable", Count: 1})
	c := newClient(t, host, defaultCred(), func(cfg *sdk.Config) { cfg.AutoRetry = true })
	mustList(t, c, 1, 10)
	if n := s.Calls(mockcloud.ActionTrailProduct, actList); n != 2 {
		t.Errorf("calls = %d, want 2 (one 503, one retry)", n)
	}

	s.AddFault(mockcloud.Fault{Product: "actiontrail", Code: "ServiceUnavailable", Count: 1})
	plain := newClient(t, host, defaultCred())
	_, err := listJobs(plain, 1, 10)
	wantServerError(t, err, "ServiceUnavailable", 503)
}

func TestFaultCommitThenDrop(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	seedTrail(t, s, mockcloud.Trail{Name: "t"})
	c := newClient(t, host, defaultCred())
	s.AddFault(mockcloud.Fault{Action: actCreate, Mode: mockcloud.FaultCommitThenDrop, Count: 1})

	_, err := createJob(c, "t", "retry-me")
	if err == nil {
		t.Fatal("commit_then_drop answered")
	}
	var se *sdkerrors.ServerError
	if errors.As(err, &se) {
		t.Fatalf("want a transport error, got a server error: %v", err)
	}
	jobs := s.Jobs()
	if len(jobs) != 1 || jobs[0].ClientToken != "retry-me" {
		t.Fatalf("jobs after the dropped answer: %+v", jobs)
	}
	// The client retries with the same ClientToken and learns the id.
	if id := mustCreate(t, c, "t", "retry-me"); id != jobs[0].ID {
		t.Errorf("retry returned %d, want %d", id, jobs[0].ID)
	}
	if n := len(s.Jobs()); n != 1 {
		t.Errorf("%d jobs after the retry, want 1", n)
	}
}

func TestFaultDrop(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	seedTrail(t, s, mockcloud.Trail{Name: "t"})
	c := newClient(t, host, defaultCred())
	s.AddFault(mockcloud.Fault{Product: mockcloud.ActionTrailProduct, Action: actCreate, Mode: mockcloud.FaultDrop})

	_, err := createJob(c, "t", "")
	var se *sdkerrors.ServerError
	if err == nil || errors.As(err, &se) {
		t.Fatalf("want a transport error, got %v", err)
	}
	if len(s.Jobs()) != 0 {
		t.Errorf("a dropped call executed")
	}
	s.ClearFaults()
	mustCreate(t, c, "t", "")
}

func TestFaultLatency(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	c := newClient(t, host, defaultCred())
	const latency = 50 * time.Millisecond
	s.AddFault(mockcloud.Fault{Action: actList, Latency: latency, Count: 1})
	if f := s.Faults(); len(f) != 1 || f[0].Mode != mockcloud.FaultLatency {
		t.Fatalf("faults = %+v", f)
	}

	start := time.Now()
	mustList(t, c, 1, 10)
	if elapsed := time.Since(start); elapsed < latency {
		t.Errorf("answered after %s, before the %s latency", elapsed, latency)
	}
}

func TestFaultInvalid(t *testing.T) {
	t.Parallel()
	s, _ := newMock(t, mockcloud.Options{})
	for _, f := range []mockcloud.Fault{{Mode: "explode"}, {Probability: 2}, {Count: -1}} {
		if id := s.AddFault(f); id != "" {
			t.Errorf("AddFault(%+v) = %q, want refusal", f, id)
		}
	}
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	// The documented defaults leave ActionTrail unlimited.
	s, host := newMock(t, mockcloud.Options{RateLimits: true})
	c := newClient(t, host, defaultCred())
	for range 10 {
		mustList(t, c, 1, 10)
	}

	s.SetRateLimit(mockcloud.ActionTrailProduct, actList, 3)
	ok, throttled := 0, 0
	for range 10 {
		_, err := listJobs(c, 1, 10)
		if err == nil {
			ok++
			continue
		}
		wantServerError(t, err, "Throttling.User", 400)
		throttled++
	}
	if ok < 3 || throttled == 0 {
		t.Errorf("%d ok, %d throttled; want a burst of at least 3 and some throttling", ok, throttled)
	}
	// Other actions keep their own (unlimited) bucket.
	_, err := getJob(c, 1)
	wantServerError(t, err, "DeliveryHistoryJobNotFound", 404)

	s.SetRateLimitsEnabled(false)
	for range 10 {
		mustList(t, c, 1, 10)
	}
	// Throttled calls count as calls, not as successes.
	if calls, succeeded := s.Calls("", actList), s.Succeeded("", actList); calls != 30 || succeeded != 20+ok {
		t.Errorf("calls %d, succeeded %d", calls, succeeded)
	}
}

// Limits count per account and per API, as the vendors document: an
// account's second access key shares its first key's bucket, another
// account and another API do not.
func TestRateLimitPerAccountAndAPI(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{Credentials: []mockcloud.Credential{
		{AccessKeyID: "second-ak", AccessKeySecret: "second-sk", AccountID: mockcloud.DefaultAccountID},
		{AccessKeyID: "other-ak", AccessKeySecret: "other-sk", AccountID: "222"},
	}})
	// One call per 100 s: a bucket's second call in this test is refused.
	s.SetRateLimit(mockcloud.ActionTrailProduct, "", 0.01)
	first := newClient(t, host, defaultCred())
	second := newClient(t, host, credentials.NewAccessKeyCredential("second-ak", "second-sk"))
	other := newClient(t, host, credentials.NewAccessKeyCredential("other-ak", "other-sk"))

	mustList(t, first, 1, 10)
	_, err := listJobs(second, 1, 10)
	wantServerError(t, err, "Throttling.User", 400)
	mustList(t, other, 1, 10)
	_, err = getJob(first, 1) // its own bucket: answered, not throttled
	wantServerError(t, err, "DeliveryHistoryJobNotFound", 404)
	_, err = listJobs(other, 1, 10)
	wantServerError(t, err, "Throttling.User", 400)
}

func TestCallCounts(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	seedTrail(t, s, mockcloud.Trail{Name: "t"})
	c := newClient(t, host, defaultCred())
	id := mustCreate(t, c, "t", "")
	mustGet(t, c, id)
	mustGet(t, c, id)
	mustList(t, c, 1, 10)
	// Refused before dispatch: not a call.
	bad := newClient(t, host, credentials.NewAccessKeyCredential(mockcloud.DefaultAccessKeyID, "wrong"))
	if _, err := listJobs(bad, 1, 10); err == nil {
		t.Fatal("wrong secret accepted")
	}

	want := map[string]int{
		"Actiontrail.CreateDeliveryHistoryJob": 1,
		"Actiontrail.GetDeliveryHistoryJob":    2,
		"Actiontrail.ListDeliveryHistoryJobs":  1,
	}
	got := s.CallCounts()
	if len(got) != len(want) {
		t.Errorf("CallCounts = %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %d, want %d", k, got[k], v)
		}
	}
	if n := s.Calls(mockcloud.ActionTrailProduct, ""); n != 4 {
		t.Errorf("Calls(Actiontrail, any) = %d", n)
	}
	s.ResetCalls()
	if n := s.Calls("", ""); n != 0 {
		t.Errorf("after ResetCalls: %d", n)
	}
}

// A garbled answer is a 200 the SDK cannot parse; nothing was executed.
func TestFaultGarble(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	seedTrail(t, s, mockcloud.Trail{Name: "t"})
	c := newClient(t, host, defaultCred())
	s.AddFault(mockcloud.Fault{Product: mockcloud.ActionTrailProduct, Action: actCreate, Mode: mockcloud.FaultGarble, Count: 1})

	_, err := createJob(c, "t", "")
	var ce *sdkerrors.ClientError
	if !errors.As(err, &ce) || ce.ErrorCode() != sdkerrors.JsonUnmarshalErrorCode {
		t.Fatalf("want %s, got %v", sdkerrors.JsonUnmarshalErrorCode, err)
	}
	if len(s.Jobs()) != 0 {
		t.Errorf("a garbled call executed")
	}
	mustCreate(t, c, "t", "")
}
