package conns_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// A delete that becomes visible after a while costs a number of polls
// logarithmic in that while: the pauses double from a short first one.
func TestWaitGone_backsOffExponentially(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	const (
		first   = 10 * time.Millisecond
		visible = time.Second // the job disappears this long after the wait starts
	)
	tn := conns.DefaultTuning()
	tn.FirstPoll, tn.PollInterval = first, time.Minute
	c := conns.New(conns.Config{Alicloud: conns.VendorConfig{
		AccessKey: mockcloud.DefaultAccessKeyID, SecretKey: mockcloud.DefaultAccessKeySecret,
		Region: "cn-hangzhou", Protocol: "HTTP", Endpoints: map[string]string{conns.ProductActionTrail: addr},
	}}, tn)

	timer := time.AfterFunc(visible, func() { m.DeleteJob(id) })
	defer timer.Stop()
	err := conns.WaitGone(context.Background(), c, fmt.Sprintf("job %d", id), func(ctx context.Context) error {
		_, err := getJob(ctx, c, id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Polls start at 0, first, 3*first, 7*first, ...: at most
	// 1+log2(visible/first+1) of them begin before the job is gone (fewer
	// on a slow machine), and one more sees it gone. A fixed pause of
	// first would have cost about visible/first = 100.
	bound := 2 + int(math.Ceil(math.Log2(float64(visible/first)+1)))
	n := m.Calls("Actiontrail", "GetDeliveryHistoryJob")
	if n < 2 || n > bound {
		t.Errorf("want 2 to %d polls for a delete visible after %s with a first pause of %s, got %d", bound, visible, first, n)
	}
}

// A wait for a delete ended by Ctrl-C says it was cancelled (not timed
// out) and is the context's error; one ended by its deadline names the
// timeout to raise.
func TestWaitGone_cancelledOrTimedOut(t *testing.T) {
	t.Parallel()
	c := conns.New(conns.Config{}, conns.Tuning{PollInterval: 20 * time.Millisecond, FirstPoll: 10 * time.Millisecond})
	present := func(context.Context) error { return nil }

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	err := conns.WaitGone(ctx, c, "track 1", present)
	if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "cancelled waiting for track 1 to be deleted") {
		t.Errorf("cancelled: got %v", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err = conns.WaitGone(ctx, c, "track 1", present)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.HasPrefix(err.Error(), "timed out waiting for track 1 to be deleted") || !strings.Contains(err.Error(), "raise the timeout") {
		t.Errorf("deadline: got %v", err)
	}
}
