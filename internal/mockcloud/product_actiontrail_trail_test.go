package mockcloud_test

import (
	"fmt"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

const (
	testSlsArn  = "acs:log:cn-hangzhou:1234567890:project/audit-logs"
	testRoleArn = "acs:ram::1234567890:role/aliyunserviceroleforactiontrail"
)

func createTrail(c *actiontrail.Client, name string, f func(*actiontrail.CreateTrailRequest)) (*actiontrail.CreateTrailResponse, error) {
	req := actiontrail.CreateCreateTrailRequest()
	req.Name = name
	req.SlsProjectArn = testSlsArn
	if f != nil {
		f(req)
	}
	return c.CreateTrail(req)
}

func describeTrails(t *testing.T, c *actiontrail.Client, names string, org bool) []actiontrail.Trail {
	t.Helper()
	return describeTrailsShadows(t, c, names, org, false)
}

func describeTrailsShadows(t *testing.T, c *actiontrail.Client, names string, org, shadows bool) []actiontrail.Trail {
	t.Helper()
	req := actiontrail.CreateDescribeTrailsRequest()
	req.NameList = names
	req.IncludeOrganizationTrail = requests.NewBoolean(org)
	req.IncludeShadowTrails = requests.NewBoolean(shadows)
	resp, err := c.DescribeTrails(req)
	if err != nil {
		t.Fatalf("DescribeTrails: %v", err)
	}
	return resp.TrailList
}

func trailStatus(c *actiontrail.Client) (*actiontrail.GetTrailStatusResponse, error) {
	req := actiontrail.CreateGetTrailStatusRequest()
	req.Name = "audit-trail"
	return c.GetTrailStatus(req)
}

func TestActionTrailTrailLifecycle(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	s, host := newMock(t, mockcloud.Options{Now: clock.Now})
	c := newClient(t, host, defaultCred())
	created := clock.Now()

	out, err := createTrail(c, "audit-trail", func(r *actiontrail.CreateTrailRequest) {
		r.SlsWriteRoleArn = testRoleArn
		r.OssBucketName = "audit-bucket"
		r.OssKeyPrefix = "audit-prefix"
		r.EventRW = "All"
	})
	if err != nil {
		t.Fatalf("CreateTrail: %v", err)
	}
	if out.Name != "audit-trail" || out.HomeRegion != "cn-hangzhou" || out.EventRW != "All" || out.TrailRegion != "All" || out.SlsProjectArn != testSlsArn || out.OssKeyPrefix != "audit-prefix" {
		t.Errorf("CreateTrail answer = %+v", out)
	}

	list := describeTrails(t, c, "", false)
	if len(list) != 1 {
		t.Fatalf("DescribeTrails = %+v", list)
	}
	tr := list[0]
	if tr.Name != "audit-trail" || tr.Status != "Disable" || tr.CreateTime != wireTime(created) || tr.UpdateTime != wireTime(created) ||
		tr.StartLoggingTime != "" || tr.SlsWriteRoleArn != testRoleArn || tr.OssBucketName != "audit-bucket" || tr.OssBucketLocation != "cn-hangzhou" ||
		tr.TrailArn != "acs:actiontrail:cn-hangzhou:"+mockcloud.DefaultAccountID+":trail/audit-trail" || tr.IsOrganizationTrail {
		t.Errorf("listed trail = %+v", tr)
	}

	// A new trail is not logging (the reference: created "in the shutdown state").
	st, err := trailStatus(c)
	if err != nil {
		t.Fatalf("GetTrailStatus: %v", err)
	}
	if st.IsLogging || st.LatestDeliveryTime != "" || !st.OssBucketStatus || !st.SlsLogStoreStatus {
		t.Errorf("status of a new trail = %+v", st)
	}

	clock.Advance(90e9)
	start := actiontrail.CreateStartLoggingRequest()
	start.Name = "audit-trail"
	if _, err := c.StartLogging(start); err != nil {
		t.Fatalf("StartLogging: %v", err)
	}
	st, err = trailStatus(c)
	if err != nil {
		t.Fatalf("GetTrailStatus: %v", err)
	}
	if !st.IsLogging || st.StartLoggingTime != wireTime(clock.Now()) || st.LatestDeliveryLogServiceTime == "" || st.LatestDeliveryTime == "" {
		t.Errorf("status after StartLogging = %+v", st)
	}
	if tr := describeTrails(t, c, "audit-trail", false)[0]; tr.Status != "Enable" {
		t.Errorf("Status after StartLogging = %q", tr.Status)
	}

	// The admin API stands for a failing destination.
	if err := s.ChangeTrail("", "audit-trail", func(tr *mockcloud.Trail) { tr.LatestDeliveryLogServiceError = "ProjectNotExist" }); err != nil {
		t.Fatal(err)
	}
	if st, _ := trailStatus(c); st.LatestDeliveryLogServiceError != "ProjectNotExist" || st.LatestDeliveryError != "" {
		t.Errorf("errors = %q / %q", st.LatestDeliveryLogServiceError, st.LatestDeliveryError)
	}

	stop := actiontrail.CreateStopLoggingRequest()
	stop.Name = "audit-trail"
	if _, err := c.StopLogging(stop); err != nil {
		t.Fatalf("StopLogging: %v", err)
	}
	if st, _ := trailStatus(c); st.IsLogging || st.StopLoggingTime != wireTime(clock.Now()) {
		t.Errorf("status after StopLogging = %+v", st)
	}

	del := actiontrail.CreateDeleteTrailRequest()
	del.Name = "audit-trail"
	if _, err := c.DeleteTrail(del); err != nil {
		t.Fatalf("DeleteTrail: %v", err)
	}
	_, err = c.DeleteTrail(del)
	wantServerError(t, err, mockcloud.CodeTrailNotFound, 404)
	_, err = trailStatus(c)
	wantServerError(t, err, mockcloud.CodeTrailNotFound, 404)
	if n := len(describeTrails(t, c, "", true)); n != 0 {
		t.Errorf("%d trails left", n)
	}
}

func TestActionTrailTrailRules(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{})
	c := newClient(t, host, defaultCred())

	for _, tc := range []struct {
		name, trail string
		f           func(*actiontrail.CreateTrailRequest)
		code        string
		status      int
	}{
		{"short name", "abc", nil, mockcloud.CodeInvalidTrailName, 400},
		{"upper case", "Audit-trail", nil, mockcloud.CodeInvalidTrailName, 400},
		{"digit first", "1audit-trail", nil, mockcloud.CodeInvalidTrailName, 400},
		{"no destination", "no-destination", func(r *actiontrail.CreateTrailRequest) { r.SlsProjectArn = "" }, "InvalidParameter", 400},
		{"bad bucket", "bad-bucket", func(r *actiontrail.CreateTrailRequest) { r.OssBucketName = "Bad_Bucket" }, mockcloud.CodeInvalidBucketName, 400},
		{"short prefix", "short-prefix", func(r *actiontrail.CreateTrailRequest) { r.OssBucketName, r.OssKeyPrefix = "bucket", "abc" }, mockcloud.CodeInvalidPrefix, 400},
		{"event rw", "bad-event-rw", func(r *actiontrail.CreateTrailRequest) { r.EventRW = "read" }, "InvalidParameter", 400},
		{"sls arn", "bad-sls-arn", func(r *actiontrail.CreateTrailRequest) { r.SlsProjectArn = "project/x" }, "InvalidParameter", 400},
		{"role arn", "bad-role-arn", func(r *actiontrail.CreateTrailRequest) { r.SlsWriteRoleArn = "role" }, "InvalidParameter", 400},
		{"trail region", "bad-region", func(r *actiontrail.CreateTrailRequest) { r.TrailRegion = "everywhere" }, "InvalidParameter", 400},
	} {
		_, err := createTrail(c, tc.trail, tc.f)
		if err == nil {
			t.Errorf("%s: accepted", tc.name)
			continue
		}
		wantServerError(t, err, tc.code, tc.status)
	}

	// Names are unique in the account.
	if _, err := createTrail(c, "unique-trail", nil); err != nil {
		t.Fatal(err)
	}
	_, err := createTrail(c, "unique-trail", nil)
	wantServerError(t, err, mockcloud.CodeTrailAlreadyExists, 400)

	// 5 single-account trails per region: 4 more fit.
	for i := 2; i <= mockcloud.MaxTrailsPerRegion; i++ {
		if _, err := createTrail(c, fmt.Sprintf("limit-trail-%d", i), nil); err != nil {
			t.Fatalf("trail %d: %v", i, err)
		}
	}
	_, err = createTrail(c, "limit-trail-6", nil)
	wantServerError(t, err, mockcloud.CodeMaximumTrailsExceeded, 403)
	// Another region has its own five.
	_, err = createTrail(c, "other-region", func(r *actiontrail.CreateTrailRequest) { r.RegionId = "cn-beijing" })
	if err != nil {
		t.Errorf("a trail in another region: %v", err)
	}
	// One multi-account trail across all regions.
	org := func(r *actiontrail.CreateTrailRequest) {
		r.IsOrganizationTrail = requests.NewBoolean(true)
		r.RegionId = "cn-shanghai"
	}
	if _, err := createTrail(c, "org-trail-1", org); err != nil {
		t.Fatal(err)
	}
	_, err = createTrail(c, "org-trail-2", org)
	wantServerError(t, err, mockcloud.CodeMaximumTrailsExceeded, 403)
	// The calling region's trails; other home regions' only as shadows
	// (DescribeTrails reference: "Queries trails in a region",
	// IncludeShadowTrails default false).
	if n := len(describeTrails(t, c, "", true)); n != 5 {
		t.Errorf("the region's trails: %d, want 5", n)
	}
	if n := len(describeTrailsShadows(t, c, "", false, true)); n != 6 {
		t.Errorf("with shadows, without IncludeOrganizationTrail: %d trails, want 6", n)
	}
	all := describeTrailsShadows(t, c, "", true, true)
	if len(all) != 7 {
		t.Errorf("with shadows and IncludeOrganizationTrail: %d trails, want 7", len(all))
	}
	for _, tr := range all {
		if shadow := tr.HomeRegion != mockcloud.DefaultRegion; shadow != (tr.IsShadowTrail == 1) || tr.Region != mockcloud.DefaultRegion {
			t.Errorf("trail %s (home %s): IsShadowTrail %d, Region %s", tr.Name, tr.HomeRegion, tr.IsShadowTrail, tr.Region)
		}
	}
	if got := describeTrails(t, c, "unique-trail,absent-trail,limit-trail-3", false); len(got) != 2 || got[0].Name != "limit-trail-3" || got[1].Name != "unique-trail" {
		t.Errorf("NameList: %+v", got)
	}
}

