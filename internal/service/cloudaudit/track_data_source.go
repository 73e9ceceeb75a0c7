package cloudaudit

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

var (
	_ datasource.DataSource                     = &trackDataSource{}
	_ datasource.DataSourceWithConfigure        = &trackDataSource{}
	_ datasource.DataSourceWithConfigValidators = &trackDataSource{}
)

// NewTrackDataSource is the cloudtrack_cloudaudit_track data source.
func NewTrackDataSource() datasource.DataSource { return &trackDataSource{} }

type trackDataSource struct {
	client *conns.Client
}

type trackDataModel struct {
	ID types.String `tfsdk:"id"`
	trackFields
}

func (d *trackDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cloudaudit_track"
}

// trackDataAttributes are the computed attributes of a track in the data
// sources; trackID and name are passed in because the single-track data
// source takes them as arguments.
func trackDataAttributes(trackID, name schema.Attribute) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"track_id":              trackID,
		"name":                  name,
		"enabled":               schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the track delivers events."},
		"track_for_all_members": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the events of every member account of the organization are delivered too."},
		"action_type":           schema.StringAttribute{Computed: true, MarkdownDescription: "Simple form: the events selected, one of " + quotedList(ActionTypeValues) + "; null for a track of the filter form."},
		"resource_type":         schema.StringAttribute{Computed: true, MarkdownDescription: "Simple form: the product selected, or `*`; null for a track of the filter form."},
		"event_names":           schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Simple form: the API names selected, or `[\"*\"]`; null for a track of the filter form."},
		"filters": schema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "Filter form: one entry per product selected; null for a simple track.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"resource_type": schema.StringAttribute{Computed: true, MarkdownDescription: "The product, or `*`."},
				"action_type":   schema.StringAttribute{Computed: true, MarkdownDescription: "The events selected, one of " + quotedList(ActionTypeValues) + "."},
				"event_names":   schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The API names, or `[\"*\"]`."},
			}},
		},
		"storage": schema.SingleNestedAttribute{
			Computed:            true,
			MarkdownDescription: "Where the events are delivered.",
			Attributes: map[string]schema.Attribute{
				"type":       schema.StringAttribute{Computed: true, MarkdownDescription: "One of " + quotedList(StorageTypeValues) + "."},
				"region":     schema.StringAttribute{Computed: true, MarkdownDescription: "Region of the bucket or topic."},
				"name":       schema.StringAttribute{Computed: true, MarkdownDescription: "Bucket name (without `-APPID`), CLS topic id, or CKafka instance id and topic (`ckafka-abc123/audit_log`)."},
				"prefix":     schema.StringAttribute{Computed: true, MarkdownDescription: "Prefix of the delivered log files."},
				"account_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Account owning the bucket or topic, when another account."},
				"app_id":     schema.StringAttribute{Computed: true, MarkdownDescription: "APPID owning the bucket, when another account."},
				"compress":   schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the delivered logs are compressed."},
			},
		},
		"create_time": schema.StringAttribute{Computed: true, MarkdownDescription: "When the track was created (RFC 3339)."},
	}
}

func (d *trackDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := trackDataAttributes(
		schema.Int64Attribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: "The track id. Exactly one of `track_id` and `name` must be set.",
			Validators:          []validator.Int64{int64validator.AtLeast(1)},
		},
		schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: "The track name. Exactly one of `track_id` and `name` must be set.",
			Validators:          trackNameValidators(),
		},
	)
	attrs["id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "The track id, as a string."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one CloudAudit track, by id or by name. Cost: by `track_id`, one `DescribeAuditTrack` call; by `name`, the track list (`DescribeAuditTracks`, one call per 100 tracks) and then one `DescribeAuditTrack` call.",
		Attributes:          attrs,
	}
}

func (d *trackDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("track_id"), path.MatchRoot("name"))}
}

func (d *trackDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *trackDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data trackDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var (
		id  uint64
		out *ca.DescribeAuditTrackResponseParams
		err error
	)
	var summary string
	if !data.TrackID.IsNull() {
		id = uint64(data.TrackID.ValueInt64()) //nolint:gosec // validated positive
		summary = fmt.Sprintf("reading CloudAudit Track (%d)", id)
		out, err = findTrackByID(ctx, d.client, id)
	} else {
		summary = fmt.Sprintf("reading CloudAudit Track (%s)", data.Name.ValueString())
		id, out, err = findTrackByName(ctx, d.client, data.Name.ValueString())
	}
	if err != nil {
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	data.trackFields = fieldsFromDescribe(id, out)
	data.ID = types.StringValue(strconv.FormatUint(id, 10))
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
