package conns_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

const (
	jobProduct = "Actiontrail"
	jobAction  = "GetDeliveryHistoryJob"
)

// pacedClient is a client with its own pacer registry (one provider
// process), starting rate rate for ActionTrail (0: the documented none),
// short backoffs and the given pace scale (0: the default).
// runProcesses uses the production backoffs.
func pacedClient(addr string, rate, scale float64) *conns.Client {
	t := conns.DefaultTuning()
	t.MinBackoff, t.MaxBackoff = 50*time.Millisecond, time.Second
	return pacedClientWith(addr, t, rate, scale)
}

func pacedClientWith(addr string, t conns.Tuning, rate, scale float64) *conns.Client {
	rates := map[string]float64{}
	if rate > 0 {
		rates[conns.ProductActionTrail] = rate
	}
	t.RateLimits = rates
	t.PaceScale = scale
	t.Pacing = conns.NewPacing()
	return conns.New(conns.Config{
		Alicloud: conns.VendorConfig{
			AccessKey: mockcloud.DefaultAccessKeyID, SecretKey: mockcloud.DefaultAccessKeySecret,
			Region: "cn-hangzhou", Protocol: "HTTP", Endpoints: map[string]string{conns.ProductActionTrail: addr},
		},
	}, t)
}

func throttleJob(m *mockcloud.Server, n int) {
	m.AddFault(mockcloud.Fault{Product: jobProduct, Action: jobAction, Mode: mockcloud.FaultError, Code: "Throttling.User", HTTPStatus: 400, Count: n})
}

// An API without a documented limit goes unpaced until the vendor
// throttles it; then each throttling answer lowers its rate.
func TestPacing_throttlingStartsAndLowersPacing(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	c := pacedClient(addr, 0, 1e-9)

	if st := c.Pace(conns.ProductActionTrail, jobAction); st.Paced {
		t.Fatalf("an API without a documented limit must start unpaced, got %+v", st)
	}
	if _, err := getJob(context.Background(), c, id); err != nil {
		t.Fatal(err)
	}
	if st := c.Pace(conns.ProductActionTrail, jobAction); st.Paced || st.Throttled != 0 {
		t.Fatalf("successes alone must not pace an undocumented API, got %+v", st)
	}

	throttleJob(m, 1)
	if _, err := getJob(context.Background(), c, id); err != nil {
		t.Fatal(err)
	}
	first := c.Pace(conns.ProductActionTrail, jobAction)
	if !first.Paced || first.Throttled != 1 || first.Rate <= 0 {
		t.Fatalf("one throttling answer must start pacing, got %+v", first)
	}

	throttleJob(m, 3)
	if _, err := getJob(context.Background(), c, id); err != nil {
		t.Fatal(err)
	}
	after := c.Pace(conns.ProductActionTrail, jobAction)
	if after.Throttled != 4 || after.Rate >= first.Rate {
		t.Errorf("three more throttling answers must lower the rate below %.3f/s, got %+v", first.Rate, after)
	}
	// Other APIs of the account are not slowed.
	if st := c.Pace(conns.ProductActionTrail, "ListDeliveryHistoryJobs"); st.Paced {
		t.Errorf("another API must stay unpaced, got %+v", st)
	}
}

// A documented limit is the starting rate; throttling lowers it, and
// successes bring it back up to the documented limit and no further.
func TestPacing_successRaisesRateBack(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	const documented = 40.0
	c := pacedClient(addr, documented, 1e4)

	if st := c.Pace(conns.ProductActionTrail, jobAction); !st.Paced || st.Rate != documented {
		t.Fatalf("want pacing from the documented %v/s, got %+v", documented, st)
	}
	throttleJob(m, 4)
	if _, err := getJob(context.Background(), c, id); err != nil {
		t.Fatal(err)
	}
	low := c.Pace(conns.ProductActionTrail, jobAction)
	if low.Throttled != 4 || low.Rate >= documented {
		t.Fatalf("four throttling answers must lower the rate, got %+v", low)
	}

	// Successes only from here on: the rate must climb back to the
	// documented limit. Bounded by a number of calls, not by time.
	const maxCalls = 2000
	calls := 0
	for ; calls < maxCalls; calls++ {
		if _, err := getJob(context.Background(), c, id); err != nil {
			t.Fatal(err)
		}
		if c.Pace(conns.ProductActionTrail, jobAction).Rate >= documented {
			break
		}
	}
	st := c.Pace(conns.ProductActionTrail, jobAction)
	if st.Rate != documented {
		t.Errorf("after %d successful calls the rate is %.2f/s, want back at the documented %v/s", calls, st.Rate, documented)
	}
	if st.Throttled != 4 {
		t.Errorf("want 4 throttling answers seen, got %d", st.Throttled)
	}
	if n := m.Calls(jobProduct, jobAction) - m.Succeeded(jobProduct, jobAction); n != 4 {
		t.Errorf("want only the 4 injected refusals, got %d", n)
	}
}

