package actiontrail

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/drift"
)

const (
	defaultCreateTimeout = 60 * time.Minute
	defaultDeleteTimeout = 60 * time.Minute
)

// trailNameRE is ActionTrail's trail naming rule: 6-36 characters, starting
// with a lower-case letter, then lower-case letters, digits, - and _.
var trailNameRE = regexp.MustCompile(`^[a-z][a-z0-9_-]{5,35}$`)

var (
	_ resource.Resource                = &historyDeliveryJobResource{}
	_ resource.ResourceWithConfigure   = &historyDeliveryJobResource{}
	_ resource.ResourceWithImportState = &historyDeliveryJobResource{}
	_ resource.ResourceWithIdentity    = &historyDeliveryJobResource{}
)

// NewHistoryDeliveryJobResource is the cloudtrack_actiontrail_history_delivery_job resource.
func NewHistoryDeliveryJobResource() resource.Resource { return &historyDeliveryJobResource{} }

type historyDeliveryJobResource struct {
	client *conns.Client
}

type historyDeliveryJobModel struct {
	ID                types.String   `tfsdk:"id"`
	WaitForCompletion types.Bool     `tfsdk:"wait_for_completion"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
	jobFields
}

func (r *historyDeliveryJobResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_actiontrail_history_delivery_job"
}

// jobIdentity is the resource identity: the API's JobId.
type jobIdentity struct {
	JobID types.Int64 `tfsdk:"job_id"`
}

func (r *historyDeliveryJobResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"job_id": identityschema.Int64Attribute{
				RequiredForImport: true,
				Description:       "The job id assigned by ActionTrail.",
			},
		},
	}
}

// setJobIdentity records the identity of job id (identity is nil on CLIs
// without identity support).
func setJobIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id int64, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	diags.Append(identity.Set(ctx, jobIdentity{JobID: types.Int64Value(id)})...)
}

func trailNameValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(trailNameRE,
		"must be 6-36 characters: a lower-case letter first, then lower-case letters, digits, hyphens (-) and underscores (_)")}
}

func (r *historyDeliveryJobResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	unchanged := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An ActionTrail history delivery job: delivers the last 90 days of events of a trail to the trail's Log Service project. " +
			"Jobs cannot be changed; a new `trail_name` replaces the job. Only one job per account runs at a time: " +
			"a create that meets a running job waits for it to finish (within the `create` timeout), then starts. " +
			"Default timeouts: `create` 60m (the wait for completion), `delete` 60m (a running job is waited for before it is deleted).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The job id, as a string.",
				PlanModifiers:       unchanged,
			},
			"trail_name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the trail whose history is delivered. The trail must exist and deliver to Log Service, such as a `cloudtrack_actiontrail_trail` with `sls_project_arn`. Changing it replaces the job.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          trailNameValidators(),
			},
			"wait_for_completion": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
				MarkdownDescription: "Wait until the job is `complete` (and fail, naming the regions, if it ends `failed`). " +
					"`false` returns as soon as the job is accepted. Defaults to `true`.",
			},
			"job_id": schema.Int64Attribute{
				Computed:            true,
				MarkdownDescription: "The job id assigned by ActionTrail.",
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"status": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Job status: one of " + quotedList(JobStatusValues) + ".",
			},
			"home_region": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Home region of the trail.",
				PlanModifiers:       unchanged,
			},
			"start_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the job started (RFC 3339).",
				PlanModifiers:       unchanged,
			},
			"end_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the job ended (RFC 3339); null while it runs.",
			},
			"created_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the job was created (RFC 3339).",
				PlanModifiers:       unchanged,
			},
			"updated_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the job last changed (RFC 3339).",
			},
			"region_statuses": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "Delivery status per region.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"region": schema.StringAttribute{Computed: true, MarkdownDescription: "Region id."},
						"status": schema.StringAttribute{Computed: true, MarkdownDescription: "Status in that region: one of " + quotedList(JobStatusValues) + "."},
					},
				},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Delete: true}),
		},
	}
}

func (r *historyDeliveryJobResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *historyDeliveryJobResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer drift.Mark(ctx, resp.Private) // when Terraform last changed it (internal/service/drift)
	var plan historyDeliveryJobModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	createTimeout, diags := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	stop := ctx // the request's: Ctrl-C cancels it (conns.Create.Stop)
	ctx, cancel := context.WithTimeout(ctx, createTimeout)
	defer cancel()

	trail := plan.TrailName.ValueString()
	summary := fmt.Sprintf("creating ActionTrail history delivery job (trail %s)", trail)
	// One token per Create, reused by every retry and by the reconcile: a
	// lost, timed-out or garbled answer cannot start a second job.
	id, adopted, err := createJob(ctx, stop, r.client, trail, uuid.NewString())
	if err != nil {
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	if adopted {
		tflog.Info(ctx, "history delivery job adopted after an unreadable create answer", map[string]any{"job_id": id})
	}

	// Record the id at once so a failed wait leaves a tainted job in state
	// rather than an orphan.
	plan.ID = types.StringValue(strconv.FormatInt(id, 10))
	plan.JobID = types.Int64Value(id)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), plan.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("job_id"), plan.JobID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("trail_name"), plan.TrailName)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("wait_for_completion"), plan.WaitForCompletion)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("timeouts"), plan.Timeouts)...)
	setJobIdentity(ctx, resp.Identity, id, &resp.Diagnostics)

	var job *sdk.GetDeliveryHistoryJobResponse
	if plan.WaitForCompletion.ValueBool() {
		job, err = waitJobFinished(ctx, r.client, id)
		if err == nil && job.JobStatus == jobFailed {
			err = fmt.Errorf("history delivery job %d failed: %s", id, failureDetail(job))
		}
	} else {
		job, err = findJobByID(ctx, r.client, id)
	}
	if job != nil {
		plan.jobFields = fieldsFromGet(job)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
	if err != nil {
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
}

func (r *historyDeliveryJobResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state historyDeliveryJobModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Who changed it, when the read finds drift (internal/service/drift).
	defer drift.AfterRead(ctx, r.client, drift.HistoryJob(state.ID.ValueString()), req, resp)
	id, err := strconv.ParseInt(state.ID.ValueString(), 10, 64)
	if err != nil {
		resp.Diagnostics.AddError("reading ActionTrail history delivery job", fmt.Sprintf("state holds a non-numeric id %q", state.ID.ValueString()))
		return
	}
	job, err := findJobByID(ctx, r.client, id)
	if conns.IsNotFound(err) {
		tflog.Warn(ctx, "history delivery job not found, removing from state", map[string]any{"job_id": id})
		resp.State.RemoveResource(ctx)
		// The framework wants an identity after every Read, a removal
		// included; a CLI without identity support (< 1.12) sends none.
		setJobIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("reading ActionTrail history delivery job (%d)", id), err.Error())
		return
	}
	state.jobFields = fieldsFromGet(job)
	if state.WaitForCompletion.IsNull() {
		state.WaitForCompletion = types.BoolValue(true)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setJobIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}

// Update only ever changes wait_for_completion or timeouts, which live in
// Terraform alone; the job is re-read so computed values stay current.
func (r *historyDeliveryJobResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer drift.Mark(ctx, resp.Private) // when Terraform last changed it (internal/service/drift)
	var plan historyDeliveryJobModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := plan.JobID.ValueInt64()
	job, err := findJobByID(ctx, r.client, id)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("updating ActionTrail history delivery job (%d)", id), err.Error())
		return
	}
	plan.jobFields = fieldsFromGet(job)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setJobIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}

func (r *historyDeliveryJobResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state historyDeliveryJobModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	deleteTimeout, diags := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, deleteTimeout)
	defer cancel()
	id := state.JobID.ValueInt64()
	if err := deleteJob(ctx, r.client, id); err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("deleting ActionTrail history delivery job (%d)", id), err.Error())
	}
}

// deleteJob deletes a job and waits until it is gone; a job already gone
// is not an error. The resource and the sweeper share it.
func deleteJob(ctx context.Context, c *conns.Client, id int64) error {
	// A running job cannot be deleted: let it finish first.
	if _, err := waitJobFinished(ctx, c, id); err != nil {
		if conns.IsNotFound(err) {
			return nil
		}
		return err
	}
	dreq := sdk.CreateDeleteDeliveryHistoryJobRequest()
	dreq.JobId = requests.NewInteger64(id)
	_, err := conns.ActionTrail(ctx, c, "DeleteDeliveryHistoryJob", func(cl *sdk.Client) (*sdk.DeleteDeliveryHistoryJobResponse, error) {
		return cl.DeleteDeliveryHistoryJob(dreq)
	})
	if err != nil && !conns.IsNotFound(err) {
		return err
	}
	return waitJobGone(ctx, c, id)
}

// ImportState takes the job id as an import id or as the identity's job_id
// (an import block's identity, Terraform 1.12+).
func (r *historyDeliveryJobResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var id int64
	if req.ID == "" && req.Identity != nil {
		var ident jobIdentity
		resp.Diagnostics.Append(req.Identity.Get(ctx, &ident)...)
		if resp.Diagnostics.HasError() {
			return
		}
		if id = ident.JobID.ValueInt64(); id <= 0 {
			resp.Diagnostics.AddError("Invalid import identity",
				fmt.Sprintf("Expected job_id, the positive id of an ActionTrail history delivery job, such as 12345; got %s.", ident.JobID))
			return
		}
	} else {
		var err error
		id, err = strconv.ParseInt(req.ID, 10, 64)
		if err != nil || id <= 0 {
			resp.Diagnostics.AddError("Invalid import ID",
				fmt.Sprintf("Expected the numeric id of an ActionTrail history delivery job, such as 12345; got %q.", req.ID))
			return
		}
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), strconv.FormatInt(id, 10))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("job_id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("wait_for_completion"), true)...)
	setJobIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}
