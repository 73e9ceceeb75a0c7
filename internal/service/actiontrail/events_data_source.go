package actiontrail

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/validators"
)

// LookupEvents limits (API-NOTES.md, "Audit-event look-ups"): pages of at
// most 50 events, the last 90 days, two calls a second (the client paces
// them in internal/conns).
const (
	lookupPageSize   = 50
	lookupRetention  = 90 * 24 * time.Hour
	lookupWireLayout = "2006-01-02T15:04:05Z"
	defaultWindow    = 7 * 24 * time.Hour
	// DefaultMaxEvents bounds a read when max_events is not set.
	DefaultMaxEvents = 200
	// MaxMaxEvents is the largest max_events accepted: 200 pages.
	MaxMaxEvents = 10000
)

// LookupEventRWValues are the read/write classes of the events data
// source's event_rw.
var LookupEventRWValues = []string{"Read", "Write", "All"}

var (
	_ datasource.DataSource                   = &eventsDataSource{}
	_ datasource.DataSourceWithConfigure      = &eventsDataSource{}
	_ datasource.DataSourceWithValidateConfig = &eventsDataSource{}
)

// NewEventsDataSource is the cloudtrack_actiontrail_events data source.
func NewEventsDataSource() datasource.DataSource { return &eventsDataSource{} }

type eventsDataSource struct {
	client *conns.Client
}

type eventsModel struct {
	ID           types.String `tfsdk:"id"`
	EventName    types.String `tfsdk:"event_name"`
	ServiceName  types.String `tfsdk:"service_name"`
	ResourceType types.String `tfsdk:"resource_type"`
	ResourceName types.String `tfsdk:"resource_name"`
	UserName     types.String `tfsdk:"user_name"`
	AccessKeyID  types.String `tfsdk:"access_key_id"`
	EventRW      types.String `tfsdk:"event_rw"`
	Region       types.String `tfsdk:"region"`
	StartTime    types.String `tfsdk:"start_time"`
	EndTime      types.String `tfsdk:"end_time"`
	MaxEvents    types.Int64  `tfsdk:"max_events"`
	Pages        types.Int64  `tfsdk:"pages"`
	Truncated    types.Bool   `tfsdk:"truncated"`
	Events       types.List   `tfsdk:"events"`
}

// eventFields is one event as the data source returns it.
type eventFields struct {
	EventID      types.String `tfsdk:"event_id"`
	EventTime    types.String `tfsdk:"event_time"`
	EventName    types.String `tfsdk:"event_name"`
	EventType    types.String `tfsdk:"event_type"`
	EventRW      types.String `tfsdk:"event_rw"`
	ServiceName  types.String `tfsdk:"service_name"`
	IdentityType types.String `tfsdk:"identity_type"`
	UserName     types.String `tfsdk:"user_name"`
	PrincipalID  types.String `tfsdk:"principal_id"`
	AccessKeyID  types.String `tfsdk:"access_key_id"`
	SourceIP     types.String `tfsdk:"source_ip"`
	ResourceType types.String `tfsdk:"resource_type"`
	ResourceName types.String `tfsdk:"resource_name"`
	RequestID    types.String `tfsdk:"request_id"`
	ErrorCode    types.String `tfsdk:"error_code"`
	ErrorMessage types.String `tfsdk:"error_message"`
	Region       types.String `tfsdk:"region"`
	Raw          types.String `tfsdk:"raw"`
}

var eventAttrDescriptions = map[string]string{
	"event_id":      "The event id (`eventId`).",
	"event_time":    "When the call was made, RFC 3339 UTC (`eventTime`).",
	"event_name":    "The API or console action (`eventName`), e.g. `UpdateTrail`.",
	"event_type":    "`ApiCall`, `ConsoleOperation`, ... (`eventType`).",
	"event_rw":      "`Read` or `Write` (`eventRW`).",
	"service_name":  "The service called (`serviceName`), e.g. `Actiontrail`, `Cdn`.",
	"identity_type": "The caller's kind (`userIdentity.type`): `root-account`, `ram-user`, `assumed-role`, ...",
	"user_name":     "The caller (`userIdentity.userName`): `root`, a RAM user, or an assumed role's session.",
	"principal_id":  "The caller's principal id (`userIdentity.principalId`).",
	"access_key_id": "The access key that signed the call (`userIdentity.accessKeyId`); null for console operations.",
	"source_ip":     "The caller's IP address (`sourceIpAddress`).",
	"resource_type": "The type of the resource acted on (`resourceType`), e.g. `ACS::ActionTrail::Trail`; null when the event names none.",
	"resource_name": "The resource acted on (`resourceName`); several are joined with `;`.",
	"request_id":    "The request id of the call (`requestId`).",
	"error_code":    "The error code if the call failed (`errorCode`), else null.",
	"error_message": "The error message if the call failed (`errorMessage`), else null.",
	"region":        "The region of the call (`acsRegion`).",
	"raw":           "The whole event as returned by LookupEvents, as JSON (decode it with `jsondecode`).",
}

