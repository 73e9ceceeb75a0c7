package conns_test

import (
	"context"
	"sync"
	"testing"
	"time"

	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

func newTencentClient(addr string, maxRetries int) *conns.Client {
	return conns.New(conns.Config{
		Tencent: conns.VendorConfig{
			AccessKey: mockcloud.DefaultSecretID, SecretKey: mockcloud.DefaultSecretKey,
			Region: "ap-guangzhou", Protocol: "HTTP", Endpoints: map[string]string{conns.ProductCloudAudit: addr},
		},
		MaxRetries: maxRetries,
	}, conns.Tuning{
		MinBackoff: time.Millisecond, MaxBackoff: 20 * time.Millisecond,
		ThrottleBudget: 10 * time.Second, AttemptTimeout: 5 * time.Second, PollInterval: 10 * time.Millisecond,
	})
}

func describeTracks(ctx context.Context, c *conns.Client) (*ca.DescribeAuditTracksResponse, error) {
	req := ca.NewDescribeAuditTracksRequest()
	page, size := uint64(1), uint64(10)
	req.PageNumber, req.PageSize = &page, &size
	return conns.CloudAudit(ctx, c, "DescribeAuditTracks", func(ctx context.Context, cl *ca.Client) (*ca.DescribeAuditTracksResponse, error) {
		return cl.DescribeAuditTracksWithContext(ctx, req)
	})
}

// Tencent throttling (HTTP 200 RequestLimitExceeded) and dropped
// connections are retried by Invoke, which the SDK does not do here.
func TestCloudAudit_retriesThrottlingAndDrops(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	m.AddFault(mockcloud.Fault{Product: mockcloud.CloudAuditProduct, Action: "DescribeAuditTracks", Code: "RequestLimitExceeded", Count: 2})
	m.AddFault(mockcloud.Fault{Product: mockcloud.CloudAuditProduct, Action: "DescribeAuditTracks", Mode: mockcloud.FaultDrop, Count: 1})
	out, err := describeTracks(context.Background(), newTencentClient(addr, 1))
	if err != nil {
		t.Fatal(err)
	}
	if out.Response == nil || out.Response.TotalCount == nil {
		t.Errorf("incomplete response %s", out.ToJsonString())
	}
	if n := m.Calls(mockcloud.CloudAuditProduct, "DescribeAuditTracks"); n != 4 {
		t.Errorf("want 4 calls (2 throttled, 1 dropped, 1 answered), got %d", n)
	}
}

func TestCloudAudit_notFoundAndAuth(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	req := ca.NewDescribeAuditTrackRequest()
	id := uint64(42)
	req.TrackId = &id
	_, err := conns.CloudAudit(context.Background(), newTencentClient(addr, 3), "DescribeAuditTrack", func(ctx context.Context, cl *ca.Client) (*ca.DescribeAuditTrackResponse, error) {
		return cl.DescribeAuditTrackWithContext(ctx, req)
	})
	if !conns.IsNotFound(err) || conns.ErrorCode(err) != "ResourceNotFound.AuditNotExist" {
		t.Fatalf("want NotFound, got %v", err)
	}
	if n := m.Calls(mockcloud.CloudAuditProduct, ""); n != 1 {
		t.Errorf("NotFound must not be retried: %d calls", n)
	}

	bad := conns.New(conns.Config{Tencent: conns.VendorConfig{
		AccessKey: mockcloud.DefaultSecretID, SecretKey: "wrong", Region: "ap-guangzhou", Protocol: "HTTP",
		Endpoints: map[string]string{conns.ProductCloudAudit: addr},
	}, MaxRetries: 3}, conns.DefaultTuning())
	_, err = describeTracks(context.Background(), bad)
	if conns.ErrorCode(err) != "AuthFailure.SignatureFailure" || conns.IsRetryable(err) {
		t.Errorf("want a non-retryable AuthFailure.SignatureFailure, got %v", err)
	}
}

// One shared CloudAudit client serves parallel calls.
func TestCloudAudit_sharedClientIsConcurrencySafe(t *testing.T) {
	t.Parallel()
	m, addr := newMock(t)
	c := newTencentClient(addr, 0)
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := describeTracks(context.Background(), c); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := m.Succeeded(mockcloud.CloudAuditProduct, "DescribeAuditTracks"); n != 10 {
		t.Errorf("want 10 answered calls, got %d", n)
	}
}
