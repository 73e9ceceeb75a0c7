package actiontrail

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/flex"
)

var pathJobID = path.Root("job_id")

var (
	_ datasource.DataSource              = &historyDeliveryJobsDataSource{}
	_ datasource.DataSourceWithConfigure = &historyDeliveryJobsDataSource{}
)

// NewHistoryDeliveryJobsDataSource is the cloudtrack_actiontrail_history_delivery_jobs data source.
func NewHistoryDeliveryJobsDataSource() datasource.DataSource {
	return &historyDeliveryJobsDataSource{}
}

type historyDeliveryJobsDataSource struct {
	client *conns.Client
}

type historyDeliveryJobsModel struct {
	ID                 types.String `tfsdk:"id"`
	TrailName          types.String `tfsdk:"trail_name"`
	Status             types.String `tfsdk:"status"`
	IDs                types.List   `tfsdk:"ids"`
	WithRegionStatuses types.Bool   `tfsdk:"with_region_statuses"`
	Jobs               types.List   `tfsdk:"jobs"`
	TotalCount         types.Int64  `tfsdk:"total_count"`
}

func (d *historyDeliveryJobsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_actiontrail_history_delivery_jobs"
}

func (d *historyDeliveryJobsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists ActionTrail history delivery jobs of the account, newest first.\n\n" +
			"**API calls per read:** one ListDeliveryHistoryJobs call per 100 jobs of the account (the API's largest page), " +
			"whatever the filters (the API filters nothing: `trail_name`, `status` and `ids` are applied to each page as it arrives); " +
			"the pages after the first are fetched several at a time, paced by the provider's rate limit for the API. " +
			"With `with_region_statuses`, one GetDeliveryHistoryJob call more per matched job.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "An identifier of this read, made from the filters."},
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
			"ids": schema.ListAttribute{
				Optional:    true,
				Computed:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Only jobs with these ids. When not set, it is filled with the ids of every job that matched the other filters. " +
					"When set, it stays as written and `jobs` holds the ones that exist.",
				Validators: []validator.List{listvalidator.ValueStringsAre(stringvalidator.RegexMatches(numericRE, "must be a numeric job id"))},
			},
			"with_region_statuses": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Also read each job's per-region statuses: one GetDeliveryHistoryJob call per matched job " +
					"(1,000 matched jobs: 1,000 calls), several at a time, paced by the provider's rate limit for the API. " +
					"Defaults to `false`, when `region_statuses` is null.",
			},
			"total_count": schema.Int64Attribute{Computed: true, MarkdownDescription: "Number of jobs that matched."},
			"jobs": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The jobs that matched, newest first.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: jobDataAttributes(schema.Int64Attribute{Computed: true, MarkdownDescription: "The job id."}),
				},
			},
		},
	}
}

