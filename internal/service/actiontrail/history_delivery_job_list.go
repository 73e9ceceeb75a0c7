package actiontrail

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// ListResources lists the list resource types of this service.
func ListResources() []func() list.ListResource {
	return []func() list.ListResource{NewHistoryDeliveryJobListResource, NewTrailListResource}
}

var (
	_ list.ListResource              = &historyDeliveryJobListResource{}
	_ list.ListResourceWithConfigure = &historyDeliveryJobListResource{}
)

// NewHistoryDeliveryJobListResource is the cloudtrack_actiontrail_history_delivery_job
// list resource (terraform query, Terraform 1.14+).
func NewHistoryDeliveryJobListResource() list.ListResource {
	return &historyDeliveryJobListResource{}
}

type historyDeliveryJobListResource struct {
	client *conns.Client
}

type historyDeliveryJobListModel struct {
	TrailName types.String `tfsdk:"trail_name"`
	Status    types.String `tfsdk:"status"`
}

func (r *historyDeliveryJobListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_actiontrail_history_delivery_job"
}

func (r *historyDeliveryJobListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the account's ActionTrail history delivery jobs (every page of ListDeliveryHistoryJobs, one call per page), newest first. " +
			"With `include_resource`, each job is also read with GetDeliveryHistoryJob, as the resource reads it.",
		Attributes: map[string]schema.Attribute{
			"trail_name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only jobs of this trail.",
				Validators:          trailNameValidators(),
			},
			"status": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only jobs in this status: one of " + quotedList(JobStatusValues) + ".",
				Validators:          []validator.String{stringvalidator.OneOf(JobStatusValues...)},
			},
		},
	}
}

func (r *historyDeliveryJobListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *historyDeliveryJobListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg historyDeliveryJobListModel
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	f := jobFilter{trail: cfg.TrailName.ValueString(), status: -1}
	if !cfg.Status.IsNull() {
		var ok bool
		if f.status, ok = jobStatusCode(cfg.Status.ValueString()); !ok {
			var diags diag.Diagnostics
			diags.AddAttributeError(path.Root("status"), "Invalid status",
				fmt.Sprintf("status must be one of %s; got %q.", quotedList(JobStatusValues), cfg.Status.ValueString()))
			stream.Results = list.ListResultsStreamDiagnostics(diags)
			return
		}
	}
	conns.StreamList(ctx, req, stream, "listing ActionTrail history delivery jobs", func(ctx context.Context, yield func(conns.ListItem) bool) error {
		all, err := listJobs(ctx, r.client)
		if err != nil {
			return err
		}
		for _, j := range matchJobs(all, f) {
			id := j.JobId
			item := conns.ListItem{
				DisplayName: fmt.Sprintf("job %d of trail %s", id, j.TrailName),
				Identity:    jobIdentity{JobID: types.Int64Value(id)},
				Resource: func(ctx context.Context) (any, error) {
					// As Read stores it: the details (region statuses)
					// come from Get.
					got, err := findJobByID(ctx, r.client, id)
					if conns.IsNotFound(err) {
						return nil, nil //nolint:nilnil // deleted since the list: left out
					}
					if err != nil {
						return nil, err
					}
					return &historyDeliveryJobModel{
						ID:                types.StringValue(fmt.Sprint(id)),
						WaitForCompletion: types.BoolValue(true),
						Timeouts:          conns.NullTimeouts(ctx, req.ResourceSchema),
						jobFields:         fieldsFromGet(got),
					}, nil
				},
			}
			if !yield(item) {
				return nil
			}
		}
		return nil
	})
}
