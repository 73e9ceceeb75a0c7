package mockcloud

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The audit event log: every call a vendor front serves after
// authentication, and every change made through the admin API, becomes an
// AuditEvent that ActionTrail LookupEvents (product_actiontrail_events.go)
// and CloudAudit LookUpEvents (product_cloudaudit_events.go) serve. The
// log lives in memory only (not in Options.StateFile), in a ring of
// Options.AuditEventLimit events.

// DefaultAuditEventLimit is how many audit events a Server keeps when
// Options.AuditEventLimit is 0; the oldest are dropped first.
const DefaultAuditEventLimit = 20000

// DefaultConsoleUser is the user an admin-API change is recorded for when
// the request names none ("who").
const DefaultConsoleUser = "console"

// Identity types as ActionTrail's userIdentity.type writes them
// (ActionTrail event structure, https://www.alibabacloud.com/help/doc-detail/28819.htm:
// root-account, ram-user, assumed-role).
const (
	IdentityRoot        = "root-account"
	IdentityRAMUser     = "ram-user"
	IdentityAssumedRole = "assumed-role"
)

// Event types (ActionTrail eventType values, LookupEvents 2017-12-04
// reference https://www.alibabacloud.com/help/doc-detail/28849.htm).
const (
	EventTypeAPICall          = "ApiCall"
	EventTypeConsoleOperation = "ConsoleOperation"
)

// AuditEvent is one recorded call or console change.
type AuditEvent struct {
	// Seq orders events: it grows by one per recorded event and is the
	// paging cursor of both look-up APIs.
	Seq int64 `json:"seq"`
	// ID is the eventId: a UUID like the request ids of the vendor.
	ID string `json:"event_id"`
	// Vendor is VendorAlibaba (seen by ActionTrail LookupEvents) or
	// VendorTencent (seen by CloudAudit LookUpEvents).
	Vendor    string    `json:"vendor"`
	AccountID string    `json:"account_id"`
	Time      time.Time `json:"time"`
	// Product is the serviceName (Alibaba: "Actiontrail", "Cdn", ...) or
	// the eventSource's product (Tencent: "cloudaudit").
	Product    string `json:"product"`
	APIVersion string `json:"api_version,omitempty"`
	EventName  string `json:"event_name"`
	EventType  string `json:"event_type"`
	// ReadOnly is true for Describe/Get/List/Lookup/Query/Check calls
	// (eventRW "Read"), false for the rest ("Write").
	ReadOnly     bool   `json:"read_only"`
	IdentityType string `json:"identity_type"`
	UserName     string `json:"user_name"`
	PrincipalID  string `json:"principal_id,omitempty"`
	AccessKeyID  string `json:"access_key_id,omitempty"`
	RoleARN      string `json:"role_arn,omitempty"`
	SessionName  string `json:"session_name,omitempty"`
	SourceIP     string `json:"source_ip"`
	UserAgent    string `json:"user_agent,omitempty"`
	RequestID    string `json:"request_id"`
	// ErrorCode is "" for a call that succeeded.
	ErrorCode    string `json:"error_code,omitempty"`
	ErrorMessage string `json:"error_message,omitempty"`
	ResourceType string `json:"resource_type,omitempty"`
	ResourceName string `json:"resource_name,omitempty"`
	Region       string `json:"region,omitempty"`
}

// RW is the event's eventRW: "Read" or "Write".
func (e *AuditEvent) RW() string {
	if e.ReadOnly {
		return "Read"
	}
	return "Write"
}

// readOnlyAction classifies an action by its verb. ASSUMPTION: the
// vendors classify per API; for the APIs the mock serves the verb says it
// (Describe/Get/List/LookUp/Query/Check read, everything else writes).
var readOnlyAction = regexp.MustCompile(`^(Describe|Get|List|Lookup|LookUp|Query|Check)`)

// auditLog is the ring of recorded events.
type auditLog struct {
	mu   sync.Mutex
	size int
	buf  []AuditEvent // oldest first; at most size
	seq  int64
}

func newAuditLog(size int) *auditLog {
	if size <= 0 {
		size = DefaultAuditEventLimit
	}
	return &auditLog{size: size}
}