func (d *historyDeliveryJobsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *historyDeliveryJobsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data historyDeliveryJobsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	const summary = "listing ActionTrail history delivery jobs"
	var wantIDs map[int64]bool
	if !data.IDs.IsNull() && !data.IDs.IsUnknown() {
		var ids []string
		resp.Diagnostics.Append(data.IDs.ElementsAs(ctx, &ids, false)...)
		wantIDs = map[int64]bool{}
		for _, s := range ids {
			n, _ := strconv.ParseInt(s, 10, 64) // validated at plan time
			wantIDs[n] = true
		}
	}
	wantStatus := -1
	if !data.Status.IsNull() {
		wantStatus, _ = jobStatusCode(data.Status.ValueString())
	}

	f := jobFilter{trail: data.TrailName.ValueString(), status: wantStatus, ids: wantIDs}
	objType, err := flex.ObjectType(ctx, jobObjectType)
	if err != nil {
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	// Filtered while paging: a page's other jobs are dropped with the
	// page, and a kept job is held as its SDK struct (a fraction of the
	// size of its terraform value), made into its terraform value when
	// the state is stored (flex.SetStateWithLargeList): on the
	// provider's fast read path one at a time as the state is encoded.
	jobs, err := listJobPages(ctx, d.client, func(j *sdk.DeliveryHistoryJob) (jobItem, bool) {
		if !f.match(j) {
			return jobItem{}, false
		}
		return jobItem{id: j.JobId, job: *j}, true
	})
	if err != nil {
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	jobs = newestFirst(jobs)
	if data.WithRegionStatuses.ValueBool() {
		if err := fillRegionStatuses(ctx, d.client, jobs); err != nil {
			resp.Diagnostics.AddError(summary, err.Error())
			return
		}
	}

	if data.IDs.IsNull() || data.IDs.IsUnknown() {
		ids := make([]attr.Value, len(jobs))
		for i, j := range jobs {
			ids[i] = types.StringValue(strconv.FormatInt(j.id, 10))
		}
		data.IDs = basetypes.NewListValueMust(types.StringType, ids)
	}
	data.TotalCount = types.Int64Value(int64(len(jobs)))
	data.ID = types.StringValue(readID(data))
	data.Jobs = types.ListNull(jobObjectType)
	resp.Diagnostics.Append(flex.SetStateWithLargeList(ctx, &resp.State, &data, "jobs", flex.LargeList{
		Type: tftypes.List{ElementType: objType},
		Len:  len(jobs),
		Elem: func(i int) (tftypes.Value, error) { return jobs[i].value(ctx, objType) },
	})...)
}

// jobItem is a kept job: its id, its list entry and, when read, its
// region statuses (else the zero Value: null).
type jobItem struct {
	id      int64
	job     sdk.DeliveryHistoryJob
	regions tftypes.Value
}

// value is the job's terraform value, of type typ.
func (j *jobItem) value(ctx context.Context, typ tftypes.Object) (tftypes.Value, error) {
	attrs, err := flex.TerraformAttrs(ctx, typ, fieldsFromList(j.job).attrs())
	if err != nil {
		return tftypes.Value{}, fmt.Errorf("converting job %d: %w", j.id, err)
	}
	if j.regions.Type() != nil {
		attrs["region_statuses"] = j.regions
	}
	return tftypes.NewValue(typ, attrs), nil
}

// newestFirst sorts jobs by id, highest first, and drops repeats (a job
// shifted onto a later page while paging is listed twice).
func newestFirst(jobs []jobItem) []jobItem {
	sort.SliceStable(jobs, func(a, b int) bool { return jobs[a].id > jobs[b].id })
	out := jobs[:0]
	for i, j := range jobs {
		if i > 0 && j.id == jobs[i-1].id {
			continue
		}
		out = append(out, j)
	}
	return out
}

// jobFilter selects listed jobs: by trail ("" any), status code (-1 any)
// and ids (nil any). The data source and the list resource share it.
type jobFilter struct {
	trail  string
	status int
	ids    map[int64]bool
}

func (f jobFilter) match(j *sdk.DeliveryHistoryJob) bool {
	return (f.trail == "" || j.TrailName == f.trail) &&
		(f.status < 0 || j.JobStatus == f.status) &&
		(f.ids == nil || f.ids[j.JobId])
}

// matchJobs returns the jobs of all that f selects, newest first.
func matchJobs(all []sdk.DeliveryHistoryJob, f jobFilter) []sdk.DeliveryHistoryJob {
	var matched []sdk.DeliveryHistoryJob
	for i := range all {
		if f.match(&all[i]) {
			matched = append(matched, all[i])
		}
	}
	sort.SliceStable(matched, func(a, b int) bool { return matched[a].JobId > matched[b].JobId })
	return matched
}

// fillRegionStatuses makes one Get per job, as many at once as the API's
// rate allows (conns.ForEach). A job deleted since the list keeps null
// statuses.
func fillRegionStatuses(ctx context.Context, client *conns.Client, jobs []jobItem) error {
	return conns.ForEach(ctx, len(jobs), func(ctx context.Context, i int) error {
		job, err := findJobByID(ctx, client, jobs[i].id)
		if conns.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		v, err := regionStatusesValue(job.Status).ToTerraformValue(ctx)
		if err != nil {
			return err
		}
		jobs[i].regions = v
		return nil
	})
}

func readID(m historyDeliveryJobsModel) string {
	parts := []string{"jobs"}
	if !m.TrailName.IsNull() {
		parts = append(parts, "trail="+m.TrailName.ValueString())
	}
	if !m.Status.IsNull() {
		parts = append(parts, "status="+m.Status.ValueString())
	}
	return strings.Join(parts, ",") + fmt.Sprintf(",count=%d", m.TotalCount.ValueInt64())
}
