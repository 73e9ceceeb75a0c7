package mockcloud_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

func lookup(c *actiontrail.Client, token string, pageSize int, attrs ...string) (*actiontrail.LookupEventsResponse, error) {
	req := actiontrail.CreateLookupEventsRequest()
	req.Scheme = "HTTP"
	req.NextToken = token
	if pageSize > 0 {
		req.MaxResults = strconv.Itoa(pageSize)
	}
	var la []actiontrail.LookupEventsLookupAttribute
	for i := 0; i+1 < len(attrs); i += 2 {
		la = append(la, actiontrail.LookupEventsLookupAttribute{Key: attrs[i], Value: attrs[i+1]})
	}
	if la != nil {
		req.LookupAttribute = &la
	}
	return c.LookupEvents(req)
}

func isWireTime(s string) bool {
	_, err := time.Parse("2006-01-02T15:04:05Z", s)
	return err == nil
}

// Every served call becomes an event with its caller, resource, outcome
// and read/write class; LookupEvents filters by one or two attributes and pages
// through NextToken, newest first, without repeats.
func TestActionTrailLookupEvents(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	seedTrail(t, s, mockcloud.Trail{Name: "audit-trail"})
	c := newClient(t, host, defaultCred())
	id := mustCreate(t, c, "audit-trail", "")
	mustGet(t, c, id)
	if _, err := getJob(c, 999); err == nil {
		t.Fatal("want not found")
	}

	resp, err := lookup(c, "", 0, "EventName", "CreateDeliveryHistoryJob")
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Events) != 1 || resp.NextToken != "" {
		t.Fatalf("events %+v next %q", resp.Events, resp.NextToken)
	}
	ev := resp.Events[0]
	identity, _ := ev["userIdentity"].(map[string]any)
	if ev["eventRW"] != "Write" || ev["resourceType"] != "ACS::ActionTrail::DeliveryHistoryJob" ||
		ev["resourceName"] != strconv.FormatInt(id, 10) || identity["accessKeyId"] != mockcloud.DefaultAccessKeyID ||
		identity["type"] != "root-account" || ev["sourceIpAddress"] != "127.0.0.1" || ev["requestId"] == "" {
		t.Errorf("event %v", ev)
	}
	if at, _ := ev["eventTime"].(string); !isWireTime(at) {
		t.Errorf("eventTime %q", at)
	}

	resp, err = lookup(c, "", 0, "ResourceName", "999")
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Events) != 1 || resp.Events[0]["errorCode"] != "DeliveryHistoryJobNotFound" || resp.Events[0]["eventRW"] != "Read" {
		t.Errorf("failed call event %v", resp.Events)
	}

	for i := 0; i < 7; i++ {
		if _, err := s.AddAuditEvent(mockcloud.AuditEvent{Vendor: mockcloud.VendorAlibaba, EventName: "UpdateTrail", UserName: "alice",
			ResourceType: "ACS::ActionTrail::Trail", ResourceName: "audit-trail", Time: s.Now().Add(-time.Duration(i) * time.Minute)}); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	var last time.Time
	token, pages := "", 0
	for {
		resp, err := lookup(c, token, 3, "User", "alice")
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, e := range resp.Events {
			id, _ := e["eventId"].(string)
			raw, _ := e["eventTime"].(string)
			at, _ := time.Parse("2006-01-02T15:04:05Z", raw)
			if seen[id] || (!last.IsZero() && at.After(last)) {
				t.Errorf("event %s repeated or out of order", id)
			}
			seen[id], last = true, at
		}
		if token = resp.NextToken; token == "" {
			break
		}
	}
	if len(seen) != 7 || pages != 3 {
		t.Errorf("saw %d events in %d pages", len(seen), pages)
	}

	_, err = lookup(c, "", 51)
	wantServerError(t, err, "InvalidParameter", 400)
	_, err = lookup(c, "", 0, "Colour", "red")
	wantServerError(t, err, "InvalidParameter", 400)
	// Two conditions (the current model's "one or two") must both match;
	// a third is refused.
	if resp, err := lookup(c, "", 0, "EventName", "UpdateTrail", "User", "alice"); err != nil || len(resp.Events) != 7 {
		t.Errorf("two matching conditions: %v, %d events, want 7", err, len(resp.Events))
	}
	if resp, err := lookup(c, "", 0, "EventName", "A", "User", "alice"); err != nil || len(resp.Events) != 0 {
		t.Errorf("two conditions, one not matching: %v, %d events, want 0", err, len(resp.Events))
	}
	_, err = lookup(c, "", 0, "EventName", "A", "User", "alice", "EventRW", "Write")
	wantServerError(t, err, "InvalidParameter", 400)
	_, err = lookup(c, "", 0, "EventName", "UpdateTrail", "Colour", "red")
	wantServerError(t, err, "InvalidParameter", 400)
	_, err = lookup(c, "7b2263223a317d", 0, "User", "alice") // a token of another query
	wantServerError(t, err, "InvalidParameter", 400)
	req := actiontrail.CreateLookupEventsRequest()
	req.Scheme = "HTTP"
	req.StartTime = s.Now().Add(-91 * 24 * time.Hour).UTC().Format("2006-01-02T15:04:05Z")
	_, err = c.LookupEvents(req)
	wantServerError(t, err, "InvalidParameter", 400)

	// A wrong secret fails signing and records nothing.
	before := len(s.AuditEvents(mockcloud.VendorAlibaba))
	bad := newClient(t, host, credentials.NewAccessKeyCredential(mockcloud.DefaultAccessKeyID, "wrong"))
	_, err = lookup(bad, "", 0)
	wantServerError(t, err, "SignatureDoesNotMatch", 400)
	if n := len(s.AuditEvents(mockcloud.VendorAlibaba)); n != before {
		t.Errorf("unauthenticated call recorded: %d -> %d", before, n)
	}
}