func (l *auditLog) add(e AuditEvent) AuditEvent {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	e.Seq = l.seq
	if e.ID == "" {
		e.ID = newRequestID()
	}
	// Both look-up APIs give event times in whole seconds.
	e.Time = e.Time.UTC().Truncate(time.Second)
	if len(l.buf) == l.size {
		// Drop the oldest tenth at once so adds stay cheap.
		l.buf = append(l.buf[:0], l.buf[l.size/10+1:]...)
	}
	l.buf = append(l.buf, e)
	return e
}

// list returns the events for which keep is true, oldest first.
func (l *auditLog) list(keep func(*AuditEvent) bool) []AuditEvent {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []AuditEvent
	for i := range l.buf {
		if keep == nil || keep(&l.buf[i]) {
			out = append(out, l.buf[i])
		}
	}
	return out
}

func (l *auditLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = nil
}

// AuditEvents returns the recorded events of a vendor ("" for all), oldest
// first.
func (s *Server) AuditEvents(vendor string) []AuditEvent {
	return s.audit.list(func(e *AuditEvent) bool { return vendor == "" || e.Vendor == vendor })
}

// AddAuditEvent records an event as if it had happened (tests seed history
// with it). Empty fields get defaults: the default account, the product
// (Actiontrail or cloudaudit), the server clock, a new event id and request id, and, without an access key, a
// console user named by UserName (DefaultConsoleUser if empty).
func (s *Server) AddAuditEvent(e AuditEvent) (AuditEvent, error) {
	if e.Vendor != VendorAlibaba && e.Vendor != VendorTencent {
		return e, fmt.Errorf("vendor must be %q or %q", VendorAlibaba, VendorTencent)
	}
	if e.EventName == "" {
		return e, errors.New("event_name is required")
	}
	if e.AccountID == "" {
		e.AccountID = DefaultAccountID
	}
	if e.Product == "" {
		e.Product = ActionTrailProduct
		if e.Vendor == VendorTencent {
			e.Product = CloudAuditProduct
		}
	}
	if e.Time.IsZero() {
		e.Time = s.Now()
	}
	if e.RequestID == "" {
		e.RequestID = requestIDFor(e.Vendor)
	}
	if e.IdentityType == "" {
		if e.AccessKeyID != "" {
			e.IdentityType, e.UserName = IdentityRoot, "root"
		} else {
			e.IdentityType = IdentityRAMUser
		}
	}
	if e.UserName == "" {
		e.UserName = DefaultConsoleUser
	}
	if e.EventType == "" {
		e.EventType = EventTypeAPICall
		if e.AccessKeyID == "" {
			e.EventType = EventTypeConsoleOperation
		}
	}
	if e.PrincipalID == "" {
		e.PrincipalID = principalID(e.AccountID, e.UserName)
	}
	if e.Region == "" {
		e.Region = defaultRegionFor(e.Vendor)
	}
	if e.SourceIP == "" {
		e.SourceIP = "127.0.0.1"
	}
	return s.audit.add(e), nil
}

// ClearAuditEvents empties the audit event log.
func (s *Server) ClearAuditEvents() { s.audit.reset() }

func requestIDFor(vendor string) string {
	if vendor == VendorTencent {
		return newTencentRequestID()
	}
	return newRequestID()
}

func defaultRegionFor(vendor string) string {
	if vendor == VendorTencent {
		return "ap-guangzhou"
	}
	return DefaultRegion
}

// principalID is a stable numeric id for a named user of an account, as
// RAM user and CAM sub-account ids are numbers.
func principalID(account, user string) string {
	if user == "root" {
		return account
	}
	sum := sha256.Sum256([]byte(account + "/" + user))
	n := uint64(0)
	for _, b := range sum[:7] {
		n = n<<8 | uint64(b)
	}
	return strconv.FormatUint(n%1e15+1e15, 10)
}

// callEvent is an event being recorded for a front call: begun once the
// caller is authenticated, finished with the outcome.
type callEvent struct {
	ev     AuditEvent
	params map[string]string // RPC parameters
	body   []byte            // Tencent JSON body
	result any
}

