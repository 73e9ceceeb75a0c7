package actiontrail

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/auditevents"
)

// LookupEvents limits (API-NOTES.md, "Audit-event look-ups"): pages of at
// most 50 events (auditevents.PageSize), the last 90 days, two calls a
// second (the client paces them in internal/conns).
const (
	lookupRetention  = 90 * 24 * time.Hour
	lookupWireLayout = "2006-01-02T15:04:05Z"
	defaultWindow    = 7 * 24 * time.Hour
)

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
	auditevents.CommonModel
	EventName    types.String `tfsdk:"event_name"`
	ServiceName  types.String `tfsdk:"service_name"`
	ResourceType types.String `tfsdk:"resource_type"`
	ResourceName types.String `tfsdk:"resource_name"`
	UserName     types.String `tfsdk:"user_name"`
	AccessKeyID  types.String `tfsdk:"access_key_id"`
	EventRW      types.String `tfsdk:"event_rw"`
	Region       types.String `tfsdk:"region"`
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

func (d *eventsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_actiontrail_events"
}

func (d *eventsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := auditevents.CommonAttributes(auditevents.Texts{
		StartTime: "Start of the window, RFC 3339 (e.g. `2026-12-01T00:00:00Z`); at most 90 days ago. " +
			"Defaults to seven days before `end_time`.",
		MaxEventsCost: ", more with provider-side filters",
		API:           "LookupEvents",
		Events:        eventAttrDescriptions,
	})
	filter := auditevents.FilterAttribute
	attrs["event_name"] = filter("Only events of this API or console action, e.g. `UpdateTrail`.")
	attrs["service_name"] = filter("Only events of this service, e.g. `Actiontrail`, `Cdn`.")
	attrs["resource_type"] = filter("Only events on resources of this type, e.g. `ACS::ActionTrail::Trail`.")
	attrs["resource_name"] = filter("Only events on this resource (a trail name, a job id, a deliver task id, ...).")
	attrs["user_name"] = filter("Only events by this caller (`userIdentity.userName`).")
	attrs["access_key_id"] = filter("Only events signed with this access key.")
	attrs["event_rw"] = auditevents.ReadWriteAttribute("Only events of this class: one of " + quotedList(auditevents.ReadWriteValues) + ". Defaults to `All`.")
	attrs["region"] = filter("Only events whose region (`acsRegion`) is this one (applied by the provider).")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up ActionTrail events (who called which API on what, when, from where) with LookupEvents, " +
			"newest first, reading every page until `max_events` events matched.\n\n" +
			"**Cost and rate.** Each page is one LookupEvents call returning at most 50 events; ActionTrail allows two calls a second, " +
			"so the provider spaces the calls 0.5 s apart and retries a throttled call. A read of `max_events = 200` costs at least 4 calls (2 s), " +
			"more when filters are applied by the provider. LookupEvents searches the last 90 days of the region of the provider's ActionTrail endpoint; " +
			"events appear there some minutes after the call.\n\n" +
			"**Filters.** LookupEvents takes one condition per query in the older reference (the current model allows two): the provider sends the most selective one set " +
			"(`resource_name`, `event_name`, `access_key_id`, `user_name`, `resource_type`, `service_name`, `event_rw`) and applies the others to the results.",
		Attributes: attrs,
	}
}

func (d *eventsDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	auditevents.ValidateWindow(ctx, req.Config, lookupRetention, 0, &resp.Diagnostics)
}

func (d *eventsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

// lookupFilter is the data source's filters: one sent to the API (the
// first set, in order of selectivity), all checked on the results.
type lookupFilter struct {
	conds  auditevents.Conditions // LookupAttribute keys and values
	region string
}

func newLookupFilter(data *eventsModel) lookupFilter {
	var f lookupFilter
	f.conds.Add("ResourceName", data.ResourceName)
	f.conds.Add("EventName", data.EventName)
	f.conds.Add("EventAccessKeyId", data.AccessKeyID)
	f.conds.Add("User", data.UserName)
	f.conds.Add("ResourceType", data.ResourceType)
	f.conds.Add("ServiceName", data.ServiceName)
	f.conds.AddReadWrite("EventRW", data.EventRW)
	f.region = data.Region.ValueString()
	return f
}

func (f lookupFilter) matches(ev eventFields) bool {
	got := func(key string) []string {
		switch key {
		case "ResourceName":
			return strings.Split(ev.ResourceName.ValueString(), ";")
		case "ResourceType":
			return strings.Split(ev.ResourceType.ValueString(), ";")
		case "EventName":
			return []string{ev.EventName.ValueString()}
		case "EventAccessKeyId":
			return []string{ev.AccessKeyID.ValueString()}
		case "User":
			return []string{ev.UserName.ValueString()}
		case "ServiceName":
			return []string{ev.ServiceName.ValueString()}
		case "EventRW":
			return []string{ev.EventRW.ValueString()}
		}
		return nil
	}
	eq := func(g, want string) bool { return g == want }
	return f.conds.Match(got, eq) && (f.region == "" || ev.Region.ValueString() == f.region)
}

func (d *eventsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data eventsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	maxEvents := data.MaxEventsValue()
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
	resp.Diagnostics.Append(data.SetResult(ctx, eventAttrDescriptions, found, pages, truncated)...)
	var keys, vals []string
	for _, c := range filter.conds {
		keys, vals = append(keys, c.Key), append(vals, c.Value)
	}
	data.SetID(append(keys, vals...), filter.region)
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
	fetch := func(token string) ([]eventFields, string, error) {
		var attr *sdk.LookupEventsLookupAttribute
		if len(f.conds) > 0 {
			attr = &sdk.LookupEventsLookupAttribute{Key: f.conds[0].Key, Value: f.conds[0].Value}
		}
		return lookupPage(ctx, c, start, end, token, auditevents.PageSize, attr)
	}
	return auditevents.Collect(maxEvents, fetch, f.matches)
}

// lookupPage reads one LookupEvents page of at most size events, with at
// most one lookup attribute: the classic SDK's reference says "one query
// condition for each query", the 2020-07-06 model "one or two"
// (API-NOTES.md), so one is what both accept. The events data source's
// and drift attribution's reader.
func lookupPage(ctx context.Context, c *conns.Client, start, end, token string, size int, attr *sdk.LookupEventsLookupAttribute) ([]eventFields, string, error) {
	req := sdk.CreateLookupEventsRequest()
	req.StartTime, req.EndTime, req.NextToken = start, end, token
	req.MaxResults = strconv.Itoa(size)
	if attr != nil {
		req.LookupAttribute = &[]sdk.LookupEventsLookupAttribute{*attr}
	}
	out, err := conns.ActionTrail(ctx, c, "LookupEvents", func(cl *sdk.Client) (*sdk.LookupEventsResponse, error) {
		return cl.LookupEvents(req)
	})
	if err != nil {
		return nil, "", err
	}
	page := make([]eventFields, 0, len(out.Events))
	for _, raw := range out.Events {
		page = append(page, eventFromWire(raw))
	}
	return page, out.NextToken, nil
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
