package cdn_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cdn"
)

// A caller joined to another caller's list call retries on its own
// context when the owner's deadline ends the call while throttled: the
// owner gets its timeout, the joiner the list.
func TestDeliverListCache_joinerOutlivesOwnersDeadline(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.NeedsMock(t, "seeds a task and throttles the list through the mock's faults")
	p := pCDN
	id := p.seedTask(t, e, acctest.RandomName("joined"), "0 0 8 * * ?", true)
	list := p.action("Describe", "DeliverList")
	// The owner's first answer comes late and refused, so the joiner is
	// waiting on it; two more refusals follow.
	e.Mock().AddFault(mockcloud.Fault{Product: p.code, Action: list, Code: "Throttling.User", Latency: 400 * time.Millisecond, Count: 1})
	e.Mock().AddFault(mockcloud.Fault{Product: p.code, Action: list, Code: "Throttling.User", Count: 2})
	c := e.Client()

	ownerCtx, cancel := context.WithTimeout(context.Background(), 900*time.Millisecond)
	defer cancel()
	ownerErr := make(chan error, 1)
	go func() {
		_, err := cdn.FindDeliverTaskByID(ownerCtx, c, p.key, id)
		ownerErr <- err
	}()
	time.Sleep(100 * time.Millisecond) // the owner's call is in flight
	// Bounded, so that a joiner that waits for ever fails the test.
	joinerCtx, cancelJoiner := context.WithTimeout(context.Background(), time.Minute)
	defer cancelJoiner()
	tasks, err := cdn.ListDeliverTasks(joinerCtx, c, p.key)
	if err != nil {
		t.Fatalf("the joiner inherited the owner's end: %v", err)
	}
	if _, ok := tasks[id]; !ok {
		t.Errorf("the joiner's list lacks task %d", id)
	}
	var oerr error
	select {
	case oerr = <-ownerErr:
	case <-time.After(10 * time.Second):
		t.Fatal("the owner did not return within 10 s of its deadline")
	}
	if !errors.Is(oerr, context.DeadlineExceeded) || !strings.Contains(oerr.Error(), "raise the timeout") {
		t.Errorf("the owner: want its deadline with the guidance, got %v", oerr)
	}
}

// A joiner whose own deadline ends while the owner's call is still
// throttled returns its own context's error at once.
func TestDeliverListCache_joinerDeadlineWhileOwnerThrottled(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.NeedsMock(t, "throttles the list through the mock's faults")
	p := pCDN
	list := p.action("Describe", "DeliverList")
	e.Mock().AddFault(mockcloud.Fault{Product: p.code, Action: list, Code: "Throttling.User"})
	c := e.Client()

	ownerCtx, cancelOwner := context.WithCancel(context.Background())
	ownerDone := make(chan struct{})
	go func() {
		defer close(ownerDone)
		_, _ = cdn.ListDeliverTasks(ownerCtx, c, p.key) // throttled until cancelled
	}()
	time.Sleep(100 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := cdn.ListDeliverTasks(ctx, c, p.key)
	took := time.Since(start)
	cancelOwner()
	select {
	case <-ownerDone:
	case <-time.After(10 * time.Second):
		t.Fatal("the owner did not return within 10 s of its cancellation")
	}
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "waiting for another caller's list call") || !strings.Contains(err.Error(), "raise the timeout") {
		t.Fatalf("want the joiner's own deadline with the guidance, got %v", err)
	}
	if took > 5*time.Second {
		t.Errorf("the joiner returned %s after starting with a 0.5 s deadline", took)
	}
}
