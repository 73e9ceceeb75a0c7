package sas

import (
	"context"
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

	objType, err := flex.ObjectType(ctx, subtaskType)
	if err != nil {
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	// Converted while paging, once, straight to the terraform value the
	// state holds (flex): a page's wire form is dropped with the page.
	subtasks, err := listSubtaskPages(ctx, d.client, f, func(sd *processDetailWire) tfItem {
		attrs, err := flex.TerraformAttrs(ctx, objType, subtaskAttrs(sd))
		if err != nil {
			return tfItem{err: err}
		}
		return tfItem{v: tftypes.NewValue(objType, attrs)}
	})
	if err != nil {
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	elems := make([]tftypes.Value, len(subtasks))
	for i, s := range subtasks {
		if s.err != nil {
			resp.Diagnostics.AddError(summary, "converting a subtask: "+s.err.Error())
			return
		}
		elems[i] = s.v
	}
	subtasks = nil //nolint:ineffassign,wastedassign // the values live on in elems
	data.TotalCount = types.Int64Value(int64(len(elems)))
	data.ID = types.StringValue(readID(ctx, data))
	data.Subtasks = types.ListNull(subtaskType)
	resp.Diagnostics.Append(flex.SetStateWithLarge(ctx, &resp.State, &data, "subtasks", tftypes.NewValue(tftypes.List{ElementType: objType}, elems))...)
}

// tfItem is a converted subtask, or why it could not be converted.
type tfItem struct {
	v   tftypes.Value
	err error
}

// subtaskAttrs maps one wire subtask to its attributes: the one mapping
// the data source (and its tests, through subtaskValue) use.
func subtaskAttrs(sd *processDetailWire) map[string]attr.Value {
	checks := make([]attr.Value, 0, len(sd.Checks))
	for _, c := range sd.Checks {
		checks = append(checks, types.ObjectValueMust(checkAttrTypes, map[string]attr.Value{
			"id":   types.StringValue(string(c.CheckID)),
			"name": types.StringValue(c.CheckShowName),
		}))
	}
	return map[string]attr.Value{
		"task_id":        types.StringValue(string(sd.TaskID)),
		"detail_task_id": types.StringValue(string(sd.DetailTaskID)),
		"status":         types.StringValue(subtaskStatusName(sd.StatusCode)),
		"asset_type":     types.Int64Value(sd.AssetType),
		"asset_sub_type": types.Int64Value(sd.AssetSubType),
		"asset_vendor":   types.Int64Value(sd.AssetVendor),
		"checks":         types.ListValueMust(checkType, checks),
		"create_time":    flex.MillisToRFC3339(sd.CreateTime),
		"start_time":     flex.MillisToRFC3339(sd.StartTime),
		"end_time":       flex.MillisToRFC3339(sd.EndTime),
	}
}

// subtaskValue is one wire subtask as a framework object value.
func subtaskValue(sd processDetailWire) types.Object {
	return types.ObjectValueMust(subtaskAttrTypes, subtaskAttrs(&sd))
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
