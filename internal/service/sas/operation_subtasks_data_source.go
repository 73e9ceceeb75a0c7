package sas

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/flex"
)

// taskIDRE is an operation task id: any text without spaces. The
// reference documents them as strings (its example is a UUID,
// a68478b8-811e-47ec-ab0c-3e5b077ca***); the mock makes numbers.
var taskIDRE = regexp.MustCompile(`^\S+$`)

var (
	_ datasource.DataSource                     = &operationSubtasksDataSource{}
	_ datasource.DataSourceWithConfigure        = &operationSubtasksDataSource{}
	_ datasource.DataSourceWithConfigValidators = &operationSubtasksDataSource{}
)

// NewOperationSubtasksDataSource is the cloudtrack_sas_operation_subtasks data source.
func NewOperationSubtasksDataSource() datasource.DataSource {
	return &operationSubtasksDataSource{}
}

type operationSubtasksDataSource struct {
	client *conns.Client
}

type operationSubtasksModel struct {
	ID         types.String `tfsdk:"id"`
	TaskIDs    types.List   `tfsdk:"task_ids"`
	Statuses   types.List   `tfsdk:"statuses"`
	StartTime  types.String `tfsdk:"start_time"`
	EndTime    types.String `tfsdk:"end_time"`
	Language   types.String `tfsdk:"language"`
	Subtasks   types.List   `tfsdk:"subtasks"`
	TotalCount types.Int64  `tfsdk:"total_count"`
}

var checkAttrTypes = map[string]attr.Type{
	"id":   types.StringType,
	"name": types.StringType,
}

var checkType = types.ObjectType{AttrTypes: checkAttrTypes}

var subtaskAttrTypes = map[string]attr.Type{
	"task_id":        types.StringType,
	"detail_task_id": types.StringType,
	"status":         types.StringType,
	"asset_type":     types.Int64Type,
	"asset_sub_type": types.Int64Type,
	"asset_vendor":   types.Int64Type,
	"checks":         types.ListType{ElemType: checkType},
	"create_time":    types.StringType,
	"start_time":     types.StringType,
	"end_time":       types.StringType,
}

var subtaskType = types.ObjectType{AttrTypes: subtaskAttrTypes}

func (d *operationSubtasksDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sas_operation_subtasks"
}

