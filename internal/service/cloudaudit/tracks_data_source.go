package cloudaudit

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

var (
	_ datasource.DataSource              = &tracksDataSource{}
	_ datasource.DataSourceWithConfigure = &tracksDataSource{}
)

// NewTracksDataSource is the cloudtrack_cloudaudit_tracks data source.
func NewTracksDataSource() datasource.DataSource { return &tracksDataSource{} }

type tracksDataSource struct {
	client *conns.Client
}

type tracksDataModel struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	NameRegex   types.String `tfsdk:"name_regex"`
	Enabled     types.Bool   `tfsdk:"enabled"`
	StorageType types.String `tfsdk:"storage_type"`
	WithDetails types.Bool   `tfsdk:"with_details"`
	IDs         types.List   `tfsdk:"ids"`
	Tracks      types.List   `tfsdk:"tracks"`
	TotalCount  types.Int64  `tfsdk:"total_count"`
}

func (d *tracksDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cloudaudit_tracks"
}

// regexValidator checks that a string compiles as a Go regular expression.
type regexValidator struct{}

func (regexValidator) Description(context.Context) string {
	return "must be a valid regular expression (RE2 syntax)"
}

func (v regexValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (regexValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := regexp.Compile(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid regular expression", fmt.Sprintf("%s must be a valid regular expression (RE2 syntax): %s.", req.Path, err))
	}
}

func (d *tracksDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the CloudAudit tracks of the account.\n\n" +
			"**API calls per read:** one DescribeAuditTracks call per 100 tracks of the account (100 tracks: 1 call), whatever the filters " +
			"(the API filters nothing: they are applied to the list); with `with_details = true`, one DescribeAuditTrack call more per matched track, " +
			"several at a time, paced by the provider's rate limit for the API.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "An identifier of this read, made from the filters."},
			"name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only the track with this exact name.",
				Validators:          trackNameValidators(),
			},
			"name_regex": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only tracks whose name matches this regular expression (RE2 syntax).",
				Validators:          []validator.String{regexValidator{}},
			},
			"enabled": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Only tracks that are enabled (`true`) or disabled (`false`).",
			},
			"storage_type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only tracks delivering to this storage type, one of " + quotedList(StorageTypeValues) + ".",
				Validators:          []validator.String{stringvalidator.OneOf(StorageTypeValues...)},
			},
			"with_details": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Also read what the track list lacks, `track_for_all_members` and `filters` (the selection of a track of the filter form), " +
					"with one DescribeAuditTrack call per matched track. Defaults to `false`: those two are null, and a read costs the list pages only.",
			},
			"ids":         schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Ids of the tracks that matched, in id order."},
			"total_count": schema.Int64Attribute{Computed: true, MarkdownDescription: "Number of tracks that matched."},
			"tracks": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The tracks that matched, in id order.",
				NestedObject:        schema.NestedAttributeObject{Attributes: listedTrackAttributes()},
			},
		},
	}
}

