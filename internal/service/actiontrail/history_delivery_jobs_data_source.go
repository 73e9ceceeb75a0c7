package actiontrail

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// detailConcurrency bounds the Get calls made for with_region_statuses.
const detailConcurrency = 4

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
		MarkdownDescription: "Lists ActionTrail history delivery jobs of the account, reading every page of ListDeliveryHistoryJobs, newest first.",
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
				MarkdownDescription: "Also read each job's per-region statuses (one GetDeliveryHistoryJob call per matched job, a few at a time). " +
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

	all, err := listJobs(ctx, d.client)
	if err != nil {
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	matched := matchJobs(all, jobFilter{trail: data.TrailName.ValueString(), status: wantStatus, ids: wantIDs})
	fields := make([]jobFields, len(matched))
	for i, j := range matched {
		fields[i] = fieldsFromList(j)
	}
	if data.WithRegionStatuses.ValueBool() {
		if err := fillRegionStatuses(ctx, d.client, fields); err != nil {
			resp.Diagnostics.AddError(summary, err.Error())
			return
		}
	}

	jobType := types.ObjectType{AttrTypes: jobFieldsAttrTypes()}
	elems := make([]attr.Value, 0, len(fields))
	ids := make([]attr.Value, 0, len(fields))
	for _, f := range fields {
		obj, diags := types.ObjectValueFrom(ctx, jobFieldsAttrTypes(), f)
		resp.Diagnostics.Append(diags...)
		elems = append(elems, obj)
		ids = append(ids, types.StringValue(strconv.FormatInt(f.JobID.ValueInt64(), 10)))
	}
	if resp.Diagnostics.HasError() {
		return
	}
	data.Jobs = types.ListValueMust(jobType, elems)
	if data.IDs.IsNull() || data.IDs.IsUnknown() {
		data.IDs = types.ListValueMust(types.StringType, ids)
	}
	data.TotalCount = types.Int64Value(int64(len(fields)))
	data.ID = types.StringValue(readID(data))
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

// jobFilter selects listed jobs: by trail ("" any), status code (-1 any)
// and ids (nil any). The data source and the list resource share it.
type jobFilter struct {
	trail  string
	status int
	ids    map[int64]bool
}

// matchJobs returns the jobs of all that f selects, newest first.
func matchJobs(all []sdk.DeliveryHistoryJob, f jobFilter) []sdk.DeliveryHistoryJob {
	var matched []sdk.DeliveryHistoryJob
	for _, j := range all {
		if f.trail != "" && j.TrailName != f.trail {
			continue
		}
		if f.status >= 0 && j.JobStatus != f.status {
			continue
		}
		if f.ids != nil && !f.ids[j.JobId] {
			continue
		}
		matched = append(matched, j)
	}
	sort.SliceStable(matched, func(a, b int) bool { return matched[a].JobId > matched[b].JobId })
	return matched
}

// fillRegionStatuses makes one Get per job, detailConcurrency at a time. A
// job deleted since the list keeps null statuses.
func fillRegionStatuses(ctx context.Context, client *conns.Client, fields []jobFields) error {
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	sem := make(chan struct{}, detailConcurrency)
	for i := range fields {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			job, err := findJobByID(ctx, client, fields[i].JobID.ValueInt64())
			if conns.IsNotFound(err) {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				return
			}
			fields[i].RegionStatuses = regionStatusesValue(job.Status)
		}()
	}
	wg.Wait()
	return firstErr
}

func jobFieldsAttrTypes() map[string]attr.Type {
	return map[string]attr.Type{
		"job_id":          types.Int64Type,
		"trail_name":      types.StringType,
		"status":          types.StringType,
		"home_region":     types.StringType,
		"start_time":      types.StringType,
		"end_time":        types.StringType,
		"created_time":    types.StringType,
		"updated_time":    types.StringType,
		"region_statuses": types.ListType{ElemType: regionStatusType},
	}
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
