package mockcloud_test

import (
	"fmt"
	"strings"
	"testing"

	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// SDK v1.3.40's Storage.Compress and the ckafka storage type, through the
// official client: accepted, kept by a modify that does not send Compress,
// answered by DescribeAuditTrack and DescribeAuditTracks. The 3-40
// alphanumeric prefix rule is COS's only.
func TestCloudAuditStorageCkafkaAndCompress(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{})
	c := newAuditClient(t, host, defaultTCCred())

	req := simpleTrackRequest("kafka-track")
	req.Storage = &ca.Storage{
		StorageType:   common.StringPtr("ckafka"),
		StorageRegion: common.StringPtr("ap-shanghai"),
		StorageName:   common.StringPtr("ckafka-abc123/tencent_test_audit_log"),
		StoragePrefix: common.StringPtr("audit/logs"),
		Compress:      common.Uint64Ptr(1),
	}
	id := mustCreateTrack(t, c, req)
	d, err := describeTrack(c, id)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Storage; *got.StorageType != "ckafka" || *got.StorageName != "ckafka-abc123/tencent_test_audit_log" || got.Compress == nil || *got.Compress != 1 {
		t.Errorf("storage = %+v", d.Storage)
	}

	// A modify without Compress keeps it.
	mod := ca.NewModifyAuditTrackRequest()
	mod.TrackId = &id
	mod.Storage = &ca.Storage{StorageType: common.StringPtr("cls"), StorageRegion: common.StringPtr("ap-guangzhou"),
		StorageName: common.StringPtr("topic-1"), StoragePrefix: common.StringPtr("x")}
	if _, err := c.ModifyAuditTrack(mod); err != nil {
		t.Fatal(err)
	}
	d, err = describeTrack(c, id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Storage.Compress == nil || *d.Storage.Compress != 1 || *d.Storage.StorageType != "cls" {
		t.Errorf("after modify: %+v", d.Storage)
	}

	// A create without Compress gets 2 (not compressed).
	id2 := mustCreateTrack(t, c, simpleTrackRequest("plain-track"))
	d, err = describeTrack(c, id2)
	if err != nil {
		t.Fatal(err)
	}
	if d.Storage.Compress == nil || *d.Storage.Compress != 2 {
		t.Errorf("default compress: %+v", d.Storage)
	}

	list := ca.NewDescribeAuditTracksRequest()
	list.PageNumber, list.PageSize = common.Uint64Ptr(1), common.Uint64Ptr(10)
	out, err := c.DescribeAuditTracks(list)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range out.Response.Tracks {
		if tr.Storage == nil || tr.Storage.Compress == nil {
			t.Errorf("track %d listed without Compress", *tr.TrackId)
		}
	}
}

// The mock and the contract agree on CloudAudit's integer enums (read by
// internal/contract/gen from the prose, e.g. Compress "1:压缩 2:不压缩",
// Status "未开启：0；开启：1"): a value inside them is served and passes the
// fidelity check; one outside is refused (InvalidParameterValue) and the
// fidelity check names it.
func TestCloudAuditIntegerEnums(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	c := newAuditClient(t, host, defaultTCCred())
	requestDiffs := func() []string {
		var out []string
		for _, v := range s.ContractViolations() {
			if v.Kind == "request" {
				out = append(out, v.Detail)
			}
		}
		return out
	}
	for i, tc := range []struct {
		compress, status, members uint64
		ok                        bool
		field                     string
	}{
		{1, 1, 0, true, ""}, {2, 0, 1, true, ""},
		{0, 1, 0, false, "Storage.Compress=0"}, {3, 1, 0, false, "Storage.Compress=3"},
		{1, 2, 0, false, "Status=2"}, {1, 1, 2, false, "TrackForAllMembers=2"},
	} {
		before := len(requestDiffs())
		req := simpleTrackRequest(fmt.Sprintf("enum-track-%d", i))
		req.Storage.Compress = common.Uint64Ptr(tc.compress)
		req.Status = common.Uint64Ptr(tc.status)
		req.TrackForAllMembers = common.Uint64Ptr(tc.members)
		_, err := c.CreateAuditTrack(req)
		diffs := requestDiffs()[before:]
		if tc.ok {
			if err != nil || len(diffs) > 0 {
				t.Errorf("%+v: %v; contract differences %q", tc, err, diffs)
			}
			continue
		}
		wantTCError(t, err, "InvalidParameterValue")
		if len(diffs) != 1 || !strings.Contains(diffs[0], tc.field) || !strings.Contains(diffs[0], "is not one of") {
			t.Errorf("%+v: the fidelity check found %q, want %s named", tc, diffs, tc.field)
		}
	}
}
