package mockcloud

import (
	"fmt"
	"strings"
	"time"
)

// ActionTrail LookupEvents (2020-07-06) over the audit event log.
//
// Wire facts, from the LookupEvents 2020-07-06 reference
// (https://www.alibabacloud.com/help/doc-detail/185722.html) and the
// classic SDK's request and response structs (alibaba-cloud-sdk-go
// services/actiontrail/lookup_events.go):
//   - StartTime and EndTime are "YYYY-MM-DDThh:mm:ssZ" (UTC); StartTime
//     defaults to seven days before now, EndTime to now.
//   - MaxResults is 1 to 50. ASSUMPTION: 20 when absent (the reference's
//     example value; it names no default).
//   - Direction is FORWARD or BACKWARD (the default: newest first).
//   - LookupAttribute.N.Key is ServiceName, EventName, User, EventId,
//     ResourceType, ResourceName, EventRW (Read or Write) or
//     EventAccessKeyId. At most two conditions: "You can specify one or
//     two filter conditions at a time" (the current model,
//     alibabacloud-go-sdk actiontrail-20200706; internal/contract); the
//     classic SDK's text says one, which two allows too. ASSUMPTION: both
//     must match.
//   - NextToken is absent when there is no further page; a request with
//     a token must repeat the other parameters.
//   - Events is a list of event objects (ActionTrail event structure,
//     https://www.alibabacloud.com/help/doc-detail/28819.htm).
//   - Only the last 90 days can be searched ("By default, ActionTrail
//     allows you to query the events that were recorded within your
//     Alibaba Cloud account in the last 90 days",
//     https://www.alibabacloud.com/help/doc-detail/41920.htm).
//   - At most two calls per second (defaultActionRateLimits).
// ASSUMPTION: every refusal (bad time, range, attribute, token, direction)
// is the gateway's generic InvalidParameter; the reference lists no
// LookupEvents-specific codes.

const (
	lookupDefaultPage = 20
	lookupMaxPage     = 50
	// LookupEventsRetention is how far back ActionTrail LookupEvents
	// searches.
	LookupEventsRetention = 90 * 24 * time.Hour
	lookupDefaultWindow   = 7 * 24 * time.Hour
	lookupMaxConditions   = 2
)

// atLookupKeys maps the look-up attribute keys to the event value each
// compares.
var atLookupKeys = map[string]func(e *AuditEvent) []string{
	"ServiceName":      func(e *AuditEvent) []string { return []string{e.Product} },
	"EventName":        func(e *AuditEvent) []string { return []string{e.EventName} },
	"User":             func(e *AuditEvent) []string { return []string{e.UserName} },
	"EventId":          func(e *AuditEvent) []string { return []string{e.ID} },
	"ResourceType":     func(e *AuditEvent) []string { return strings.Split(e.ResourceType, ";") },
	"ResourceName":     func(e *AuditEvent) []string { return strings.Split(e.ResourceName, ";") },
	"EventRW":          func(e *AuditEvent) []string { return []string{e.RW()} },
	"EventAccessKeyId": func(e *AuditEvent) []string { return []string{e.AccessKeyID} },
}

func (s *Server) registerAuditLookups() {
	s.handleRPC(ActionTrailProduct, ActionTrailVersion, "LookupEvents", s.atLookupEvents)
	s.handleTC(CloudAuditProduct, CloudAuditVersion, "LookUpEvents", s.caLookUpEvents)
}

