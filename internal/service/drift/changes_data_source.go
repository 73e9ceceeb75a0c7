package drift

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/validators"
)

// DefaultReportLookups bounds the calls of one cloudtrack_object_changes
// read when max_lookups is not set.
const DefaultReportLookups = 1000

// DataSources are the drift package's data sources.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewChangesDataSource}
}

// objectTypes maps the object types the data source takes to the object
// as the audit trails know it.
var objectTypes = map[string]func(name string) Object{
	TypeTrail:      Trail,
	TypeHistoryJob: HistoryJob,
	TypeCDNTask:    func(n string) Object { return DeliverTask(productCDNKey, n) },
	TypeDCDNTask:   func(n string) Object { return DeliverTask(productDCDNKey, n) },
	TypeCloudAudit: Track,
}

func objectTypeNames() []string {
	out := make([]string, 0, len(objectTypes))
	for k := range objectTypes {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

var (
	_ datasource.DataSource              = &changesDataSource{}
	_ datasource.DataSourceWithConfigure = &changesDataSource{}
)

// NewChangesDataSource is cloudtrack_object_changes.
func NewChangesDataSource() datasource.DataSource { return &changesDataSource{} }

type changesDataSource struct{ client *conns.Client }

type objectModel struct {
	Type types.String `tfsdk:"type"`
	Name types.String `tfsdk:"name"`
}

type changeModel struct {
	ObjectType  types.String `tfsdk:"object_type"`
	ObjectName  types.String `tfsdk:"object_name"`
	Who         types.String `tfsdk:"who"`
	Action      types.String `tfsdk:"action"`
	EventTime   types.String `tfsdk:"event_time"`
	SourceIP    types.String `tfsdk:"source_ip"`
	AccessKeyID types.String `tfsdk:"access_key_id"`
	RequestID   types.String `tfsdk:"request_id"`
	Via         types.String `tfsdk:"via"`
}

type changesModel struct {
	ID                types.String  `tfsdk:"id"`
	Since             types.String  `tfsdk:"since"`
	Objects           []objectModel `tfsdk:"objects"`
	ExcludeIdentities types.List    `tfsdk:"exclude_identities"`
	MaxLookups        types.Int64   `tfsdk:"max_lookups"`
	Changes           []changeModel `tfsdk:"changes"`
	Lookups           types.Int64   `tfsdk:"lookups"`
	Strategy          types.String  `tfsdk:"strategy"`
	Notes             []string      `tfsdk:"notes"`
}

func (d *changesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_object_changes"
}

func (d *changesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The write events since a time on a list of objects, by anyone other than the identity the provider signs with " +
			"(ActionTrail LookupEvents for Alibaba Cloud objects, CloudAudit LookUpEvents for CloudAudit tracks).\n\n" +
			"**Cost.** Per vendor, the read first reads one page of the account's write events since `since` (50 events, one call). " +
			"If more pages are left, it estimates how many from the time that page spans; it reads the window page by page (one call per 50 write events) " +
			"while that is no dearer than one look-up per object left, and otherwise looks each object up by name. " +
			"So 1,000 objects in a window of 500 write events cost about 10 calls, and 3 objects in a busy account about 4. " +
			"ActionTrail allows two LookupEvents calls a second, CloudAudit twenty LookUpEvents. Events are listed some minutes after the call.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "An identifier of this read: `since` and the number of objects."},
			"since": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Only events at or after this time, RFC 3339. ActionTrail searches the last 90 days, CloudAudit the last 7 days, one LookUpEvents window (older parts are noted in `notes`).",
				Validators:          []validator.String{validators.RFC3339()},
			},
			"objects": schema.ListNestedAttribute{
				Required:            true,
				MarkdownDescription: "The objects: each a `type` (the resource type the audit trail records) and a `name` (the id or name it records).",
				Validators:          []validator.List{listvalidator.SizeBetween(1, 100000)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "One of " + "`" + strings.Join(objectTypeNames(), "`, `") + "`" +
							" (trail, history delivery job, CDN and DCDN deliver task, CloudAudit track).",
						Validators: []validator.String{stringvalidator.OneOf(objectTypeNames()...)},
					},
					"name": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "The trail name, job id, deliver task id or track id.",
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
				}},
			},
			"exclude_identities": schema.ListAttribute{
				Optional:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "More identities whose events are left out: user names or access key ids (the provider's own are always left out).",
			},
			"max_lookups": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: fmt.Sprintf("The most look-up calls the read makes, per vendor, from 1 to 100000; past it `notes` says what was not read. Defaults to `%d`.", DefaultReportLookups),
				Validators:          []validator.Int64{int64validator.Between(1, 100000)},
			},
			"changes": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The changes, in the order of `objects`, newest first per object.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"object_type":   str("The object's type, as given."),
					"object_name":   str("The object's name, as given."),
					"who":           str("Who: the user, the role session (`role:session`) or the console user."),
					"action":        str("The API or console action, e.g. `ModifyAuditTrack`."),
					"event_time":    str("When, RFC 3339 UTC."),
					"source_ip":     str("The caller's IP address."),
					"access_key_id": str("The access key / SecretId that signed the call; null for console operations."),
					"request_id":    str("The request id of the call."),
					"via":           str("`console`, or `access key <id>`."),
				}},
			},
			"lookups":  schema.Int64Attribute{Computed: true, MarkdownDescription: "How many look-up calls the read made (both vendors)."},
			"strategy": schema.StringAttribute{Computed: true, MarkdownDescription: "What the read chose per vendor: `scan` (pages of the window's write events) or `per-object`, with the calls made."},
			"notes":    schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Why the list may be incomplete: a refused or throttled look-up, the budget, the search's reach."},
		},
	}
}