func (d *tracksDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *tracksDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data tracksDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	const summary = "listing CloudAudit Tracks"
	var nameRE *regexp.Regexp
	if !data.NameRegex.IsNull() {
		nameRE = regexp.MustCompile(data.NameRegex.ValueString()) // validated at plan time
	}
	all, err := listTracks(ctx, d.client)
	if err != nil {
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	f := trackFilter{name: data.Name.ValueStringPointer(), nameRE: nameRE, enabled: data.Enabled.ValueBoolPointer(), storageType: data.StorageType.ValueString()}
	matched := filterTracks(all, f)
	fields := make([]trackFields, len(matched))
	for i, t := range matched {
		fields[i] = fieldsFromList(t)
	}
	if data.WithDetails.ValueBool() {
		if fields, err = describeTracks(ctx, d.client, fields); err != nil {
			resp.Diagnostics.AddError(summary, err.Error())
			return
		}
	}
	elems := make([]attr.Value, len(fields))
	ids := make([]attr.Value, len(fields))
	for i, f := range fields {
		elems[i] = basetypes.NewObjectValueMust(trackObjectType.AttrTypes, f.attrs())
		ids[i] = types.StringValue(strconv.FormatInt(f.TrackID.ValueInt64(), 10))
	}
	data.Tracks = basetypes.NewListValueMust(trackObjectType, elems)
	data.IDs = basetypes.NewListValueMust(types.StringType, ids)
	data.TotalCount = types.Int64Value(int64(len(fields)))
	data.ID = types.StringValue(tracksReadID(data))
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

// listedTrackAttributes are a track's attributes in the tracks data
// source: those of the track data source, with the two that need a
// detail call saying so.
func listedTrackAttributes() map[string]schema.Attribute {
	attrs := trackDataAttributes(
		schema.Int64Attribute{Computed: true, MarkdownDescription: "The track id."},
		schema.StringAttribute{Computed: true, MarkdownDescription: "The track name."},
	)
	members := attrs["track_for_all_members"].(schema.BoolAttribute) //nolint:forcetypeassert // built by trackDataAttributes
	members.MarkdownDescription += " Null unless `with_details` is `true`."
	attrs["track_for_all_members"] = members
	filters := attrs["filters"].(schema.ListNestedAttribute) //nolint:forcetypeassert // built by trackDataAttributes
	filters.MarkdownDescription += " Null unless `with_details` is `true`: the list carries no filters, so without details a track of the filter form shows null " +
		"`action_type`, `resource_type`, `event_names` and `filters`."
	attrs["filters"] = filters
	return attrs
}

// trackFilter selects listed tracks; a nil or empty field selects any.
// The data source and the list resource share it.
type trackFilter struct {
	name        *string
	nameRE      *regexp.Regexp
	enabled     *bool
	storageType string
}

// filterTracks returns the tracks of all that f selects, in id order. The
// list carries status, storage and name, so filtering needs no detail
// call.
func filterTracks(all []*ca.Tracks, f trackFilter) []*ca.Tracks {
	var matched []*ca.Tracks
	for _, t := range all {
		name := str(t.Name)
		switch {
		case f.name != nil && name != *f.name:
		case f.nameRE != nil && !f.nameRE.MatchString(name):
		case f.enabled != nil && switchFromWire(t.Status).ValueBool() != *f.enabled:
		case f.storageType != "" && (t.Storage == nil || str(t.Storage.StorageType) != f.storageType):
		default:
			matched = append(matched, t)
		}
	}
	sort.Slice(matched, func(a, b int) bool { return *matched[a].TrackId < *matched[b].TrackId })
	return matched
}

// describeTracks replaces each listed track's fields with its details
// (DescribeAuditTrack: track_for_all_members and filters, which the list
// lacks), as many calls at once as the API's rate allows (conns.ForEach).
// A track deleted since the list is left out.
func describeTracks(ctx context.Context, client *conns.Client, listed []trackFields) ([]trackFields, error) {
	found := make([]bool, len(listed))
	err := conns.ForEach(ctx, len(listed), func(ctx context.Context, i int) error {
		id := uint64(listed[i].TrackID.ValueInt64()) //nolint:gosec // track ids are positive
		got, err := findTrackByID(ctx, client, id)
		if conns.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		listed[i] = fieldsFromDescribe(id, got)
		found[i] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := listed[:0]
	for i, f := range listed {
		if found[i] {
			out = append(out, f)
		}
	}
	return out, nil
}

func tracksReadID(m tracksDataModel) string {
	parts := []string{"tracks"}
	if !m.Name.IsNull() {
		parts = append(parts, "name="+m.Name.ValueString())
	}
	if !m.NameRegex.IsNull() {
		parts = append(parts, "name_regex="+m.NameRegex.ValueString())
	}
	if !m.Enabled.IsNull() {
		parts = append(parts, fmt.Sprintf("enabled=%t", m.Enabled.ValueBool()))
	}
	if !m.StorageType.IsNull() {
		parts = append(parts, "storage_type="+m.StorageType.ValueString())
	}
	if m.WithDetails.ValueBool() {
		parts = append(parts, "with_details=true")
	}
	return strings.Join(parts, ",") + fmt.Sprintf(",count=%d", m.TotalCount.ValueInt64())
}
