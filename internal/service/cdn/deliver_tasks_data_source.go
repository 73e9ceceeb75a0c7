package cdn

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

var (
	_ datasource.DataSource              = &deliverTasksDataSource{}
	_ datasource.DataSourceWithConfigure = &deliverTasksDataSource{}
)

var numericRE = regexp.MustCompile(`^[0-9]+$`)

// deliverTasksDataSource is cloudtrack_cdn_deliver_tasks and
// cloudtrack_dcdn_deliver_tasks.
type deliverTasksDataSource struct {
	p      *product
	client *conns.Client
}

type deliverTasksModel struct {
	ID        types.String `tfsdk:"id"`
	IDs       types.List   `tfsdk:"ids"`
	Name      types.String `tfsdk:"name"`
	NameRegex types.String `tfsdk:"name_regex"`
	Enabled   types.Bool   `tfsdk:"enabled"`
	Tasks     []taskModel  `tfsdk:"tasks"`
}

func (d *deliverTasksDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = d.p.typeName(req.ProviderTypeName, "deliver_tasks")
}

func computedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
}

func computedStrings(desc string) schema.ListAttribute {
	return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc}
}

func computedStringSet(desc string) schema.SetAttribute {
	return schema.SetAttribute{Computed: true, ElementType: types.StringType, CustomType: newStringSetType(), MarkdownDescription: desc}
}

func (d *deliverTasksDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	p := d.p
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("Lists the %s operations-report deliver tasks of the account (one `Describe%sDeliverList` call), "+
			"filtered by id, name or state, with every attribute of each task.", p.display, p.infix),
		Attributes: map[string]schema.Attribute{
			"id": computedString("An identifier of this read, made from the filters."),
			"ids": schema.ListAttribute{
				Optional:    true,
				Computed:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Only tasks with these ids. When not set, it is filled with the ids of the tasks that matched, in id order; " +
					"when set, it stays as written and `tasks` holds those that exist and match.",
				Validators: []validator.List{listvalidator.ValueStringsAre(stringvalidator.RegexMatches(numericRE, "must be a numeric deliver task id"))},
			},
			"name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only the task of exactly this name.",
			},
			"name_regex": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only tasks whose name matches this regular expression (Go RE2 syntax).",
				Validators:          []validator.String{regexValidator()},
			},
			"enabled": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Only enabled (`true`) or disabled (`false`) tasks.",
			},
			"tasks": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The tasks that matched, in id order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":           computedString("The deliver task id."),
					"name":         computedString("Name of the task."),
					"domain_names": computedStringSet("Domain names the reports cover; null means all domains."),
					"reports": schema.ListNestedAttribute{
						Computed:            true,
						MarkdownDescription: "The reports delivered.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"report_id": schema.Int64Attribute{Computed: true, MarkdownDescription: "Report id from the catalogue."},
							"conditions": schema.ListNestedAttribute{
								Computed:            true,
								MarkdownDescription: "Filters of the report's data.",
								NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
									"field":  computedString("The field filtered on."),
									"op":     computedString("The operator (`in`)."),
									"values": computedStrings("The values the field must be one of."),
								}},
							},
						}},
					},
					"schedule": schema.SingleNestedAttribute{
						Computed:            true,
						MarkdownDescription: "When the reports are sent.",
						Attributes: map[string]schema.Attribute{
							"name":           computedString("Always null: the list API does not show the schedule's name."),
							"description":    computedString("Always null: the list API does not show the schedule's description."),
							"crontab":        computedString("Quartz-style crontab with seconds."),
							"frequency":      computedString("`h`, `d` or `M`."),
							"enabled":        schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the task sends reports."},
							"effective_from": computedString("When the task starts sending (RFC 3339)."),
							"effective_end":  computedString("When the task stops sending (RFC 3339)."),
						},
					},
					"deliver": schema.SingleNestedAttribute{
						Computed:            true,
						MarkdownDescription: "How the reports are delivered.",
						Attributes: map[string]schema.Attribute{
							"email": schema.SingleNestedAttribute{
								Computed:            true,
								MarkdownDescription: "The e-mail channel.",
								Attributes: map[string]schema.Attribute{
									"subject": computedString("Subject of the e-mails."),
									"to":      computedStringSet("Recipients."),
									"copy":    computedStringSet("Recipients in copy."),
								},
							},
						},
					},
					"create_time": computedString("When the task was created (RFC 3339)."),
				}},
			},
		},
	}
}

func (d *deliverTasksDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *deliverTasksDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data deliverTasksModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var wantIDs []string
	if !data.IDs.IsNull() && !data.IDs.IsUnknown() {
		resp.Diagnostics.Append(data.IDs.ElementsAs(ctx, &wantIDs, false)...)
	}
	var nameRE *regexp.Regexp
	if !data.NameRegex.IsNull() {
		nameRE = regexp.MustCompile(data.NameRegex.ValueString()) // validated at plan time
	}
	l, err := d.p.listDeliverTasks(ctx, d.client)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("listing %s deliver tasks", d.p.display), err.Error())
		return
	}
	data.Tasks = []taskModel{}
	var ids []string
	f := taskFilter{ids: wantIDs, name: data.Name.ValueStringPointer(), nameRE: nameRE, enabled: data.Enabled.ValueBoolPointer()}
	for _, m := range f.apply(l) {
		data.Tasks = append(data.Tasks, m)
		ids = append(ids, m.ID.ValueString())
	}
	if wantIDs == nil {
		idList, diags := types.ListValueFrom(ctx, types.StringType, append([]string{}, ids...))
		resp.Diagnostics.Append(diags...)
		data.IDs = idList
	}
	parts := []string{d.p.key + "-deliver-tasks"}
	for _, f := range []types.String{data.Name, data.NameRegex} {
		if !f.IsNull() {
			parts = append(parts, f.ValueString())
		}
	}
	data.ID = types.StringValue(strings.Join(append(parts, ids...), ","))
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

// taskFilter selects listed tasks; a nil field selects any. The data
// source and the list resource share it.
type taskFilter struct {
	ids     []string
	name    *string
	nameRE  *regexp.Regexp
	enabled *bool
}

// apply returns the tasks of l that f selects, in the list's order, as
// the data source and a resource read without prior state see them.
func (f taskFilter) apply(l *taskList) []taskModel {
	var out []taskModel
	for i := range l.tasks {
		m := taskFromWire(&l.tasks[i], nil)
		switch {
		case f.ids != nil && !slices.Contains(f.ids, m.ID.ValueString()),
			f.name != nil && m.Name.ValueString() != *f.name,
			f.nameRE != nil && !f.nameRE.MatchString(m.Name.ValueString()),
			f.enabled != nil && m.Schedule.Enabled != *f.enabled:
			continue
		}
		out = append(out, m)
	}
	return out
}

// regexValidator checks that a value compiles as a Go regular expression.
func regexValidator() validator.String {
	return stringCheck{
		desc: "must be a valid regular expression (Go RE2 syntax)",
		check: func(s string) error {
			_, err := regexp.Compile(s)
			return err
		},
	}
}