// beginCallEvent starts the event of an authenticated call. The caller is
// the access key's account root, or, for STS credentials, the assumed
// role's session.
func (s *Server) beginCallEvent(vendor string, cred Credential, product, version, action, reqID string, r *http.Request) *callEvent {
	e := AuditEvent{
		Vendor: vendor, AccountID: cred.AccountID, Product: product, APIVersion: version,
		EventName: action, EventType: EventTypeAPICall, ReadOnly: readOnlyAction.MatchString(action),
		AccessKeyID: cred.AccessKeyID, SourceIP: remoteIP(r), UserAgent: r.UserAgent(), RequestID: reqID,
		IdentityType: IdentityRoot, UserName: "root", PrincipalID: cred.AccountID,
	}
	if sess, ok := s.session(cred.AccessKeyID); ok {
		// ActionTrail names an assumed role's caller "role:session" in
		// principalId; ASSUMPTION: the mock writes the same as userName
		// (the value the User look-up attribute matches).
		role := sess.RoleARN[strings.LastIndex(sess.RoleARN, "/")+1:]
		e.IdentityType, e.RoleARN, e.SessionName = IdentityAssumedRole, sess.RoleARN, sess.SessionName
		e.UserName = role + ":" + sess.SessionName
		e.PrincipalID = principalID(sess.AccountID, role) + ":" + sess.SessionName
	}
	return &callEvent{ev: e}
}

// finishCallEvent records the event with its error code ("" on success;
// a "fault:" code of an injected transport fault is recorded as the
// vendor's InternalError). The resource comes from the request or, for
// creates, the answer.
func (s *Server) finishCallEvent(c *callEvent, code, message, region string) {
	if c == nil {
		return
	}
	e := c.ev
	switch {
	case strings.HasPrefix(code, "fault:"), code == "ClientClosedRequest":
		e.ErrorCode, e.ErrorMessage = "InternalError", "The request processing has failed due to some unknown error."
	case code != "":
		e.ErrorCode, e.ErrorMessage = code, message
	}
	e.Region = region
	if e.Region == "" {
		e.Region = defaultRegionFor(e.Vendor)
	}
	e.ResourceType, e.ResourceName = c.resource()
	e.Time = s.Now() // after the handler: a latency fault may have slept
	s.audit.add(e)
}

// resourceKeys name, per product, the request (or answer) field that
// names the resource a call acts on, and the resource type the event
// gives it. ASSUMPTION: the resource type strings follow ActionTrail's
// "ACS::<Product>::<Type>" form (LookupAttribute example
// "ACS::ECS::Instance", LookupEvents 2020-07-06 reference); Tencent events
// name the product in Resources.ResourceType (LookUpEvents reference
// https://cloud.tencent.com/document/api/629/35344, example events).
var resourceKeys = map[string][]struct{ field, rtype string }{
	ActionTrailProduct: {{"Name", "ACS::ActionTrail::Trail"}, {"JobId", "ACS::ActionTrail::DeliveryHistoryJob"}},
	CDNProduct:         {{"DeliverId", "ACS::CDN::DeliverTask"}},
	DCDNProduct:        {{"DeliverId", "ACS::DCDN::DeliverTask"}},
	CloudAuditProduct:  {{"TrackId", "cloudaudit"}},
}

func (c *callEvent) resource() (string, string) {
	keys := resourceKeys[c.ev.Product]
	if len(keys) == 0 {
		return "", ""
	}
	fields := map[string]string{}
	for k, v := range c.params {
		fields[k] = v
	}
	if len(c.body) > 0 {
		mergeJSONFields(fields, c.body)
	}
	if c.result != nil {
		if data, err := json.Marshal(c.result); err == nil {
			mergeJSONFields(fields, data)
		}
	}
	for _, k := range keys {
		if v := fields[k.field]; v != "" {
			return k.rtype, v
		}
	}
	return "", ""
}

// mergeJSONFields adds the top-level scalar fields of a JSON object that
// dst lacks.
func mergeJSONFields(dst map[string]string, data []byte) {
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return
	}
	for k, raw := range m {
		if _, has := dst[k]; has {
			continue
		}
		var v any
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if dec.Decode(&v) != nil {
			continue
		}
		switch x := v.(type) {
		case string:
			dst[k] = x
		case json.Number:
			dst[k] = x.String()
		}
	}
}

