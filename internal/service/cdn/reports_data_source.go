package cdn

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/flex"
)

var (
	_ datasource.DataSource              = &reportsDataSource{}
	_ datasource.DataSourceWithConfigure = &reportsDataSource{}
)

// reportsDataSource is cloudtrack_cdn_reports and cloudtrack_dcdn_reports.
type reportsDataSource struct {
	p      *product
	client *conns.Client
}

type catalogueModel struct {
	ReportID types.Int64  `tfsdk:"report_id"`
	Title    types.String `tfsdk:"title"`
	Format   types.String `tfsdk:"format"`
	Shape    types.String `tfsdk:"shape"`
	XAxis    types.String `tfsdk:"x_axis"`
	YAxis    types.String `tfsdk:"y_axis"`
	Legend   types.String `tfsdk:"legend"`
	Header   []string     `tfsdk:"header"`
	OutLine  types.String `tfsdk:"out_line"`
	OutSize  types.String `tfsdk:"out_size"`
}

type reportsModel struct {
	ID      types.String     `tfsdk:"id"`
	IDs     []int64          `tfsdk:"ids"`
	Reports []catalogueModel `tfsdk:"reports"`
}

func (d *reportsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = d.p.typeName(req.ProviderTypeName, "reports")
}

func (d *reportsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("The %s operations-report catalogue (`Describe%sReportList`): the reports a `cloudtrack_%s_deliver_task` "+
			"can send and a `cloudtrack_%s_report_subscription` can produce. Cost: one `Describe%sReportList` call.", d.p.display, d.p.infix, d.p.key, d.p.key, d.p.infix),
		Attributes: map[string]schema.Attribute{
			"id":  computedString("The product's key."),
			"ids": schema.ListAttribute{Computed: true, ElementType: types.Int64Type, MarkdownDescription: "The report ids, in catalogue order."},
			"reports": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The reports, in catalogue order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"report_id": schema.Int64Attribute{Computed: true, MarkdownDescription: "The report id, for `reports[*].report_id` and `report_ids`."},
					"title":     computedString("Title of the report."),
					"format":    computedString("How it is rendered: `table` or `chart`."),
					"shape":     computedString("The chart's shape (`line`, `pie`) or `table`."),
					"x_axis":    computedString("The field on a chart's x axis; null for tables."),
					"y_axis":    computedString("The field on a chart's y axis; null for tables."),
					"legend":    computedString("The legend's fields; null when there is none."),
					"header":    computedStrings("The columns of a table; null for charts."),
					"out_line":  computedString("How many rows a table report lists; null when not limited."),
					"out_size":  computedString("The size limit of the report, as the API states it; null when none."),
				}},
			},
		},
	}
}

func (d *reportsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *reportsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	reports, err := d.p.listReports(ctx, d.client)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("listing %s reports", d.p.display), err.Error())
		return
	}
	data := reportsModel{ID: types.StringValue(d.p.key), IDs: []int64{}, Reports: []catalogueModel{}}
	for _, r := range reports {
		w := r.Deliver.Report
		var header []string
		if len(w.Header) > 0 {
			header = slices.Clone(w.Header)
		}
		data.IDs = append(data.IDs, r.ReportID)
		data.Reports = append(data.Reports, catalogueModel{
			ReportID: types.Int64Value(r.ReportID),
			Title:    flex.StringOrNull(w.Title), Format: flex.StringOrNull(w.Format), Shape: flex.StringOrNull(w.Shape),
			XAxis: flex.StringOrNull(w.XAxis), YAxis: flex.StringOrNull(w.YAxis), Legend: flex.StringOrNull(w.Legend),
			Header: header, OutLine: flex.StringOrNull(string(w.OutLine)), OutSize: flex.StringOrNull(string(w.OutSize)),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
