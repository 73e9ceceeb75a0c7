package actiontrail

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// waitJobFinished polls until the job leaves the running states (Pending:
// initializing, delivering; Target: complete, failed) or ctx ends. Each
// change of the job's or a region's state goes to the progress reporter of
// ctx (progress.go), if any.
func waitJobFinished(ctx context.Context, c *conns.Client, id int64) (*sdk.GetDeliveryHistoryJobResponse, error) {
	interval := c.Tuning().PollInterval
	var last *sdk.GetDeliveryHistoryJobResponse
	reported := ""
	timedOut := func(cause error) error {
		status := "unknown"
		if last != nil {
			status = jobStatusName(last.JobStatus)
		}
		return fmt.Errorf("timed out waiting for history delivery job %d to finish; last status %q: %w", id, status, cause)
	}
	for {
		job, err := findJobByID(ctx, c, id)
		if conns.IsContextDone(err) {
			return last, timedOut(err)
		}
		if err != nil {
			return nil, err
		}
		last = job
		if line := jobProgressLine(job); line != reported {
			reported = line
			progress(ctx, line)
		}
		if !jobRunning(job.JobStatus) {
			return job, nil
		}
		select {
		case <-ctx.Done():
			return job, timedOut(ctx.Err())
		case <-time.After(interval):
		}
	}
}

// waitJobGone polls until the job is no longer found after a delete.
func waitJobGone(ctx context.Context, c *conns.Client, id int64) error {
	return conns.WaitGone(ctx, c, fmt.Sprintf("history delivery job %d", id), func(ctx context.Context) error {
		_, err := findJobByID(ctx, c, id)
		return err
	})
}

// failureDetail names every region that did not complete, for the error a
// user sees when a job fails.
func failureDetail(job *sdk.GetDeliveryHistoryJobResponse) string {
	var bad []string
	for _, s := range job.Status {
		if s.Status != jobComplete {
			bad = append(bad, fmt.Sprintf("%s: %s", s.Region, jobStatusName(s.Status)))
		}
	}
	sort.Strings(bad)
	if len(bad) == 0 {
		return "the API reported no per-region detail"
	}
	return "regions not delivered: " + strings.Join(bad, ", ")
}
