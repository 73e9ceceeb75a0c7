package actiontrail

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

var (
	_ datasource.DataSource                   = &trailsDataSource{}
	_ datasource.DataSourceWithConfigure      = &trailsDataSource{}
	_ datasource.DataSourceWithValidateConfig = &trailsDataSource{}
)

// NewTrailsDataSource is the cloudtrack_actiontrail_trails data source.
func NewTrailsDataSource() datasource.DataSource { return &trailsDataSource{} }

type trailsDataSource struct {
	client *conns.Client
}

type trailsDataModel struct {
	ID                        types.String `tfsdk:"id"`
	Names                     types.Set    `tfsdk:"names"`
	NameRegex                 types.String `tfsdk:"name_regex"`
	Logging                   types.Bool   `tfsdk:"logging"`
	IncludeOrganizationTrails types.Bool   `tfsdk:"include_organization_trails"`
	HomeRegion                types.String `tfsdk:"home_region"`
	TrailNames                types.List   `tfsdk:"trail_names"`
	Trails                    types.List   `tfsdk:"trails"`
	TotalCount                types.Int64  `tfsdk:"total_count"`
}

// trailEntry is one element of trails: the resource's trail fields and
// logging (from the trail's Status).
type trailEntry struct {
	trailFields
	Logging types.Bool `tfsdk:"logging"`
}

func trailEntryAttributes() map[string]schema.Attribute {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return map[string]schema.Attribute{
		"name":                  str("Trail name."),
		"sls_project_arn":       str("ARN of the Log Service project events are delivered to; null if none."),
		"sls_write_role_arn":    str("ARN of the RAM role used to write to the Log Service project."),
		"oss_bucket_name":       str("OSS bucket events are delivered to; null if none."),
		"oss_key_prefix":        str("Prefix of the log files in the OSS bucket."),
		"oss_write_role_arn":    str("ARN of the RAM role used to write to the OSS bucket."),
		"event_rw":              str("Events delivered: one of " + quotedList(EventRWValues) + "."),
		"trail_region":          str("Regions whose events are delivered: `All` or region ids separated by commas."),
		"is_organization_trail": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it is a multi-account trail."},
		"logging":               schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the trail delivers events (status `" + trailEnabled + "`)."},
		"home_region":           str("Home region of the trail."),
		"status":                str("Trail status as the API reports it: `" + trailEnabled + "` or `" + trailDisabled + "`."),
		"trail_arn":             str("ARN of the trail."),
		"create_time":           str("When the trail was created (RFC 3339)."),
		"update_time":           str("When the trail's configuration last changed (RFC 3339)."),
		"start_logging_time":    str("When logging was last switched on (RFC 3339); null if never."),
		"stop_logging_time":     str("When logging was last switched off (RFC 3339); null if never."),
	}
}

func (d *trailsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_actiontrail_trails"
}

func (d *trailsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's ActionTrail trails (one DescribeTrails call), by name, sorted by name. " +
			"Trails of every home region are listed (DescribeTrails with `IncludeShadowTrails`), not only those made in the provider's region; `home_region` narrows the list.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "An identifier of this read, made from the filters."},
			"names": schema.SetAttribute{
				Optional:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Only these trails (DescribeTrails' `NameList`). Names that do not exist are left out.",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(trailNameValidators()...)},
			},
			"name_regex": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only trails whose name matches this regular expression (Go RE2 syntax).",
			},
			"logging": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Only trails that are logging (`true`) or switched off (`false`).",
			},
			"include_organization_trails": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Include multi-account trails. Defaults to `true`.",
			},
			"home_region": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: homeRegionFilterDescription,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"trail_names": schema.ListAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Names of the trails that matched, sorted.",
			},
			"total_count": schema.Int64Attribute{Computed: true, MarkdownDescription: "Number of trails that matched."},
			"trails": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The trails that matched, sorted by name.",
				NestedObject:        schema.NestedAttributeObject{Attributes: trailEntryAttributes()},
			},
		},
	}
}

// ValidateConfig rejects a name_regex that does not compile, at plan time.
func (d *trailsDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var re types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("name_regex"), &re)...)
	if re.IsNull() || re.IsUnknown() {
		return
	}
	if _, err := regexp.Compile(re.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("name_regex"), "Invalid name_regex",
			fmt.Sprintf("name_regex must be a regular expression in Go RE2 syntax: %s", err))
	}
}

func (d *trailsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *trailsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data trailsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var names []string
	if !data.Names.IsNull() {
		resp.Diagnostics.Append(data.Names.ElementsAs(ctx, &names, false)...)
	}
	sort.Strings(names)
	var re *regexp.Regexp
	if !data.NameRegex.IsNull() {
		re = regexp.MustCompile(data.NameRegex.ValueString()) // checked in ValidateConfig
	}
	includeOrg := data.IncludeOrganizationTrails.IsNull() || data.IncludeOrganizationTrails.ValueBool()
	if data.Names.IsNull() || len(names) > 0 {
		trails, err := describeTrails(ctx, d.client, names, includeOrg)
		if err != nil {
			resp.Diagnostics.AddError("listing ActionTrail trails", err.Error())
			return
		}
		data.fill(ctx, matchTrails(trails, names, re, data.Logging, data.HomeRegion), &resp.Diagnostics)
	} else {
		data.fill(ctx, nil, &resp.Diagnostics) // names = []: nothing asked for
	}
	data.ID = types.StringValue(fmt.Sprintf("names=%s;regex=%s;logging=%s;org=%t;home=%s",
		strings.Join(names, ","), data.NameRegex.ValueString(), data.Logging.String(), includeOrg, data.HomeRegion.ValueString()))
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

// homeRegionFilterDescription describes the trails data source's and
// list resource's home_region filter.
const homeRegionFilterDescription = "Only trails whose home region (the region they were made in) is this one, for example `cn-shanghai`."

// matchTrails keeps the trails that pass every filter, sorted by name.
func matchTrails(trails []sdk.Trail, names []string, re *regexp.Regexp, logging types.Bool, homeRegion types.String) []sdk.Trail {
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var out []sdk.Trail
	for _, t := range trails {
		switch {
		case len(want) > 0 && !want[t.Name]:
		case re != nil && !re.MatchString(t.Name):
		case !logging.IsNull() && logging.ValueBool() != (t.Status == trailEnabled):
		case !homeRegion.IsNull() && homeRegion.ValueString() != t.HomeRegion:
		default:
			out = append(out, t)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Name < out[b].Name })
	return out
}

func (m *trailsDataModel) fill(ctx context.Context, trails []sdk.Trail, diags *diag.Diagnostics) {
	entries := make([]trailEntry, len(trails))
	trailNames := make([]string, len(trails))
	for i := range trails {
		entries[i] = trailEntry{trailFields: trailFieldsFrom(&trails[i]), Logging: types.BoolValue(trails[i].Status == trailEnabled)}
		trailNames[i] = trails[i].Name
	}
	elemType := types.ObjectType{AttrTypes: trailEntryAttrTypes()}
	var d diag.Diagnostics
	m.Trails, d = types.ListValueFrom(ctx, elemType, entries)
	diags.Append(d...)
	m.TrailNames, d = types.ListValueFrom(ctx, types.StringType, trailNames)
	diags.Append(d...)
	m.TotalCount = types.Int64Value(int64(len(trails)))
}

func trailEntryAttrTypes() map[string]attr.Type {
	out := map[string]attr.Type{}
	for name, a := range trailEntryAttributes() {
		out[name] = a.GetType()
	}
	return out
}
