package mockcloud_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// admin calls the admin API and decodes the answer into out (if not nil).
func admin(t *testing.T, host, method, path string, body any, wantStatus int, out any) {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	base := "http://" + host
	if strings.HasPrefix(host, "https://") {
		base = host // a TLS mock; the CA is trusted through SSL_CERT_FILE
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != wantStatus {
		t.Fatalf("%s %s: HTTP %d, want %d: %s", method, path, resp.StatusCode, wantStatus, data)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s %s: Content-Type %q", method, path, ct)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: decoding %s: %v", method, path, data, err)
		}
	}
}

func TestAdminAPI(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	c := newClient(t, host, defaultCred())

	var health map[string]any
	admin(t, host, "GET", "/_mock/health", nil, 200, &health)
	if health["status"] != "ok" {
		t.Errorf("health = %v", health)
	}

	// Trails.
	var trail mockcloud.Trail
	admin(t, host, "POST", "/_mock/actiontrail/trails", map[string]any{"name": "t1", "fail_regions": []string{"cn-shanghai"}}, 201, &trail)
	if trail.HomeRegion != "cn-hangzhou" || len(trail.Regions) != 2 || trail.DeliversToSLS == nil || !*trail.DeliversToSLS {
		t.Errorf("created trail = %+v", trail)
	}
	admin(t, host, "POST", "/_mock/actiontrail/trails", map[string]any{"name": "t2", "delivers_to_sls": false}, 201, nil)
	var trails struct{ Trails []mockcloud.Trail }
	admin(t, host, "GET", "/_mock/actiontrail/trails", nil, 200, &trails)
	if len(trails.Trails) != 2 {
		t.Errorf("trails = %+v", trails)
	}
	admin(t, host, "DELETE", "/_mock/actiontrail/trails/t2", nil, 200, nil)
	admin(t, host, "DELETE", "/_mock/actiontrail/trails/t2", nil, 404, nil)

	// Jobs: seeded through HTTP, seen through the SDK.
	var seeded struct {
		JobIDs []int64 `json:"job_ids"`
	}
	admin(t, host, "POST", "/_mock/actiontrail/jobs", map[string]any{"trail_name": "t1", "status": 2, "count": 3}, 201, &seeded)
	if len(seeded.JobIDs) != 3 {
		t.Fatalf("seeded %v", seeded)
	}
	if l := mustList(t, c, 1, 10); l.TotalCount != 3 || l.DeliveryHistoryJobs[0].JobId != seeded.JobIDs[2] {
		t.Errorf("SDK lists %+v", l)
	}
	admin(t, host, "POST", "/_mock/actiontrail/jobs", map[string]any{"trail_name": "nope"}, 404, nil)

	id := seeded.JobIDs[0]
	var job mockcloud.Job
	admin(t, host, "PATCH", fmt.Sprintf("/_mock/actiontrail/jobs/%d", id), map[string]any{
		"status":          3,
		"region_statuses": []map[string]any{{"region": "cn-hangzhou", "status": 3}, {"region": "cn-shanghai", "status": 2}},
	}, 200, &job)
	if job.Status != 3 || !job.Pinned || job.EndTime.IsZero() {
		t.Errorf("patched job = %+v", job)
	}
	got := mustGet(t, c, id)
	if got.JobStatus != 3 || len(got.Status) != 2 || got.Status[0].Status != 3 || got.Status[1].Status != 2 {
		t.Errorf("SDK sees %+v", got)
	}
	admin(t, host, "GET", fmt.Sprintf("/_mock/actiontrail/jobs/%d", id), nil, 200, &job)
	admin(t, host, "PATCH", fmt.Sprintf("/_mock/actiontrail/jobs/%d", id), map[string]any{"status": 9}, 400, nil)
	admin(t, host, "PATCH", fmt.Sprintf("/_mock/actiontrail/jobs/%d", id), map[string]any{"sttus": 1}, 400, nil)
	admin(t, host, "DELETE", fmt.Sprintf("/_mock/actiontrail/jobs/%d", id), nil, 200, nil)
	_, err := getJob(c, id)
	wantServerError(t, err, "DeliveryHistoryJobNotFound", 404)
	admin(t, host, "DELETE", fmt.Sprintf("/_mock/actiontrail/jobs/%d", id), nil, 404, nil)
	admin(t, host, "GET", "/_mock/actiontrail/jobs/abc", nil, 400, nil)
	var jobs struct{ Jobs []mockcloud.Job }
	admin(t, host, "GET", "/_mock/actiontrail/jobs", nil, 200, &jobs)
	if len(jobs.Jobs) != 2 {
		t.Errorf("jobs = %d", len(jobs.Jobs))
	}

	// Faults.
	var fault struct{ ID string }
	admin(t, host, "POST", "/_mock/faults", map[string]any{"action": "GetDeliveryHistoryJob", "code": "ServiceUnavailable", "count": 1, "latency_ms": 1}, 201, &fault)
	if fault.ID == "" {
		t.Fatal("no fault id")
	}
	var faults struct{ Faults []mockcloud.Fault }
	admin(t, host, "GET", "/_mock/faults", nil, 200, &faults)
	if len(faults.Faults) != 1 || faults.Faults[0].HTTPStatus != 503 || faults.Faults[0].Latency.Milliseconds() != 1 {
		t.Errorf("faults = %+v", faults)
	}
	_, err = getJob(c, seeded.JobIDs[1])
	wantServerError(t, err, "ServiceUnavailable", 503)
	admin(t, host, "POST", "/_mock/faults", map[string]any{"mode": "explode"}, 400, nil)
	admin(t, host, "POST", "/_mock/faults", map[string]any{"mode": "drop"}, 201, &fault)
	admin(t, host, "DELETE", "/_mock/faults/"+fault.ID, nil, 200, nil)
	admin(t, host, "POST", "/_mock/faults", map[string]any{"mode": "drop"}, 201, nil)
	admin(t, host, "DELETE", "/_mock/faults", nil, 200, nil)
	if len(s.Faults()) != 0 {
		t.Errorf("faults left: %+v", s.Faults())
	}

	// Calls.
	var calls struct{ Calls, Succeeded map[string]int }
	admin(t, host, "GET", "/_mock/calls", nil, 200, &calls)
	if calls.Calls["Actiontrail.GetDeliveryHistoryJob"] != 3 || calls.Succeeded["Actiontrail.GetDeliveryHistoryJob"] != 1 {
		t.Errorf("calls = %+v", calls)
	}
	admin(t, host, "DELETE", "/_mock/calls", nil, 200, nil)
	if n := s.Calls("", ""); n != 0 {
		t.Errorf("calls after DELETE: %d", n)
	}

	// Rate limits.
	var limits mockcloud.RateLimitStatus
	admin(t, host, "PUT", "/_mock/ratelimits", map[string]any{"product": "Actiontrail", "action": "ListDeliveryHistoryJobs", "per_second": 1}, 200, &limits)
	if !limits.Enabled || len(limits.Overrides) != 1 || len(limits.Defaults) < 2 {
		t.Errorf("limits = %+v", limits)
	}
	mustList(t, c, 1, 10)
	_, err = listJobs(c, 1, 10)
	wantServerError(t, err, "Throttling.User", 400)
	admin(t, host, "PUT", "/_mock/ratelimits/enabled", map[string]any{"enabled": false}, 200, &limits)
	mustList(t, c, 1, 10)
	admin(t, host, "PUT", "/_mock/ratelimits/enabled", "{}", 400, nil)

	// Clock: the offset shifts the server clock, not the signature window
	// (clients sign with their real clock).
	admin(t, host, "PUT", "/_mock/clock", map[string]any{"offset_seconds": 1800, "job_step_ms": 5}, 200, nil)
	mustList(t, c, 1, 10)
	if d := time.Until(s.Now()); d < 29*time.Minute {
		t.Errorf("server clock shifted by %v, want 30m", d)
	}
	admin(t, host, "PUT", "/_mock/clock", map[string]any{"offset_seconds": 0}, 200, nil)
	var clock map[string]any
	admin(t, host, "GET", "/_mock/clock", nil, 200, &clock)
	if clock["job_step_ms"] != 5.0 || clock["offset_seconds"] != 0.0 || s.JobStep().Milliseconds() != 5 {
		t.Errorf("clock = %v", clock)
	}
	mustList(t, c, 1, 10)

	// State, unknown paths, reset.
	var state map[string]any
	admin(t, host, "GET", "/_mock/state", nil, 200, &state)
	if state["actiontrail"] == nil {
		t.Errorf("state = %v", state)
	}
	var notFound map[string]string
	admin(t, host, "GET", "/_mock/nope", nil, 404, &notFound)
	if notFound["error"] == "" {
		t.Errorf("404 body = %v", notFound)
	}
	admin(t, host, "POST", "/_mock/health", nil, 404, nil)
	admin(t, host, "POST", "/_mock/reset", nil, 200, nil)
	if len(s.Trails()) != 0 || len(s.Jobs()) != 0 || s.JobStep() != mockcloud.DefaultJobStep {
		t.Errorf("reset left state behind")
	}
}
