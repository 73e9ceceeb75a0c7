package mockcloud

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// CloudAudit LookUpEvents (2019-03-19) over the audit event log.
//
// Wire facts:
//   - Request and response fields: tencentcloud-sdk-go cloudaudit v1.3.40
//     LookUpEventsRequestParams (StartTime, EndTime: Unix seconds;
//     LookupAttributes; NextToken: string; MaxResults; Mode
//     standard|quick) and LookUpEventsResponseParams (NextToken, Events,
//     ListOver, TotalCount), Event and Resource.
//   - StartTime and EndTime are required; "默认接口请求频率限制：20次/秒"
//     (https://cloud.tencent.com/document/api/629/35344), the product's
//     default in ratelimit.go.
//   - MaxResults: "最多支持50条", default 10
//     (https://cloud.tencent.com/document/api/629/12362).
//   - The window: one look-up spans at most 7 days: LimitExceeded.OverTime
//     "检索支持的有效时间范围是7天" (the valid search range is 7 days;
//     tencentcloud-sdk-go cloudaudit/v20190319/errors.go, in
//     internal/contract/cloudaudit.json). ASSUMPTION: StartTime within the
//     last 90 days, as DescribeEvents, the same product's other log
//     search, documents (https://www.tencentcloud.com/document/api/362/32163).
//   - Error codes, from the SDK's list for LookUpEvents:
//     InvalidParameterValue.MaxResult, InvalidParameterValue.Time,
//     InvalidParameterValue.attributeKey, LimitExceeded.OverTime.
//     ASSUMPTION: which refusal gets which code (a start after the end is
//     InvalidParameterValue.Time; a window too old or too long is
//     LimitExceeded.OverTime).
//   - AttributeKey: the current definition (tencentcloud-cli api.json,
//     LookupAttribute; internal/contract/cloudaudit.json) lists RequestId,
//     EventName, ActionType, PrincipalId, ResourceId, ResourceName,
//     AccessKeyId, SensitiveAction, ApiErrorCode, CamErrorCode,
//     SourceIPAddress, Tags; any other key is refused with
//     InvalidParameterValue.attributeKey (the SDK's code for the action).
//     The SDK's errors.go text for that code names an older list (ReadOnly,
//     Username, ResourceType instead of ActionType and the rest): the
//     provider sends only keys both name. ASSUMPTION: several attributes
//     must all match; SensitiveAction, CamErrorCode and Tags match no mock
//     event.
//   - Username: "主账号为:root,子账号为:子账号 ID,角色用户为:roleUser"
//     (629/12362). ASSUMPTION: a console user is shown by the name the
//     admin API gave (the mock has no sub-account ids).

const (
	caLookupDefaultPage = 10
	caLookupMaxPage     = 50
	// CloudAuditLookupRetention and CloudAuditLookupMaxWindow bound the
	// LookUpEvents window (see above).
	CloudAuditLookupRetention = 90 * 24 * time.Hour
	CloudAuditLookupMaxWindow = 7 * 24 * time.Hour
)

type caLookUpEventsRequest struct {
	StartTime        *int64 `json:"StartTime"`
	EndTime          *int64 `json:"EndTime"`
	LookupAttributes []struct {
		AttributeKey   *string `json:"AttributeKey"`
		AttributeValue *string `json:"AttributeValue"`
	} `json:"LookupAttributes"`
	NextToken  *string `json:"NextToken"`
	MaxResults *int64  `json:"MaxResults"`
	Mode       *string `json:"Mode"`
}

// caLookupKeys maps each documented attribute key to the event values it
// compares (nil: matches nothing the mock records); a test checks the keys
// against the contract's enum.
var caLookupKeys = map[string]func(e *AuditEvent) []string{
	"RequestId":       func(e *AuditEvent) []string { return []string{e.RequestID} },
	"EventName":       func(e *AuditEvent) []string { return []string{e.EventName} },
	"ActionType":      func(e *AuditEvent) []string { return []string{e.RW()} },
	"PrincipalId":     func(e *AuditEvent) []string { return []string{e.PrincipalID} },
	"ResourceId":      func(e *AuditEvent) []string { return []string{e.ResourceName} },
	"ResourceName":    func(e *AuditEvent) []string { return []string{e.ResourceName} },
	"AccessKeyId":     func(e *AuditEvent) []string { return []string{e.AccessKeyID} },
	"ApiErrorCode":    func(e *AuditEvent) []string { return []string{e.ErrorCode} },
	"SourceIPAddress": func(e *AuditEvent) []string { return []string{e.SourceIP} },
	"SensitiveAction": nil,
	"CamErrorCode":    nil,
	"Tags":            nil,
}