// remoteIP is the caller's address without the port.
func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// --- admin API changes ---

// adminEventSpec says which event an admin route records: its vendor,
// product, event name and resource type, and where the resource name is
// (a path value, or a field of the answer).
type adminEventSpec struct {
	vendor, product, event, rtype string
	pathValue, answerField        string
}

// adminEvents maps admin routes (the pattern given to handle) to the event
// a console user's equivalent change would leave. Routes not listed (mock
// controls: faults, clock, rate limits, seeding of server-side state)
// record nothing.
func adminEvents() map[string]adminEventSpec {
	m := map[string]adminEventSpec{
		"POST /_mock/actiontrail/trails":          {VendorAlibaba, ActionTrailProduct, "CreateTrail", "ACS::ActionTrail::Trail", "", "name"},
		"DELETE /_mock/actiontrail/trails/{name}": {VendorAlibaba, ActionTrailProduct, "DeleteTrail", "ACS::ActionTrail::Trail", "name", ""},
		"PATCH /_mock/actiontrail/trails/{name}":  {VendorAlibaba, ActionTrailProduct, "UpdateTrail", "ACS::ActionTrail::Trail", "name", ""},
		"DELETE /_mock/actiontrail/jobs/{id}":     {VendorAlibaba, ActionTrailProduct, "DeleteDeliveryHistoryJob", "ACS::ActionTrail::DeliveryHistoryJob", "id", ""},
		"POST /_mock/cloudaudit/tracks":           {VendorTencent, CloudAuditProduct, "CreateAuditTrack", "cloudaudit", "", "id"},
		"PATCH /_mock/cloudaudit/tracks/{id}":     {VendorTencent, CloudAuditProduct, "ModifyAuditTrack", "cloudaudit", "id", ""},
		"DELETE /_mock/cloudaudit/tracks/{id}":    {VendorTencent, CloudAuditProduct, "DeleteAuditTrack", "cloudaudit", "id", ""},
	}
	for _, p := range cdnProducts {
		base := AdminPrefix + p.key
		rtype := "ACS::" + strings.ToUpper(p.key) + "::DeliverTask"
		m["POST "+base+"/deliver_tasks"] = adminEventSpec{VendorAlibaba, p.code, "Create" + p.infix + "DeliverTask", rtype, "", "id"}
		m["PATCH "+base+"/deliver_tasks/{id}"] = adminEventSpec{VendorAlibaba, p.code, "Update" + p.infix + "DeliverTask", rtype, "id", ""}
		m["DELETE "+base+"/deliver_tasks/{id}"] = adminEventSpec{VendorAlibaba, p.code, "Delete" + p.infix + "DeliverTask", rtype, "id", ""}
		m["PUT "+base+"/subscription"] = adminEventSpec{VendorAlibaba, p.code, "Update" + p.infix + "SubTask", "", "", ""}
		m["DELETE "+base+"/subscription"] = adminEventSpec{VendorAlibaba, p.code, "Delete" + p.infix + "SubTask", "", "", ""}
	}
	return m
}

// adminWho takes the console user an admin change stands for from the
// "who" query parameter or the "who" field of a JSON object body, which it
// removes so the route's strict decoding does not refuse it.
func adminWho(r *http.Request) string {
	who := r.URL.Query().Get("who")
	if r.Body == nil || r.Body == http.NoBody {
		return who
	}
	data, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, 1<<20))
	r.Body = io.NopCloser(bytes.NewReader(data))
	if err != nil {
		return who
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return who
	}
	raw, ok := m["who"]
	if !ok {
		return who
	}
	var named string
	if json.Unmarshal(raw, &named) == nil && named != "" {
		who = named
	}
	delete(m, "who")
	stripped, _ := json.Marshal(m)
	r.Body = io.NopCloser(bytes.NewReader(stripped))
	return who
}