func (d *operationSubtasksDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the subtasks of Security Center (Sas) operation tasks, the checks each ran and how it ended. " +
			"Filters are applied by the API; all of them are optional and combine with AND.\n\n" +
			"**API calls per read:** one ListOperationProcessDetail call per 100 matching subtasks (pages of 100, or of what the service serves if it serves fewer); " +
			"the pages after the first are fetched several at a time, paced by the provider's rate limit for the API.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "An identifier of this read, made from the filters."},
			"task_ids": schema.ListAttribute{
				Optional:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Only subtasks of these operation tasks (task ids as the API returns them, for example UUIDs). At least one when set.",
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1),
					listvalidator.ValueStringsAre(stringvalidator.RegexMatches(taskIDRE, "must be a task id without spaces")),
				},
			},
			"statuses": schema.ListAttribute{
				Optional:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Only subtasks in one of these states: " + quotedList(SubtaskStatusValues) + ". At least one when set.",
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1),
					listvalidator.ValueStringsAre(stringvalidator.OneOf(SubtaskStatusValues...)),
				},
			},
			"start_time": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Start of the time window, RFC 3339 (for example `2024-05-01T00:00:00Z`), inclusive. " +
					"Sent to the API in milliseconds; must not be after `end_time`.",
				Validators: []validator.String{rfc3339Validator{}},
			},
			"end_time": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "End of the time window, RFC 3339, inclusive. Sent to the API in milliseconds.",
				Validators:          []validator.String{rfc3339Validator{}},
			},
			"language": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Language of the check names: " + quotedList(LanguageValues) +
					". When not set the API's default applies (`zh`).",
				Validators: []validator.String{stringvalidator.OneOf(LanguageValues...)},
			},
			"total_count": schema.Int64Attribute{Computed: true, MarkdownDescription: "Number of subtasks that matched."},
			"subtasks": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The subtasks that matched, in the order the API returns them (newest first).",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"task_id":        schema.StringAttribute{Computed: true, MarkdownDescription: "The operation task the subtask belongs to."},
						"detail_task_id": schema.StringAttribute{Computed: true, MarkdownDescription: "The subtask's own id."},
						"status": schema.StringAttribute{
							Computed:            true,
							MarkdownDescription: "One of " + quotedList(SubtaskStatusValues) + " (`unknown(N)` for a code this provider does not know).",
						},
						"asset_type":     schema.Int64Attribute{Computed: true, MarkdownDescription: "The asset type the subtask checked, as Security Center numbers it."},
						"asset_sub_type": schema.Int64Attribute{Computed: true, MarkdownDescription: "The asset sub-type, as Security Center numbers it."},
						"asset_vendor":   schema.Int64Attribute{Computed: true, MarkdownDescription: "The asset's cloud vendor, as Security Center numbers it (`0` is Alibaba Cloud)."},
						"checks": schema.ListNestedAttribute{
							Computed:            true,
							MarkdownDescription: "The check items the subtask ran.",
							NestedObject: schema.NestedAttributeObject{
								Attributes: map[string]schema.Attribute{
									"id":   schema.StringAttribute{Computed: true, MarkdownDescription: "The check item id."},
									"name": schema.StringAttribute{Computed: true, MarkdownDescription: "The check's display name, in `language`."},
								},
							},
						},
						"create_time": schema.StringAttribute{Computed: true, MarkdownDescription: "When the subtask was created, RFC 3339 (UTC)."},
						"start_time":  schema.StringAttribute{Computed: true, MarkdownDescription: "When it started, RFC 3339 (UTC); null if it has not started."},
						"end_time":    schema.StringAttribute{Computed: true, MarkdownDescription: "When it ended, RFC 3339 (UTC); null while it has not finished."},
					},
				},
			},
		},
	}
}

func (d *operationSubtasksDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{timeWindowValidator{}}
}