func (s *Server) caLookUpEvents(c *tcCall) (any, error) {
	var req caLookUpEventsRequest
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if req.StartTime == nil {
		return nil, tcErr("MissingParameter", "The request is missing a required parameter `StartTime`.")
	}
	if req.EndTime == nil {
		return nil, tcErr("MissingParameter", "The request is missing a required parameter `EndTime`.")
	}
	page := caLookupDefaultPage
	if req.MaxResults != nil {
		if *req.MaxResults < 1 || *req.MaxResults > caLookupMaxPage {
			return nil, tcErr("InvalidParameterValue.MaxResult", "MaxResults %d is out of range: 1 to 50.", *req.MaxResults)
		}
		page = int(*req.MaxResults)
	}
	start, end := time.Unix(*req.StartTime, 0).UTC(), time.Unix(*req.EndTime, 0).UTC()
	if start.After(end) {
		return nil, tcErr("InvalidParameterValue.Time", "StartTime %d is later than EndTime %d.", *req.StartTime, *req.EndTime)
	}
	if start.Before(c.Now.Add(-CloudAuditLookupRetention)) || end.Sub(start) > CloudAuditLookupMaxWindow {
		return nil, tcErr("LimitExceeded.OverTime", "The valid search range is 7 days (and the last 90 days).")
	}
	if req.Mode != nil && *req.Mode != "standard" && *req.Mode != "quick" {
		return nil, tcErr("InvalidParameterValue", "Mode %q must be standard or quick.", *req.Mode)
	}

	var conds []lookupCond
	var digestParts []string
	for _, a := range req.LookupAttributes {
		key, value := deref(a.AttributeKey), deref(a.AttributeValue)
		get, ok := caLookupKeys[key]
		if !ok {
			return nil, tcErr("InvalidParameterValue.attributeKey", "The AttributeKey %q is not supported.", key)
		}
		conds = append(conds, lookupCond{get, value})
		digestParts = append(digestParts, key, value)
	}
	match := matchAll(conds, strings.EqualFold)

	digest := queryDigest(append(digestParts, strconv.FormatInt(*req.StartTime, 10), strconv.FormatInt(*req.EndTime, 10), strconv.Itoa(page))...)
	q := eventQuery{vendor: VendorTencent, account: c.AccountID, start: start, end: end, match: match, max: page}
	found, next, total, err := s.lookupPage(q, digest, deref(req.NextToken),
		tcErr("InvalidParameterValue", "The NextToken is not valid for these request parameters."))
	if err != nil {
		return nil, err
	}
	events := make([]cloudAuditEvent, 0, len(found))
	for i := range found {
		events = append(events, toCloudAuditEvent(&found[i]))
	}
	out := caLookUpEventsResponse{Events: events, ListOver: next == "", TotalCount: uint64(total)}
	if next != "" {
		out.NextToken = &next
	}
	return out, nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// caLookUpEventsResponse and cloudAuditEvent are LookUpEventsResponseParams,
// Event and Resource of the SDK (cloudaudit v1.3.40 models.go).
type caLookUpEventsResponse struct {
	NextToken  *string           `json:"NextToken"`
	Events     []cloudAuditEvent `json:"Events"`
	ListOver   bool              `json:"ListOver"`
	TotalCount uint64            `json:"TotalCount"`
}

type cloudAuditEvent struct {
	EventID         string `json:"EventId"`
	Username        string `json:"Username"`
	EventTime       string `json:"EventTime"`
	CloudAuditEvent string `json:"CloudAuditEvent"`
	ResourceTypeCn  string `json:"ResourceTypeCn"`
	// ErrorCode: "错误码。0 代表正常,其他代表错误" (629/12362). ASSUMPTION:
	// the mock writes 1 for any failure; the vendor's code is in
	// CloudAuditEvent's apiErrorCode.
	ErrorCode       int64  `json:"ErrorCode"`
	EventName       string `json:"EventName"`
	SecretID        string `json:"SecretId"`
	EventSource     string `json:"EventSource"`
	RequestID       string `json:"RequestID"`
	ResourceRegion  string `json:"ResourceRegion"`
	AccountID       int64  `json:"AccountID"`
	SourceIPAddress string `json:"SourceIPAddress"`
	EventNameCn     string `json:"EventNameCn"`
	Resources       struct {
		ResourceType string `json:"ResourceType"`
		ResourceName string `json:"ResourceName"`
	} `json:"Resources"`
	EventRegion string `json:"EventRegion"`
	Location    string `json:"Location"`
}

func cloudAuditUsername(e *AuditEvent) string {
	if e.IdentityType == IdentityAssumedRole {
		return "roleUser"
	}
	return e.UserName
}

func cloudAuditSource(e *AuditEvent) string {
	return strings.ToLower(e.Product) + ".tencentcloudapi.com"
}

func toCloudAuditEvent(e *AuditEvent) cloudAuditEvent {
	out := cloudAuditEvent{
		EventID:         e.ID,
		Username:        cloudAuditUsername(e),
		EventTime:       strconv.FormatInt(e.Time.Unix(), 10),
		EventName:       e.EventName,
		SecretID:        e.AccessKeyID,
		EventSource:     cloudAuditSource(e),
		RequestID:       e.RequestID,
		ResourceRegion:  e.Region,
		SourceIPAddress: e.SourceIP,
		EventRegion:     e.Region,
	}
	out.AccountID, _ = strconv.ParseInt(e.AccountID, 10, 64)
	if e.ErrorCode != "" {
		out.ErrorCode = 1
	}
	out.Resources.ResourceType, out.Resources.ResourceName = e.ResourceType, e.ResourceName
	if e.ResourceType == "cloudaudit" {
		out.ResourceTypeCn = "云审计"
	}
	identity := e.identity()
	if e.AccessKeyID != "" {
		identity["secretId"] = e.AccessKeyID
	}
	if e.IdentityType == IdentityAssumedRole {
		identity["roleArn"], identity["sessionName"] = e.RoleARN, e.SessionName
	}
	raw := map[string]any{
		"eventVersion":    2,
		"eventId":         e.ID,
		"eventName":       e.EventName,
		"eventType":       e.EventType,
		"eventSource":     out.EventSource,
		"eventTime":       out.EventTime,
		"eventRegion":     e.Region,
		"actionType":      e.RW(),
		"apiVersion":      e.APIVersion,
		"requestID":       e.RequestID,
		"sourceIPAddress": e.SourceIP,
		"userAgent":       e.UserAgent,
		"resourceType":    e.ResourceType,
		"resourceName":    e.ResourceName,
		"errorCode":       out.ErrorCode,
		"apiErrorCode":    e.ErrorCode,
		"apiErrorMessage": e.ErrorMessage,
		"userIdentity":    identity,
	}
	data, _ := json.Marshal(raw)
	out.CloudAuditEvent = string(data)
	return out
}