func (d *changesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *changesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data changesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	since, _ := time.Parse(time.RFC3339, data.Since.ValueString()) // validated
	var exclude []string
	resp.Diagnostics.Append(data.ExcludeIdentities.ElementsAs(ctx, &exclude, false)...)
	budget := DefaultReportLookups
	if !data.MaxLookups.IsNull() {
		budget = int(data.MaxLookups.ValueInt64())
	}
	e := For(d.client)
	if e == nil {
		resp.Diagnostics.AddError("reading object changes", "the provider is not configured")
		return
	}
	byVendor := map[string][]int{}
	objs := make([]Object, len(data.Objects))
	for i, o := range data.Objects {
		objs[i] = objectTypes[o.Type.ValueString()](o.Name.ValueString())
		byVendor[objs[i].Vendor] = append(byVendor[objs[i].Vendor], i)
	}
	data.Changes, data.Notes = []changeModel{}, []string{}
	perObject := make([][]changeModel, len(objs))
	var strategies []string
	total := 0
	for _, vendor := range []string{conns.VendorAlicloud, conns.VendorTencent} {
		idx := byVendor[vendor]
		if len(idx) == 0 {
			continue
		}
		set := e.vendors[vendor].set
		set.MaxLookups = budget
		ve := &vendorEngine{vendor: vendor, set: set, own: map[string]bool{}, answered: map[string]bool{}, lock: make(chan struct{}, 1)}
		ve.learnOwn(d.client.OwnIdentity(vendor))
		for _, x := range exclude {
			ve.own[x] = true
		}
		list := make([]Object, len(idx))
		for j, i := range idx {
			list[j] = objs[i]
		}
		found, strategy, notes := ve.report(ctx, d.client, list, since.UTC(), e.now().UTC())
		total += ve.used
		strategies = append(strategies, fmt.Sprintf("%s: %s", vendor, strategy))
		data.Notes = append(data.Notes, notes...)
		for j, evs := range found {
			o := data.Objects[idx[j]]
			for _, ev := range evs {
				if ve.own[ev.User] {
					continue
				}
				perObject[idx[j]] = append(perObject[idx[j]], changeFrom(o, ev))
			}
		}
	}
	for _, cs := range perObject {
		data.Changes = append(data.Changes, cs...)
	}
	for _, n := range data.Notes {
		resp.Diagnostics.AddWarning("Object changes may be incomplete", n)
	}
	data.Lookups = types.Int64Value(int64(total))
	data.Strategy = types.StringValue(strings.Join(strategies, "; "))
	data.ID = types.StringValue(fmt.Sprintf("%s|%d", data.Since.ValueString(), len(data.Objects)))
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

func changeFrom(o objectModel, ev Event) changeModel {
	who := ev.User
	via := "console"
	key := types.StringNull()
	if ev.AccessKey != "" {
		via, key = "access key "+ev.AccessKey, types.StringValue(ev.AccessKey)
	}
	return changeModel{
		ObjectType: o.Type, ObjectName: o.Name, Who: types.StringValue(who), Action: types.StringValue(ev.Action),
		EventTime: types.StringValue(ev.Time.UTC().Format(time.RFC3339)), SourceIP: types.StringValue(ev.SourceIP),
		AccessKeyID: key, RequestID: types.StringValue(ev.RequestID), Via: types.StringValue(via),
	}
}

// report answers for a list of objects of one vendor at once (the rule of
// the data source's description): found[i] are the events on objs[i].
func (ve *vendorEngine) report(ctx context.Context, c *conns.Client, objs []Object, since, now time.Time) (found [][]Event, strategy string, notes []string) {
	found = make([][]Event, len(objs))
	ve.scan.start = since
	if err := ve.scanPage(ctx, c, now); err != nil {
		return found, "none", []string{refusal(ve, err)}
	}
	for !ve.scan.covers(since) {
		if ve.used >= ve.set.MaxLookups {
			return found, fmt.Sprintf("scan, %d calls", ve.used), []string{budgetText(ve)}
		}
		if ve.scan.pagesLeft(since) > len(objs) {
			return ve.reportPerObject(ctx, c, objs, since, now)
		}
		if err := ve.scanPage(ctx, c, now); err != nil {
			return found, fmt.Sprintf("scan, %d calls", ve.used), []string{refusal(ve, err)}
		}
	}
	for i, o := range objs {
		out := ve.fromScan(o, since)
		found[i] = out.events
		if i == 0 && out.partial != "" {
			// The same reach for every object: said once.
			notes = append(notes, out.partial)
		}
	}
	return found, fmt.Sprintf("scan, %d calls", ve.used), notes
}

func (ve *vendorEngine) reportPerObject(ctx context.Context, c *conns.Client, objs []Object, since, now time.Time) (found [][]Event, strategy string, notes []string) {
	found = make([][]Event, len(objs))
	for i, o := range objs {
		out := ve.perObject(ctx, c, o, since, now)
		found[i] = out.events
		if out.refused != "" {
			notes = append(notes, o.Kind+" "+o.Label+": "+out.refused)
		}
		if out.partial != "" {
			notes = append(notes, o.Kind+" "+o.Label+": "+out.partial)
		}
	}
	return found, fmt.Sprintf("per-object, %d calls", ve.used), notes
}
