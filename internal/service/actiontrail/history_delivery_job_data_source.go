package actiontrail

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

var (
	_ datasource.DataSource              = &historyDeliveryJobDataSource{}
	_ datasource.DataSourceWithConfigure = &historyDeliveryJobDataSource{}
)

// NewHistoryDeliveryJobDataSource is the cloudtrack_actiontrail_history_delivery_job data source.
func NewHistoryDeliveryJobDataSource() datasource.DataSource {
	return &historyDeliveryJobDataSource{}
}

type historyDeliveryJobDataSource struct {
	client *conns.Client
}

type historyDeliveryJobDataModel struct {
	ID types.String `tfsdk:"id"`
	jobFields
}

func (d *historyDeliveryJobDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_actiontrail_history_delivery_job"
}

// jobDataAttributes describes a job's fields in data sources; jobID is the
// schema of the job_id attribute (an input in one, an output in the other).
func jobDataAttributes(jobID schema.Attribute) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"job_id":       jobID,
		"trail_name":   schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the trail."},
		"status":       schema.StringAttribute{Computed: true, MarkdownDescription: "Job status: one of " + quotedList(JobStatusValues) + "."},
		"home_region":  schema.StringAttribute{Computed: true, MarkdownDescription: "Home region of the trail."},
		"start_time":   schema.StringAttribute{Computed: true, MarkdownDescription: "When the job started (RFC 3339)."},
		"end_time":     schema.StringAttribute{Computed: true, MarkdownDescription: "When the job ended (RFC 3339); null while it runs."},
		"created_time": schema.StringAttribute{Computed: true, MarkdownDescription: "When the job was created (RFC 3339)."},
		"updated_time": schema.StringAttribute{Computed: true, MarkdownDescription: "When the job last changed (RFC 3339)."},
		"region_statuses": schema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "Delivery status per region.",
			NestedObject: schema.NestedAttributeObject{
				Attributes: map[string]schema.Attribute{
					"region": schema.StringAttribute{Computed: true, MarkdownDescription: "Region id."},
					"status": schema.StringAttribute{Computed: true, MarkdownDescription: "Status in that region."},
				},
			},
		},
	}
}

func (d *historyDeliveryJobDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := jobDataAttributes(schema.Int64Attribute{
		Required:            true,
		MarkdownDescription: "The job id.",
		Validators:          []validator.Int64{int64validator.AtLeast(1)},
	})
	attrs["id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "The job id, as a string."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one ActionTrail history delivery job by id. Cost: one `GetDeliveryHistoryJob` call.",
		Attributes:          attrs,
	}
}

func (d *historyDeliveryJobDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *historyDeliveryJobDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data historyDeliveryJobDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := data.JobID.ValueInt64()
	job, err := findJobByID(ctx, d.client, id)
	if conns.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(pathJobID, "ActionTrail history delivery job not found",
			fmt.Sprintf("No history delivery job with job_id %d exists: %s", id, err))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("reading ActionTrail history delivery job (%d)", id), err.Error())
		return
	}
	data.jobFields = fieldsFromGet(job)
	data.ID = types.StringValue(fmt.Sprint(id))
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
