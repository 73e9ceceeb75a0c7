package mockcloud_test

import (
	"errors"
	"regexp"
	"sync"
	"testing"
	"time"

	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerrors "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

func tcProfile(host string) *profile.ClientProfile {
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = host
	cpf.HttpProfile.Scheme = "HTTP"
	cpf.DisableRegionBreaker = true
	return cpf
}

// newAuditClient is an official CloudAudit client pointed at the mock.
func newAuditClient(t *testing.T, host string, cred common.CredentialIface) *ca.Client {
	t.Helper()
	c, err := ca.NewClient(cred, "ap-guangzhou", tcProfile(host))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func defaultTCCred() *common.Credential {
	return common.NewCredential(mockcloud.DefaultSecretID, mockcloud.DefaultSecretKey)
}

// wantTCError asserts err is the SDK's error with this code and a request id.
func wantTCError(t *testing.T, err error, code string) {
	t.Helper()
	_ = asTCError(t, err, code)
}

// asTCError is wantTCError returning the error for more checks.
func asTCError(t *testing.T, err error, code string) *tcerrors.TencentCloudSDKError {
	t.Helper()
	var e *tcerrors.TencentCloudSDKError
	if !errors.As(err, &e) {
		t.Fatalf("want TencentCloudSDKError %s, got %T: %v", code, err, err)
	}
	if e.GetCode() != code {
		t.Fatalf("want %s, got %s: %s", code, e.GetCode(), e.GetMessage())
	}
	if e.GetRequestId() == "" {
		t.Errorf("%s without RequestId", code)
	}
	return e
}

func cosStorage(bucket string) *ca.Storage {
	return &ca.Storage{
		StorageType: common.StringPtr("cos"), StorageRegion: common.StringPtr("ap-guangzhou"),
		StorageName: common.StringPtr(bucket), StoragePrefix: common.StringPtr("audit"),
	}
}

func simpleTrackRequest(name string) *ca.CreateAuditTrackRequest {
	req := ca.NewCreateAuditTrackRequest()
	req.Name = common.StringPtr(name)
	req.Status = common.Uint64Ptr(1)
	req.ActionType = common.StringPtr("Write")
	req.ResourceType = common.StringPtr("cos")
	req.EventNames = common.StringPtrs([]string{"PutObject", "DeleteObject"})
	req.Storage = cosStorage("audit-bucket")
	return req
}

func mustCreateTrack(t *testing.T, c *ca.Client, req *ca.CreateAuditTrackRequest) uint64 {
	t.Helper()
	resp, err := c.CreateAuditTrack(req)
	if err != nil {
		t.Fatalf("CreateAuditTrack: %v", err)
	}
	return *resp.Response.TrackId
}

func describeTrack(c *ca.Client, id uint64) (*ca.DescribeAuditTrackResponseParams, error) {
	req := ca.NewDescribeAuditTrackRequest()
	req.TrackId = common.Uint64Ptr(id)
	resp, err := c.DescribeAuditTrack(req)
	if err != nil {
		return nil, err
	}
	return resp.Response, nil
}

func TestTencentAuth(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{Credentials: []mockcloud.Credential{{AccessKeyID: "AKIDsts", AccessKeySecret: "sts-secret", SecurityToken: "tok"}}})
	list := func(c *ca.Client) error {
		req := ca.NewDescribeAuditTracksRequest()
		req.PageNumber, req.PageSize = common.Uint64Ptr(1), common.Uint64Ptr(10)
		_, err := c.DescribeAuditTracks(req)
		return err
	}
	if err := list(newAuditClient(t, host, defaultTCCred())); err != nil {
		t.Fatalf("a correctly signed request failed: %v", err)
	}
	wantTCError(t, list(newAuditClient(t, host, common.NewCredential(mockcloud.DefaultSecretID, "wrong-secret"))), "AuthFailure.SignatureFailure")
	wantTCError(t, list(newAuditClient(t, host, common.NewCredential("AKIDnobody", "x"))), "AuthFailure.SecretIdNotFound")
	wantTCError(t, list(newAuditClient(t, host, common.NewCredential("AKIDsts", "sts-secret"))), "AuthFailure.TokenFailure")
	if err := list(newAuditClient(t, host, common.NewTokenCredential("AKIDsts", "sts-secret", "tok"))); err != nil {
		t.Errorf("STS request failed: %v", err)
	}
	if n := s.Calls(mockcloud.CloudAuditProduct, ""); n != 2 {
		t.Errorf("refused requests must not be counted: %d calls", n)
	}
}

func TestTencentAuthTimestampWindow(t *testing.T) {
	t.Parallel()
	for _, offset := range []time.Duration{6 * time.Minute, -6 * time.Minute} {
		_, host := newMock(t, mockcloud.Options{Now: func() time.Time { return time.Now().Add(offset) }})
		req := ca.NewDescribeAuditTracksRequest()
		req.PageNumber, req.PageSize = common.Uint64Ptr(1), common.Uint64Ptr(10)
		_, err := newAuditClient(t, host, defaultTCCred()).DescribeAuditTracks(req)
		wantTCError(t, err, "AuthFailure.SignatureExpire")
	}
	// Four minutes off is inside the window.
	_, host := newMock(t, mockcloud.Options{Now: func() time.Time { return time.Now().Add(4 * time.Minute) }})
	req := ca.NewDescribeAuditTracksRequest()
	req.PageNumber, req.PageSize = common.Uint64Ptr(1), common.Uint64Ptr(10)
	if _, err := newAuditClient(t, host, defaultTCCred()).DescribeAuditTracks(req); err != nil {
		t.Errorf("4 minutes off: %v", err)
	}
	// The admin clock offset shifts the server clock only: signatures stay
	// valid an hour "later", so a test can expire STS sessions mid-job.
	s, host := newMock(t, mockcloud.Options{})
	s.SetClock(0, time.Hour)
	if _, err := newAuditClient(t, host, defaultTCCred()).DescribeAuditTracks(req); err != nil {
		t.Errorf("admin offset of an hour: %v", err)
	}
}

func TestTencentInvalidAction(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{})
	c := common.NewCommonClient(defaultTCCred(), "ap-guangzhou", tcProfile(host))
	req := tchttp.NewCommonRequest("cloudaudit", "2019-03-19", "StartLogging")
	err := c.Send(req, tchttp.NewCommonResponse())
	wantTCError(t, err, "InvalidAction")
}

