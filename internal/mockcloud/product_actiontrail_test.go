package mockcloud_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

const step = 10 * time.Second

func wireTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

func TestActionTrailLifecycle(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	s, host := newMock(t, mockcloud.Options{Now: clock.Now, JobStep: step})
	seedTrail(t, s, mockcloud.Trail{Name: "trail-1"})
	c := newClient(t, host, defaultCred())
	created := clock.Now()

	id := mustCreate(t, c, "trail-1", "")
	if id != 10001 {
		t.Errorf("first JobId = %d, want 10001", id)
	}

	got := mustGet(t, c, id)
	if got.JobId != id || got.TrailName != "trail-1" || got.HomeRegion != "cn-hangzhou" || got.JobStatus != mockcloud.JobInitializing {
		t.Errorf("Get = %+v", got)
	}
	if got.CreatedTime != wireTime(created) || got.StartTime != wireTime(created) || got.UpdatedTime != wireTime(created) || got.EndTime != "" {
		t.Errorf("times = created %s start %s updated %s end %q", got.CreatedTime, got.StartTime, got.UpdatedTime, got.EndTime)
	}
	if len(got.Status) != 2 || got.Status[0].Region != "cn-hangzhou" || got.Status[1].Region != "cn-shanghai" || got.Status[0].Status != 0 {
		t.Errorf("region statuses = %+v", got.Status)
	}

	// A running job cannot be deleted.
	wantServerError(t, deleteJob(c, id), mockcloud.CodeDeliveryHistoryJobRunning, 400)

	clock.Advance(step)
	got = mustGet(t, c, id)
	if got.JobStatus != mockcloud.JobDelivering || got.UpdatedTime != wireTime(created.Add(step)) || got.Status[1].Status != 1 {
		t.Errorf("after one step: %+v", got)
	}

	clock.Advance(step)
	got = mustGet(t, c, id)
	if got.JobStatus != mockcloud.JobComplete || got.EndTime != wireTime(created.Add(2*step)) || got.UpdatedTime != got.EndTime {
		t.Errorf("after two steps: %+v", got)
	}
	for _, rs := range got.Status {
		if rs.Status != mockcloud.JobComplete {
			t.Errorf("region %s status %d, want 2", rs.Region, rs.Status)
		}
	}

	list := mustList(t, c, -1, -1)
	if list.TotalCount != 1 || list.PageNumber != 1 || list.PageSize != 20 || len(list.DeliveryHistoryJobs) != 1 {
		t.Fatalf("List = %+v", list)
	}
	if j := list.DeliveryHistoryJobs[0]; j.JobId != id || j.JobStatus != 2 || j.EndTime != got.EndTime || j.TrailName != "trail-1" {
		t.Errorf("listed job = %+v", j)
	}

	if err := deleteJob(c, id); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	_, err := getJob(c, id)
	wantServerError(t, err, "DeliveryHistoryJobNotFound", 404)
	wantServerError(t, deleteJob(c, id), "DeliveryHistoryJobNotFound", 404)
	if _, ok := s.Job(id); ok {
		t.Errorf("job still in the store")
	}
}

func TestActionTrailFailRegions(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	s, host := newMock(t, mockcloud.Options{Now: clock.Now, JobStep: step})
	seedTrail(t, s, mockcloud.Trail{Name: "t", HomeRegion: "cn-beijing", Regions: []string{"cn-hangzhou", "cn-shanghai", "cn-beijing"}, FailRegions: []string{"cn-shanghai"}})
	c := newClient(t, host, defaultCred())

	id := mustCreate(t, c, "t", "")
	clock.Advance(2 * step)
	got := mustGet(t, c, id)
	if got.JobStatus != mockcloud.JobFailed || got.HomeRegion != "cn-beijing" || got.EndTime == "" {
		t.Fatalf("Get = %+v", got)
	}
	want := map[string]int{"cn-hangzhou": 2, "cn-shanghai": 3, "cn-beijing": 2}
	if len(got.Status) != len(want) {
		t.Fatalf("region statuses = %+v", got.Status)
	}
	for _, rs := range got.Status {
		if want[rs.Region] != rs.Status {
			t.Errorf("region %s status %d, want %d", rs.Region, rs.Status, want[rs.Region])
		}
	}
	// A failed job is finished: it can be deleted and does not block.
	if _, err := createJob(c, "t", ""); err != nil {
		t.Errorf("create after a failed job: %v", err)
	}
	if err := deleteJob(c, id); err != nil {
		t.Errorf("delete failed job: %v", err)
	}
}

