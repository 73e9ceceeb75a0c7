package cloudaudit_test

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

const seqTrack = "shared-track"

var seqStorage = map[string]any{"type": "cos", "region": "ap-guangzhou", "name": "audit-bucket", "prefix": "cloudaudit"}

// trackSeqPath is the track's create in one form (CreateAuditTrack or
// CreateEventsAuditTrack, then DescribeAuditTracks to find it and
// DescribeAuditTrack to read it back) for the explorer; seed is the same
// track as another run would make it.
func trackSeqPath(name string, config map[string]any, create string, seed mockcloud.AuditTrack) acctest.FaultPath {
	return acctest.FaultPath{
		Name: name, TypeName: "cloudtrack_cloudaudit_track", Config: config, Tencent: true,
		Product: mockcloud.CloudAuditProduct, Creates: create, Reads: "DescribeAuditTracks,DescribeAuditTrack",
		Foreign: func(m *mockcloud.Server, created time.Time) (string, error) {
			if slices.ContainsFunc(m.AuditTracks(), func(t mockcloud.AuditTrack) bool { return t.Name == seqTrack }) {
				return "", nil
			}
			seed.CreateTime = created
			id, err := m.SeedAuditTrack(seed)
			return strconv.FormatUint(id, 10), err
		},
		Holders: func(m *mockcloud.Server) []string {
			var ids []string
			for _, t := range m.AuditTracks() {
				if t.Name == seqTrack {
					ids = append(ids, strconv.FormatUint(t.ID, 10))
				}
			}
			return ids
		},
	}
}

var seqStorageSeed = mockcloud.AuditStorage{Type: "cos", Region: "ap-guangzhou", Name: "audit-bucket", Prefix: "cloudaudit"}

// simpleTrackSeqPath is the track's simple form (CreateAuditTrack).
func simpleTrackSeqPath() acctest.FaultPath {
	return trackSeqPath("track (simple form)", map[string]any{
		"name": seqTrack, "action_type": "Write", "resource_type": "cos", "event_names": []string{"PutObject", "DeleteObject"}, "storage": seqStorage,
	}, "CreateAuditTrack", mockcloud.AuditTrack{
		Name: seqTrack, Status: 1, ActionType: "Write", ResourceType: "cos", EventNames: []string{"PutObject", "DeleteObject"}, Storage: seqStorageSeed,
	})
}

// Every sequence of up to 3 faults on either form of the track's create,
// find and read-back ends with the track in exactly this run's state or
// none, never the other run's (except where no API can tell), within its
// bound, and an error naming the cause.
func TestCreateSequences_track(t *testing.T) {
	paths := []acctest.FaultPath{
		simpleTrackSeqPath(),
		trackSeqPath("track (filters form)", map[string]any{
			"name": seqTrack, "storage": seqStorage,
			"filters": []map[string]any{{"resource_type": "cam", "action_type": "Read", "event_names": []string{"*"}}},
		}, "CreateEventsAuditTrack", mockcloud.AuditTrack{
			Name: seqTrack, Status: 1, Storage: seqStorageSeed,
			Filters: []mockcloud.AuditResourceFilter{{ResourceType: "cam", ActionType: "Read", EventNames: []string{"*"}}},
		}),
	}
	for _, p := range paths {
		t.Run(p.Name, func(t *testing.T) {
			t.Parallel()
			acctest.ExploreCreateFaults(t, p, 3)
		})
	}
}

// With credentials from STS AssumeRole (Tencent's sts), every sequence of
// up to 3 events, AssumeRole's throttling and 5xx included, on the track's
// create, find and read-back keeps the same invariants: a token-expired
// refusal is renewed through STS and made nothing, so "already exists"
// after it is the other run's and is refused (naming the import command)
// unless an attempt of the create itself had an unknown outcome;
// AssumeRole's own failures never count as one.
func TestCreateSequences_trackWithAssumeRole(t *testing.T) {
	t.Parallel()
	p := simpleTrackSeqPath()
	p.Name, p.AssumeRole = "track (simple form, assume_role)", true
	acctest.ExploreCreateFaults(t, p, 3)
}
