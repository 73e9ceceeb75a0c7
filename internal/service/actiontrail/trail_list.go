package actiontrail

import (
	"context"
	"fmt"
	"regexp"

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

var (
	_ list.ListResource              = &trailListResource{}
	_ list.ListResourceWithConfigure = &trailListResource{}
)

// NewTrailListResource is the cloudtrack_actiontrail_trail list resource
// (terraform query, Terraform 1.14+).
func NewTrailListResource() list.ListResource { return &trailListResource{} }

type trailListResource struct {
	client *conns.Client
}

type trailListModel struct {
	NameRegex  types.String `tfsdk:"name_regex"`
	Logging    types.Bool   `tfsdk:"logging"`
	HomeRegion types.String `tfsdk:"home_region"`
}

func (r *trailListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_actiontrail_trail"
}

func (r *trailListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the account's ActionTrail trails (one DescribeTrails call), multi-account trails and trails of every home region included, sorted by name. " +
			"With `include_resource`, each trail's status is also read with GetTrailStatus, as the resource reads it.",
		Attributes: map[string]schema.Attribute{
			"name_regex": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only trails whose name matches this regular expression (Go RE2 syntax).",
			},
			"logging": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Only trails that are logging (`true`) or switched off (`false`).",
			},
			"home_region": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: homeRegionFilterDescription,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
	}
}

func (r *trailListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *trailListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg trailListModel
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	var re *regexp.Regexp
	if !cfg.NameRegex.IsNull() {
		var err error
		if re, err = regexp.Compile(cfg.NameRegex.ValueString()); err != nil {
			var diags diag.Diagnostics
			diags.AddAttributeError(path.Root("name_regex"), "Invalid name_regex",
				fmt.Sprintf("name_regex must be a regular expression in Go RE2 syntax: %s", err))
			stream.Results = list.ListResultsStreamDiagnostics(diags)
			return
		}
	}
	conns.StreamList(ctx, req, stream, "listing ActionTrail trails", func(ctx context.Context, yield func(conns.ListItem) bool) error {
		trails, err := describeTrails(ctx, r.client, nil, true)
		if err != nil {
			return err
		}
		for _, t := range matchTrails(trails, nil, re, cfg.Logging, cfg.HomeRegion) {
			name := t.Name
			item := conns.ListItem{
				DisplayName: fmt.Sprintf("trail %s (%s)", name, t.HomeRegion),
				Identity:    trailIdentity{Name: types.StringValue(name)},
				Resource: func(ctx context.Context) (any, error) {
					m := &trailModel{ID: types.StringValue(name), Timeouts: conns.NullTimeouts(ctx, req.ResourceSchema)}
					m.Name = types.StringValue(name)
					err := (&trailResource{client: r.client}).read(ctx, m)
					if conns.IsNotFound(err) {
						return nil, nil //nolint:nilnil // deleted since the list: left out
					}
					if err != nil {
						return nil, err
					}
					return m, nil
				},
			}
			if !yield(item) {
				return nil
			}
		}
		return nil
	})
}