func TestActionTrailClientToken(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	s, host := newMock(t, mockcloud.Options{Now: clock.Now, JobStep: step})
	seedTrail(t, s, mockcloud.Trail{Name: "t"})
	c := newClient(t, host, defaultCred())

	id := mustCreate(t, c, "t", "token-1")
	again := mustCreate(t, c, "t", "token-1")
	if again != id {
		t.Errorf("same ClientToken: JobId %d, want %d", again, id)
	}
	if n := len(s.Jobs()); n != 1 {
		t.Errorf("%d jobs, want 1", n)
	}
	if j, _ := s.Job(id); j.ClientToken != "token-1" {
		t.Errorf("ClientToken = %q", j.ClientToken)
	}

	// Another token is a new request, refused while the first job runs.
	_, err := createJob(c, "t", "token-2")
	wantServerError(t, err, mockcloud.CodeDeliveryHistoryJobRunning, 400)

	_, err = createJob(c, "t", strings.Repeat("x", 65))
	wantServerError(t, err, "InvalidParameter", 400)
}

func TestActionTrailOneRunningJobPerAccount(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	s, host := newMock(t, mockcloud.Options{
		Now:         clock.Now,
		JobStep:     step,
		Credentials: []mockcloud.Credential{{AccessKeyID: "other-ak", AccessKeySecret: "other-sk", AccountID: "222"}},
	})
	seedTrail(t, s, mockcloud.Trail{Name: "t"})
	seedTrail(t, s, mockcloud.Trail{Name: "t", AccountID: "222"})
	c := newClient(t, host, defaultCred())
	other := newClient(t, host, credentials.NewAccessKeyCredential("other-ak", "other-sk"))

	first := mustCreate(t, c, "t", "")
	_, err := createJob(c, "t", "")
	se := asServerError(t, err, mockcloud.CodeDeliveryHistoryJobRunning, 400)
	if se.Message() != mockcloud.MsgDeliveryHistoryJobRunning {
		t.Errorf("message = %q", se.Message())
	}

	// Another account is not blocked, and cannot see the first job.
	otherID := mustCreate(t, other, "t", "")
	_, err = getJob(other, first)
	wantServerError(t, err, "DeliveryHistoryJobNotFound", 404)
	if l := mustList(t, other, 1, 10); l.TotalCount != 1 || l.DeliveryHistoryJobs[0].JobId != otherID {
		t.Errorf("other account lists %+v", l)
	}

	clock.Advance(2 * step)
	if _, err := createJob(c, "t", ""); err != nil {
		t.Errorf("create after the first job finished: %v", err)
	}
}

func TestActionTrailErrors(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	seedTrail(t, s, mockcloud.Trail{Name: "no-sls", DeliversToSLS: mockcloud.Bool(false)})
	c := newClient(t, host, defaultCred())

	_, err := createJob(c, "missing", "")
	se := asServerError(t, err, "TrailNotFoundException", 404)
	if se.Message() != "The specified Trail does not exist." {
		t.Errorf("message = %q", se.Message())
	}
	_, err = createJob(c, "", "")
	wantServerError(t, err, "MissingParameter.TrailName", 400)
	_, err = createJob(c, "no-sls", "")
	wantServerError(t, err, mockcloud.CodeTrailNotDeliveringToSLS, 400)

	_, err = getJob(c, 99999)
	wantServerError(t, err, "DeliveryHistoryJobNotFound", 404)
	req := actiontrail.CreateGetDeliveryHistoryJobRequest()
	req.JobId = requests.Integer("abc")
	_, err = c.GetDeliveryHistoryJob(req)
	wantServerError(t, err, "InvalidParameter", 400)
	_, err = c.GetDeliveryHistoryJob(actiontrail.CreateGetDeliveryHistoryJobRequest())
	wantServerError(t, err, "MissingParameter.JobId", 400)
}