// LookupEvents allows two calls per second when rate limits are on.
func TestActionTrailLookupEventsRateLimit(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{RateLimits: true})
	c := newClient(t, host, defaultCred())
	var throttled bool
	for i := 0; i < 5 && !throttled; i++ {
		_, err := lookup(c, "", 0)
		if err != nil {
			wantServerError(t, err, "Throttling.User", 400)
			throttled = true
		}
	}
	if !throttled {
		t.Error("5 calls at once were not throttled")
	}
	if got := s.AuditEvents(mockcloud.VendorAlibaba); got[len(got)-1].ErrorCode != "Throttling.User" {
		t.Errorf("last event %+v", got[len(got)-1])
	}
}

// Admin changes are recorded for the console user "who" names, with the
// resource; mock controls are not.
func TestAuditEventsAdminChanges(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	var tr mockcloud.AuditTrack
	admin(t, host, "POST", "/_mock/cloudaudit/tracks", map[string]any{
		"name": "seeded", "status": 1, "action_type": "*", "resource_type": "*", "event_names": []string{"*"},
		"storage": map[string]any{"type": "cos", "region": "ap-guangzhou", "name": "bucket", "prefix": "audit"},
	}, 201, &tr)
	path := fmt.Sprintf("/_mock/cloudaudit/tracks/%d", tr.ID)
	admin(t, host, "PATCH", path, map[string]any{"who": "alice", "status": 0}, 200, nil)
	admin(t, host, "PATCH", path, map[string]any{"who": "alice", "colour": 0}, 400, nil)
	admin(t, host, "PUT", "/_mock/clock", map[string]any{"job_step_ms": 10}, 200, nil)

	got := s.AuditEvents(mockcloud.VendorTencent)
	if len(got) != 2 {
		t.Fatalf("events %+v", got)
	}
	if got[0].EventName != "CreateAuditTrack" || got[0].UserName != mockcloud.DefaultConsoleUser || got[0].ResourceName != strconv.FormatUint(tr.ID, 10) {
		t.Errorf("create %+v", got[0])
	}
	if e := got[1]; e.EventName != "ModifyAuditTrack" || e.UserName != "alice" || e.ReadOnly || e.EventType != "ConsoleOperation" ||
		e.ResourceName != strconv.FormatUint(tr.ID, 10) || e.AccessKeyID != "" {
		t.Errorf("modify %+v", e)
	}

	var listed struct{ Events []mockcloud.AuditEvent }
	admin(t, host, "GET", "/_mock/events?vendor=tencent", nil, 200, &listed)
	if len(listed.Events) != 2 {
		t.Errorf("GET /_mock/events: %d", len(listed.Events))
	}
	admin(t, host, "POST", "/_mock/events", map[string]any{"vendor": "alibaba", "event_name": "DeleteTrail", "count": 3, "user_name": "bob"}, 201, nil)
	if n := len(s.AuditEvents(mockcloud.VendorAlibaba)); n != 3 {
		t.Errorf("seeded %d", n)
	}
	admin(t, host, "POST", "/_mock/events", map[string]any{"vendor": "aws", "event_name": "X"}, 400, nil)
	admin(t, host, "DELETE", "/_mock/events", nil, 200, nil)
	if n := len(s.AuditEvents("")); n != 0 {
		t.Errorf("after clear %d", n)
	}
}

