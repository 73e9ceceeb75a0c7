package actiontrail_test

import (
	"regexp"
	"strconv"
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

const seqJobTrail = "job-trail"

// jobSeqPath is the history delivery job's create (CreateDeliveryHistoryJob
// with its token; the job list when it waits for a running job;
// GetDeliveryHistoryJob to read it back). The other run's "same object"
// is another job of the trail: a job has no name, its token is the key.
func jobSeqPath() acctest.FaultPath {
	return acctest.FaultPath{
		Name: "history delivery job", TypeName: "cloudtrack_actiontrail_history_delivery_job",
		Config:  map[string]any{"trail_name": seqJobTrail, "wait_for_completion": false},
		Product: "Actiontrail", Creates: "CreateDeliveryHistoryJob", Reads: "GetDeliveryHistoryJob,ListDeliveryHistoryJobs",
		Setup: func(m *mockcloud.Server) error { return m.SeedTrail(mockcloud.Trail{Name: seqJobTrail}) },
		Foreign: func(m *mockcloud.Server, created time.Time) (string, error) {
			id, err := m.SeedJob(mockcloud.Job{TrailName: seqJobTrail, CreatedTime: created})
			return strconv.FormatInt(id, 10), err
		},
		Holders: func(m *mockcloud.Server) []string {
			var ids []string
			for _, j := range m.Jobs() {
				if j.TrailName == seqJobTrail {
					ids = append(ids, strconv.FormatInt(j.ID, 10))
				}
			}
			return ids
		},
	}
}

// jobStarted is the action's progress line naming the job it started.
var jobStarted = regexp.MustCompile(`history delivery job (\d+) started`)

// actionSeqPath is the history delivery action's invocation: the job's
// create (createJob, shared with the resource), then the wait for the job
// to finish. It keeps no state: the job it made is the one its progress
// names, which must be its own and the only one it made.
func actionSeqPath() acctest.FaultPath {
	p := jobSeqPath()
	p.Name, p.TypeName, p.Action = "history delivery action", "cloudtrack_actiontrail_history_delivery", true
	p.Config = map[string]any{"trail_name": seqJobTrail}
	p.Reported = func(a acctest.Applied) string {
		for _, msg := range a.Progress {
			if m := jobStarted.FindStringSubmatch(msg); m != nil {
				return m[1]
			}
		}
		return ""
	}
	return p
}

// Every sequence of up to 3 faults on the action's create, find and wait
// starts exactly one job of this invocation, or none, and names it; never
// reports another run's job as its own; ends within its bound, with an
// error naming the cause.
func TestCreateSequences_historyDeliveryAction(t *testing.T) {
	t.Parallel()
	acctest.ExploreCreateFaults(t, actionSeqPath(), 3)
}

// Every sequence of up to 3 faults on the job's create (its token makes
// it idempotent), waits and read-back ends with exactly one job of this
// run in its state or none, never the other run's, within its bound, and
// an error naming the cause.
func TestCreateSequences_historyDeliveryJob(t *testing.T) {
	t.Parallel()
	acctest.ExploreCreateFaults(t, jobSeqPath(), 3)
}

// Every sequence of up to 3 faults on the trail's create, find and
// read-back ends with the trail in exactly this run's state or none, never
// the other run's (except where no API can tell), within its bound, and an
// error naming the cause.
func TestCreateSequences_trail(t *testing.T) {
	t.Parallel()
	acctest.ExploreCreateFaults(t, trailSeqPath(), 3)
}

// With credentials from STS AssumeRole, every sequence of up to 3 events,
// AssumeRole's throttling and 5xx included, on the trail's create, find
// and read-back keeps the same invariants: a token-expired refusal is
// renewed through STS and made nothing, so "already exists" after it is
// the other run's and is refused (naming the import command) unless an
// attempt of the create itself had an unknown outcome; AssumeRole's own
// failures never count as one.
func TestCreateSequences_trailWithAssumeRole(t *testing.T) {
	t.Parallel()
	p := trailSeqPath()
	p.Name, p.AssumeRole = "trail (assume_role)", true
	acctest.ExploreCreateFaults(t, p, 3)
}