// Two clients (provider configurations) of one process signing as the same
// account share one pacer; a client of another account does not.
func TestPacing_sharedByAccountWithinProcess(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	reg := conns.NewPacing()
	mk := func(key, secret string) *conns.Client {
		tn := conns.DefaultTuning()
		tn.MinBackoff, tn.MaxBackoff = time.Millisecond, 10*time.Millisecond
		tn.PaceScale = 1e-9
		tn.Pacing = reg
		return conns.New(conns.Config{Alicloud: conns.VendorConfig{
			AccessKey: key, SecretKey: secret, Region: "cn-hangzhou", Protocol: "HTTP",
			Endpoints: map[string]string{conns.ProductActionTrail: addr},
		}}, tn)
	}
	a := mk(mockcloud.DefaultAccessKeyID, mockcloud.DefaultAccessKeySecret)
	alias := mk(mockcloud.DefaultAccessKeyID, mockcloud.DefaultAccessKeySecret)
	other := mk("LTAIother", "other-secret")

	throttleJob(m, 2)
	if _, err := getJob(context.Background(), a, id); err != nil {
		t.Fatal(err)
	}
	if _, err := getJob(context.Background(), alias, id); err != nil {
		t.Fatal(err)
	}
	if st := alias.Pace(conns.ProductActionTrail, jobAction); !st.Paced || st.Throttled != 2 {
		t.Errorf("an alias with the same account must share the pacer, got %+v", st)
	}
	if st := other.Pace(conns.ProductActionTrail, jobAction); st.Paced || st.Throttled != 0 {
		t.Errorf("another account must have its own pacer, got %+v", st)
	}
}

// runProcesses has procs separate clients (each its own registry, as
// separate provider processes have) make calls each of job id, parallel at
// a time per client (Terraform's parallelism), against m; it returns the
// calls refused as throttled and the wall time.
func runProcesses(tb testing.TB, m *mockcloud.Server, addr string, id int64, procs, calls, parallel int, rate float64) (refused, total int, wall time.Duration) {
	return runProcessesApart(tb, m, addr, id, procs, calls, parallel, rate, 0)
}

// runProcessesApart is runProcesses with the processes starting apart
// (process i starts after i*apart), as Terraform runs started together
// reach their first create at different times.
func runProcessesApart(tb testing.TB, m *mockcloud.Server, addr string, id int64, procs, calls, parallel int, rate float64, apart time.Duration) (refused, total int, wall time.Duration) {
	tb.Helper()
	m.ResetCalls()
	var failed atomic.Int32
	var wg sync.WaitGroup
	start := time.Now()
	for i := range procs {
		c := pacedClientWith(addr, conns.DefaultTuning(), rate, 0)
		work := make(chan struct{}, calls)
		for range calls {
			work <- struct{}{}
		}
		close(work)
		for range parallel {
			wg.Add(1)
			go func() {
				defer wg.Done()
				time.Sleep(time.Duration(i) * apart)
				for range work {
					if _, err := getJob(context.Background(), c, id); err != nil {
						failed.Add(1)
						tb.Error(err)
					}
				}
			}()
		}
	}
	wg.Wait()
	wall = time.Since(start)
	total = m.Calls(jobProduct, jobAction)
	return total - m.Succeeded(jobProduct, jobAction), total, wall
}

// Several processes sharing one account's limit converge on shares of it:
// few calls are refused as throttled, every call succeeds.
func TestPacing_processesSharingAnAccountConverge(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	const (
		limit = 20.0
		procs = 4
		calls = 30
	)
	m.SetRateLimit(jobProduct, jobAction, limit)
	refused, total, wall := runProcesses(t, m, addr, id, procs, calls, 10, limit)
	floor := time.Duration(float64(procs*calls)-limit) * time.Second / limit
	t.Logf("%d processes x %d calls at %v/s: %d of %d calls refused (%.0f%%), wall %s, floor %s",
		procs, calls, limit, refused, total, 100*float64(refused)/float64(total), wall.Round(time.Millisecond), floor)
	if succeeded := total - refused; succeeded != procs*calls {
		t.Errorf("want %d successful calls, got %d", procs*calls, succeeded)
	}
	// Unpaced, the processes would send 4x the limit and have about three
	// calls in four refused; each pacing alone at the limit, over half.
	if frac := float64(refused) / float64(total); frac > 0.25 {
		t.Errorf("%d of %d calls refused (%.0f%%): want at most 25%%", refused, total, 100*frac)
	}
}