// UpdateTrail needs the write role again when the destination it writes
// changes (aliyun/terraform-provider-alicloud#3851); an empty value clears a
// destination, and a trail keeps at least one.
func TestActionTrailUpdateTrail(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	c := newClient(t, host, defaultCred())
	if _, err := createTrail(c, "update-trail", func(r *actiontrail.CreateTrailRequest) {
		r.OssBucketName, r.OssWriteRoleArn, r.OssKeyPrefix = "audit-bucket", testRoleArn, "prefix-one"
	}); err != nil {
		t.Fatal(err)
	}
	up := actiontrail.CreateUpdateTrailRequest()
	up.Name = "update-trail"
	up.OssKeyPrefix = "prefix-two"
	_, err := c.UpdateTrail(up)
	wantServerError(t, err, "InvalidParameter", 400)
	if tr, _ := s.Trail("update-trail"); tr.OssKeyPrefix != "prefix-one" {
		t.Errorf("a refused update changed the prefix to %q", tr.OssKeyPrefix)
	}
	up.OssWriteRoleArn = testRoleArn
	up.EventRW = "Read"
	if _, err := c.UpdateTrail(up); err != nil {
		t.Fatalf("UpdateTrail with the role: %v", err)
	}
	tr, _ := s.Trail("update-trail")
	if tr.OssKeyPrefix != "prefix-two" || tr.EventRW != "Read" || tr.SlsProjectArn != testSlsArn || tr.OssBucketName != "audit-bucket" {
		t.Errorf("after update: %+v", tr)
	}

	// Empty values clear (the typed SDK drops empty strings: CommonRequest).
	updateRaw := func(params map[string]string) error {
		req := requests.NewCommonRequest()
		req.Method, req.Scheme, req.Domain = requests.POST, "http", host
		req.Product, req.Version, req.ApiName = "Actiontrail", "2020-07-06", "UpdateTrail"
		req.QueryParams["Name"] = "update-trail"
		for k, v := range params {
			req.QueryParams[k] = v
		}
		_, err := c.ProcessCommonRequest(req)
		return err
	}
	if err := updateRaw(map[string]string{"SlsProjectArn": "", "SlsWriteRoleArn": ""}); err != nil {
		t.Fatalf("clearing Log Service delivery: %v", err)
	}
	if tr, _ := s.Trail("update-trail"); tr.SlsProjectArn != "" || *tr.DeliversToSLS {
		t.Errorf("Log Service delivery not cleared: %+v", tr)
	}
	err = updateRaw(map[string]string{"OssBucketName": "", "OssKeyPrefix": "", "OssWriteRoleArn": ""})
	wantServerError(t, err, "InvalidParameter", 400)

	absent := actiontrail.CreateUpdateTrailRequest()
	absent.Name = "absent-trail"
	absent.EventRW = "All"
	_, err = c.UpdateTrail(absent)
	wantServerError(t, err, mockcloud.CodeTrailNotFound, 404)
}

// A history delivery job needs a trail that delivers to Log Service: the
// trails CreateTrail makes are the ones the job looks at.
func TestActionTrailJobOnCreatedTrail(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{})
	c := newClient(t, host, defaultCred())
	if _, err := createTrail(c, "oss-only-trail", func(r *actiontrail.CreateTrailRequest) { r.SlsProjectArn, r.OssBucketName = "", "audit-bucket" }); err != nil {
		t.Fatal(err)
	}
	_, err := createJob(c, "oss-only-trail", "")
	wantServerError(t, err, mockcloud.CodeTrailNotDeliveringToSLS, 400)
	if _, err := createTrail(c, "sls-trail", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := createJob(c, "sls-trail", ""); err != nil {
		t.Errorf("job on a Log Service trail: %v", err)
	}
}

func TestActionTrailTrailWrongSecret(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{})
	c := newClient(t, host, credentials.NewAccessKeyCredential(mockcloud.DefaultAccessKeyID, "wrong-secret"))
	_, err := createTrail(c, "signed-trail", nil)
	wantServerError(t, err, "SignatureDoesNotMatch", 400)
}
