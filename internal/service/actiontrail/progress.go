package actiontrail

import (
	"context"
	"fmt"
	"strings"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
)

// progressKey carries a progress reporter through ctx, so that the job
// waiter and the create queue (shared with the resource, which reports
// nothing) tell an action's caller what they see without another
// parameter.
type progressKey struct{}

// withProgress returns ctx with report attached; report receives one line
// per change the waiters observe.
func withProgress(ctx context.Context, report func(msg string)) context.Context {
	return context.WithValue(ctx, progressKey{}, report)
}

// progress sends msg to the reporter of ctx, if any.
func progress(ctx context.Context, msg string) {
	if report, ok := ctx.Value(progressKey{}).(func(string)); ok && report != nil {
		report(msg)
	}
}

// jobProgressLine is what a caller reads about a job while it runs: its
// state and each region's, in the order the API lists them.
func jobProgressLine(job *sdk.GetDeliveryHistoryJobResponse) string {
	regions := make([]string, 0, len(job.Status))
	for _, s := range job.Status {
		regions = append(regions, fmt.Sprintf("%s %s", s.Region, jobStatusName(s.Status)))
	}
	line := fmt.Sprintf("history delivery job %d (trail %s): %s", job.JobId, job.TrailName, jobStatusName(job.JobStatus))
	if len(regions) > 0 {
		line += "; regions: " + strings.Join(regions, ", ")
	}
	return line
}