// recordAdminChange records the event of a successful admin change made
// through a listed route.
func (s *Server) recordAdminChange(spec adminEventSpec, who string, r *http.Request, status int, answer any) {
	if status < 200 || status > 299 {
		return
	}
	if who == "" {
		who = DefaultConsoleUser
	}
	name := ""
	if spec.pathValue != "" {
		name = r.PathValue(spec.pathValue)
	} else if spec.answerField != "" {
		if data, err := json.Marshal(answer); err == nil {
			fields := map[string]string{}
			mergeJSONFields(fields, data)
			name = fields[spec.answerField]
		}
	}
	account := r.URL.Query().Get("account_id")
	_, err := s.AddAuditEvent(AuditEvent{
		Vendor: spec.vendor, AccountID: account, Product: spec.product, EventName: spec.event,
		EventType: EventTypeConsoleOperation, IdentityType: IdentityRAMUser, UserName: who,
		SourceIP: remoteIP(r), UserAgent: r.UserAgent(), ResourceType: spec.rtype, ResourceName: name,
	})
	s.logError("recording the admin change", err)
}

// registerAuditAdmin adds /_mock/events (see doc.go): list the recorded
// events, seed events, clear them.
func (s *Server) registerAuditAdmin(handle func(string, func(*http.Request) (int, any))) {
	handle("GET /_mock/events", func(r *http.Request) (int, any) {
		return http.StatusOK, map[string]any{"events": nonNil(s.AuditEvents(r.URL.Query().Get("vendor")))}
	})
	handle("POST /_mock/events", func(r *http.Request) (int, any) {
		var body struct {
			AuditEvent
			Count int `json:"count"`
			// StepSeconds spaces seeded events: event i is at
			// time + i*step_seconds.
			StepSeconds int `json:"step_seconds"`
		}
		if err := decodeJSON(r, &body); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		if body.Count == 0 {
			body.Count = 1
		}
		if body.Count < 0 || body.Count > 10000 {
			return http.StatusBadRequest, adminError(errors.New("count must be 1-10000"))
		}
		if body.Time.IsZero() {
			body.Time = s.Now()
		}
		var out []AuditEvent
		for i := 0; i < body.Count; i++ {
			e := body.AuditEvent
			e.Time = body.Time.Add(time.Duration(i*body.StepSeconds) * time.Second)
			added, err := s.AddAuditEvent(e)
			if err != nil {
				return http.StatusBadRequest, adminError(err)
			}
			out = append(out, added)
		}
		return http.StatusCreated, map[string]any{"events": out}
	})
	handle("DELETE /_mock/events", func(*http.Request) (int, any) {
		s.ClearAuditEvents()
		return http.StatusOK, map[string]any{"status": "ok"}
	})
}

// --- paging ---

// pageToken is the NextToken of both look-up APIs: the cursor (the Seq
// past which the next page starts) and a digest of the query, since the
// vendors require the same parameters with a token (LookupEvents 2020-07-06
// reference: "The request parameters must be the same as those of the last
// request").
type pageToken struct {
	Cursor int64  `json:"c"` // Seq of the previous page's last event
	Time   int64  `json:"t"` // its time, Unix nanoseconds
	Query  string `json:"q"`
}

func queryDigest(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:6])
}

func encodePageToken(t pageToken) string {
	data, _ := json.Marshal(t)
	return hex.EncodeToString(data)
}

func decodePageToken(raw string) (pageToken, bool) {
	var t pageToken
	data, err := hex.DecodeString(raw)
	if err != nil || json.Unmarshal(data, &t) != nil || t.Cursor <= 0 {
		return t, false
	}
	return t, true
}

// defaultActionRateLimits are documented per-API limits that differ from
// their product's (ratelimit.go consults them before the product's).
var defaultActionRateLimits = map[limitKey]float64{
	// "When you call this operation to query event details, you can query
	// the event details at most twice per second." LookupEvents
	// 2020-07-06 reference, https://www.alibabacloud.com/help/doc-detail/185722.html
	// (also in the SDK's description of the API, alibabacloud
	// actiontrail-20200706 client).
	{"actiontrail", "lookupevents"}: 2,
}

