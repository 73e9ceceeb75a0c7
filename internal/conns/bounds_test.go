package conns_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// budgetClient is newClient with throttle_budget set.
func budgetClient(addr string, budget time.Duration) *conns.Client {
	return conns.New(conns.Config{
		Alicloud: conns.VendorConfig{
			AccessKey: mockcloud.DefaultAccessKeyID, SecretKey: mockcloud.DefaultAccessKeySecret,
			Region: "cn-hangzhou", Protocol: "HTTP", Endpoints: map[string]string{conns.ProductActionTrail: addr},
		},
		MaxRetries:     2,
		ThrottleBudget: budget,
	}, conns.Tuning{
		MinBackoff: time.Millisecond, MaxBackoff: 20 * time.Millisecond,
		ThrottleBudget: time.Hour, AttemptTimeout: 5 * time.Second, PaceScale: 1e4,
	})
}

// A call without a deadline (a Read, a data source) that the vendor
// throttles for ever ends when the throttle budget is used up, with an
// error naming the product, the action, how long and the setting.
func TestInvoke_throttleBudgetWithoutDeadline(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	m.AddFault(mockcloud.Fault{Product: "Actiontrail", Action: "GetDeliveryHistoryJob", Code: "Throttling.User"})

	start := time.Now()
	_, err := getJob(context.Background(), budgetClient(addr, 1500*time.Millisecond), id)
	took := time.Since(start)
	t.Logf("throttled for ever, 1.5 s budget: ended after %s, %d calls", took.Round(time.Millisecond), m.Calls("Actiontrail", "GetDeliveryHistoryJob"))
	var tooLong *conns.ThrottledTooLongError
	if !errors.As(err, &tooLong) || !conns.IsThrottled(err) || conns.IsContextDone(err) {
		t.Fatalf("want the throttle budget's error, got %v", err)
	}
	for _, want := range []string{"actiontrail GetDeliveryHistoryJob", "throttled for", "refusals", "the throttle budget (1.5s)", "throttle_budget", "Throttling.User"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if took > 10*time.Second {
		t.Errorf("a 1.5 s budget took %s", took)
	}
}

// The budget bounds throttling even under a deadline longer than it.
func TestInvoke_throttleBudgetUnderLongerDeadline(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	m.AddFault(mockcloud.Fault{Product: "Actiontrail", Action: "GetDeliveryHistoryJob", Code: "Throttling.User"})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := getJob(ctx, budgetClient(addr, time.Second), id)
	var tooLong *conns.ThrottledTooLongError
	if !errors.As(err, &tooLong) {
		t.Fatalf("want the throttle budget's error before the 1 min deadline, got %v", err)
	}
}

// Cancellation while throttled (Ctrl-C) ends the call at once with the
// context's error.
func TestInvoke_cancelWhileThrottled(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	m.AddFault(mockcloud.Fault{Product: "Actiontrail", Action: "GetDeliveryHistoryJob", Code: "Throttling.User"})
	ctx, cancel := context.WithCancel(context.Background())
	var cancelled time.Time
	time.AfterFunc(700*time.Millisecond, func() { cancelled = time.Now(); cancel() })
	_, err := getJob(ctx, budgetClient(addr, time.Hour), id)
	t.Logf("returned %s after the cancellation", time.Since(cancelled).Round(time.Millisecond))
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "cancelled while throttled") {
		t.Fatalf("want the cancellation's error, got %v", err)
	}
}

// A 5xx retried until the deadline ends with the context's error, which
// quotes the last answer.
func TestInvoke_deadlineWhileBackingOff(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	m.AddFault(mockcloud.Fault{Product: "Actiontrail", Action: "GetDeliveryHistoryJob", Code: "ServiceUnavailable", HTTPStatus: 503})
	c := conns.New(conns.Config{
		Alicloud: conns.VendorConfig{
			AccessKey: mockcloud.DefaultAccessKeyID, SecretKey: mockcloud.DefaultAccessKeySecret,
			Region: "cn-hangzhou", Protocol: "HTTP", Endpoints: map[string]string{conns.ProductActionTrail: addr},
		},
		MaxRetries: 50,
	}, conns.Tuning{MinBackoff: 200 * time.Millisecond, MaxBackoff: time.Second, AttemptTimeout: 5 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	_, err := getJob(ctx, c, id)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "while backing off") || !strings.Contains(err.Error(), "ServiceUnavailable") || !strings.Contains(err.Error(), "raise the timeout") {
		t.Fatalf("want the deadline's error quoting the last 503, got %v", err)
	}
}

// The classic Alibaba SDK takes no context; a call cancelled while its
// request is in flight (the vendor answering after 20 s) still returns at
// once, marked of unknown outcome so a create is reconciled like a lost
// answer.
func TestInvoke_cancelInFlightAlibabaClassic(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	m.AddFault(mockcloud.Fault{Product: "Actiontrail", Action: "GetDeliveryHistoryJob", Mode: mockcloud.FaultLatency, Latency: 20 * time.Second, Count: 1})
	c := newClient(addr, 3, nil)
	ctx, cancel := context.WithCancel(context.Background())
	var cancelled time.Time
	time.AfterFunc(300*time.Millisecond, func() { cancelled = time.Now(); cancel() })
	_, err := getJob(ctx, c, id)
	took := time.Since(cancelled)
	t.Logf("returned %s after the cancellation of a call in flight", took.Round(time.Millisecond))
	var stopped *conns.StoppedError
	if !errors.As(err, &stopped) || !errors.Is(err, context.Canceled) || !stopped.Unknown || !conns.OutcomeUnknown(err) {
		t.Fatalf("want a cancellation in flight of unknown outcome, got %v", err)
	}
	if took > 5*time.Second {
		t.Errorf("returned %s after the cancellation; want within 2 s", took)
	}
	// The client goes back to the pool fit for the next call.
	if _, err := getJob(context.Background(), c, id); err != nil {
		t.Fatalf("the next call: %v", err)
	}
}