func caLookup(c *ca.Client, start, end time.Time, token string, pageSize int64, attrs ...string) (*ca.LookUpEventsResponse, error) {
	req := ca.NewLookUpEventsRequest()
	req.StartTime, req.EndTime = common.Int64Ptr(start.Unix()), common.Int64Ptr(end.Unix())
	if token != "" {
		req.NextToken = common.StringPtr(token)
	}
	if pageSize > 0 {
		req.MaxResults = common.Int64Ptr(pageSize)
	}
	for i := 0; i+1 < len(attrs); i += 2 {
		req.LookupAttributes = append(req.LookupAttributes, &ca.LookupAttribute{AttributeKey: common.StringPtr(attrs[i]), AttributeValue: common.StringPtr(attrs[i+1])})
	}
	return c.LookUpEvents(req)
}

// CloudAudit LookUpEvents serves the Tencent events with the SDK's shapes,
// filters (all must match), paging and window limits.
func TestCloudAuditLookUpEvents(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	c := newAuditClient(t, host, defaultTCCred())
	created, err := c.CreateAuditTrack(simpleTrackRequest("tf-track"))
	if err != nil {
		t.Fatal(err)
	}
	trackID := strconv.FormatUint(*created.Response.TrackId, 10)
	admin(t, host, "PATCH", "/_mock/cloudaudit/tracks/"+trackID, map[string]any{"who": "alice", "status": 0}, 200, nil)
	admin(t, host, "PATCH", "/_mock/cloudaudit/tracks/"+trackID+"?who=bob", map[string]any{"status": 1}, 200, nil)

	now := s.Now()
	resp, err := caLookup(c, now.Add(-time.Hour), now.Add(time.Minute), "", 0, "ResourceName", trackID, "ActionType", "Write")
	if err != nil {
		t.Fatal(err)
	}
	r := resp.Response
	if len(r.Events) != 3 || !*r.ListOver || *r.TotalCount != 3 {
		t.Fatalf("events %s", resp.ToJsonString())
	}
	users := []string{*r.Events[0].Username, *r.Events[1].Username, *r.Events[2].Username}
	if users[2] != "root" || *r.Events[2].EventName != "CreateAuditTrack" || *r.Events[2].SecretId != mockcloud.DefaultSecretID {
		t.Errorf("create event %s", *r.Events[2].EventName)
	}
	alice := r.Events[1]
	if users[0] != "bob" || users[1] != "alice" || *alice.EventName != "ModifyAuditTrack" || *alice.Resources.ResourceName != trackID ||
		*alice.Resources.ResourceType != "cloudaudit" || *alice.ErrorCode != 0 || *alice.AccountID != 1234567890 {
		t.Errorf("users %v, alice %s", users, *alice.EventName)
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(*alice.CloudAuditEvent), &raw); err != nil || raw["actionType"] != "Write" {
		t.Errorf("CloudAuditEvent %q: %v", *alice.CloudAuditEvent, err)
	}
	if at, _ := strconv.ParseInt(*alice.EventTime, 10, 64); at < now.Add(-time.Minute).Unix() {
		t.Errorf("EventTime %s", *alice.EventTime)
	}

	for i := 0; i < 5; i++ {
		if _, err := s.AddAuditEvent(mockcloud.AuditEvent{Vendor: mockcloud.VendorTencent, EventName: "DeleteAuditTrack", UserName: "carol", ResourceName: "carols"}); err != nil {
			t.Fatal(err)
		}
	}
	token, n, pages := "", 0, 0
	for {
		resp, err := caLookup(c, now.Add(-time.Hour), now.Add(time.Minute), token, 2, "ResourceName", "carols")
		if err != nil {
			t.Fatal(err)
		}
		pages++
		n += len(resp.Response.Events)
		if *resp.Response.ListOver {
			break
		}
		token = *resp.Response.NextToken
	}
	if n != 5 || pages != 3 {
		t.Errorf("%d events in %d pages", n, pages)
	}
	// A token is refused with other parameters than those it came from.
	first, err := caLookup(c, now.Add(-time.Hour), now.Add(time.Minute), "", 2, "ResourceName", "carols")
	if err != nil || first.Response.NextToken == nil {
		t.Fatalf("%v: no NextToken", err)
	}
	_, err = caLookup(c, now.Add(-time.Hour), now.Add(time.Minute), *first.Response.NextToken, 2, "ResourceName", "alices")
	wantTCError(t, err, "InvalidParameterValue")
	// A condition the mock records nothing for (SensitiveAction) matches nothing.
	none, err := caLookup(c, now.Add(-time.Hour), now.Add(time.Minute), "", 0, "SensitiveAction", "1")
	if err != nil {
		t.Fatal(err)
	}
	if len(none.Response.Events) != 0 {
		t.Errorf("SensitiveAction matched %d events", len(none.Response.Events))
	}

	_, err = caLookup(c, now, now.Add(time.Hour), "", 51)
	wantTCError(t, err, "InvalidParameterValue.MaxResult")
	_, err = caLookup(c, now, now.Add(-time.Hour), "", 0)
	wantTCError(t, err, "InvalidParameterValue.Time")
	_, err = caLookup(c, now.Add(-7*24*time.Hour-time.Second), now, "", 0)
	wantTCError(t, err, "LimitExceeded.OverTime")
	// Keys of the earlier reference, no longer in the definition, are refused.
	for _, key := range []string{"Username", "ResourceType", "EventSource", "EventId"} {
		_, err = caLookup(c, now.Add(-time.Hour), now, "", 0, key, "x")
		wantTCError(t, err, "InvalidParameterValue.attributeKey")
	}
	_, err = caLookup(c, now.Add(-time.Hour), now, "", 0, "Colour", "red")
	wantTCError(t, err, "InvalidParameterValue.attributeKey")
	_, err = c.LookUpEvents(ca.NewLookUpEventsRequest())
	wantTCError(t, err, "MissingParameter")

	bad := newAuditClient(t, host, common.NewCredential(mockcloud.DefaultSecretID, "wrong"))
	_, err = caLookup(bad, now.Add(-time.Hour), now, "", 0)
	wantTCError(t, err, "AuthFailure.SignatureFailure")
}