func TestActionTrailPaging(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	seedTrail(t, s, mockcloud.Trail{Name: "t"})
	ids, err := s.SeedJobs("t", 250, mockcloud.JobComplete)
	if err != nil || len(ids) != 250 {
		t.Fatalf("seeded %d jobs", len(ids))
	}
	c := newClient(t, host, defaultCred())

	seen := map[int64]bool{}
	last := int64(1 << 62)
	for page, want := range []int{100, 100, 50} {
		l := mustList(t, c, page+1, 100)
		if l.TotalCount != 250 || l.PageNumber != page+1 || l.PageSize != 100 || len(l.DeliveryHistoryJobs) != want {
			t.Fatalf("page %d: total %d number %d size %d len %d", page+1, l.TotalCount, l.PageNumber, l.PageSize, len(l.DeliveryHistoryJobs))
		}
		for _, j := range l.DeliveryHistoryJobs {
			if j.JobId >= last || seen[j.JobId] {
				t.Fatalf("page %d: job %d out of order or repeated", page+1, j.JobId)
			}
			last = j.JobId
			seen[j.JobId] = true
		}
	}
	if empty := mustList(t, c, 4, 100); len(empty.DeliveryHistoryJobs) != 0 || empty.TotalCount != 250 {
		t.Errorf("page 4 = %d jobs", len(empty.DeliveryHistoryJobs))
	}
	if def := mustList(t, c, -1, -1); len(def.DeliveryHistoryJobs) != 20 || def.DeliveryHistoryJobs[0].JobId != ids[249] {
		t.Errorf("default page: %d jobs, first %d", len(def.DeliveryHistoryJobs), def.DeliveryHistoryJobs[0].JobId)
	}
	for _, size := range []int{0, 101} {
		_, err := listJobs(c, 1, size)
		wantServerError(t, err, "InvalidParameter", 400)
	}
	_, err = listJobs(c, 0, 10)
	wantServerError(t, err, "InvalidParameter", 400)
}

func TestActionTrailGoAPI(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	s, host := newMock(t, mockcloud.Options{Now: clock.Now, JobStep: step})
	seedTrail(t, s, mockcloud.Trail{Name: "t"})
	c := newClient(t, host, defaultCred())

	if _, err := s.SeedJob(mockcloud.Job{TrailName: "nope"}); err == nil {
		t.Errorf("SeedJob for a missing trail succeeded")
	}
	id, err := s.SeedJob(mockcloud.Job{TrailName: "t"})
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(step)
	if j, _ := s.Job(id); j.Status != mockcloud.JobDelivering || j.Pinned {
		t.Errorf("unpinned seeded job after one step: %+v", j)
	}

	// A change behind Terraform's back pins the job.
	if err := s.UpdateJob(id, func(j *mockcloud.Job) { j.Status = mockcloud.JobFailed }); err != nil {
		t.Fatal(err)
	}
	clock.Advance(10 * step)
	got := mustGet(t, c, id)
	if got.JobStatus != mockcloud.JobFailed || got.EndTime != wireTime(clock.Now().Add(-10*step)) {
		t.Errorf("after UpdateJob: %+v", got)
	}
	for _, rs := range got.Status {
		if rs.Status != mockcloud.JobFailed {
			t.Errorf("region %s = %d, want 3", rs.Region, rs.Status)
		}
	}
	if err := s.UpdateJob(424242, func(*mockcloud.Job) {}); err == nil {
		t.Errorf("UpdateJob of a missing job succeeded")
	}

	if !s.DeleteJob(id) || s.DeleteJob(id) {
		t.Errorf("DeleteJob should succeed once")
	}
	if !s.DeleteTrail("t") || s.DeleteTrail("t") {
		t.Errorf("DeleteTrail should succeed once")
	}
	_, err = createJob(c, "t", "")
	wantServerError(t, err, "TrailNotFoundException", 404)

	s.Reset()
	if len(s.Jobs()) != 0 || len(s.Trails()) != 0 {
		t.Errorf("Reset left state behind")
	}
}
