package mockcloud_test

import (
	"fmt"
	"testing"

	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// Tracks seeded, changed and deleted through the admin API are what the
// SDK then sees; the track limit is adjustable; Reset restores it.
func TestCloudAuditAdminAPI(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{AuditTrackLimit: 3})
	c := newAuditClient(t, host, defaultTCCred())

	var tr mockcloud.AuditTrack
	admin(t, host, "POST", "/_mock/cloudaudit/tracks", map[string]any{
		"name": "seeded", "status": 1, "action_type": "*", "resource_type": "*", "event_names": []string{"*"},
		"storage": map[string]any{"type": "cos", "region": "ap-guangzhou", "name": "bucket", "prefix": "audit"},
	}, 201, &tr)
	if tr.ID == 0 || tr.AccountID != mockcloud.DefaultAccountID || tr.CreateTime.IsZero() {
		t.Errorf("seeded %+v", tr)
	}
	admin(t, host, "POST", "/_mock/cloudaudit/tracks", map[string]any{"name": "x"}, 400, nil)
	admin(t, host, "POST", "/_mock/cloudaudit/tracks", map[string]any{"nme": "x"}, 400, nil)

	path := fmt.Sprintf("/_mock/cloudaudit/tracks/%d", tr.ID)
	admin(t, host, "PATCH", path, map[string]any{"status": 0, "storage": map[string]any{"type": "cls", "region": "ap-shanghai", "name": "topic", "prefix": "audit"}}, 200, &tr)
	got, err := describeTrack(c, tr.ID)
	if err != nil {
		t.Fatal(err)
	}
	if *got.Status != 0 || *got.Storage.StorageType != "cls" || *got.Name != "seeded" {
		t.Errorf("SDK sees %s", common.StringValues([]*string{got.Name, got.Storage.StorageType}))
	}
	admin(t, host, "PATCH", path, map[string]any{"status": 7}, 400, nil)
	admin(t, host, "GET", path, nil, 200, &tr)
	var list struct{ Tracks []mockcloud.AuditTrack }
	admin(t, host, "GET", "/_mock/cloudaudit/tracks", nil, 200, &list)
	if len(list.Tracks) != 1 {
		t.Errorf("tracks = %+v", list)
	}

	var limit struct {
		TrackLimit int `json:"track_limit"`
	}
	admin(t, host, "GET", "/_mock/cloudaudit/limit", nil, 200, &limit)
	if limit.TrackLimit != 3 {
		t.Errorf("limit from Options = %d", limit.TrackLimit)
	}
	admin(t, host, "PUT", "/_mock/cloudaudit/limit", map[string]any{"track_limit": 1}, 200, &limit)
	_, err = c.CreateAuditTrack(simpleTrackRequest("second"))
	wantTCError(t, err, "LimitExceeded.OverAmount")
	admin(t, host, "PUT", "/_mock/cloudaudit/limit", map[string]any{}, 400, nil)

	admin(t, host, "DELETE", path, nil, 200, nil)
	admin(t, host, "DELETE", path, nil, 404, nil)
	admin(t, host, "GET", "/_mock/cloudaudit/tracks/abc", nil, 400, nil)
	req := ca.NewDescribeAuditTrackRequest()
	req.TrackId = common.Uint64Ptr(tr.ID)
	_, err = c.DescribeAuditTrack(req)
	wantTCError(t, err, "ResourceNotFound.AuditNotExist")

	s.Reset()
	if n := s.AuditTrackLimit(); n != 3 {
		t.Errorf("limit after Reset = %d, want the Options value 3", n)
	}
}

// The CloudAudit section survives a restart from the state file.
func TestCloudAuditPersists(t *testing.T) {
	t.Parallel()
	file := t.TempDir() + "/state.json"
	s, host := newMock(t, mockcloud.Options{StateFile: file})
	id := mustCreateTrack(t, newAuditClient(t, host, defaultTCCred()), simpleTrackRequest("kept"))
	s.SetAuditTrackLimit(9)

	s2, host2 := newMock(t, mockcloud.Options{StateFile: file})
	got, err := describeTrack(newAuditClient(t, host2, defaultTCCred()), id)
	if err != nil || *got.Name != "kept" {
		t.Fatalf("after restart: %v", err)
	}
	if n := s2.AuditTrackLimit(); n != 9 {
		t.Errorf("limit after restart = %d", n)
	}
	if id2 := mustCreateTrack(t, newAuditClient(t, host2, defaultTCCred()), simpleTrackRequest("next")); id2 <= id {
		t.Errorf("ids must keep increasing: %d after %d", id2, id)
	}
}