func eventAttrTypes() map[string]attr.Type {
	m := map[string]attr.Type{}
	for k := range eventAttrDescriptions {
		m[k] = types.StringType
	}
	return m
}

func (d *eventsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_actiontrail_events"
}

func (d *eventsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	eventAttrs := map[string]schema.Attribute{}
	for k, desc := range eventAttrDescriptions {
		eventAttrs[k] = schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	filter := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, MarkdownDescription: desc, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up ActionTrail events (who called which API on what, when, from where) with LookupEvents, " +
			"newest first, reading every page until `max_events` events matched.\n\n" +
			"**Cost and rate.** Each page is one LookupEvents call returning at most 50 events; ActionTrail allows two calls a second, " +
			"so the provider spaces the calls 0.5 s apart and retries a throttled call. A read of `max_events = 200` costs at least 4 calls (2 s), " +
			"more when filters are applied by the provider. LookupEvents searches the last 90 days of the region of the provider's ActionTrail endpoint; " +
			"events appear there some minutes after the call.\n\n" +
			"**Filters.** LookupEvents takes one condition per query: the provider sends the most selective one set " +
			"(`resource_name`, `event_name`, `access_key_id`, `user_name`, `resource_type`, `service_name`, `event_rw`) and applies the others to the results.",
		Attributes: map[string]schema.Attribute{
			"id":            schema.StringAttribute{Computed: true, MarkdownDescription: "An identifier of this read, made from the filters."},
			"event_name":    filter("Only events of this API or console action, e.g. `UpdateTrail`."),
			"service_name":  filter("Only events of this service, e.g. `Actiontrail`, `Cdn`."),
			"resource_type": filter("Only events on resources of this type, e.g. `ACS::ActionTrail::Trail`."),
			"resource_name": filter("Only events on this resource (a trail name, a job id, a deliver task id, ...)."),
			"user_name":     filter("Only events by this caller (`userIdentity.userName`)."),
			"access_key_id": filter("Only events signed with this access key."),
			"event_rw": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only events of this class: one of " + quotedList(LookupEventRWValues) + ". Defaults to `All`.",
				Validators:          []validator.String{stringvalidator.OneOf(LookupEventRWValues...)},
			},
			"region": filter("Only events whose region (`acsRegion`) is this one (applied by the provider)."),
			"start_time": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Start of the window, RFC 3339 (e.g. `2026-12-01T00:00:00Z`); at most 90 days ago. " +
					"Defaults to seven days before `end_time`.",
				Validators: []validator.String{validators.RFC3339()},
			},
			"end_time": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "End of the window, RFC 3339; not before `start_time`. Defaults to now.",
				Validators:          []validator.String{validators.RFC3339()},
			},
			"max_events": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("Stop after this many matching events, from 1 to %d (each 50 cost a call, more with provider-side filters). Defaults to %d.",
					MaxMaxEvents, DefaultMaxEvents),
				Validators: []validator.Int64{int64validator.Between(1, MaxMaxEvents)},
			},
			"pages":     schema.Int64Attribute{Computed: true, MarkdownDescription: "How many LookupEvents calls (pages) the read made."},
			"truncated": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the read stopped at `max_events` with events or pages left unread."},
			"events": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The matching events, newest first.",
				NestedObject:        schema.NestedAttributeObject{Attributes: eventAttrs},
			},
		},
	}
}

func (d *eventsDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var data eventsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	validators.CheckTimeWindow(data.StartTime, data.EndTime, lookupRetention, 0, time.Now(), &resp.Diagnostics)
}

