package conns_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

func listJobs(ctx context.Context, c *conns.Client) error {
	_, err := conns.ActionTrail(ctx, c, "ListDeliveryHistoryJobs", func(cl *sdk.Client) (*sdk.ListDeliveryHistoryJobsResponse, error) {
		return cl.ListDeliveryHistoryJobs(sdk.CreateListDeliveryHistoryJobsRequest())
	})
	return err
}

func listTracks(ctx context.Context, c *conns.Client) error {
	_, err := conns.CloudAudit(ctx, c, "DescribeAuditTracks", func(ctx context.Context, cl *ca.Client) (*ca.DescribeAuditTracksResponse, error) {
		req := ca.NewDescribeAuditTracksRequest()
		page, size := uint64(1), uint64(10)
		req.PageNumber, req.PageSize = &page, &size
		return cl.DescribeAuditTracksWithContext(ctx, req)
	})
	return err
}

// vendorCase is one vendor's STS, a call signed with its role, the
// provider block that configures it and the role.
type vendorCase struct {
	name, sts    string
	call         func(context.Context, *conns.Client) error
	vendor, role string
}

var vendorCases = []vendorCase{
	{"alibaba", mockcloud.StsProduct, listJobs, "alicloud", testAliRole},
	{"tencent", mockcloud.StsTencentProduct, listTracks, "tencentcloud", testTCRole},
}

const stsFaults = "seeds roles, takes STS down through faults and counts AssumeRole calls"

// oidcClient is a client whose Tencent identity is testTCRole assumed with
// the web identity token in file (written here), on a mock that trusts
// that token; why says what the test does that only the mock allows.
func oidcClient(t *testing.T, why string) (e *acctest.Env, c *conns.Client, file string) {
	t.Helper()
	const token = "eyJhbGciOiJSUzI1NiJ9.mock-service-account.signature"
	e = acctest.New(t, func(o *mockcloud.Options) {
		o.Roles = []mockcloud.Role{{ARN: testTCRole, Trusted: []string{"oidc:tke-oidc"}}}
		o.OIDCTokens = []string{token}
	})
	e.NeedsMock(t, why)
	file = t.TempDir() + "/token"
	if err := os.WriteFile(file, []byte(token), 0o600); err != nil {
		t.Fatal(err)
	}
	c = conns.New(conns.Config{Tencent: conns.VendorConfig{
		OIDC:   &conns.OIDCRole{RoleARN: testTCRole, ProviderARN: "tke-oidc", TokenFile: file, Duration: time.Hour},
		Region: "ap-guangzhou", Endpoints: map[string]string{conns.ProductCloudAudit: e.Addr, conns.ProductSTS: e.Addr},
	}, MaxRetries: 1}, acctest.Tuning())
	return e, c, file
}

// Ten parallel operations with STS down make one AssumeRole retry
// sequence (1 + max_retries calls), not ten, and all ten get its error.
func TestAssumeRole_singleFlightWithSTSDown(t *testing.T) {
	for _, v := range vendorCases {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			e := roleEnv(t, stsFaults)
			e.Mock().AddFault(mockcloud.Fault{Product: v.sts, Action: "AssumeRole", Code: "ServiceUnavailable", HTTPStatus: 503})
			c := roleClient(e) // max_retries 2
			var wg sync.WaitGroup
			errs := make(chan error, 10)
			for range 10 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					errs <- v.call(context.Background(), c)
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err == nil || !strings.Contains(err.Error(), "AssumeRole") || !strings.Contains(err.Error(), "ServiceUnavailable") {
					t.Errorf("want the AssumeRole failure, got %v", err)
				}
			}
			n := e.Mock().Calls(v.sts, "AssumeRole")
			t.Logf("10 parallel operations, STS down: %d AssumeRole calls", n)
			if n != 3 {
				t.Errorf("want one retry sequence of 3 AssumeRole calls (1 + max_retries 2), got %d", n)
			}
			// Remembered briefly: a call right after gets the error without
			// a new sequence.
			if err := v.call(context.Background(), c); err == nil {
				t.Error("a call right after the failure succeeded with STS down")
			}
			if n2 := e.Mock().Calls(v.sts, "AssumeRole"); n2 != n {
				t.Errorf("a call within the failure's memory made %d more AssumeRole calls", n2-n)
			}
		})
	}
}

