package cdn

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/drift"
)

var (
	_ resource.Resource                     = &deliverTaskResource{}
	_ resource.ResourceWithConfigure        = &deliverTaskResource{}
	_ resource.ResourceWithImportState      = &deliverTaskResource{}
	_ resource.ResourceWithConfigValidators = &deliverTaskResource{}
)

// defaultTimeout bounds each operation when the configuration sets no
// timeouts: throttling is retried until it ends (conns.Invoke takes the
// context's deadline as its throttling budget).
const defaultTimeout = 10 * time.Minute

// taskResourceModel is the resource's model: the task (shared with the
// data source) and the operation timeouts.
type taskResourceModel struct {
	taskModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// deliverTaskResource is cloudtrack_cdn_deliver_task and
// cloudtrack_dcdn_deliver_task.
type deliverTaskResource struct {
	p      *product
	client *conns.Client
}

func (r *deliverTaskResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.p.typeName(req.ProviderTypeName, "deliver_task")
}

func (p *product) reportIDList() string {
	s := make([]string, len(p.reportIDs))
	for i, id := range p.reportIDs {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ", ")
}

// clearingNeedsReplace: an update cannot clear a list (an empty parameter
// means "unchanged"), so going from some values to none replaces. It is
// listplanmodifier.RequiresReplaceIf with the one condition inline.
var clearingNeedsReplace planmodifier.List = clearingReplaces{}

type clearingReplaces struct{}

const clearingReplacesDesc = "Removing every value replaces the object: the update API cannot clear the list."

func (clearingReplaces) Description(context.Context) string         { return clearingReplacesDesc }
func (clearingReplaces) MarkdownDescription(context.Context) string { return clearingReplacesDesc }

func (clearingReplaces) PlanModifyList(_ context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || req.PlanValue.IsUnknown() {
		return // a create, a destroy, or not known yet
	}
	if len(req.StateValue.Elements()) > 0 && len(req.PlanValue.Elements()) == 0 {
		resp.RequiresReplace = true
	}
}

func (r *deliverTaskResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	p := r.p
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("A %[1]s operations-report tracking task (deliver task): which reports, for which domains, filtered how, "+
			"are e-mailed to whom on what schedule. Every attribute can be changed in place. "+
			"All %[1]s deliver tasks of the provider share one `Describe%[2]sDeliverList` call per refresh (the API allows 3 calls/s); "+
			"a create or an update reads its task back alone (`DeliverId`), not the whole list. "+
			"A create whose answer is lost or garbled looks the task up by name and adopts it only when it is the one asked for. "+
			"`timeouts` (default 10 minutes each) bound every operation, throttling retries included.",
			p.display, p.infix),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The deliver task id (`DeliverId`).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the task, unique in the account.",
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 128)},
			},
			"domain_names": schema.ListAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Domain names the reports cover, each once, at most 500 (the API's limit; more need a ticket to the vendor). Not set or empty: all domains of the account. " +
					"Removing every domain (back to all domains) replaces the task, since the update API cannot clear the list. " +
					domainListNote,
				Validators:    []validator.List{listvalidator.SizeAtMost(MaxDomainNames), listvalidator.ValueStringsAre(domainNameValidator()), uniqueDomains{}},
				PlanModifiers: []planmodifier.List{clearingNeedsReplace},
			},
			"reports": schema.ListNestedAttribute{
				Required:            true,
				MarkdownDescription: fmt.Sprintf("The reports to deliver, at least one. See the `cloudtrack_%s_reports` data source for the catalogue.", p.key),
				Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"report_id": schema.Int64Attribute{
							Required:            true,
							MarkdownDescription: fmt.Sprintf("Report id from the %s catalogue: one of %s.", p.display, p.reportIDList()),
							Validators:          []validator.Int64{int64validator.OneOf(p.reportIDs...)},
						},
						"conditions": schema.ListNestedAttribute{
							Optional:            true,
							MarkdownDescription: "Filters of the report's data.",
							NestedObject: schema.NestedAttributeObject{
								Attributes: map[string]schema.Attribute{
									"field": schema.StringAttribute{
										Required:            true,
										MarkdownDescription: "The field filtered on, such as `prov` (province) or `isp`.",
										Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
									},
									"op": schema.StringAttribute{
										Optional:            true,
										Computed:            true,
										Default:             stringdefault.StaticString(opIn),
										MarkdownDescription: "The operator; `in` (the default) is the only one.",
										Validators:          []validator.String{stringvalidator.OneOf(opIn)},
									},
									"values": schema.ListAttribute{
										Required:            true,
										ElementType:         types.StringType,
										MarkdownDescription: "The values the field must be one of.",
										Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
									},
								},
							},
						},
					},
				},
			},
			"schedule": schema.SingleNestedAttribute{
				Required:            true,
				MarkdownDescription: "When the reports are sent.",
				Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{
						Optional: true,
						MarkdownDescription: "Name of the schedule. The list API does not show it, so a change made outside Terraform is not detected, " +
							"and it is empty after an import until the next apply.",
					},
					"description": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Description of the schedule; like `name`, not read back from the API.",
					},
					"crontab": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "When to send, as a Quartz crontab: `second minute hour day-of-month month day-of-week [year]`, " +
							"with `?` in exactly one of the two day fields. `0 0 8 * * ?` is every day at 08:00, `0 0 8 ? * MON#1` the first Monday of the month. Checked at plan time as Quartz checks it.",
						Validators: []validator.String{crontabValidator()},
					},
					"frequency": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "The period each report covers: `h` (an hour), `d` (a day) or `M` (a month).",
						Validators:          []validator.String{stringvalidator.OneOf(frequencies...)},
					},
					"enabled": schema.BoolAttribute{
						Optional:            true,
						Computed:            true,
						Default:             booldefault.StaticBool(true),
						MarkdownDescription: "Whether the task sends reports. Defaults to `true`.",
					},
					"effective_from": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "When the task starts sending (RFC 3339). Not set: at once.",
						Validators:          []validator.String{rfc3339Validator()},
					},
					"effective_end": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "When the task stops sending (RFC 3339), after `effective_from` (checked at plan time). Not set: never.",
						Validators:          []validator.String{rfc3339Validator()},
					},
				},
			},
			"deliver": schema.SingleNestedAttribute{
				Required:            true,
				MarkdownDescription: "How the reports are delivered; e-mail is the only channel.",
				Attributes: map[string]schema.Attribute{
					"email": schema.SingleNestedAttribute{
						Required:            true,
						MarkdownDescription: "The e-mail channel.",
						Attributes: map[string]schema.Attribute{
							"subject": schema.StringAttribute{
								Required:            true,
								MarkdownDescription: "Subject of the e-mails.",
								Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
							},
							"to": schema.SetAttribute{
								Required:            true,
								ElementType:         types.StringType,
								MarkdownDescription: "Recipients, at least one address such as `ops@example.com`.",
								Validators:          []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(emailValidator())},
							},
							"copy": schema.SetAttribute{
								Optional:            true,
								ElementType:         types.StringType,
								MarkdownDescription: "Recipients in copy.",
								Validators:          []validator.Set{setvalidator.ValueStringsAre(emailValidator())},
							},
						},
					},
				},
			},
			"create_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the task was created (RFC 3339).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