func (s *Server) atLookupEvents(c *rpcCall) (any, error) {
	maxResults, err := intParam(c, "MaxResults", lookupDefaultPage, 1, lookupMaxPage)
	if err != nil {
		return nil, err
	}
	end, err := atTimeParam(c, "EndTime", c.Now)
	if err != nil {
		return nil, err
	}
	start, err := atTimeParam(c, "StartTime", c.Now.Add(-lookupDefaultWindow))
	if err != nil {
		return nil, err
	}
	if start.After(end) {
		return nil, errInvalidParameter("The StartTime %s is later than the EndTime %s.", c.param("StartTime"), c.param("EndTime"))
	}
	if start.Before(c.Now.Add(-LookupEventsRetention)) {
		return nil, errInvalidParameter("The StartTime %s is more than 90 days ago; LookupEvents searches the last 90 days.", start.Format(rpcTimestampLayout))
	}
	direction := c.param("Direction")
	switch direction {
	case "", "BACKWARD", "FORWARD":
	default:
		return nil, errInvalidParameter("The parameter Direction %q must be FORWARD or BACKWARD.", direction)
	}

	var keys []string
	for i := 1; ; i++ {
		k, v := c.param(fmt.Sprintf("LookupAttribute.%d.Key", i)), c.param(fmt.Sprintf("LookupAttribute.%d.Value", i))
		if k == "" && v == "" {
			break
		}
		keys = append(keys, k, v)
	}
	if len(keys) > 2*lookupMaxConditions {
		return nil, errInvalidParameter("At most %d LookupAttribute conditions may be given per query; got %d.", lookupMaxConditions, len(keys)/2)
	}
	var conds []lookupCond
	for i := 0; i < len(keys); i += 2 {
		get, ok := atLookupKeys[keys[i]]
		if !ok {
			return nil, errInvalidParameter("The LookupAttribute.%d.Key %q is not one of ServiceName, EventName, User, EventId, ResourceType, ResourceName, EventRW, EventAccessKeyId.", i/2+1, keys[i])
		}
		want := keys[i+1]
		if keys[i] == "EventRW" && want != "Read" && want != "Write" && want != "All" {
			return nil, errInvalidParameter("The EventRW value %q must be Read, Write or All.", want)
		}
		if keys[i] != "EventRW" || want != "All" {
			conds = append(conds, lookupCond{get, want})
		}
	}
	match := matchAll(conds, func(got, want string) bool { return got == want })

	digest := queryDigest(c.param("StartTime"), c.param("EndTime"), direction, strings.Join(keys, "\x01"), c.param("MaxResults"))
	q := eventQuery{
		vendor: VendorAlibaba, account: c.AccountID, start: start, end: end,
		match: match, forward: direction == "FORWARD", max: maxResults,
	}
	page, next, _, err := s.lookupPage(q, digest, c.param("NextToken"),
		errInvalidParameter("The NextToken is not valid for these request parameters."))
	if err != nil {
		return nil, err
	}
	events := make([]map[string]any, 0, len(page))
	for i := range page {
		events = append(events, actionTrailEvent(&page[i]))
	}
	out := map[string]any{
		"StartTime": start.Format(rpcTimestampLayout),
		"EndTime":   end.Format(rpcTimestampLayout),
		"Events":    events,
	}
	if next != "" {
		out["NextToken"] = next
	}
	return out, nil
}

// atTimeParam reads an ISO 8601 UTC time parameter.
func atTimeParam(c *rpcCall, name string, def time.Time) (time.Time, error) {
	raw := c.param(name)
	if raw == "" {
		return def.UTC(), nil
	}
	t, err := time.Parse(rpcTimestampLayout, raw)
	if err != nil {
		return t, errInvalidParameter("The parameter %s %q is not a time in the YYYY-MM-DDThh:mm:ssZ format.", name, raw)
	}
	return t, nil
}

// actionTrailEvent is an event as LookupEvents returns it: the ActionTrail
// event structure (https://www.alibabacloud.com/help/doc-detail/28819.htm;
// field names as in the reference's sample event).
func actionTrailEvent(e *AuditEvent) map[string]any {
	identity := e.identity()
	if e.AccessKeyID != "" {
		identity["accessKeyId"] = e.AccessKeyID
	}
	if e.IdentityType == IdentityAssumedRole {
		identity["arn"] = strings.Replace(e.RoleARN, ":role/", ":assumed-role/", 1) + "/" + e.SessionName
		identity["sessionContext"] = map[string]any{
			"attributes": map[string]any{"mfaAuthenticated": "false", "creationDate": e.Time.Format(rpcTimestampLayout)},
		}
	}
	ev := map[string]any{
		"eventId":         e.ID,
		"eventVersion":    "1",
		"eventType":       e.EventType,
		"eventCategory":   "Management",
		"eventSource":     strings.ToLower(e.Product) + ".aliyuncs.com",
		"eventName":       e.EventName,
		"eventTime":       e.Time.Format(rpcTimestampLayout),
		"eventRW":         e.RW(),
		"serviceName":     e.Product,
		"acsRegion":       e.Region,
		"sourceIpAddress": e.SourceIP,
		"userAgent":       e.UserAgent,
		"requestId":       e.RequestID,
		"isGlobal":        false,
		"userIdentity":    identity,
	}
	if e.APIVersion != "" {
		ev["apiVersion"] = e.APIVersion
	}
	if e.ErrorCode != "" {
		ev["errorCode"], ev["errorMessage"] = e.ErrorCode, e.ErrorMessage
	}
	if e.ResourceName != "" {
		ev["resourceName"], ev["resourceType"] = e.ResourceName, e.ResourceType
	}
	return ev
}