// When the session expires and its renewal is refused, the error is the
// renewal's cause (AssumeRole NoPermission and what to grant), not "token
// expired".
func TestAssumeRole_renewalCauseInError(t *testing.T) {
	for _, v := range vendorCases {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			e := roleEnv(t, stsFaults)
			c := roleClient(e)
			if err := v.call(context.Background(), c); err != nil {
				t.Fatal(err)
			}
			// The session ends on the cloud's clock; renewals are refused.
			e.Mock().SetClock(0, 2*time.Hour)
			e.Mock().AddFault(mockcloud.Fault{Product: v.sts, Action: "AssumeRole", Code: "NoPermission", HTTPStatus: 403, Message: "You are not authorized to do this action."})
			err := v.call(context.Background(), c)
			if err == nil {
				t.Fatal("want an error")
			}
			msg := err.Error()
			for _, want := range []string{"renewing them failed", "assume_role", "refused AssumeRole", "NoPermission", "needs sts:AssumeRole"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not mention %q", msg, want)
				}
			}
			if strings.Contains(msg, "security token is missing, expired") {
				t.Errorf("the error gives the expired-token hint instead of the renewal's cause: %s", msg)
			}
		})
	}
}

// A web identity token file that is gone when the session must be renewed
// is named in the error (Tencent TKE OIDC; the file is read per session).
func TestOIDC_missingTokenFileOnRenewal(t *testing.T) {
	t.Parallel()
	e, c, file := oidcClient(t, "seeds a role and an OIDC token, expires the session on the mock's clock")
	if err := listTracks(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	e.Mock().SetClock(0, 2*time.Hour)
	err := listTracks(context.Background(), c)
	if err == nil || !strings.Contains(err.Error(), "renewing them failed") || !strings.Contains(err.Error(), "reading the web identity token") || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("want the missing token file named, got %v", err)
	}
}

// Waiters honour their own context: a caller whose context ends while the
// refresh it waits for hangs (STS answers after 30 s) returns at once.
func TestAssumeRole_waiterHonoursItsContext(t *testing.T) {
	for _, v := range vendorCases {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			e := roleEnv(t, stsFaults)
			e.Mock().AddFault(mockcloud.Fault{Product: v.sts, Action: "AssumeRole", Mode: mockcloud.FaultLatency, Latency: 30 * time.Second})
			c := roleClient(e)
			ctx, cancel := context.WithCancel(context.Background())
			var cancelled time.Time
			time.AfterFunc(300*time.Millisecond, func() { cancelled = time.Now(); cancel() })
			err := v.call(ctx, c)
			took := time.Since(cancelled)
			t.Logf("returned %s after the cancellation, during AssumeRole", took.Round(time.Millisecond))
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("want the cancellation, got %v", err)
			}
			if took > 5*time.Second {
				t.Errorf("returned %s after the cancellation; want within 2 s", took)
			}
		})
	}
}

// In the refresh margin, credentials still valid keep signing while the
// renewal runs: a call does not wait for a slow STS.
func TestAssumeRole_validCredentialsSignDuringRefresh(t *testing.T) {
	for _, v := range vendorCases {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			e := roleEnv(t, stsFaults)
			c := roleClient(e)
			if err := v.call(context.Background(), c); err != nil {
				t.Fatal(err)
			}
			e.Mock().AddFault(mockcloud.Fault{Product: v.sts, Action: "AssumeRole", Mode: mockcloud.FaultLatency, Latency: 3 * time.Second, Count: 1})
			conns.EnterRefreshMarginForTest(c, v.vendor)
			if err := v.call(context.Background(), c); err != nil {
				t.Fatal(err)
			}
			if n := sessionsOf(e.Mock(), v.role); n != 1 {
				t.Fatalf("the call waited for the renewal (%d sessions when it returned); want it signed with the valid session", n)
			}
			deadline := time.Now().Add(20 * time.Second)
			for sessionsOf(e.Mock(), v.role) < 2 && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond)
			}
			if n := sessionsOf(e.Mock(), v.role); n != 2 {
				t.Errorf("the renewal in the margin did not happen: %d sessions", n)
			}
		})
	}
}

