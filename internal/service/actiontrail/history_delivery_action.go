package actiontrail

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/action/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// defaultInvokeTimeout bounds the whole invocation (the wait for a running
// job of the account, the create, the wait for completion), as the
// resource's create timeout does.
const defaultInvokeTimeout = 60 * time.Minute

var (
	_ action.Action              = &historyDeliveryAction{}
	_ action.ActionWithConfigure = &historyDeliveryAction{}
)

// NewHistoryDeliveryAction is the cloudtrack_actiontrail_history_delivery
// action: a one-shot history backfill, without a resource in state.
func NewHistoryDeliveryAction() action.Action { return &historyDeliveryAction{} }

type historyDeliveryAction struct {
	client *conns.Client
}

type historyDeliveryActionModel struct {
	TrailName types.String   `tfsdk:"trail_name"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

func (a *historyDeliveryAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_actiontrail_history_delivery"
}

func (a *historyDeliveryAction) Schema(ctx context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Runs an ActionTrail history delivery job: delivers the last 90 days of events of a trail to the trail's Log Service project, " +
			"reports each region's progress while the job runs, and fails, naming the regions, if the job fails. " +
			"Nothing is kept in state: every invocation starts a new job. Only one job per account runs at a time: " +
			"an invocation that meets a running job waits for it to finish, then starts. " +
			"Default timeout: `invoke` 60m (the whole invocation, waits included); a job still running when it ends goes on in ActionTrail.",
		Attributes: map[string]schema.Attribute{
			"trail_name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the trail whose history is delivered. The trail must exist and deliver to Log Service.",
				Validators:          trailNameValidators(),
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.BlockWithOpts(ctx, timeouts.Opts{
				InvokeDescription: "How long the invocation may take, waits for a running job of the account and for completion included, " +
					`as a [duration](https://pkg.go.dev/time#ParseDuration) such as "30m" or "2h". Default "60m".`,
			}),
		},
	}
}

func (a *historyDeliveryAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (a *historyDeliveryAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg historyDeliveryActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := cfg.Timeouts.Invoke(ctx, defaultInvokeTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	stop := ctx // the request's: Ctrl-C cancels it (conns.Create.Stop)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	ctx = withProgress(ctx, func(msg string) {
		if resp.SendProgress != nil {
			resp.SendProgress(action.InvokeProgressEvent{Message: msg})
		}
	})

	trail := cfg.TrailName.ValueString()
	summary := fmt.Sprintf("running ActionTrail history delivery (trail %s)", trail)
	if err := runHistoryDelivery(ctx, stop, a.client, trail, uuid.NewString()); err != nil {
		detail := err.Error()
		if errors.Is(err, context.DeadlineExceeded) {
			detail += fmt.Sprintf("\n\nThe invocation timed out after %s (timeouts.invoke). A job that was started goes on running in ActionTrail "+
				"(jobs cannot be cancelled); see it with the cloudtrack_actiontrail_history_delivery_jobs data source.", timeout)
		}
		resp.Diagnostics.AddError(summary, detail)
	}
}

// runHistoryDelivery starts a job for trail with the resource's create
// (createJob: one ClientToken for every attempt, and the queue behind a
// running job), then waits for it to finish; a failed job is an error
// naming its regions. stop is the request's context (createJob).
func runHistoryDelivery(ctx, stop context.Context, c *conns.Client, trail, token string) error {
	progress(ctx, fmt.Sprintf("starting a history delivery job for trail %s", trail))
	id, adopted, err := createJob(ctx, stop, c, trail, token)
	if err != nil {
		return err
	}
	if adopted {
		tflog.Info(ctx, "history delivery job adopted after an unreadable create answer", map[string]any{"job_id": id})
	}
	progress(ctx, fmt.Sprintf("history delivery job %d started for trail %s", id, trail))
	job, err := waitJobFinished(ctx, c, id)
	if err != nil {
		return err
	}
	if job.JobStatus == jobFailed {
		return fmt.Errorf("history delivery job %d failed: %s", id, failureDetail(job))
	}
	return nil
}
