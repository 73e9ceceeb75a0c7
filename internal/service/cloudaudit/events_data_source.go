package cloudaudit

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/auditevents"
)

// LookUpEvents limits (API-NOTES.md, "Audit-event look-ups"): pages of at
// most 50 (auditevents.PageSize), a window starting within the last 90
// days, 20 calls a second. One look-up spans at most 7 days
// (LimitExceeded.OverTime, "检索支持的有效时间范围是7天": tencentcloud-sdk-go
// cloudaudit errors.go; internal/contract/cloudaudit.json): a longer
// window is read as consecutive 7-day look-ups, newest first.
// ASSUMPTION: the data source's window stays at most 30 days (5 look-ups),
// as before; no source bounds the sum.
const (
	lookupRetention = 90 * 24 * time.Hour
	lookupMaxSpan   = 30 * 24 * time.Hour
	lookupDefault   = 7 * 24 * time.Hour
	// LookupMaxWindow is the span of one LookUpEvents call.
	LookupMaxWindow = 7 * 24 * time.Hour
)

// APIAttributeKeys are the LookupAttributes keys the provider sends: those
// both of the vendor's sources list (internal/contract/cloudaudit.json
// LookUpEvents: api.json's LookupAttribute.AttributeKey names RequestId,
// EventName, ActionType, PrincipalId, ResourceId, ResourceName,
// AccessKeyId, SensitiveAction, ApiErrorCode, CamErrorCode,
// SourceIPAddress, Tags; errors.go's InvalidParameterValue.attributeKey
// names RequestId, EventName, ReadOnly, Username, ResourceType,
// ResourceName, AccessKeyId). The other filters (username, resource_type,
// action_type) are applied by the provider to the results, so a real
// account refuses none of them whichever list it follows.
var APIAttributeKeys = map[string]bool{"RequestId": true, "EventName": true, "ResourceName": true, "AccessKeyId": true}

// lookUpPage reads one LookUpEvents page of at most size events in the
// window [start, end] (Unix seconds, at most LookupMaxWindow apart), and
// returns the token of the next page, "" at the last: the events data
// source's and drift attribution's reader.
func lookUpPage(ctx context.Context, c *conns.Client, start, end int64, token string, size int, attrs []*ca.LookupAttribute) ([]eventFields, string, error) {
	req := ca.NewLookUpEventsRequest()
	req.StartTime, req.EndTime = ptr(start), ptr(end)
	req.MaxResults = ptr(int64(size))
	req.LookupAttributes = attrs
	if token != "" {
		req.NextToken = ptr(token)
	}
	out, err := conns.CloudAudit(ctx, c, "LookUpEvents", func(ctx context.Context, cl *ca.Client) (*ca.LookUpEventsResponse, error) {
		return cl.LookUpEventsWithContext(ctx, req)
	})
	if err != nil {
		return nil, "", err
	}
	r := out.Response
	if r == nil {
		return nil, "", nil
	}
	page := make([]eventFields, 0, len(r.Events))
	for _, raw := range r.Events {
		if raw != nil {
			page = append(page, eventFromWire(raw))
		}
	}
	next := ""
	if over := r.ListOver != nil && *r.ListOver; !over && r.NextToken != nil {
		next = *r.NextToken
	}
	return page, next, nil
}

// lookupWindows splits [start, end] into consecutive windows of at most
// LookupMaxWindow, newest first. Times are whole seconds on the wire, so
// a window ends one second before the next newer one starts: no event is
// read twice or skipped.
func lookupWindows(start, end int64) [][2]int64 {
	span := int64(LookupMaxWindow / time.Second)
	var out [][2]int64
	for hi := end; ; {
		lo := max(hi-span, start)
		out = append(out, [2]int64{lo, hi})
		if lo <= start {
			return out
		}
		hi = lo - 1
	}
}

var (
	_ datasource.DataSource                   = &eventsDataSource{}
	_ datasource.DataSourceWithConfigure      = &eventsDataSource{}
	_ datasource.DataSourceWithValidateConfig = &eventsDataSource{}
)