// A renewal started in the refresh margin, which nobody waits for, ends
// with the operations that started it: after Ctrl-C it makes no more STS
// calls in the background (here it would retry a failing STS 40 times).
func TestAssumeRole_marginRenewalStopsOnCancel(t *testing.T) {
	for _, v := range vendorCases {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			e := roleEnv(t, stsFaults)
			c := roleClientRetrying(e, 40)
			if err := v.call(context.Background(), c); err != nil {
				t.Fatal(err)
			}
			before := e.Mock().Calls(v.sts, "AssumeRole")
			e.Mock().AddFault(mockcloud.Fault{Product: v.sts, Action: "AssumeRole", Code: "ServiceUnavailable", HTTPStatus: 503})
			conns.EnterRefreshMarginForTest(c, v.vendor)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if err := v.call(ctx, c); err != nil {
				t.Fatal(err) // signed with the credentials still valid
			}
			for deadline := time.Now().Add(10 * time.Second); e.Mock().Calls(v.sts, "AssumeRole") < before+2; {
				if time.Now().After(deadline) {
					t.Fatal("no renewal started in the refresh margin")
				}
				time.Sleep(10 * time.Millisecond) // the renewal is retrying
			}
			cancel() // Ctrl-C
			time.Sleep(conns.MarginRenewalLinger + 300*time.Millisecond)
			n := e.Mock().Calls(v.sts, "AssumeRole")
			time.Sleep(time.Second)
			if n2 := e.Mock().Calls(v.sts, "AssumeRole"); n2 != n {
				t.Errorf("the renewal went on after the cancellation: %d more AssumeRole calls in the second after", n2-n)
			}
			t.Logf("AssumeRole calls of the renewal: %d before it stopped", n-before)
		})
	}
}

// An operation that signed in the refresh margin and finished does not
// take the renewal with it when the next one comes within the linger: one
// renewal (one AssumeRole call) serves both, not one cancelled and
// another started.
func TestAssumeRole_marginRenewalOutlivesFinishedOperation(t *testing.T) {
	for _, v := range vendorCases {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			e := roleEnv(t, stsFaults)
			c := roleClient(e)
			if err := v.call(context.Background(), c); err != nil {
				t.Fatal(err)
			}
			before := e.Mock().Calls(v.sts, "AssumeRole")
			e.Mock().AddFault(mockcloud.Fault{Product: v.sts, Action: "AssumeRole", Mode: mockcloud.FaultLatency, Latency: time.Second, Count: 1})
			conns.EnterRefreshMarginForTest(c, v.vendor)
			for range 2 { // two operations, one after the other
				ctx, cancel := context.WithCancel(context.Background())
				if err := v.call(ctx, c); err != nil {
					t.Fatal(err)
				}
				cancel() // the operation ends
				time.Sleep(200 * time.Millisecond)
			}
			for deadline := time.Now().Add(10 * time.Second); sessionsOf(e.Mock(), v.role) < 2 && time.Now().Before(deadline); {
				time.Sleep(20 * time.Millisecond)
			}
			if n := e.Mock().Calls(v.sts, "AssumeRole") - before; n != 1 || sessionsOf(e.Mock(), v.role) != 2 {
				t.Errorf("%d AssumeRole calls, %d sessions; want one renewal serving both operations", n, sessionsOf(e.Mock(), v.role))
			}
		})
	}
}

// libraryGoroutines counts the goroutines inside a vendor credential
// library's wrapper (conns.librarySource).
func libraryGoroutines() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	count := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, ".librarySource[") { // inlined in aliLibrary, tcLibrary
			count++
		}
	}
	return count
}

// A credential library call that hangs (the libraries take no context)
// holds one goroutine: fetches meanwhile wait for its result or their own
// context, each returning when its context ends, and add no goroutine each.
// Not parallel: it counts the process's goroutines.
func TestCredentialLibrary_hungCallHoldsOneGoroutine(t *testing.T) {
	e, c, _ := oidcClient(t, "seeds a role and an OIDC token, holds the library's STS call")
	// The library's AssumeRoleWithWebIdentity hangs for 3 s (the mock
	// holds even the test's server shutdown that long).
	e.Mock().AddFault(mockcloud.Fault{Product: mockcloud.StsTencentProduct, Action: "AssumeRoleWithWebIdentity", Mode: mockcloud.FaultLatency, Latency: 3 * time.Second, Count: 1})
	base := libraryGoroutines()
	const fetches = 10
	for i := range fetches {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		start := time.Now()
		err := listTracks(ctx, c)
		took := time.Since(start)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("fetch %d: want its own deadline, got %v", i, err)
		}
		if took > 2*time.Second {
			t.Fatalf("fetch %d returned %s after it started; want with its context (100 ms)", i, took)
		}
	}
	time.Sleep(50 * time.Millisecond) // cancelled refreshes return
	n := libraryGoroutines() - base
	t.Logf("%d fetches while the library call hangs: %d goroutines in the library wrapper", fetches, n)
	if n > 2 {
		t.Fatalf("%d fetches while the library call hangs left %d goroutines; want the one library call", fetches, n)
	}
	// A caller that waits gets that call's answer when it comes.
	if err := listTracks(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if calls := e.Mock().Calls(mockcloud.StsTencentProduct, "AssumeRoleWithWebIdentity"); calls != 1 {
		t.Errorf("%d library calls made; want the one that hung, its answer shared", calls)
	}
}

