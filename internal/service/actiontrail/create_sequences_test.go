package actiontrail_test

import (
	"os"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

const seqTrail = "shared-trail"

// trailSeqPath is the trail's create (CreateTrail, then DescribeTrails and
// GetTrailStatus for the find and the read-back) for the explorer.
func trailSeqPath() acctest.FaultPath {
	return acctest.FaultPath{
		Name: "trail", TypeName: "cloudtrack_actiontrail_trail",
		Config:  map[string]any{"name": seqTrail, "sls_project_arn": slsArn},
		Product: "Actiontrail", Creates: "CreateTrail", Reads: "DescribeTrails,GetTrailStatus",
		Foreign: func(m *mockcloud.Server, created time.Time) (string, error) {
			if _, ok := m.Trail(seqTrail); ok {
				return "", nil
			}
			return seqTrail, m.SeedTrail(mockcloud.Trail{Name: seqTrail, SlsProjectArn: slsArn, CreateTime: created, Status: mockcloud.TrailDisabled})
		},
		Holders: func(m *mockcloud.Server) []string {
			if _, ok := m.Trail(seqTrail); ok {
				return []string{seqTrail}
			}
			return nil
		},
	}
}

// Every sequence of up to 3 faults on the trail's create, find and
// read-back ends with the trail in exactly this run's state or none, never
// the other run's (except where no API can tell), within its bound, and an
// error naming the cause.
func TestCreateSequences_trail(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1")
	}
	acctest.ExploreCreateFaults(t, trailSeqPath(), 3, acctest.SeqWorkers)
}