func (d *operationSubtasksDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *operationSubtasksDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data operationSubtasksModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	const summary = "listing Security Center operation subtasks"

	f := subtaskFilter{Lang: data.Language.ValueString()}
	if !data.TaskIDs.IsNull() {
		resp.Diagnostics.Append(data.TaskIDs.ElementsAs(ctx, &f.TaskIDs, false)...)
	}
	if !data.Statuses.IsNull() {
		var names []string
		resp.Diagnostics.Append(data.Statuses.ElementsAs(ctx, &names, false)...)
		seen := map[int]bool{}
		for _, n := range names {
			if code, ok := subtaskStatusCode(n); ok && !seen[code] { // validated at plan time
				seen[code] = true
				f.StatusCodes = append(f.StatusCodes, code)
			}
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	for _, tv := range []struct {
		v   types.String
		dst **int64
	}{{data.StartTime, &f.StartMillis}, {data.EndTime, &f.EndMillis}} {
		if tv.v.IsNull() {
			continue
		}
		t, err := parseTime(tv.v.ValueString())
		if err != nil { // validated at plan time; kept for safety
			resp.Diagnostics.AddError(summary, err.Error())
			return
		}
		ms := t.UnixMilli()
		*tv.dst = &ms
	}

	t, err := newSubtaskTypes(ctx)
	if err != nil {
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	// Kept as their wire structs (a tenth of the size of their terraform
	// values), each made into its terraform value when the state is
	// stored (flex.SetStateWithLargeList): on the provider's fast read
	// path one at a time as the state is encoded.
	kept, err := listSubtaskPages(ctx, d.client, f, func(sd *processDetailWire) processDetailWire { return *sd })
	if err != nil {
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	data.TotalCount = types.Int64Value(int64(len(kept)))
	data.ID = types.StringValue(readID(ctx, data))
	data.Subtasks = types.ListNull(subtaskType)
	resp.Diagnostics.Append(flex.SetStateWithLargeList(ctx, &resp.State, &data, "subtasks", flex.LargeList{
		Type: tftypes.List{ElementType: t.subtask},
		Len:  len(kept),
		Elem: func(i int) (tftypes.Value, error) { return t.value(&kept[i]), nil },
	})...)
}

// subtaskTypes are the terraform types of a subtask and its checks, made
// once per read and shared by every value of it.
type subtaskTypes struct {
	subtask tftypes.Object
	checks  tftypes.List
	check   tftypes.Object
}

func newSubtaskTypes(ctx context.Context) (subtaskTypes, error) {
	subtask, err := flex.ObjectType(ctx, subtaskType)
	if err != nil {
		return subtaskTypes{}, err
	}
	checks, ok := subtask.AttributeTypes["checks"].(tftypes.List)
	if !ok {
		return subtaskTypes{}, fmt.Errorf("checks is not a list: %s", subtask.AttributeTypes["checks"])
	}
	check, ok := checks.ElementType.(tftypes.Object)
	if !ok {
		return subtaskTypes{}, fmt.Errorf("a check is not an object: %s", checks.ElementType)
	}
	return subtaskTypes{subtask: subtask, checks: checks, check: check}, nil
}

// value maps one wire subtask to its terraform value: the one mapping of
// the data source (and, through SubtasksForTest, of its golden tests).
// Built directly with the shared types: framework values converted after
// would double a 10,000-subtask read's allocations.
func (t subtaskTypes) value(sd *processDetailWire) tftypes.Value {
	checks := make([]tftypes.Value, len(sd.Checks))
	for i, c := range sd.Checks {
		checks[i] = tftypes.NewValue(t.check, map[string]tftypes.Value{
			"id":   tftypes.NewValue(tftypes.String, string(c.CheckID)),
			"name": tftypes.NewValue(tftypes.String, c.CheckShowName),
		})
	}
	return tftypes.NewValue(t.subtask, map[string]tftypes.Value{
		"task_id":        tftypes.NewValue(tftypes.String, string(sd.TaskID)),
		"detail_task_id": tftypes.NewValue(tftypes.String, string(sd.DetailTaskID)),
		"status":         tftypes.NewValue(tftypes.String, subtaskStatusName(sd.StatusCode)),
		"asset_type":     tftypes.NewValue(tftypes.Number, sd.AssetType),
		"asset_sub_type": tftypes.NewValue(tftypes.Number, sd.AssetSubType),
		"asset_vendor":   tftypes.NewValue(tftypes.Number, sd.AssetVendor),
		"checks":         tftypes.NewValue(t.checks, checks),
		"create_time":    millisValue(sd.CreateTime),
		"start_time":     millisValue(sd.StartTime),
		"end_time":       millisValue(sd.EndTime),
	})
}

// millisValue is a wire time (Unix ms) as flex renders it, as a terraform
// string (null for 0).
func millisValue(ms int64) tftypes.Value {
	v := flex.MillisToRFC3339(ms)
	if v.IsNull() {
		return tftypes.NewValue(tftypes.String, nil)
	}
	return tftypes.NewValue(tftypes.String, v.ValueString())
}

func readID(ctx context.Context, m operationSubtasksModel) string {
	parts := []string{"sas-subtasks"}
	list := func(name string, l types.List) {
		if l.IsNull() {
			return
		}
		var vs []string
		_ = l.ElementsAs(ctx, &vs, false)
		parts = append(parts, name+"="+strings.Join(vs, "|"))
	}
	list("tasks", m.TaskIDs)
	list("statuses", m.Statuses)
	for _, kv := range []struct {
		k string
		v types.String
	}{{"from", m.StartTime}, {"to", m.EndTime}, {"lang", m.Language}} {
		if !kv.v.IsNull() {
			parts = append(parts, kv.k+"="+kv.v.ValueString())
		}
	}
	return strings.Join(parts, ",") + ",count=" + strconv.FormatInt(m.TotalCount.ValueInt64(), 10)
}