func (d *eventsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

// lookupFilter is the data source's filters: one sent to the API (the
// first set, in order of selectivity), all checked on the results.
type lookupFilter struct {
	keys   []string // LookupAttribute keys, in the order of vals
	vals   []string
	region string
}

func newLookupFilter(data *eventsModel) lookupFilter {
	var f lookupFilter
	add := func(key string, v types.String) {
		if !v.IsNull() && !v.IsUnknown() && v.ValueString() != "" {
			f.keys, f.vals = append(f.keys, key), append(f.vals, v.ValueString())
		}
	}
	add("ResourceName", data.ResourceName)
	add("EventName", data.EventName)
	add("EventAccessKeyId", data.AccessKeyID)
	add("User", data.UserName)
	add("ResourceType", data.ResourceType)
	add("ServiceName", data.ServiceName)
	if rw := data.EventRW.ValueString(); rw == "Read" || rw == "Write" {
		add("EventRW", data.EventRW)
	}
	f.region = data.Region.ValueString()
	return f
}

func (f lookupFilter) matches(ev eventFields) bool {
	for i, k := range f.keys {
		var got []string
		switch k {
		case "ResourceName":
			got = strings.Split(ev.ResourceName.ValueString(), ";")
		case "ResourceType":
			got = strings.Split(ev.ResourceType.ValueString(), ";")
		case "EventName":
			got = []string{ev.EventName.ValueString()}
		case "EventAccessKeyId":
			got = []string{ev.AccessKeyID.ValueString()}
		case "User":
			got = []string{ev.UserName.ValueString()}
		case "ServiceName":
			got = []string{ev.ServiceName.ValueString()}
		case "EventRW":
			got = []string{ev.EventRW.ValueString()}
		}
		hit := false
		for _, g := range got {
			if g == f.vals[i] {
				hit = true
			}
		}
		if !hit {
			return false
		}
	}
	return f.region == "" || ev.Region.ValueString() == f.region
}

func (d *eventsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data eventsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	maxEvents := int64(DefaultMaxEvents)
	if !data.MaxEvents.IsNull() {
		maxEvents = data.MaxEvents.ValueInt64()
	}
	filter := newLookupFilter(&data)
	start, end := lookupWireTime(data.StartTime), lookupWireTime(data.EndTime)
	if start == "" && end != "" {
		// The API's default start is seven days before now, not before
		// EndTime: an older end_time alone would make an inverted window.
		t, _ := time.Parse(lookupWireLayout, end)
		start = t.Add(-defaultWindow).Format(lookupWireLayout)
	}
	found, pages, truncated, err := lookupEvents(ctx, d.client, start, end, filter, int(maxEvents))
	if err != nil {
		resp.Diagnostics.AddError("looking up ActionTrail events", err.Error())
		return
	}
	list, diags := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: eventAttrTypes()}, found)
	resp.Diagnostics.Append(diags...)
	data.Events = list
	data.Pages = types.Int64Value(int64(pages))
	data.Truncated = types.BoolValue(truncated)
	idParts := append(append([]string{}, filter.keys...), filter.vals...)
	idParts = append(idParts, filter.region, data.StartTime.ValueString(), data.EndTime.ValueString(), strconv.FormatInt(maxEvents, 10))
	data.ID = types.StringValue(strings.Join(idParts, "|"))
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

// lookupWireTime converts a validated RFC 3339 attribute to the API's UTC form
// ("" when not set).
func lookupWireTime(v types.String) string {
	if v.IsNull() || v.IsUnknown() {
		return ""
	}
	t, _ := time.Parse(time.RFC3339, v.ValueString()) // validated at plan time
	return t.UTC().Format(lookupWireLayout)
}

// lookupEvents pages through LookupEvents until maxEvents events matched or
// the pages end.
func lookupEvents(ctx context.Context, c *conns.Client, start, end string, f lookupFilter, maxEvents int) (found []eventFields, pages int, truncated bool, err error) {
	token := ""
	found = []eventFields{} // an empty window is an empty list, not null
	for {
		req := sdk.CreateLookupEventsRequest()
		req.StartTime, req.EndTime, req.NextToken = start, end, token
		req.MaxResults = strconv.Itoa(lookupPageSize)
		if len(f.keys) > 0 {
			req.LookupAttribute = &[]sdk.LookupEventsLookupAttribute{{Key: f.keys[0], Value: f.vals[0]}}
		}
		out, err := conns.ActionTrail(ctx, c, "LookupEvents", func(cl *sdk.Client) (*sdk.LookupEventsResponse, error) {
			return cl.LookupEvents(req)
		})
		if err != nil {
			return nil, pages, false, err
		}
		pages++
		for _, raw := range out.Events {
			ev := eventFromWire(raw)
			if !f.matches(ev) {
				continue
			}
			if len(found) == maxEvents {
				return found, pages, true, nil
			}
			found = append(found, ev)
		}
		if out.NextToken == "" {
			return found, pages, false, nil
		}
		if len(found) == maxEvents {
			// Later pages are not read: say the list may be cut short.
			return found, pages, true, nil
		}
		token = out.NextToken
	}
}

// eventFromWire maps one LookupEvents event (the ActionTrail event
// structure, API-NOTES.md) to the typed fields.
func eventFromWire(raw map[string]any) eventFields {
	str := func(m map[string]any, k string) types.String {
		if v, ok := m[k]; ok && v != nil {
			if s := fmt.Sprint(v); s != "" {
				return types.StringValue(s)
			}
		}
		return types.StringNull()
	}
	identity, _ := raw["userIdentity"].(map[string]any)
	if identity == nil {
		identity = map[string]any{}
	}
	data, _ := json.Marshal(raw)
	return eventFields{
		EventID:      str(raw, "eventId"),
		EventTime:    str(raw, "eventTime"),
		EventName:    str(raw, "eventName"),
		EventType:    str(raw, "eventType"),
		EventRW:      str(raw, "eventRW"),
		ServiceName:  str(raw, "serviceName"),
		IdentityType: str(identity, "type"),
		UserName:     str(identity, "userName"),
		PrincipalID:  str(identity, "principalId"),
		AccessKeyID:  str(identity, "accessKeyId"),
		SourceIP:     str(raw, "sourceIpAddress"),
		ResourceType: str(raw, "resourceType"),
		ResourceName: str(raw, "resourceName"),
		RequestID:    str(raw, "requestId"),
		ErrorCode:    str(raw, "errorCode"),
		ErrorMessage: str(raw, "errorMessage"),
		Region:       str(raw, "acsRegion"),
		Raw:          types.StringValue(string(data)),
	}
}