func (r *deliverTaskResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{timeOrder(path.Root("schedule").AtName("effective_from"), path.Root("schedule").AtName("effective_end"))}
}

func (r *deliverTaskResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *deliverTaskResource) what() string { return r.p.display + " deliver task" }

func (r *deliverTaskResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer drift.Mark(ctx, resp.Private) // when Terraform last changed it (internal/service/drift)
	var plan taskResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	stop := ctx // the request's: Ctrl-C cancels it (conns.Create.Stop)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	summary := fmt.Sprintf("creating %s (%s)", r.what(), plan.Name.ValueString())
	want := plan.params()
	body := map[string]string{"Name": want.Name, "Reports": want.Reports, "Schedule": want.Schedule, "Deliver": want.Deliver}
	if want.DomainName != "" {
		body["DomainName"] = want.DomainName
	}
	id, _, err := conns.CreateOnce(ctx, conns.Create[int64]{
		What: fmt.Sprintf("%s named %q", r.what(), want.Name),
		Call: func(ctx context.Context) (int64, error) {
			out, err := r.p.write(ctx, r.client, "Create", nil, body)
			if err != nil {
				return 0, err
			}
			id, perr := strconv.ParseInt(out.DeliverId, 10, 64)
			if perr != nil || id <= 0 {
				return 0, r.p.garbled("Create", "DeliverTask", fmt.Sprintf("the answer has no numeric DeliverId (got %q)", out.DeliverId))
			}
			return id, nil
		},
		// The task's natural key is its name, unique in the account.
		Find: func(ctx context.Context) (conns.Candidate[int64], error) {
			l, err := r.p.listDeliverTasksAfter(ctx, r.client, r.p.cache(r.client).mark())
			if err != nil {
				return conns.Candidate[int64]{}, err
			}
			for i := range l.tasks {
				if t := &l.tasks[i]; t.Name == want.Name {
					return conns.Candidate[int64]{ID: int64(t.DeliverID), Found: true, Same: sameTask(t, want), Created: wireCreateTime(t.CreateTime)}, nil
				}
			}
			return conns.Candidate[int64]{}, nil
		},
		Skew:  conns.AlicloudClockSkew,
		Taken: func(err error) bool { return conns.ErrorCode(err) == "NameAlreadyExists" },
		Import: func(id int64) string {
			if id == 0 {
				return fmt.Sprintf("terraform import cloudtrack_%s_deliver_task.<name> <deliver id>", r.p.key)
			}
			return fmt.Sprintf("terraform import cloudtrack_%s_deliver_task.<name> %d", r.p.key, id)
		},
		Recall: true,
		Stop:   stop,
	})
	if err != nil {
		hint := ""
		if conns.ErrorCode(err) == "DeliverExceedLimit" {
			hint = fmt.Sprintf("\n\nThe account has as many %s deliver tasks as it may have. Delete unused ones "+
				"(the cloudtrack_%s_deliver_tasks data source lists them) or ask Alibaba Cloud for a higher quota.", r.p.display, r.p.key)
		}
		resp.Diagnostics.AddError(summary, err.Error()+hint)
		return
	}
	tflog.Info(ctx, "created deliver task", map[string]any{"product": r.p.key, "deliver_id": id})

	// Keep the id at once: a failed read-back leaves a tainted task in
	// state rather than an orphan.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), formatID(id))...)
	setTaskIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
	t, err := r.p.findDeliverTaskByID(ctx, r.client, id)
	if err != nil {
		resp.Diagnostics.AddError(summary, fmt.Sprintf("reading the new task %d back: %s", id, err))
		return
	}
	state := taskResourceModel{taskModel: taskFromWire(t, &plan.taskModel), Timeouts: plan.Timeouts}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *deliverTaskResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state taskResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Who changed it, when the read finds drift (internal/service/drift).
	defer drift.AfterRead(ctx, r.client, drift.DeliverTask(r.p.key, state.ID.ValueString()), req, resp)
	id, err := strconv.ParseInt(state.ID.ValueString(), 10, 64)
	if err != nil {
		resp.Diagnostics.AddError("reading "+r.what(), fmt.Sprintf("state holds a non-numeric id %q", state.ID.ValueString()))
		return
	}
	t, err := r.p.findDeliverTaskByID(ctx, r.client, id)
	if conns.IsNotFound(err) {
		tflog.Warn(ctx, "deliver task not found, removing from state", map[string]any{"product": r.p.key, "deliver_id": id})
		resp.State.RemoveResource(ctx)
		// The framework wants an identity after every Read, a removal
		// included; a CLI without identity support (< 1.12) sends none.
		setTaskIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("reading %s (%d)", r.what(), id), err.Error())
		return
	}
	next := taskResourceModel{taskModel: taskFromWire(t, &state.taskModel), Timeouts: state.Timeouts}
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
	setTaskIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}

