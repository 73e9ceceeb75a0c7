package cdn

import (
	"context"
	"fmt"
	"regexp"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// ListResources lists the list resource types of this service, for both
// products.
func ListResources() []func() list.ListResource {
	var out []func() list.ListResource
	for _, p := range products {
		out = append(out, func() list.ListResource { return &deliverTaskListResource{p: p} })
	}
	return out
}

var (
	_ list.ListResource              = &deliverTaskListResource{}
	_ list.ListResourceWithConfigure = &deliverTaskListResource{}
)

// deliverTaskListResource is the cloudtrack_cdn_deliver_task and
// cloudtrack_dcdn_deliver_task list resource (terraform query, Terraform
// 1.14+).
type deliverTaskListResource struct {
	p      *product
	client *conns.Client
}

type deliverTaskListModel struct {
	NameRegex types.String `tfsdk:"name_regex"`
	Enabled   types.Bool   `tfsdk:"enabled"`
}

func (r *deliverTaskListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.p.typeName(req.ProviderTypeName, "deliver_task")
}

func (r *deliverTaskListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("Finds the account's %s deliver tasks with one %s call, the list the provider's resources and data sources "+
			"of this product share in one provider process; `include_resource` costs no further call.", r.p.display, r.p.action("Describe", "DeliverList")),
		Attributes: map[string]schema.Attribute{
			"name_regex": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only tasks whose name matches this regular expression (RE2 syntax).",
				Validators:          []validator.String{regexValidator()},
			},
			"enabled": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Only tasks whose schedule is enabled (`true`) or disabled (`false`).",
			},
		},
	}
}

func (r *deliverTaskListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *deliverTaskListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg deliverTaskListModel
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	f := taskFilter{enabled: cfg.Enabled.ValueBoolPointer()}
	if !cfg.NameRegex.IsNull() {
		f.nameRE = regexp.MustCompile(cfg.NameRegex.ValueString()) // validated
	}
	conns.StreamList(ctx, req, stream, fmt.Sprintf("listing %s deliver tasks", r.p.display), func(ctx context.Context, yield func(conns.ListItem) bool) error {
		l, err := r.p.listDeliverTasks(ctx, r.client)
		if err != nil {
			return err
		}
		for _, m := range f.apply(l) {
			id, err := strconv.ParseInt(m.ID.ValueString(), 10, 64)
			if err != nil {
				return fmt.Errorf("a listed task has a non-numeric id %q", m.ID.ValueString())
			}
			item := conns.ListItem{
				DisplayName: m.Name.ValueString(),
				Identity:    taskIdentity{DeliverID: types.Int64Value(id)},
				Resource: func(ctx context.Context) (any, error) {
					return &taskResourceModel{taskModel: m, Timeouts: conns.NullTimeouts(ctx, req.ResourceSchema)}, nil
				},
			}
			if !yield(item) {
				return nil
			}
		}
		return nil
	})
}