// eventQuery is a look-up over the log: the vendor and account, an
// inclusive time window, a filter, the order and the page.
type eventQuery struct {
	vendor, account string
	start, end      time.Time
	match           func(*AuditEvent) bool
	forward         bool // oldest first; else newest first
	max             int
	after           *pageToken // the last event of the previous page
}

// eventBefore orders events by time, then by Seq.
func eventBefore(a *AuditEvent, t int64, seq int64) bool {
	at := a.Time.UnixNano()
	return at < t || (at == t && a.Seq < seq)
}

// lookup returns one page and, if more events match, the token of its
// last event, plus how many events match in all. It works on pointers
// under the log's lock and copies only the page.
func (s *Server) lookup(q eventQuery) (page []AuditEvent, next *pageToken, total int) {
	l := s.audit
	l.mu.Lock()
	defer l.mu.Unlock()
	var all []*AuditEvent
	for i := range l.buf {
		e := &l.buf[i]
		if e.Vendor == q.vendor && e.AccountID == q.account &&
			!e.Time.Before(q.start) && !e.Time.After(q.end) && (q.match == nil || q.match(e)) {
			all = append(all, e)
		}
	}
	total = len(all)
	sortEvents(all, q.forward)
	rest := all
	if q.after != nil {
		i := 0
		for ; i < len(rest); i++ {
			e := rest[i]
			past := eventBefore(e, q.after.Time, q.after.Cursor)
			if q.forward {
				same := e.Time.UnixNano() == q.after.Time && e.Seq == q.after.Cursor
				past = !past && !same
			}
			if past {
				break
			}
		}
		rest = rest[i:]
	}
	if len(rest) > q.max {
		rest = rest[:q.max]
		last := rest[len(rest)-1]
		next = &pageToken{Cursor: last.Seq, Time: last.Time.UnixNano()}
	}
	page = make([]AuditEvent, len(rest))
	for i, e := range rest {
		page[i] = *e
	}
	return page, next, total
}

func sortEvents(events []*AuditEvent, forward bool) {
	// Insertion order is Seq order; seeded events may carry any time.
	less := func(i, j int) bool { return eventBefore(events[i], events[j].Time.UnixNano(), events[j].Seq) }
	if !forward {
		less = func(i, j int) bool { return eventBefore(events[j], events[i].Time.UnixNano(), events[i].Seq) }
	}
	sort.SliceStable(events, less)
}

// lookupCond is one look-up condition of either API: the event values its
// key compares (nil: matches nothing the mock records) and the wanted
// value.
type lookupCond struct {
	get  func(*AuditEvent) []string
	want string
}

// matchAll is a filter that keeps events meeting every condition, a value
// compared with eq (no conditions: every event).
func matchAll(conds []lookupCond, eq func(got, want string) bool) func(*AuditEvent) bool {
	return func(e *AuditEvent) bool {
		for _, cd := range conds {
			if cd.get == nil {
				return false
			}
			hit := false
			for _, got := range cd.get(e) {
				if eq(got, cd.want) {
					hit = true
					break
				}
			}
			if !hit {
				return false
			}
		}
		return true
	}
}

// lookupPage serves one page of q, resuming after rawToken ("" for the
// first page), which must carry digest, the digest of the request's other
// parameters; badToken is the vendor's refusal of a token that does not.
// next is the token of the following page, "" when there is none.
func (s *Server) lookupPage(q eventQuery, digest, rawToken string, badToken error) (page []AuditEvent, next string, total int, err error) {
	if rawToken != "" {
		tok, ok := decodePageToken(rawToken)
		if !ok || tok.Query != digest {
			return nil, "", 0, badToken
		}
		q.after = &tok
	}
	page, after, total := s.lookup(q)
	if after != nil {
		after.Query = digest
		next = encodePageToken(*after)
	}
	return page, next, total, nil
}

// identity is the caller as both vendors' raw events begin userIdentity
// (ActionTrail event structure; CloudAudit's CloudAuditEvent JSON); each
// adds its own key and role fields.
func (e *AuditEvent) identity() map[string]any {
	return map[string]any{
		"type":        e.IdentityType,
		"principalId": e.PrincipalID,
		"accountId":   e.AccountID,
		"userName":    e.UserName,
	}
}