func (r *deliverTaskResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer drift.Mark(ctx, resp.Private) // when Terraform last changed it (internal/service/drift)
	var plan, state taskResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	id, _ := strconv.ParseInt(state.ID.ValueString(), 10, 64)
	summary := fmt.Sprintf("updating %s (%d)", r.what(), id)

	// Send what changed; each JSON parameter replaces its part whole.
	want, had := plan.params(), state.params()
	body := map[string]string{"DeliverId": formatID(id)}
	for k, v := range map[string][2]string{
		"Name":       {want.Name, had.Name},
		"DomainName": {want.DomainName, had.DomainName},
		"Reports":    {want.Reports, had.Reports},
		"Schedule":   {want.Schedule, had.Schedule},
		"Deliver":    {want.Deliver, had.Deliver},
	} {
		if v[0] != v[1] && v[0] != "" {
			body[k] = v[0]
		}
	}
	if len(body) > 1 {
		if _, err := r.p.write(ctx, r.client, "Update", nil, body); err != nil {
			resp.Diagnostics.AddError(summary, err.Error())
			return
		}
	}
	// Read alone (DeliverId), also when only timeouts changed and nothing
	// was sent: one small answer, never the account's whole list.
	t, err := r.p.readDeliverTask(ctx, r.client, id)
	if err != nil {
		resp.Diagnostics.AddError(summary, fmt.Sprintf("reading the task back: %s", err))
		return
	}
	next := taskResourceModel{taskModel: taskFromWire(t, &plan.taskModel), Timeouts: plan.Timeouts}
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
	setTaskIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}

func (r *deliverTaskResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state taskResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	_, err := r.p.write(ctx, r.client, "Delete", map[string]string{"DeliverId": state.ID.ValueString()}, nil)
	if err != nil && !conns.IsNotFound(err) {
		resp.Diagnostics.AddError(fmt.Sprintf("deleting %s (%s)", r.what(), state.ID.ValueString()), err.Error())
	}
}

// ImportState takes the DeliverId as an import id or as the identity's
// deliver_id (an import block's identity, Terraform 1.12+).
func (r *deliverTaskResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var id int64
	if req.ID == "" && req.Identity != nil {
		var ident taskIdentity
		resp.Diagnostics.Append(req.Identity.Get(ctx, &ident)...)
		if resp.Diagnostics.HasError() {
			return
		}
		if id = ident.DeliverID.ValueInt64(); id <= 0 {
			resp.Diagnostics.AddError("Invalid import identity",
				fmt.Sprintf("Expected deliver_id, the positive DeliverId of a %s, such as 1001; got %s.", r.what(), ident.DeliverID))
			return
		}
	} else {
		var err error
		id, err = strconv.ParseInt(req.ID, 10, 64)
		if err != nil || id <= 0 {
			resp.Diagnostics.AddError("Invalid import ID",
				fmt.Sprintf("Expected the numeric DeliverId of a %s, such as 1001; got %q.", r.what(), req.ID))
			return
		}
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), formatID(id))...)
	setTaskIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}
