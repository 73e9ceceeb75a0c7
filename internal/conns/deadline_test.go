package conns_test

import (
	"context"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// A rate-limiter wait that would outlast the caller's deadline is reported
// as the deadline, so waiters can tell a timeout from a failure.
func TestInvoke_limiterWaitPastDeadlineIsContextDone(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	c := newClient(addr, 0, map[string]float64{conns.ProductActionTrail: 0.5})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := getJob(ctx, c, id); err != nil {
		t.Fatal(err)
	}
	_, err := getJob(ctx, c, id) // the next token is 2s away
	if !conns.IsContextDone(err) {
		t.Fatalf("want an error for which IsContextDone holds, got %v", err)
	}
}
