package actiontrail

import (
	"context"
	"errors"
	"fmt"
	"time"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// codeJobRunning is how CreateDeliveryHistoryJob refuses a job while another
// one of the account runs. ASSUMPTION: ActionTrail documents the rule (one
// running job per account) but not its error; this is the mock's code
// (internal/mockcloud/product_actiontrail.go) and the one place the
// provider depends on it.
const codeJobRunning = "DeliveryHistoryJobRunning"

// createJob starts a history delivery job of trail, safe against a lost,
// timed-out or garbled answer through conns.CreateOnce. Every attempt
// carries the same ClientToken, which makes the call idempotent
// (API-NOTES: ActionTrail): repeated, it answers the job the token started,
// or starts it if none was. So finding "the job this create made" is that
// same call once more: it ends in exactly one job, ours, whether the first
// answer was lost before or after the job was made. (The job list cannot
// stand in: it shows no token, and any other job of the trail may be
// someone else's.)
//
// A create that meets a running job (only one runs per account) waits for
// it, within ctx (the create timeout), and tries again. stop is the
// request's context, which Ctrl-C cancels (conns.Create.Stop).
func createJob(ctx, stop context.Context, c *conns.Client, trail, token string) (int64, bool, error) {
	return conns.CreateOnce(ctx, conns.Create[int64]{
		What: fmt.Sprintf("history delivery job (trail %s)", trail),
		Call: func(ctx context.Context) (int64, error) { return createJobInTurn(ctx, c, trail, token) },
		// The rule is the token, not a create time: the call answers the
		// job this token started and no other, so the job found is ours.
		Find: func(ctx context.Context) (conns.Candidate[int64], error) {
			id, err := createJobCall(ctx, c, trail, token)
			// The token makes the call idempotent, so an answer garbled
			// again is asked again (a read would be retried by Invoke).
			for try := 1; try < 3 && err != nil && conns.OutcomeUnknown(err) && ctx.Err() == nil; try++ {
				id, err = createJobCall(ctx, c, trail, token)
			}
			if conns.ErrorCode(err) == codeJobRunning {
				// The token started nothing (the API answers a used token
				// with its job, before the running-job rule).
				return conns.Candidate[int64]{}, nil
			}
			if err != nil {
				return conns.Candidate[int64]{}, err
			}
			return conns.Candidate[int64]{ID: id, Found: true, Same: true}, nil
		},
		Import: func(id int64) string {
			if id == 0 {
				return "terraform import cloudtrack_actiontrail_history_delivery_job.<name> <job id>"
			}
			return fmt.Sprintf("terraform import cloudtrack_actiontrail_history_delivery_job.<name> %d", id)
		},
		Stop: stop,
	})
}

// createJobCall is one CreateDeliveryHistoryJob through conns.Invoke,
// which retries throttling, 5xx and transport failures with the same
// token.
func createJobCall(ctx context.Context, c *conns.Client, trail, token string) (int64, error) {
	req := sdk.CreateCreateDeliveryHistoryJobRequest()
	req.TrailName = trail
	req.ClientToken = token
	out, err := conns.ActionTrail(ctx, c, "CreateDeliveryHistoryJob", func(cl *sdk.Client) (*sdk.CreateDeliveryHistoryJobResponse, error) {
		return cl.CreateDeliveryHistoryJob(req)
	})
	if err != nil {
		return 0, err
	}
	tflog.Info(ctx, "created history delivery job", map[string]any{"job_id": out.JobId, "trail_name": trail, "request_id": out.RequestId})
	return int64(out.JobId), nil
}

// createJobInTurn makes the create, and while another job of the account
// runs, waits for that job to finish and tries again: jobs queue within the
// create timeout instead of failing.
func createJobInTurn(ctx context.Context, c *conns.Client, trail, token string) (int64, error) {
	for {
		id, err := createJobCall(ctx, c, trail, token)
		if conns.ErrorCode(err) != codeJobRunning {
			return id, err
		}
		if werr := waitForRunningJob(ctx, c, trail); werr != nil {
			return 0, fmt.Errorf("%w; %w", err, werr)
		}
	}
}

// waitForRunningJob finds the account's running job through the job list
// and waits for it to finish, logging which job it waits for. When the
// list shows none (it finished in between), it waits one poll interval.
func waitForRunningJob(ctx context.Context, c *conns.Client, trail string) error {
	jobs, err := listJobs(ctx, c)
	if err != nil {
		return fmt.Errorf("looking for the running job to wait for: %w", err)
	}
	var running *sdk.DeliveryHistoryJob
	for i := range jobs {
		if jobRunning(jobs[i].JobStatus) {
			running = &jobs[i]
			break
		}
	}
	if running == nil {
		select {
		case <-ctx.Done():
			return fmt.Errorf("timed out waiting for the running history delivery job to finish: %w", ctx.Err())
		case <-time.After(c.Tuning().PollInterval):
			return nil
		}
	}
	fields := map[string]any{"trail_name": trail, "waiting_for_job_id": running.JobId, "waiting_for_trail": running.TrailName, "status": jobStatusName(running.JobStatus)}
	msg := fmt.Sprintf("another history delivery job is running (one per account): waiting for job %d (trail %s) to finish before creating this one", running.JobId, running.TrailName)
	tflog.Info(ctx, msg, fields)
	progress(ctx, msg)
	_, err = waitJobFinished(ctx, c, running.JobId)
	switch {
	case conns.IsNotFound(err):
		return nil // deleted meanwhile: our turn
	case err != nil && errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("history delivery job %d (trail %s) was still running when the create timeout ran out; "+
			"only one job runs per account: raise the timeout (timeouts.create of the resource, timeouts.invoke of the action) or try again later: %w", running.JobId, running.TrailName, err)
	}
	return err
}
