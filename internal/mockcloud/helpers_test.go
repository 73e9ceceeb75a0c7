package mockcloud_test

import (
	"bytes"
	"errors"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// fakeClock is an injectable server clock that only moves when told.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	// Start at wall time: the SDK signs with the real clock, and the mock
	// refuses timestamps more than 15 minutes off its own.
	return &fakeClock{t: time.Now().UTC().Truncate(time.Second)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newMock starts a mock behind an httptest server; it returns the server
// and its host:port.
func newMock(t *testing.T, opts mockcloud.Options) (*mockcloud.Server, string) {
	t.Helper()
	// Every error code a handler answers in these tests (which drive the
	// error paths on purpose) is documented for its action in the
	// vendors' definitions or an ASSUMPTION there (internal/contract).
	// Their requests and answers are not judged: many are wrong on purpose.
	opts.ContractCheck = true
	s, err := mockcloud.New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() {
		for _, v := range s.ContractViolations() {
			if v.Kind == "error" {
				t.Errorf("mock fidelity: %s", v)
			}
		}
	})
	hs := httptest.NewServer(s)
	t.Cleanup(hs.Close)
	return s, strings.TrimPrefix(hs.URL, "http://")
}

type clientOption func(*sdk.Config)

// newClient is an official ActionTrail client pointed at the mock.
func newClient(t *testing.T, host string, cred auth.Credential, opts ...clientOption) *actiontrail.Client {
	t.Helper()
	cfg := sdk.NewConfig()
	cfg.Scheme = "HTTP"
	for _, o := range opts {
		o(cfg)
	}
	c, err := actiontrail.NewClientWithOptions("cn-hangzhou", cfg, cred)
	if err != nil {
		t.Fatalf("NewClientWithOptions: %v", err)
	}
	c.Domain = host
	return c
}

func defaultCred() auth.Credential {
	return credentials.NewAccessKeyCredential(mockcloud.DefaultAccessKeyID, mockcloud.DefaultAccessKeySecret)
}

func createJob(c *actiontrail.Client, trail, token string) (int64, error) {
	req := actiontrail.CreateCreateDeliveryHistoryJobRequest()
	req.TrailName = trail
	req.ClientToken = token
	resp, err := c.CreateDeliveryHistoryJob(req)
	if err != nil {
		return 0, err
	}
	return int64(resp.JobId), nil
}

func getJob(c *actiontrail.Client, id int64) (*actiontrail.GetDeliveryHistoryJobResponse, error) {
	req := actiontrail.CreateGetDeliveryHistoryJobRequest()
	req.JobId = requests.NewInteger64(id)
	return c.GetDeliveryHistoryJob(req)
}

func deleteJob(c *actiontrail.Client, id int64) error {
	req := actiontrail.CreateDeleteDeliveryHistoryJobRequest()
	req.JobId = requests.NewInteger64(id)
	_, err := c.DeleteDeliveryHistoryJob(req)
	return err
}

func listJobs(c *actiontrail.Client, pageNumber, pageSize int) (*actiontrail.ListDeliveryHistoryJobsResponse, error) {
	req := actiontrail.CreateListDeliveryHistoryJobsRequest()
	if pageNumber >= 0 {
		req.PageNumber = requests.NewInteger(pageNumber)
	}
	if pageSize >= 0 {
		req.PageSize = requests.NewInteger(pageSize)
	}
	return c.ListDeliveryHistoryJobs(req)
}

func mustCreate(t *testing.T, c *actiontrail.Client, trail, token string) int64 {
	t.Helper()
	id, err := createJob(c, trail, token)
	if err != nil {
		t.Fatalf("CreateDeliveryHistoryJob(%s): %v", trail, err)
	}
	return id
}

func mustGet(t *testing.T, c *actiontrail.Client, id int64) *actiontrail.GetDeliveryHistoryJobResponse {
	t.Helper()
	resp, err := getJob(c, id)
	if err != nil {
		t.Fatalf("GetDeliveryHistoryJob(%d): %v", id, err)
	}
	return resp
}

func mustList(t *testing.T, c *actiontrail.Client, pageNumber, pageSize int) *actiontrail.ListDeliveryHistoryJobsResponse {
	t.Helper()
	resp, err := listJobs(c, pageNumber, pageSize)
	if err != nil {
		t.Fatalf("ListDeliveryHistoryJobs(%d, %d): %v", pageNumber, pageSize, err)
	}
	return resp
}

// wantServerError asserts err is the SDK's ServerError with this code and
// HTTP status.
func wantServerError(t *testing.T, err error, code string, status int) {
	t.Helper()
	_ = asServerError(t, err, code, status)
}

// asServerError is wantServerError returning the error for more checks.
func asServerError(t *testing.T, err error, code string, status int) *sdkerrors.ServerError {
	t.Helper()
	var se *sdkerrors.ServerError
	if !errors.As(err, &se) {
		t.Fatalf("want ServerError %s, got %T: %v", code, err, err)
	}
	if se.ErrorCode() != code || se.HttpStatus() != status {
		t.Fatalf("want %s (HTTP %d), got %s (HTTP %d): %s", code, status, se.ErrorCode(), se.HttpStatus(), se.Message())
	}
	if se.RequestId() == "" {
		t.Errorf("error without RequestId")
	}
	return se
}

func seedTrail(t *testing.T, s *mockcloud.Server, tr mockcloud.Trail) {
	t.Helper()
	if err := s.SeedTrail(tr); err != nil {
		t.Fatalf("SeedTrail: %v", err)
	}
}

// syncBuffer is a bytes.Buffer safe for a logger written from handler
// goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