// NewEventsDataSource is the cloudtrack_cloudaudit_events data source.
func NewEventsDataSource() datasource.DataSource { return &eventsDataSource{} }

type eventsDataSource struct {
	client *conns.Client
}

type eventsModel struct {
	auditevents.CommonModel
	EventName    types.String `tfsdk:"event_name"`
	ResourceType types.String `tfsdk:"resource_type"`
	ResourceName types.String `tfsdk:"resource_name"`
	Username     types.String `tfsdk:"username"`
	AccessKeyID  types.String `tfsdk:"access_key_id"`
	ActionType   types.String `tfsdk:"action_type"`
	Region       types.String `tfsdk:"region"`
}

type eventFields struct {
	EventID      types.String `tfsdk:"event_id"`
	EventTime    types.String `tfsdk:"event_time"`
	EventName    types.String `tfsdk:"event_name"`
	EventSource  types.String `tfsdk:"event_source"`
	ActionType   types.String `tfsdk:"action_type"`
	Username     types.String `tfsdk:"username"`
	AccessKeyID  types.String `tfsdk:"access_key_id"`
	SourceIP     types.String `tfsdk:"source_ip"`
	ResourceType types.String `tfsdk:"resource_type"`
	ResourceName types.String `tfsdk:"resource_name"`
	RequestID    types.String `tfsdk:"request_id"`
	ErrorCode    types.String `tfsdk:"error_code"`
	Region       types.String `tfsdk:"region"`
	Raw          types.String `tfsdk:"raw"`
}

var eventAttrDescriptions = map[string]string{
	"event_id":      "The event id (`EventId`).",
	"event_time":    "When the call was made, RFC 3339 UTC (from `EventTime`: Unix seconds, or Beijing time as the reference's sample shows).",
	"event_name":    "The API or console action (`EventName`), e.g. `ModifyAuditTrack`.",
	"event_source":  "The service endpoint called (`EventSource`), e.g. `cloudaudit.tencentcloudapi.com`.",
	"action_type":   "`Read` or `Write` (`actionType` of the raw event).",
	"username":      "The caller (`Username`): `root` for the main account, a sub-account, or `roleUser` for a role.",
	"access_key_id": "The SecretId that signed the call (`SecretId`); null for console operations.",
	"source_ip":     "The caller's IP address (`SourceIPAddress`).",
	"resource_type": "The type of the resource acted on (`Resources.ResourceType`), e.g. `cloudaudit`; null when none.",
	"resource_name": "The resource acted on (`Resources.ResourceName`), e.g. a track id.",
	"request_id":    "The request id of the call (`RequestID`).",
	"error_code":    "The error code if the call failed (`apiErrorCode` of the raw event, else `ErrorCode` when not 0), else null.",
	"region":        "The region of the call (`EventRegion`).",
	"raw":           "The whole event as returned by LookUpEvents, as JSON; `CloudAuditEvent` inside it is the vendor's own JSON string.",
}

func (d *eventsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cloudaudit_events"
}

func (d *eventsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := auditevents.CommonAttributes(auditevents.Texts{
		StartTime: "Start of the window, RFC 3339; at most 90 days ago and at most 30 days before `end_time`. Defaults to seven days before `end_time`.",
		API:       "LookUpEvents",
		Events:    eventAttrDescriptions,
	})
	filter := auditevents.FilterAttribute
	attrs["event_name"] = filter("Only events of this API or console action, e.g. `ModifyAuditTrack`.")
	attrs["resource_type"] = filter("Only events on resources of this type (a product, e.g. `cloudaudit`, `cos`).")
	attrs["resource_name"] = filter("Only events on this resource (e.g. a track id).")
	attrs["username"] = filter("Only events by this caller (`root`, a sub-account, `roleUser`).")
	attrs["access_key_id"] = filter("Only events signed with this SecretId.")
	attrs["action_type"] = auditevents.ReadWriteAttribute("Only events of this class: one of `Read`, `Write`, `All`. Defaults to `All`.")
	attrs["region"] = filter("Only events whose region (`EventRegion`) is this one (applied by the provider).")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up Tencent Cloud CloudAudit events (who called which API on what, when, from where) with LookUpEvents, " +
			"newest first, reading every page until `max_events` events matched.\n\n" +
			"**Cost and rate.** Each page is one LookUpEvents call returning at most 50 events; the API allows 20 calls a second, " +
			"which the provider keeps to (shared with the other CloudAudit calls) and retries a throttled call. A read of `max_events = 200` costs at least 4 calls. " +
			"The window must start within the last 90 days and span at most 30 days; one LookUpEvents call covers at most 7 days, " +
			"so a longer window costs one more call (at least) per 7 days.\n\n" +
			"**Filters** `event_name`, `resource_name` and `access_key_id` are sent as LookUpEvents attributes (keys every edition of the API documents) " +
			"and checked again on the results; `username`, `resource_type`, `action_type` and `region` are applied by the provider.",
		Attributes: attrs,
	}
}