// BenchmarkPacing_processesSharingAnAccount prints, for 8 processes making
// 60 calls each (about 20 CloudAudit tracks) against an account limited to
// 20 calls/s: the share of calls refused as throttled and the wall time
// against the limit's floor.
func BenchmarkPacing_processesSharingAnAccount(b *testing.B) {
	m, addr := newMock(b)
	id := seedJob(b, m)
	const (
		limit = 20.0
		procs = 8
		calls = 60
	)
	m.SetRateLimit(jobProduct, jobAction, limit)
	floor := (float64(procs*calls) - limit) / limit
	for b.Loop() {
		refused, total, wall := runProcesses(b, m, addr, id, procs, calls, 10, limit)
		b.ReportMetric(100*float64(refused)/float64(total), "%refused")
		b.ReportMetric(wall.Seconds()/floor, "x-floor")
	}
}

// BenchmarkPacing_runnersStartingApart prints the same for the runners
// case of make bench: 8 processes making 20 calls each, starting 0.25 s
// apart (Terraform runs started together on a small machine reach their
// first create over a second or two). x-floor is the wall time against
// (calls - limit) / limit: the first second's worth goes out at once.
func BenchmarkPacing_runnersStartingApart(b *testing.B) {
	m, addr := newMock(b)
	id := seedJob(b, m)
	const (
		limit = 20.0
		procs = 8
		calls = 20
	)
	m.SetRateLimit(jobProduct, jobAction, limit)
	floor := (float64(procs*calls) - limit) / limit
	for b.Loop() {
		refused, total, wall := runProcessesApart(b, m, addr, id, procs, calls, 10, limit, 250*time.Millisecond)
		b.ReportMetric(100*float64(refused)/float64(total), "%refused")
		b.ReportMetric(wall.Seconds()/floor, "x-floor")
	}
}

// A role ARN names the account calls count against; anything else names
// none (the access key's hash is used then).
func TestPacing_roleAccount(t *testing.T) {
	t.Parallel()
	for arn, want := range map[string]string{
		"acs:ram::1234567890123456:role/audit-admin":      "account-1234567890123456",
		"qcs::cam::uin/100000000001:roleName/audit-admin": "account-100000000001",
		"acs:ram:::role/x":        "",
		"qcs::cam::100001:role/x": "",
		"arn:aws:iam::1:role/x":   "",
		"":                        "",
	} {
		if got := conns.RoleAccountForTest(arn); got != want {
			t.Errorf("roleAccount(%q) = %q, want %q", arn, got, want)
		}
	}
}

// Concurrency follows the pacer: the documented rate for a paced API,
// Terraform's parallelism for an unpaced one, less once throttled.
func TestPacing_concurrencyFollowsRate(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	if n := pacedClient(addr, 3, 0).Concurrency(conns.ProductActionTrail, jobAction); n != 3 {
		t.Errorf("documented 3 calls/s: want 3 at once, got %d", n)
	}
	c := pacedClient(addr, 0, 1e-9)
	if n := c.Concurrency(conns.ProductActionTrail, jobAction); n != 10 {
		t.Errorf("unpaced: want 10 at once, got %d", n)
	}
	throttleJob(m, 2)
	if _, err := getJob(context.Background(), c, id); err != nil {
		t.Fatal(err)
	}
	st := c.Pace(conns.ProductActionTrail, jobAction)
	if n := c.Concurrency(conns.ProductActionTrail, jobAction); n >= 10 || n < 1 {
		t.Errorf("throttled down to %.2f calls/s: want fewer than 10 at once, got %d", st.Rate, n)
	}
}

// A client's test-only tuning does not change a pacer another client of
// the same registry made: it is set once, when the pacer is made.
func TestPacing_tuningOfOneClientLeavesSharedPacerAlone(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	id := seedJob(t, m)
	shared := conns.NewPacing()
	client := func(pauseMax time.Duration) *conns.Client {
		tu := conns.DefaultTuning()
		tu.MinBackoff, tu.MaxBackoff = time.Millisecond, 10*time.Millisecond
		tu.ThrottlePauseMax = pauseMax
		tu.Pacing = shared
		return conns.New(conns.Config{Alicloud: conns.VendorConfig{
			AccessKey: mockcloud.DefaultAccessKeyID, SecretKey: mockcloud.DefaultAccessKeySecret,
			Region: "cn-hangzhou", Protocol: "HTTP", Endpoints: map[string]string{conns.ProductActionTrail: addr},
		}}, tu)
	}
	prod, fast := client(0), client(5*time.Millisecond)
	if _, err := getJob(context.Background(), prod, id); err != nil {
		t.Fatal(err)
	}
	// Both at once, throttled now and then (race detector: -race).
	throttleJob(m, 2)
	var wg sync.WaitGroup
	for _, c := range []*conns.Client{prod, fast, prod, fast} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := getJob(context.Background(), c, id); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if got := conns.PauseMaxForTest(prod, conns.ProductActionTrail, jobAction); got != 0 {
		t.Fatalf("the other client's ThrottlePauseMax (%s) was written onto the pacer the first client made", got)
	}
}