// Keys the cloud refused as expired are never handed back as the renewal:
// a caller whose call was refused while another caller's ordinary renewal
// ran (which returns the library's cached, refused session) gets keys from
// a forced one, not the refused keys again.
func TestCredentialSession_refusedKeysNotReturnedByJoinedRenewal(t *testing.T) {
	t.Parallel()
	refused := conns.Credentials{AccessKeyID: "old", AccessKeySecret: "s"}
	renewed := conns.Credentials{AccessKeyID: "new", AccessKeySecret: "s"}
	release := make(chan struct{})
	var mu sync.Mutex
	fetches := 0
	s := conns.NewSessionForTest(func(ctx context.Context, force bool) (conns.Credentials, error) {
		mu.Lock()
		fetches++
		n := fetches
		mu.Unlock()
		if force {
			return renewed, nil // a new provider, without the cached session
		}
		if n == 2 {
			select { // the other caller's renewal, still running
			case <-release:
			case <-ctx.Done():
				return conns.Credentials{}, ctx.Err()
			}
		}
		return refused, nil // the library's cached session
	})
	ctx := context.Background()
	gen, err := s.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	other := make(chan error, 1)
	go func() { _, err := s.Get(ctx); other <- err }() // starts fetch 2
	for {
		mu.Lock()
		n := fetches
		mu.Unlock()
		if n == 2 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	s.Invalidate(gen) // this caller's call was refused as expired
	got := make(chan uint64, 1)
	go func() {
		g, err := s.Get(ctx) // joins fetch 2
		if err != nil {
			t.Error(err)
		}
		got <- g
	}()
	time.Sleep(50 * time.Millisecond) // let it join (if not, it forces a fetch of its own: the same outcome)
	close(release)
	if err := <-other; err != nil {
		t.Fatal(err)
	}
	if g := <-got; g == gen || s.Current().AccessKeyID != renewed.AccessKeyID {
		t.Fatalf("after the refusal the session signs with %q (generation %d, refused %d); want the forced renewal's keys", s.Current().AccessKeyID, g, gen)
	}
}

// The linger of a renewal started in the refresh margin counts from the
// last operation that needed it: an operation that joined and left after
// the first one ended keeps the renewal going for the whole linger after
// it, instead of the first one's timer cancelling it.
func TestCredentialSession_marginLingerCountsFromLastOperation(t *testing.T) {
	t.Parallel()
	linger := conns.MarginRenewalLinger
	release := make(chan struct{})
	cancelledEarly := make(chan bool, 1)
	var mu sync.Mutex
	fetches := 0
	s := conns.NewSessionForTest(func(ctx context.Context, _ bool) (conns.Credentials, error) {
		mu.Lock()
		fetches++
		n := fetches
		mu.Unlock()
		// Due for renewal at once, valid for an hour: the refresh margin.
		cr := conns.Credentials{AccessKeyID: fmt.Sprint("k", n), AccessKeySecret: "s", Expires: time.Now().Add(-time.Second), End: time.Now().Add(time.Hour)}
		if n == 2 {
			select {
			case <-release:
				cancelledEarly <- false
			case <-ctx.Done():
				cancelledEarly <- true
				return conns.Credentials{}, ctx.Err()
			}
		}
		return cr, nil
	})
	if _, err := s.Get(context.Background()); err != nil {
		t.Fatal(err)
	}
	for i := range 2 { // two operations sign in the margin, one after the other
		ctx, cancel := context.WithCancel(context.Background())
		if _, err := s.Get(ctx); err != nil { // starts (then joins) the renewal
			t.Fatal(err)
		}
		cancel() // the operation ends
		if i == 0 {
			time.Sleep(linger * 6 / 10)
		}
	}
	time.Sleep(linger * 6 / 10) // past the first operation's linger, within the second's
	close(release)
	if <-cancelledEarly {
		t.Fatal("the renewal was cancelled a linger after the first operation ended, though a second one joined and left since")
	}
}