func (d *eventsDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	auditevents.ValidateWindow(ctx, req.Config, lookupRetention, lookupMaxSpan, &resp.Diagnostics)
}

func (d *eventsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func conditions(data *eventsModel) auditevents.Conditions {
	var out auditevents.Conditions
	out.Add("ResourceName", data.ResourceName)
	out.Add("EventName", data.EventName)
	out.Add("AccessKeyId", data.AccessKeyID)
	out.Add("Username", data.Username)
	out.Add("ResourceType", data.ResourceType)
	out.AddReadWrite("ActionType", data.ActionType)
	return out
}

// matches reports whether ev meets every condition (case-insensitively)
// and is of region ("" for any).
func matches(ev eventFields, conds auditevents.Conditions, region string) bool {
	got := func(key string) []string {
		var v types.String
		switch key {
		case "ResourceName":
			v = ev.ResourceName
		case "EventName":
			v = ev.EventName
		case "AccessKeyId":
			v = ev.AccessKeyID
		case "Username":
			v = ev.Username
		case "ResourceType":
			v = ev.ResourceType
		case "ActionType":
			v = ev.ActionType
		}
		return []string{v.ValueString()}
	}
	return conds.Match(got, strings.EqualFold) && (region == "" || ev.Region.ValueString() == region)
}

func (d *eventsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data eventsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	maxEvents := data.MaxEventsValue()
	end := time.Now()
	if !data.EndTime.IsNull() {
		end, _ = time.Parse(time.RFC3339, data.EndTime.ValueString()) // validated at plan time
	}
	start := end.Add(-lookupDefault)
	if !data.StartTime.IsNull() {
		start, _ = time.Parse(time.RFC3339, data.StartTime.ValueString())
	}
	conds := conditions(&data)
	found, pages, truncated, err := lookUpEvents(ctx, d.client, start, end, conds, data.Region.ValueString(), int(maxEvents))
	if err != nil {
		resp.Diagnostics.AddError("looking up CloudAudit events", err.Error())
		return
	}
	resp.Diagnostics.Append(data.SetResult(ctx, eventAttrDescriptions, found, pages, truncated)...)
	var idParts []string
	for _, c := range conds {
		idParts = append(idParts, c.Key+"="+c.Value)
	}
	data.SetID(idParts, data.Region.ValueString())
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

// lookUpEvents pages through LookUpEvents until maxEvents events matched or the
// list is over.
func lookUpEvents(ctx context.Context, c *conns.Client, start, end time.Time, conds auditevents.Conditions, region string, maxEvents int) (found []eventFields, pages int, truncated bool, err error) {
	windows := lookupWindows(start.Unix(), end.Unix())
	// Collect's token is "<window>|<NextToken>": the window being read and
	// the API's token within it.
	fetch := func(token string) ([]eventFields, string, error) {
		w, apiToken := 0, ""
		if token != "" {
			i, rest, _ := strings.Cut(token, "|")
			w, _ = strconv.Atoi(i)
			apiToken = rest
		}
		var attrs []*ca.LookupAttribute
		for _, cd := range conds {
			if APIAttributeKeys[cd.Key] {
				attrs = append(attrs, &ca.LookupAttribute{AttributeKey: ptr(cd.Key), AttributeValue: ptr(cd.Value)})
			}
		}
		page, apiNext, err := lookUpPage(ctx, c, windows[w][0], windows[w][1], apiToken, auditevents.PageSize, attrs)
		if err != nil {
			return nil, "", err
		}
		next := ""
		if apiNext != "" {
			next = strconv.Itoa(w) + "|" + apiNext
		} else if w+1 < len(windows) {
			next = strconv.Itoa(w+1) + "|"
		}
		return page, next, nil
	}
	keep := func(ev eventFields) bool { return matches(ev, conds, region) }
	return auditevents.Collect(maxEvents, fetch, keep)
}

func ptr[T any](v T) *T { return &v }

var (
	actionTypeRE   = regexp.MustCompile(`"actionType"\s*:\s*"([^"]*)"`)
	apiErrorCodeRE = regexp.MustCompile(`"apiErrorCode"\s*:\s*"?([^",}]*)`)
)

// eventFromWire maps one LookUpEvents Event (SDK struct; API-NOTES.md) to
// the typed fields, reading the action type and the API error code from
// the raw CloudAuditEvent JSON.
func eventFromWire(e *ca.Event) eventFields {
	var inner struct {
		ActionType   string `json:"actionType"`
		APIErrorCode any    `json:"apiErrorCode"`
	}
	if e.CloudAuditEvent != nil {
		if json.Unmarshal([]byte(*e.CloudAuditEvent), &inner) != nil {
			// The reference's sample answer (examples.json, in
			// internal/contract/cloudaudit.json) nests requestParameters
			// with unescaped quotes, which no JSON parser reads: take the
			// two fields by their text.
			if m := actionTypeRE.FindStringSubmatch(*e.CloudAuditEvent); m != nil {
				inner.ActionType = m[1]
			}
			if m := apiErrorCodeRE.FindStringSubmatch(*e.CloudAuditEvent); m != nil {
				inner.APIErrorCode = m[1]
			}
		}
	}
	f := eventFields{
		EventID:     strOrNull(e.EventId),
		EventName:   strOrNull(e.EventName),
		EventSource: strOrNull(e.EventSource),
		Username:    strOrNull(e.Username),
		AccessKeyID: strOrNull(e.SecretId),
		SourceIP:    strOrNull(e.SourceIPAddress),
		RequestID:   strOrNull(e.RequestID),
		Region:      strOrNull(e.EventRegion),
		ActionType:  types.StringNull(),
		EventTime:   types.StringNull(),
		ErrorCode:   types.StringNull(),
	}
	if inner.ActionType != "" {
		f.ActionType = types.StringValue(inner.ActionType)
	}
	// EventTime: Unix seconds as a string in api.json's example, Beijing
	// time "2019-03-20 12:36:27" in examples.json's sample answer
	// (internal/contract/cloudaudit.json): both are read.
	if e.EventTime != nil {
		if secs, err := strconv.ParseInt(*e.EventTime, 10, 64); err == nil {
			f.EventTime = types.StringValue(time.Unix(secs, 0).UTC().Format(time.RFC3339))
		} else if t, err := time.ParseInLocation(wireTimeLayout, *e.EventTime, beijing); err == nil {
			f.EventTime = types.StringValue(t.UTC().Format(time.RFC3339))
		}
	}
	if code := fmt.Sprint(inner.APIErrorCode); inner.APIErrorCode != nil && code != "" && code != "0" {
		f.ErrorCode = types.StringValue(code)
	} else if e.ErrorCode != nil && *e.ErrorCode != 0 {
		f.ErrorCode = types.StringValue(strconv.FormatInt(*e.ErrorCode, 10))
	}
	f.ResourceType, f.ResourceName = types.StringNull(), types.StringNull()
	if e.Resources != nil {
		f.ResourceType, f.ResourceName = strOrNull(e.Resources.ResourceType), strOrNull(e.Resources.ResourceName)
	}
	data, _ := json.Marshal(e)
	f.Raw = types.StringValue(string(data))
	return f
}
