package cloudaudit

import (
	"context"
	"regexp"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// ListResources lists the list resource types of this service.
func ListResources() []func() list.ListResource {
	return []func() list.ListResource{NewTrackListResource}
}

var (
	_ list.ListResource              = &trackListResource{}
	_ list.ListResourceWithConfigure = &trackListResource{}
)

// NewTrackListResource is the cloudtrack_cloudaudit_track list resource
// (terraform query, Terraform 1.14+).
func NewTrackListResource() list.ListResource { return &trackListResource{} }

type trackListResource struct {
	client *conns.Client
}

type trackListModel struct {
	NameRegex   types.String `tfsdk:"name_regex"`
	Enabled     types.Bool   `tfsdk:"enabled"`
	StorageType types.String `tfsdk:"storage_type"`
}

func (r *trackListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cloudaudit_track"
}

func (r *trackListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the account's CloudAudit tracks (every page of DescribeAuditTracks, one call per page), in id order. " +
			"With `include_resource`, each track found is also read with DescribeAuditTrack, as the resource reads it.",
		Attributes: map[string]schema.Attribute{
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
		},
	}
}

func (r *trackListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *trackListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg trackListModel
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	f := trackFilter{enabled: cfg.Enabled.ValueBoolPointer(), storageType: cfg.StorageType.ValueString()}
	if !cfg.NameRegex.IsNull() {
		f.nameRE = regexp.MustCompile(cfg.NameRegex.ValueString()) // validated
	}
	conns.StreamList(ctx, req, stream, "listing CloudAudit Tracks", func(ctx context.Context, yield func(conns.ListItem) bool) error {
		all, err := listTracks(ctx, r.client)
		if err != nil {
			return err
		}
		for _, t := range filterTracks(all, f) {
			id := *t.TrackId
			item := conns.ListItem{
				DisplayName: str(t.Name),
				Identity:    trackIdentity{TrackID: types.Int64Value(int64(id))}, //nolint:gosec // track ids are small
				Resource: func(ctx context.Context) (any, error) {
					d, err := findTrackByID(ctx, r.client, id)
					if conns.IsNotFound(err) {
						return nil, nil //nolint:nilnil // deleted since the list: left out
					}
					if err != nil {
						return nil, err
					}
					return &trackModel{
						ID:          types.StringValue(strconv.FormatUint(id, 10)),
						Timeouts:    conns.NullTimeouts(ctx, req.ResourceSchema),
						trackFields: fieldsFromDescribe(id, d),
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