func TestCloudAuditTrackLifecycle(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	c := newAuditClient(t, host, defaultTCCred())
	id := mustCreateTrack(t, c, simpleTrackRequest("cos-writes"))

	got, err := describeTrack(c, id)
	if err != nil {
		t.Fatal(err)
	}
	if *got.Name != "cos-writes" || *got.Status != 1 || *got.ActionType != "Write" || *got.ResourceType != "cos" ||
		len(got.EventNames) != 2 || *got.Storage.StorageName != "audit-bucket" || *got.TrackForAllMembers != 0 || got.Filters != nil {
		t.Errorf("DescribeAuditTrack = %+v", got)
	}
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$`).MatchString(*got.CreateTime) {
		t.Errorf("CreateTime %q is not in the API's layout", *got.CreateTime)
	}
	created, _ := time.ParseInLocation("2006-01-02 15:04:05", *got.CreateTime, time.FixedZone("CST", 8*3600))
	if d := time.Since(created); d < -time.Minute || d > time.Minute {
		t.Errorf("CreateTime %q is not Beijing time now (off by %s)", *got.CreateTime, d)
	}

	// Modify what was asked, keep the rest.
	mod := ca.NewModifyAuditTrackRequest()
	mod.TrackId = common.Uint64Ptr(id)
	mod.Status = common.Uint64Ptr(0)
	mod.Storage = cosStorage("other-bucket")
	mod.Name = common.StringPtr("cos-writes") // the same name is accepted
	if _, err := c.ModifyAuditTrack(mod); err != nil {
		t.Fatal(err)
	}
	tr, _ := s.AuditTrack(id)
	if tr.Status != 0 || tr.Storage.Name != "other-bucket" || tr.ActionType != "Write" || len(tr.EventNames) != 2 {
		t.Errorf("after modify: %+v", tr)
	}

	// No rename.
	mod = ca.NewModifyAuditTrackRequest()
	mod.TrackId = common.Uint64Ptr(id)
	mod.Name = common.StringPtr("renamed")
	_, err = c.ModifyAuditTrack(mod)
	wantTCError(t, err, "InvalidParameterValue.AuditTrackNameNotSupportModify")

	// A modification that leaves an invalid track is refused as a whole.
	mod = ca.NewModifyAuditTrackRequest()
	mod.TrackId = common.Uint64Ptr(id)
	mod.ResourceType = common.StringPtr("*")
	_, err = c.ModifyAuditTrack(mod)
	wantTCError(t, err, "InvalidParameterValue")

	del := ca.NewDeleteAuditTrackRequest()
	del.TrackId = common.Uint64Ptr(id)
	if _, err := c.DeleteAuditTrack(del); err != nil {
		t.Fatal(err)
	}
	_, err = describeTrack(c, id)
	wantTCError(t, err, "ResourceNotFound.AuditNotExist")
	_, err = c.DeleteAuditTrack(del)
	wantTCError(t, err, "ResourceNotFound.AuditNotExist")
}

func TestCloudAuditEventsTrack(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	c := newAuditClient(t, host, defaultTCCred())
	req := ca.NewCreateEventsAuditTrackRequest()
	req.Name = common.StringPtr("cam-reads")
	req.Status = common.Uint64Ptr(1)
	req.TrackForAllMembers = common.Uint64Ptr(1)
	req.Storage = &ca.Storage{StorageType: common.StringPtr("cls"), StorageRegion: common.StringPtr("ap-shanghai"),
		StorageName: common.StringPtr("b7f7e2c4-1d3c-4e5f-9a8b-0c1d2e3f4a5b"), StoragePrefix: common.StringPtr("cloudaudit")}
	req.Filters = &ca.Filter{ResourceFields: []*ca.ResourceField{
		{ResourceType: common.StringPtr("cam"), ActionType: common.StringPtr("Read"), EventNames: common.StringPtrs([]string{"*"})},
		{ResourceType: common.StringPtr("cvm"), ActionType: common.StringPtr("*"), EventNames: common.StringPtrs([]string{"RunInstances"})},
	}}
	resp, err := c.CreateEventsAuditTrack(req)
	if err != nil {
		t.Fatal(err)
	}
	id := *resp.Response.TrackId
	got, err := describeTrack(c, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Filters == nil || len(got.Filters.ResourceFields) != 2 || *got.Filters.ResourceFields[1].EventNames[0] != "RunInstances" ||
		*got.TrackForAllMembers != 1 || got.ActionType != nil || *got.Storage.StorageType != "cls" {
		t.Errorf("DescribeAuditTrack of an events track: %s", resp.ToJsonString())
	}

	// ModifyAuditTrack with a full selection turns it into a simple track.
	mod := ca.NewModifyAuditTrackRequest()
	mod.TrackId = common.Uint64Ptr(id)
	mod.ActionType = common.StringPtr("*")
	mod.ResourceType = common.StringPtr("*")
	mod.EventNames = common.StringPtrs([]string{"*"})
	if _, err := c.ModifyAuditTrack(mod); err != nil {
		t.Fatal(err)
	}
	if tr, _ := s.AuditTrack(id); tr.Filters != nil || tr.ResourceType != "*" {
		t.Errorf("after ModifyAuditTrack: %+v", tr)
	}
	// And ModifyEventsAuditTrack back.
	emod := ca.NewModifyEventsAuditTrackRequest()
	emod.TrackId = common.Uint64Ptr(id)
	emod.Filters = req.Filters
	if _, err := c.ModifyEventsAuditTrack(emod); err != nil {
		t.Fatal(err)
	}
	if tr, _ := s.AuditTrack(id); len(tr.Filters) != 2 || tr.ResourceType != "" {
		t.Errorf("after ModifyEventsAuditTrack: %+v", tr)
	}
}

func TestCloudAuditValidation(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{})
	c := newAuditClient(t, host, defaultTCCred())
	cases := []struct {
		name   string
		change func(*ca.CreateAuditTrackRequest)
		code   string
	}{
		{"short name", func(r *ca.CreateAuditTrackRequest) { r.Name = common.StringPtr("ab") }, "InvalidParameterValue"},
		{"name charset", func(r *ca.CreateAuditTrackRequest) { r.Name = common.StringPtr("bad name") }, "InvalidParameterValue"},
		{"action type", func(r *ca.CreateAuditTrackRequest) { r.ActionType = common.StringPtr("Delete") }, "InvalidParameterValue"},
		{"all products need all events", func(r *ca.CreateAuditTrackRequest) { r.ResourceType = common.StringPtr("*") }, "InvalidParameterValue"},
		{"star with names", func(r *ca.CreateAuditTrackRequest) {
			r.EventNames = common.StringPtrs([]string{"*", "PutObject"})
		}, "InvalidParameterValue"},
		{"11 event names", func(r *ca.CreateAuditTrackRequest) {
			r.EventNames = common.StringPtrs([]string{"A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11"})
		}, "InvalidParameterValue"},
		{"no event names", func(r *ca.CreateAuditTrackRequest) { r.EventNames = nil }, "MissingParameter"},
		{"status", func(r *ca.CreateAuditTrackRequest) { r.Status = common.Uint64Ptr(2) }, "InvalidParameterValue"},
		{"no storage", func(r *ca.CreateAuditTrackRequest) { r.Storage = nil }, "MissingParameter"},
		{"storage type", func(r *ca.CreateAuditTrackRequest) { r.Storage.StorageType = common.StringPtr("kafka") }, "InvalidParameterValue"},
		{"ckafka name", func(r *ca.CreateAuditTrackRequest) { r.Storage.StorageType = common.StringPtr("ckafka") }, "InvalidParameterValue"},
		{"compress", func(r *ca.CreateAuditTrackRequest) { r.Storage.Compress = common.Uint64Ptr(3) }, "InvalidParameterValue"},
		{"region outside the documented list", func(r *ca.CreateAuditTrackRequest) { r.Storage.StorageRegion = common.StringPtr("ap-nanjing") }, "InvalidParameterValue.CosRegionError"},
		{"empty cls prefix", func(r *ca.CreateAuditTrackRequest) {
			r.Storage.StorageType, r.Storage.StorageName, r.Storage.StoragePrefix = common.StringPtr("cls"), common.StringPtr("topic-1"), common.StringPtr("")
		}, "InvalidParameterValue.LogFilePrefixError"},
		{"storage region", func(r *ca.CreateAuditTrackRequest) { r.Storage.StorageRegion = common.StringPtr("xx-nowhere") }, "InvalidParameterValue.CosRegionError"},
		{"bucket name", func(r *ca.CreateAuditTrackRequest) { r.Storage.StorageName = common.StringPtr("Audit_Bucket") }, "InvalidParameterValue.CosNameError"},
		{"bucket with appid", func(r *ca.CreateAuditTrackRequest) { r.Storage.StorageName = common.StringPtr("audit-1250000000") }, "InvalidParameterValue.CosNameError"},
		{"prefix", func(r *ca.CreateAuditTrackRequest) { r.Storage.StoragePrefix = common.StringPtr("a/b") }, "InvalidParameterValue.LogFilePrefixError"},
	}
	for _, tc := range cases {
		req := simpleTrackRequest("valid-name")
		tc.change(req)
		_, err := c.CreateAuditTrack(req)
		if err == nil {
			t.Errorf("%s: accepted", tc.name)
			continue
		}
		var e *tcerrors.TencentCloudSDKError
		if !errors.As(err, &e) || e.GetCode() != tc.code {
			t.Errorf("%s: want %s, got %v", tc.name, tc.code, err)
		}
	}
}

func TestCloudAuditNameUniqueAndLimit(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	c := newAuditClient(t, host, defaultTCCred())
	mustCreateTrack(t, c, simpleTrackRequest("track-1"))
	_, err := c.CreateAuditTrack(simpleTrackRequest("track-1"))
	wantTCError(t, err, "InvalidParameterValue.AliasAlreadyExists")
	for _, n := range []string{"track-2", "track-3", "track-4", "track-5"} {
		mustCreateTrack(t, c, simpleTrackRequest(n))
	}
	_, err = c.CreateAuditTrack(simpleTrackRequest("track-6"))
	e := asTCError(t, err, "LimitExceeded.OverAmount")
	if !regexp.MustCompile(`at most 5 tracks`).MatchString(e.GetMessage()) {
		t.Errorf("message %q does not name the limit", e.GetMessage())
	}
	s.SetAuditTrackLimit(6)
	mustCreateTrack(t, c, simpleTrackRequest("track-6"))
	if n := len(s.AuditTracks()); n != 6 {
		t.Errorf("want 6 tracks, got %d", n)
	}
}

func TestCloudAuditPaging(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	for i := range 7 {
		if _, err := s.SeedAuditTrack(mockcloud.AuditTrack{
			Name: "seeded-" + string(rune('a'+i)), Status: 1, ActionType: "*", ResourceType: "*", EventNames: []string{"*"},
			Storage: mockcloud.AuditStorage{Type: "cos", Region: "ap-guangzhou", Name: "bucket", Prefix: "audit"},
		}); err != nil {
			t.Fatal(err)
		}
	}
	c := newAuditClient(t, host, defaultTCCred())
	page := func(n, size uint64) (*ca.DescribeAuditTracksResponseParams, error) {
		req := ca.NewDescribeAuditTracksRequest()
		req.PageNumber, req.PageSize = common.Uint64Ptr(n), common.Uint64Ptr(size)
		resp, err := c.DescribeAuditTracks(req)
		if err != nil {
			return nil, err
		}
		return resp.Response, nil
	}
	seen := map[uint64]bool{}
	for n, want := range map[uint64]int{1: 3, 2: 3, 3: 1, 4: 0} {
		p, err := page(n, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Tracks) != want || *p.TotalCount != 7 {
			t.Errorf("page %d: %d tracks of %d, want %d of 7", n, len(p.Tracks), *p.TotalCount, want)
		}
		for _, tr := range p.Tracks {
			seen[*tr.TrackId] = true
			if tr.CreateTime == nil || tr.Storage == nil || *tr.Status != 1 {
				t.Errorf("list entry incomplete: %+v", tr)
			}
		}
	}
	if len(seen) != 7 {
		t.Errorf("pages covered %d distinct tracks, want 7", len(seen))
	}
	req := ca.NewDescribeAuditTracksRequest()
	req.PageNumber = common.Uint64Ptr(1)
	_, err := c.DescribeAuditTracks(req)
	wantTCError(t, err, "MissingParameter")
	_, err = page(1, 0)
	wantTCError(t, err, "InvalidParameterValue")
}

func TestCloudAuditRateLimit(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{RateLimits: true})
	c := newAuditClient(t, host, defaultTCCred())
	var wg sync.WaitGroup
	var mu sync.Mutex
	throttled := 0
	for range 30 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := describeTrack(c, 1) // the client is shared: it must be goroutine-safe
			var e *tcerrors.TencentCloudSDKError
			if errors.As(err, &e) && e.GetCode() == "RequestLimitExceeded" {
				mu.Lock()
				throttled++
				mu.Unlock()
			} else if !errors.As(err, &e) || e.GetCode() != "ResourceNotFound.AuditNotExist" {
				t.Errorf("unexpected answer: %v", err)
			}
		}()
	}
	wg.Wait()
	// A burst of 20 passes; at least some of the other 10 are refused (a
	// slow machine may refill a few tokens meanwhile).
	if throttled == 0 || throttled > 10 {
		t.Errorf("throttled %d of 30 calls, want 1-10", throttled)
	}
	if n := s.Calls(mockcloud.CloudAuditProduct, "DescribeAuditTrack"); n != 30 {
		t.Errorf("calls = %d", n)
	}
}

func TestCloudAuditFaults(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	c := newAuditClient(t, host, defaultTCCred())
	s.AddFault(mockcloud.Fault{Product: mockcloud.CloudAuditProduct, Action: "CreateAuditTrack", Mode: mockcloud.FaultCommitThenDrop, Count: 1})
	_, err := c.CreateAuditTrack(simpleTrackRequest("lost-answer"))
	// The SDK reports the dropped connection as a client-side network error.
	var sdkErr *tcerrors.TencentCloudSDKError
	if !errors.As(err, &sdkErr) || sdkErr.GetCode() != "ClientError.NetworkError" || sdkErr.GetRequestId() != "" {
		t.Fatalf("want ClientError.NetworkError without a request id, got %v", err)
	}
	if n := len(s.AuditTracks()); n != 1 {
		t.Fatalf("the dropped create must have taken effect: %d tracks", n)
	}
	_, err = c.CreateAuditTrack(simpleTrackRequest("lost-answer"))
	wantTCError(t, err, "InvalidParameterValue.AliasAlreadyExists")

	s.AddFault(mockcloud.Fault{Product: mockcloud.CloudAuditProduct, Action: "DescribeAuditTrack", Code: "RequestLimitExceeded", Count: 1})
	_, err = describeTrack(c, 1)
	wantTCError(t, err, "RequestLimitExceeded")
	if _, err := describeTrack(c, 1); err != nil {
		t.Errorf("after the fault ran out: %v", err)
	}
}