// BenchmarkActionTrailLookupEvents: one LookupEvents page (50, one
// attribute) over a full audit log of DefaultAuditEventLimit events,
// through the official SDK.
func BenchmarkActionTrailLookupEvents(b *testing.B) {
	s, err := mockcloud.New(mockcloud.Options{})
	if err != nil {
		b.Fatal(err)
	}
	hs := httptest.NewServer(s)
	defer hs.Close()
	now := s.Now()
	for i := 0; i < mockcloud.DefaultAuditEventLimit; i++ {
		user := "alice"
		if i%2 == 1 {
			user = "bob"
		}
		if _, err := s.AddAuditEvent(mockcloud.AuditEvent{Vendor: mockcloud.VendorAlibaba, EventName: "UpdateTrail", UserName: user, Time: now.Add(-time.Duration(i) * time.Second)}); err != nil {
			b.Fatal(err)
		}
	}
	cfg := sdk.NewConfig()
	cfg.Scheme = "HTTP"
	c, err := actiontrail.NewClientWithOptions("cn-hangzhou", cfg, defaultCred())
	if err != nil {
		b.Fatal(err)
	}
	c.Domain = strings.TrimPrefix(hs.URL, "http://")
	b.ResetTimer()
	for range b.N {
		resp, err := lookup(c, "", 50, "User", "alice")
		if err != nil || len(resp.Events) != 50 {
			b.Fatalf("%v %d", err, len(resp.Events))
		}
	}
}

// A call with an assumed role's temporary key is recorded for the role's
// session, and the STS call that issued it for the key that asked.
func TestAuditEventsAssumedRole(t *testing.T) {
	t.Parallel()
	s, host := newTLSMock(t, mockcloud.Options{Roles: stsRoles()})
	cred, err := ramRoleProvider(t, host, aliRole, nil).GetCredentials()
	if err != nil {
		t.Fatal(err)
	}
	c := httpsClient(t, host, cred)
	mustList(t, c, 1, 10)

	req := actiontrail.CreateLookupEventsRequest()
	req.Scheme = "HTTPS"
	req.LookupAttribute = &[]actiontrail.LookupEventsLookupAttribute{{Key: "EventAccessKeyId", Value: cred.AccessKeyId}}
	resp, err := c.LookupEvents(req)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Events) != 1 {
		t.Fatalf("events %v", resp.Events)
	}
	identity, _ := resp.Events[0]["userIdentity"].(map[string]any)
	if identity["type"] != "assumed-role" || identity["userName"] != "auditor:terraform" ||
		identity["arn"] != "acs:ram::1234567890:assumed-role/auditor/terraform" || resp.Events[0]["eventName"] != "ListDeliveryHistoryJobs" {
		t.Errorf("event %v", resp.Events[0])
	}
	var assumed bool
	for _, e := range s.AuditEvents(mockcloud.VendorAlibaba) {
		if e.EventName == "AssumeRole" && e.AccessKeyID == mockcloud.DefaultAccessKeyID && e.IdentityType == mockcloud.IdentityRoot && !e.ReadOnly {
			assumed = true
		}
	}
	if !assumed {
		t.Errorf("no AssumeRole event by the static key: %+v", s.AuditEvents(mockcloud.VendorAlibaba))
	}
}
