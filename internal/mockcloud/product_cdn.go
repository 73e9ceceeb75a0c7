package mockcloud

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/mail"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/validators/quartz"
)

// CDN 2018-05-10 and DCDN 2018-01-15: operations-report deliver tasks
// (scheduled e-mails of reports) and the account's report subscription.
// The two products have the same APIs but for names and report ids, so
// one implementation serves both, parameterised by a cdnProduct.
const (
	CDNProduct  = "Cdn"
	CDNVersion  = "2018-05-10"
	DCDNProduct = "dcdn"
	DCDNVersion = "2018-01-15"
)

// DefaultDeliverLimit is how many deliver tasks an account may have per
// product until SetDeliverLimit changes it. ASSUMPTION: the vendor
// documents DeliverExceedLimit but not the number.
const DefaultDeliverLimit = 50

// ASSUMPTION: the vendor documents no error for an unknown DeliverId. The
// mock answers DescribeDeliverList with that DeliverId, UpdateDeliverTask
// and DeleteDeliverTask with this 404; the provider must treat it, and an
// id absent from the full list, as "not found" without relying on the text.
var errDeliverTaskNotFound = errNotFound("InvalidDeliverId.NotFound", "The specified deliver task does not exist.")

var (
	errSubscriptionExists   = errBadRequest("SubscriptionAlreadyExists", "The report subscription already exists.")
	errSubscriptionNotFound = errBadRequest("SubscriptionNotFound", "The report subscription does not exist.")
)

func errNameExists(name string) *apiError {
	return errBadRequest("NameAlreadyExists", fmt.Sprintf("A deliver task named %q already exists.", name))
}

func errTimeParse(name, value string) *apiError {
	return errBadRequest("TimeParseFailed", fmt.Sprintf("The time %s %q could not be parsed; use yyyy-MM-ddTHH:mm:ssZ.", name, value))
}

// CatalogueReport is one entry of a product's report catalogue.
type CatalogueReport struct {
	ReportID int      `json:"reportId"`
	Title    string   `json:"title"`
	Format   string   `json:"format"`
	Shape    string   `json:"shape"`
	XAxis    string   `json:"xAxis"`
	YAxis    string   `json:"yAxis"`
	Legend   string   `json:"legend"`
	Header   []string `json:"header"`
	OutLine  string   `json:"outLine"`
	OutSize  string   `json:"outSize"`
}

// cdnProduct names one of the two products.
type cdnProduct struct {
	key     string // state and admin key: "cdn", "dcdn"
	code    string // SDK product code, as in call counts and faults
	version string
	infix   string // in action names: CreateCdnDeliverTask, CreateDcdnDeliverTask
	reports []CatalogueReport
}

// reportKinds are the report subjects both catalogues share, in id order;
// CDN numbers them 1, 3, 5, ... and DCDN 2, 4, 6, ....
var reportKinds = []CatalogueReport{
	{Title: "Top URLs by requests", Format: "table", Shape: "table", Header: []string{"url", "requests", "requests_rate"}, OutLine: "10"},
	{Title: "Top URLs by traffic", Format: "table", Shape: "table", Header: []string{"url", "traffic", "traffic_rate"}, OutLine: "10"},
	{Title: "Top Referers by requests", Format: "table", Shape: "table", Header: []string{"referer", "requests", "requests_rate"}, OutLine: "10"},
	{Title: "Top Referers by traffic", Format: "table", Shape: "table", Header: []string{"referer", "traffic", "traffic_rate"}, OutLine: "10"},
	{Title: "Top back-to-origin URLs by requests", Format: "table", Shape: "table", Header: []string{"url", "requests", "requests_rate"}, OutLine: "10"},
	{Title: "Top back-to-origin URLs by traffic", Format: "table", Shape: "table", Header: []string{"url", "traffic", "traffic_rate"}, OutLine: "10"},
	{Title: "Top client IPs by requests", Format: "table", Shape: "table", Header: []string{"ip", "requests", "requests_rate"}, OutLine: "10"},
	{Title: "Top client IPs by traffic", Format: "table", Shape: "table", Header: []string{"ip", "traffic", "traffic_rate"}, OutLine: "10"},
	{Title: "Domain names by traffic", Format: "table", Shape: "table", Header: []string{"domain", "traffic", "traffic_rate"}, OutLine: "50"},
	{Title: "PV/UV", Format: "chart", Shape: "line", XAxis: "time", YAxis: "count", Legend: "pv,uv"},
	{Title: "Distribution of regions", Format: "chart", Shape: "pie", Legend: "region"},
	{Title: "Distribution of ISPs", Format: "chart", Shape: "pie", Legend: "isp"},
}

func catalogue(first int, extra ...CatalogueReport) []CatalogueReport {
	out := make([]CatalogueReport, 0, len(reportKinds)+len(extra))
	for i, r := range reportKinds {
		r.ReportID = first + 2*i
		r.Header = slices.Clone(r.Header)
		out = append(out, r)
	}
	return append(out, extra...)
}

var cdnProducts = []*cdnProduct{
	{key: "cdn", code: CDNProduct, version: CDNVersion, infix: "Cdn", reports: catalogue(1)},
	{key: "dcdn", code: DCDNProduct, version: DCDNVersion, infix: "Dcdn", reports: catalogue(2,
		CatalogueReport{ReportID: 26, Title: "Peak IPv4/IPv6 bandwidth", Format: "chart", Shape: "line", XAxis: "time", YAxis: "bps", Legend: "ipv4,ipv6"},
		CatalogueReport{ReportID: 27, Title: "Back-to-origin bandwidth", Format: "chart", Shape: "line", XAxis: "time", YAxis: "bps", Legend: "origin"},
	)},
}

// cdnProductByName finds a product by key or SDK code, any case.
func cdnProductByName(name string) (*cdnProduct, error) {
	for _, p := range cdnProducts {
		if strings.EqualFold(name, p.key) || strings.EqualFold(name, p.code) {
			return p, nil
		}
	}
	return nil, fmt.Errorf("%w: product %q (want cdn or dcdn)", ErrNotFound, name)
}

func (p *cdnProduct) hasReport(id int) bool {
	return slices.ContainsFunc(p.reports, func(r CatalogueReport) bool { return r.ReportID == id })
}

// ReportCatalogue returns a product's report catalogue ("cdn" or "dcdn").
func ReportCatalogue(product string) ([]CatalogueReport, error) {
	p, err := cdnProductByName(product)
	if err != nil {
		return nil, err
	}
	out := slices.Clone(p.reports)
	for i := range out {
		out[i].Header = slices.Clone(out[i].Header)
	}
	return out, nil
}

// ReportCondition filters a report; the only operator is "in".
type ReportCondition struct {
	Field string   `json:"field"`
	Op    string   `json:"op"`
	Value []string `json:"value"`
}

// TaskReport is one report of a deliver task.
type TaskReport struct {
	ReportID   int               `json:"reportId"`
	Conditions []ReportCondition `json:"conditions"`
}

// Schedule is the Schedule parameter of a deliver task. Status is
// "enable" or "disable"; times are yyyy-MM-ddTHH:mm:ssZ.
type Schedule struct {
	SchedName     string `json:"schedName,omitempty"`
	Description   string `json:"description,omitempty"`
	Crontab       string `json:"crontab"`
	Frequency     string `json:"frequency"`
	Status        string `json:"status,omitempty"`
	EffectiveFrom string `json:"effectiveFrom,omitempty"`
	EffectiveEnd  string `json:"effectiveEnd,omitempty"`
}

// Email is the e-mail channel of a deliver task.
type Email struct {
	Subject string   `json:"subject"`
	To      []string `json:"to"`
	Copy    []string `json:"copy,omitempty"`
}

// Deliver is the Deliver parameter; e-mail is the only channel.
type Deliver struct {
	Email *Email `json:"email"`
}

// DeliverTask is a deliver task as stored. Its JSON fields are the wire
// names of the parameters it was made from.
type DeliverTask struct {
	ID         int64        `json:"deliverId"`
	AccountID  string       `json:"account_id,omitempty"`
	Name       string       `json:"name"`
	Domains    []string     `json:"domains"`
	Reports    []TaskReport `json:"reports"`
	Schedule   Schedule     `json:"schedule"`
	Deliver    Deliver      `json:"deliver"`
	CreateTime time.Time    `json:"createTime"`
}

func (t *DeliverTask) clone() DeliverTask {
	c := *t
	c.Domains = slices.Clone(t.Domains)
	c.Reports = make([]TaskReport, len(t.Reports))
	for i, r := range t.Reports {
		c.Reports[i] = TaskReport{ReportID: r.ReportID}
		for _, cond := range r.Conditions {
			cond.Value = slices.Clone(cond.Value)
			c.Reports[i].Conditions = append(c.Reports[i].Conditions, cond)
		}
	}
	if t.Deliver.Email != nil {
		e := *t.Deliver.Email
		e.To, e.Copy = slices.Clone(e.To), slices.Clone(e.Copy)
		c.Deliver.Email = &e
	}
	return c
}

// Subscription is an account's report subscription (at most one per
// product). Times are yyyy-MM-ddTHH:mm:ssZ.
type Subscription struct {
	ID            int64     `json:"subId"`
	AccountID     string    `json:"account_id,omitempty"`
	ReportIDs     []int     `json:"reportId"`
	Domains       []string  `json:"domains"`
	EffectiveFrom string    `json:"effectiveFrom"`
	EffectiveEnd  string    `json:"effectiveEnd"`
	Status        string    `json:"status"`
	CreateTime    time.Time `json:"createTime"`
}

func (s *Subscription) clone() Subscription {
	c := *s
	c.ReportIDs, c.Domains = slices.Clone(s.ReportIDs), slices.Clone(s.Domains)
	return c
}

// reportState is one product's section of the store.
type reportState struct {
	NextID        int64                    `json:"next_id"`
	DeliverLimit  int                      `json:"deliver_limit"`
	Tasks         map[int64]*DeliverTask   `json:"tasks"`
	Subscriptions map[string]*Subscription `json:"subscriptions"` // by account
	Variants      ReportVariants           `json:"variants"`
	// reads counts the DescribeDeliverList answers (memory only).
	reads DeliverListReads
}

// DeliverListReads counts the DescribeDeliverList requests a product
// answered, by what they asked for: DeliverId is the API's documented
// filter (API-NOTES, CDN 2018-05-10 and DCDN 2018-01-15). Tasks is how
// many tasks the answers held in all, the data the lists moved.
type DeliverListReads struct {
	Full  int           `json:"full"`  // without DeliverId: every task
	ByID  map[int64]int `json:"by_id"` // with DeliverId, per id asked (found or not)
	Tasks int           `json:"tasks"`
}

// Single is how many requests asked for one task.
func (r DeliverListReads) Single() int {
	n := 0
	for _, c := range r.ByID {
		n += c
	}
	return n
}

func (r *DeliverListReads) count(id int64, tasks int) {
	if id == 0 {
		r.Full++
	} else {
		if r.ByID == nil {
			r.ByID = map[int64]int{}
		}
		r.ByID[id]++
	}
	r.Tasks += tasks
}

// ReportVariants switches the list answers to the variants the vendor's own
// documentation shows (API-NOTES, Response variants); the zero value is the
// shape every SDK struct expects. Each is a documented sample, not a guess:
//   - SubListNested: DescribeSubList's Content holds
//     {"RequestId","Description","Content":{"data":[...]}} (the API
//     reference's sample, en and zh pages of DescribeCdnSubList).
//   - DomainsAll: a subscription of every domain lists "domains":["all"]
//     (the same sample).
//   - DmListEmptyString: a task of every domain lists "dmList":[""] (the
//     DescribeDcdnDeliverList reference's sample, 2024-10 edition; seed 000).
//   - OmitEffectiveFormats: DescribeDeliverList leaves out timeFromFormat and
//     timeEndFormat (the reference's field list has neither; seed 000).
//   - ContentObject: every Content is the JSON document itself rather than
//     a string holding it (the zh reference types Content as object; so
//     does the cdn-20180510 model of alibabacloud-go-sdk, while the
//     dcdn-20180115 model types it as a string: internal/contract).
//   - RelativeEffectiveFormats: timeFromFormat and timeEndFormat hold "-1d",
//     the example of both in the vendor's models (alibabacloud-go-sdk
//     cdn-20180510 and dcdn-20180115; internal/contract/cdn.json), a
//     relative range rather than the schedule's times.
//   - TaskNotFoundSubscription: an unknown DeliverId answers 400
//     SubscriptionNotFound, which the error table of the reference's
//     DeleteCdnDeliverTask page describes as "the tracking task does not
//     exist" (internal/contract/gen/error_tables.json), instead of the
//     usual 404 InvalidDeliverId.NotFound (an ASSUMPTION).
type ReportVariants struct {
	SubListNested            bool `json:"sub_list_nested"`
	DomainsAll               bool `json:"domains_all"`
	DmListEmptyString        bool `json:"dm_list_empty_string"`
	OmitEffectiveFormats     bool `json:"omit_effective_formats"`
	ContentObject            bool `json:"content_object"`
	RelativeEffectiveFormats bool `json:"relative_effective_formats"`
	TaskNotFoundSubscription bool `json:"task_not_found_subscription"`
}

// taskNotFound is the answer to an unknown DeliverId under v.
func taskNotFound(v ReportVariants) error {
	if v.TaskNotFoundSubscription {
		return errBadRequest("SubscriptionNotFound", "The subscription is not found.")
	}
	return errDeliverTaskNotFound
}

// relativeFormat is the models' example of timeFromFormat/timeEndFormat.
const relativeFormat = "-1d"

const firstDeliverID = 1001

func (rs *reportState) normalize() {
	if rs.Tasks == nil {
		rs.Tasks = map[int64]*DeliverTask{}
	}
	if rs.Subscriptions == nil {
		rs.Subscriptions = map[string]*Subscription{}
	}
	if rs.DeliverLimit <= 0 {
		rs.DeliverLimit = DefaultDeliverLimit
	}
	if rs.NextID < firstDeliverID {
		rs.NextID = firstDeliverID
	}
	for id := range rs.Tasks {
		rs.NextID = max(rs.NextID, id+1)
	}
}

// normalizeReportStates makes sure each product has a section.
func normalizeReportStates(m map[string]*reportState) map[string]*reportState {
	if m == nil {
		m = map[string]*reportState{}
	}
	for _, p := range cdnProducts {
		if m[p.key] == nil {
			m[p.key] = &reportState{}
		}
		m[p.key].normalize()
	}
	return m
}

func (rs *reportState) accountTasks(account string) []*DeliverTask {
	var out []*DeliverTask
	for _, t := range rs.Tasks {
		if t.AccountID == account {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}

func (rs *reportState) accountTask(account string, id int64) (*DeliverTask, bool) {
	t, ok := rs.Tasks[id]
	return t, ok && t.AccountID == account
}

// --- parameter parsing and validation (shared by the API and the Go API) ---

var frequencies = []string{"h", "d", "M"}

// decodeJSONParam decodes a parameter carrying JSON, strictly.
func decodeJSONParam(name, raw string, v any) error {
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errInvalidParameter("The parameter %s is not valid JSON of the expected shape: %v", name, err)
	}
	if dec.More() {
		return errInvalidParameter("The parameter %s has trailing data after its JSON value.", name)
	}
	return nil
}

func (p *cdnProduct) validateReports(reports []TaskReport) error {
	if len(reports) == 0 {
		return errInvalidParameter("The parameter Reports must list at least one report.")
	}
	for _, r := range reports {
		if !p.hasReport(r.ReportID) {
			return errInvalidParameter("The report id %d is not in the %s report catalogue.", r.ReportID, p.code)
		}
		for _, c := range r.Conditions {
			if c.Field == "" || len(c.Value) == 0 {
				return errInvalidParameter("A condition of report %d needs a field and at least one value.", r.ReportID)
			}
			if c.Op != "in" {
				return errInvalidParameter("The condition operator %q of report %d is not supported; the only operator is \"in\".", c.Op, r.ReportID)
			}
		}
	}
	return nil
}

func parseWireTime(name, v string) (time.Time, error) {
	t, err := time.Parse(rpcTimestampLayout, v)
	if err != nil {
		return time.Time{}, errTimeParse(name, v)
	}
	return t, nil
}

func validateSchedule(s *Schedule) error {
	// The service schedules with Quartz (its crontab is Quartz's, "0 0 0 * * ?"
	// in the API reference): what Quartz refuses is refused.
	if err := quartz.Validate(s.Crontab); err != nil {
		return errInvalidParameter("The crontab %q is not valid: %v.", s.Crontab, err)
	}
	if !slices.Contains(frequencies, s.Frequency) {
		return errInvalidParameter("The frequency %q is not one of h, d, M.", s.Frequency)
	}
	switch s.Status {
	case "":
		s.Status = "enable"
	case "enable", "disable":
	default:
		return errInvalidParameter("The schedule status %q is not enable or disable.", s.Status)
	}
	var from, end time.Time
	var err error
	if s.EffectiveFrom != "" {
		if from, err = parseWireTime("effectiveFrom", s.EffectiveFrom); err != nil {
			return err
		}
	}
	if s.EffectiveEnd != "" {
		if end, err = parseWireTime("effectiveEnd", s.EffectiveEnd); err != nil {
			return err
		}
	}
	if !from.IsZero() && !end.IsZero() && !end.After(from) {
		return errInvalidParameter("The schedule's effectiveEnd must be after its effectiveFrom.")
	}
	return nil
}

func validAddress(a string) bool {
	addr, err := mail.ParseAddress(a)
	return err == nil && addr.Address == a
}

func validateDeliver(d *Deliver) error {
	if d.Email == nil {
		return errInvalidParameter("The parameter Deliver needs an email channel.")
	}
	if len(d.Email.To) == 0 {
		return errInvalidParameter("The email channel needs at least one recipient in to.")
	}
	for _, a := range append(slices.Clone(d.Email.To), d.Email.Copy...) {
		if !validAddress(a) {
			return errInvalidParameter("The email address %q is not valid.", a)
		}
	}
	return nil
}

// CDNMaxDomainNames is how many domains DomainName may list: "You can
// specify up to 500 domain names. If you want to specify more than 500
// domain names, submit a ticket" (alibabacloud-go-sdk cdn-20180510 and
// dcdn-20180115 CreateCdnDeliverTaskRequest.DomainName and the sub-task
// requests; internal/contract/cdn.json max_items). ASSUMPTION: more are
// refused with InvalidParameter (no code is documented for it).
const CDNMaxDomainNames = 500

// domainParam reads DomainName ("" or absent: nil) and refuses more than
// CDNMaxDomainNames.
func domainParam(c *rpcCall) ([]string, error) {
	d := splitList(c.param("DomainName"))
	if len(d) > CDNMaxDomainNames {
		return nil, errInvalidParameter("DomainName lists %d domain names; at most %d are allowed (submit a ticket for more).", len(d), CDNMaxDomainNames)
	}
	return d, nil
}

// splitList splits a comma-separated parameter, dropping blanks.
func splitList(raw string) []string {
	var out []string
	for _, s := range strings.Split(raw, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (p *cdnProduct) parseReportIDs(raw string) ([]int, error) {
	parts := splitList(raw)
	if len(parts) == 0 {
		return nil, errMissingParameter("ReportIds")
	}
	var out []int
	for _, s := range parts {
		id, err := strconv.Atoi(s)
		if err != nil || !p.hasReport(id) {
			return nil, errInvalidParameter("The report id %q is not in the %s report catalogue.", s, p.code)
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out, nil
}

// taskParams are the deliver task parameters of a Create or Update call;
// nil means not given.
type taskParams struct {
	name     *string
	domains  *[]string
	reports  *[]TaskReport
	schedule *Schedule
	deliver  *Deliver
}

func (p *cdnProduct) parseTaskParams(c *rpcCall) (taskParams, error) {
	var tp taskParams
	if v, ok := c.Params["Name"]; ok && v != "" {
		tp.name = &v
	}
	if v, ok := c.Params["DomainName"]; ok && v != "" {
		d, err := domainParam(c)
		if err != nil {
			return tp, err
		}
		tp.domains = &d
	}
	if v, ok := c.Params["Reports"]; ok && v != "" {
		var r []TaskReport
		if err := decodeJSONParam("Reports", v, &r); err != nil {
			return tp, err
		}
		if err := p.validateReports(r); err != nil {
			return tp, err
		}
		tp.reports = &r
	}
	if v, ok := c.Params["Schedule"]; ok && v != "" {
		var s Schedule
		if err := decodeJSONParam("Schedule", v, &s); err != nil {
			return tp, err
		}
		if err := validateSchedule(&s); err != nil {
			return tp, err
		}
		tp.schedule = &s
	}
	if v, ok := c.Params["Deliver"]; ok && v != "" {
		var d Deliver
		if err := decodeJSONParam("Deliver", v, &d); err != nil {
			return tp, err
		}
		if err := validateDeliver(&d); err != nil {
			return tp, err
		}
		tp.deliver = &d
	}
	return tp, nil
}

func (tp taskParams) apply(t *DeliverTask) {
	if tp.name != nil {
		t.Name = *tp.name
	}
	if tp.domains != nil {
		t.Domains = *tp.domains
	}
	if tp.reports != nil {
		t.Reports = *tp.reports
	}
	if tp.schedule != nil {
		t.Schedule = *tp.schedule
	}
	if tp.deliver != nil {
		t.Deliver = *tp.deliver
	}
}

func deliverIDParam(c *rpcCall, required bool) (int64, error) {
	raw := c.param("DeliverId")
	if raw == "" {
		if required {
			return 0, errMissingParameter("DeliverId")
		}
		return 0, nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, errInvalidParameter("The parameter DeliverId %q is not a valid deliver task id.", raw)
	}
	return id, nil
}

// --- RPC handlers ---

func (s *Server) registerReports() {
	for _, p := range cdnProducts {
		h := func(verb, noun string, f func(*cdnProduct, *rpcCall) (any, error)) {
			s.handleRPC(p.code, p.version, verb+p.infix+noun, func(c *rpcCall) (any, error) { return f(p, c) })
		}
		h("Create", "DeliverTask", s.createDeliverTask)
		h("Update", "DeliverTask", s.updateDeliverTask)
		h("Delete", "DeliverTask", s.deleteDeliverTask)
		h("Describe", "DeliverList", s.describeDeliverList)
		h("Create", "SubTask", s.createSubTask)
		h("Update", "SubTask", s.updateSubTask)
		h("Delete", "SubTask", s.deleteSubTask)
		h("Describe", "SubList", s.describeSubList)
		h("Describe", "ReportList", s.describeReportList)
	}
}

// content wraps data the way these APIs answer: a JSON document inside
// the Content string (or, in the ContentObject variant, the document).
func content(v ReportVariants, data any) (any, error) {
	return wrapContent(v, map[string]any{"data": data})
}

func wrapContent(v ReportVariants, doc any) (any, error) {
	if v.ContentObject {
		return struct {
			Content any `json:"Content"`
		}{doc}, nil
	}
	b, err := marshalJSON(doc)
	if err != nil {
		return nil, err
	}
	return struct {
		Content string `json:"Content"`
	}{string(b)}, nil
}

// variants returns a product's answer variants.
func (s *Server) variants(p *cdnProduct) ReportVariants {
	var v ReportVariants
	_ = s.store.view(func(st *cloudState) error {
		v = st.Reports[p.key].Variants
		return nil
	})
	return v
}

func (s *Server) createDeliverTask(p *cdnProduct, c *rpcCall) (any, error) {
	for _, name := range []string{"Name", "Reports", "Schedule", "Deliver"} {
		if c.param(name) == "" {
			return nil, errMissingParameter(name)
		}
	}
	tp, err := p.parseTaskParams(c)
	if err != nil {
		return nil, err
	}
	var id int64
	err = s.store.update(func(st *cloudState) error {
		rs := st.Reports[p.key]
		tasks := rs.accountTasks(c.AccountID)
		for _, t := range tasks {
			if t.Name == *tp.name {
				return errNameExists(t.Name)
			}
		}
		if len(tasks) >= rs.DeliverLimit {
			return errBadRequest("DeliverExceedLimit", fmt.Sprintf("The number of deliver tasks has reached the limit of %d for this account.", rs.DeliverLimit))
		}
		t := DeliverTask{ID: rs.NextID, AccountID: c.AccountID, Domains: []string{}, CreateTime: c.Now.UTC().Truncate(time.Second)}
		tp.apply(&t)
		rs.NextID++
		rs.Tasks[t.ID] = &t
		id = t.ID
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct {
		DeliverID string `json:"DeliverId"`
	}{strconv.FormatInt(id, 10)}, nil
}

func (s *Server) updateDeliverTask(p *cdnProduct, c *rpcCall) (any, error) {
	id, err := deliverIDParam(c, true)
	if err != nil {
		return nil, err
	}
	tp, err := p.parseTaskParams(c)
	if err != nil {
		return nil, err
	}
	err = s.store.update(func(st *cloudState) error {
		rs := st.Reports[p.key]
		t, ok := rs.accountTask(c.AccountID, id)
		if !ok {
			return taskNotFound(rs.Variants)
		}
		if tp.name != nil {
			for _, o := range rs.accountTasks(c.AccountID) {
				if o.ID != id && o.Name == *tp.name {
					return errNameExists(o.Name)
				}
			}
		}
		tp.apply(t)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

func (s *Server) deleteDeliverTask(p *cdnProduct, c *rpcCall) (any, error) {
	id, err := deliverIDParam(c, true)
	if err != nil {
		return nil, err
	}
	err = s.store.update(func(st *cloudState) error {
		rs := st.Reports[p.key]
		if _, ok := rs.accountTask(c.AccountID, id); !ok {
			return taskNotFound(rs.Variants)
		}
		delete(rs.Tasks, id)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

// deliverWire is a task as DescribeDeliverList's Content shows it. The
// schedule's name and description are not part of it.
type deliverWire struct {
	DeliverID      int64        `json:"deliverId"`
	Status         string       `json:"status"`
	CreateTime     string       `json:"createTime"`
	Crontab        string       `json:"crontab"`
	Frequency      string       `json:"frequency"`
	Name           string       `json:"name"`
	DmList         []string     `json:"dmList"`
	Reports        []TaskReport `json:"reports"`
	Deliver        Deliver      `json:"deliver"`
	TimeFromFormat *string      `json:"timeFromFormat,omitempty"`
	TimeEndFormat  *string      `json:"timeEndFormat,omitempty"`
}

func toDeliverWire(t *DeliverTask, v ReportVariants) deliverWire {
	c := t.clone()
	for i := range c.Reports {
		if c.Reports[i].Conditions == nil {
			c.Reports[i].Conditions = []ReportCondition{}
		}
	}
	w := deliverWire{
		DeliverID:  c.ID,
		Status:     c.Schedule.Status,
		CreateTime: wireTime(c.CreateTime),
		Crontab:    c.Schedule.Crontab,
		Frequency:  c.Schedule.Frequency,
		Name:       c.Name,
		DmList:     nonNil(c.Domains),
		Reports:    nonNil(c.Reports),
		Deliver:    c.Deliver,
	}
	switch {
	case v.RelativeEffectiveFormats:
		rel := relativeFormat
		w.TimeFromFormat, w.TimeEndFormat = &rel, &rel
	case !v.OmitEffectiveFormats:
		w.TimeFromFormat, w.TimeEndFormat = &c.Schedule.EffectiveFrom, &c.Schedule.EffectiveEnd
	}
	if v.DmListEmptyString && len(w.DmList) == 0 {
		w.DmList = []string{""}
	}
	return w
}

func (s *Server) describeDeliverList(p *cdnProduct, c *rpcCall) (any, error) {
	id, err := deliverIDParam(c, false)
	if err != nil {
		return nil, err
	}
	data := []deliverWire{}
	var v ReportVariants
	err = s.store.view(func(st *cloudState) error {
		rs := st.Reports[p.key]
		v = rs.Variants
		defer func() { rs.reads.count(id, len(data)) }()
		if id != 0 {
			t, ok := rs.accountTask(c.AccountID, id)
			if !ok {
				return taskNotFound(v)
			}
			data = append(data, toDeliverWire(t, v))
			return nil
		}
		for _, t := range rs.accountTasks(c.AccountID) {
			data = append(data, toDeliverWire(t, v))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return content(v, data)
}

func (s *Server) createSubTask(p *cdnProduct, c *rpcCall) (any, error) {
	ids, err := p.parseReportIDs(c.param("ReportIds"))
	if err != nil {
		return nil, err
	}
	domains, err := domainParam(c)
	if err != nil {
		return nil, err
	}
	err = s.store.update(func(st *cloudState) error {
		rs := st.Reports[p.key]
		if _, ok := rs.Subscriptions[c.AccountID]; ok {
			return errSubscriptionExists
		}
		// ASSUMPTION: a new subscription is effective from its creation,
		// without an end, and enabled.
		now := c.Now.UTC().Truncate(time.Second)
		rs.Subscriptions[c.AccountID] = &Subscription{
			ID: rs.NextID, AccountID: c.AccountID, ReportIDs: ids, Domains: nonNil(domains),
			EffectiveFrom: wireTime(now), Status: "enable", CreateTime: now,
		}
		rs.NextID++
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

func (s *Server) updateSubTask(p *cdnProduct, c *rpcCall) (any, error) {
	var ids []int
	if raw := c.param("ReportIds"); raw != "" {
		var err error
		if ids, err = p.parseReportIDs(raw); err != nil {
			return nil, err
		}
	}
	for _, name := range []string{"StartTime", "EndTime"} {
		if v := c.param(name); v != "" {
			if _, err := parseWireTime(name, v); err != nil {
				return nil, err
			}
		}
	}
	domains, err := domainParam(c)
	if err != nil {
		return nil, err
	}
	err = s.store.update(func(st *cloudState) error {
		sub, ok := st.Reports[p.key].Subscriptions[c.AccountID]
		if !ok {
			return errSubscriptionNotFound
		}
		if ids != nil {
			sub.ReportIDs = ids
		}
		if len(domains) > 0 {
			sub.Domains = domains
		}
		if v := c.param("StartTime"); v != "" {
			sub.EffectiveFrom = v
		}
		if v := c.param("EndTime"); v != "" {
			sub.EffectiveEnd = v
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

func (s *Server) deleteSubTask(p *cdnProduct, c *rpcCall) (any, error) {
	err := s.store.update(func(st *cloudState) error {
		subs := st.Reports[p.key].Subscriptions
		if _, ok := subs[c.AccountID]; !ok {
			return errSubscriptionNotFound
		}
		delete(subs, c.AccountID)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

type subWire struct {
	SubID         int64    `json:"subId"`
	ReportID      []int    `json:"reportId"`
	CreateTime    string   `json:"createTime"`
	Domains       []string `json:"domains"`
	EffectiveFrom string   `json:"effectiveFrom"`
	EffectiveEnd  string   `json:"effectiveEnd"`
	Status        string   `json:"status"`
}

func (s *Server) describeSubList(p *cdnProduct, c *rpcCall) (any, error) {
	data := []subWire{}
	var v ReportVariants
	_ = s.store.view(func(st *cloudState) error {
		v = st.Reports[p.key].Variants
		if sub, ok := st.Reports[p.key].Subscriptions[c.AccountID]; ok {
			w := subWire{
				SubID: sub.ID, ReportID: nonNil(sub.ReportIDs), CreateTime: wireTime(sub.CreateTime), Domains: nonNil(sub.Domains),
				EffectiveFrom: sub.EffectiveFrom, EffectiveEnd: sub.EffectiveEnd, Status: sub.Status,
			}
			if v.DomainsAll && len(w.Domains) == 0 {
				w.Domains = []string{"all"}
			}
			data = append(data, w)
		}
		return nil
	})
	if v.SubListNested {
		// The reference's sample: an envelope inside Content, its own
		// Content an object.
		return wrapContent(v, map[string]any{
			"RequestId": newRequestID(), "Description": "Successful", "Content": map[string]any{"data": data},
		})
	}
	return content(v, data)
}

type reportWire struct {
	ReportID int `json:"reportId"`
	Deliver  struct {
		Report catalogueReportWire `json:"report"`
	} `json:"deliver"`
}

// catalogueReportWire is a catalogue entry's report as DescribeReportList
// answers it: outLine and outSize are integers (alibabacloud-go-sdk
// cdn-20180510 DescribeCdnReportListResponseBodyContentDataDeliverReport,
// int64; internal/contract/cdn.json), absent when not set; xAxis, yAxis and
// legend as in the models' Content example.
type catalogueReportWire struct {
	Title   string   `json:"title"`
	Format  string   `json:"format"`
	Shape   string   `json:"shape"`
	XAxis   string   `json:"xAxis"`
	YAxis   string   `json:"yAxis"`
	Legend  string   `json:"legend"`
	Header  []string `json:"header"`
	OutLine *int64   `json:"outLine,omitempty"`
	OutSize *int64   `json:"outSize,omitempty"`
}

func wireCount(s string) *int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil
	}
	return &n
}

func (s *Server) describeReportList(p *cdnProduct, c *rpcCall) (any, error) {
	var want int
	if raw := c.param("ReportId"); raw != "" {
		var err error
		if want, err = strconv.Atoi(raw); err != nil || !p.hasReport(want) {
			return nil, errInvalidParameter("The report id %q is not in the %s report catalogue.", raw, p.code)
		}
	}
	data := []reportWire{}
	for _, r := range p.reports {
		if want != 0 && r.ReportID != want {
			continue
		}
		w := reportWire{ReportID: r.ReportID}
		w.Deliver.Report = catalogueReportWire{
			Title: r.Title, Format: r.Format, Shape: r.Shape, XAxis: r.XAxis, YAxis: r.YAxis, Legend: r.Legend,
			Header: r.Header, OutLine: wireCount(r.OutLine), OutSize: wireCount(r.OutSize),
		}
		data = append(data, w)
	}
	return content(s.variants(p), data)
}

// --- Go API (products are named "cdn"/"Cdn" or "dcdn") ---

// SeedDeliverTask stores a deliver task behind the API's back (in the
// default account unless t.AccountID is set), checked as the API would
// check it but without the name and limit rules. It returns the id.
func (s *Server) SeedDeliverTask(product string, t DeliverTask) (int64, error) {
	p, err := cdnProductByName(product)
	if err != nil {
		return 0, err
	}
	t = t.clone()
	if err := p.checkTask(&t); err != nil {
		return 0, err
	}
	if t.AccountID == "" {
		t.AccountID = DefaultAccountID
	}
	if t.CreateTime.IsZero() {
		t.CreateTime = s.Now().UTC().Truncate(time.Second)
	}
	if t.Domains == nil {
		t.Domains = []string{}
	}
	err = s.store.update(func(st *cloudState) error {
		rs := st.Reports[p.key]
		if t.ID == 0 {
			t.ID = rs.NextID
		} else if _, taken := rs.Tasks[t.ID]; taken || t.ID < 0 {
			return fmt.Errorf("mockcloud: deliver task id %d is taken or invalid", t.ID)
		}
		rs.NextID = max(rs.NextID, t.ID+1)
		rs.Tasks[t.ID] = &t
		return nil
	})
	return t.ID, err
}

func (p *cdnProduct) checkTask(t *DeliverTask) error {
	if t.Name == "" {
		return errors.New("mockcloud: a deliver task needs a name")
	}
	for _, err := range []error{p.validateReports(t.Reports), validateSchedule(&t.Schedule), validateDeliver(&t.Deliver)} {
		if err != nil {
			return fmt.Errorf("mockcloud: %w", err)
		}
	}
	return nil
}

// DeliverTaskByID returns a deliver task of any account.
func (s *Server) DeliverTaskByID(product string, id int64) (DeliverTask, bool) {
	p, err := cdnProductByName(product)
	if err != nil {
		return DeliverTask{}, false
	}
	var out DeliverTask
	found := false
	_ = s.store.view(func(st *cloudState) error {
		if t, ok := st.Reports[p.key].Tasks[id]; ok {
			out, found = t.clone(), true
		}
		return nil
	})
	return out, found
}

// DeliverTasks returns every deliver task of a product, by id.
func (s *Server) DeliverTasks(product string) []DeliverTask {
	p, err := cdnProductByName(product)
	if err != nil {
		return nil
	}
	var out []DeliverTask
	_ = s.store.view(func(st *cloudState) error {
		for _, t := range st.Reports[p.key].Tasks {
			out = append(out, t.clone())
		}
		return nil
	})
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}

// UpdateDeliverTask changes a deliver task behind Terraform's back; the
// result must still be a task the API would accept.
func (s *Server) UpdateDeliverTask(product string, id int64, f func(*DeliverTask)) error {
	p, err := cdnProductByName(product)
	if err != nil {
		return err
	}
	return s.store.update(func(st *cloudState) error {
		t, ok := st.Reports[p.key].Tasks[id]
		if !ok {
			return fmt.Errorf("%w: deliver task %d", ErrNotFound, id)
		}
		c := t.clone()
		f(&c)
		c.ID, c.AccountID = id, t.AccountID
		if err := p.checkTask(&c); err != nil {
			return err
		}
		*t = c
		return nil
	})
}

// DeleteDeliverTask deletes a deliver task behind Terraform's back.
func (s *Server) DeleteDeliverTask(product string, id int64) bool {
	p, err := cdnProductByName(product)
	if err != nil {
		return false
	}
	found := false
	s.logError("DeleteDeliverTask", s.store.update(func(st *cloudState) error {
		_, found = st.Reports[p.key].Tasks[id]
		delete(st.Reports[p.key].Tasks, id)
		return nil
	}))
	return found
}

// DeliverListReads returns what the product's DescribeDeliverList
// requests asked for since the start or the last ResetDeliverListReads.
func (s *Server) DeliverListReads(product string) (DeliverListReads, error) {
	p, err := cdnProductByName(product)
	if err != nil {
		return DeliverListReads{}, err
	}
	var out DeliverListReads
	err = s.store.view(func(st *cloudState) error {
		r := st.Reports[p.key].reads
		out = DeliverListReads{Full: r.Full, ByID: maps.Clone(r.ByID), Tasks: r.Tasks}
		return nil
	})
	return out, err
}

// ResetDeliverListReads zeroes the product's DeliverListReads.
func (s *Server) ResetDeliverListReads(product string) error {
	p, err := cdnProductByName(product)
	if err != nil {
		return err
	}
	return s.store.view(func(st *cloudState) error {
		st.Reports[p.key].reads = DeliverListReads{}
		return nil
	})
}

// SetDeliverLimit sets how many deliver tasks an account may have (n <= 0
// restores DefaultDeliverLimit).
func (s *Server) SetDeliverLimit(product string, n int) error {
	p, err := cdnProductByName(product)
	if err != nil {
		return err
	}
	return s.store.update(func(st *cloudState) error {
		st.Reports[p.key].DeliverLimit = n
		st.Reports[p.key].normalize()
		return nil
	})
}

// SetSubscription creates or replaces the subscription of sub.AccountID
// (default account if empty) behind Terraform's back.
func (s *Server) SetSubscription(product string, sub Subscription) error {
	p, err := cdnProductByName(product)
	if err != nil {
		return err
	}
	sub = sub.clone()
	if sub.AccountID == "" {
		sub.AccountID = DefaultAccountID
	}
	if len(sub.ReportIDs) == 0 {
		return errors.New("mockcloud: a subscription needs report ids")
	}
	for _, id := range sub.ReportIDs {
		if !p.hasReport(id) {
			return fmt.Errorf("mockcloud: report id %d is not in the %s catalogue", id, p.code)
		}
	}
	for _, v := range []string{sub.EffectiveFrom, sub.EffectiveEnd} {
		if v != "" {
			if _, err := time.Parse(rpcTimestampLayout, v); err != nil {
				return fmt.Errorf("mockcloud: subscription time %q is not yyyy-MM-ddTHH:mm:ssZ", v)
			}
		}
	}
	if sub.CreateTime.IsZero() {
		sub.CreateTime = s.Now().UTC().Truncate(time.Second)
	}
	if sub.EffectiveFrom == "" {
		sub.EffectiveFrom = wireTime(sub.CreateTime)
	}
	if sub.Status == "" {
		sub.Status = "enable"
	}
	sub.Domains = nonNil(sub.Domains)
	return s.store.update(func(st *cloudState) error {
		rs := st.Reports[p.key]
		if old, ok := rs.Subscriptions[sub.AccountID]; ok && sub.ID == 0 {
			sub.ID = old.ID
		}
		if sub.ID == 0 {
			sub.ID = rs.NextID
			rs.NextID++
		}
		rs.Subscriptions[sub.AccountID] = &sub
		return nil
	})
}

// SetReportVariants switches a product's list answers to documented
// variants (see ReportVariants); the zero value restores the usual shape.
func (s *Server) SetReportVariants(product string, v ReportVariants) error {
	p, err := cdnProductByName(product)
	if err != nil {
		return err
	}
	return s.store.update(func(st *cloudState) error {
		st.Reports[p.key].Variants = v
		return nil
	})
}

// ReportVariantsOf returns a product's answer variants.
func (s *Server) ReportVariantsOf(product string) (ReportVariants, error) {
	p, err := cdnProductByName(product)
	if err != nil {
		return ReportVariants{}, err
	}
	return s.variants(p), nil
}

// SubscriptionOf returns the default account's subscription, if any.
func (s *Server) SubscriptionOf(product string) (Subscription, bool) {
	p, err := cdnProductByName(product)
	if err != nil {
		return Subscription{}, false
	}
	var out Subscription
	found := false
	_ = s.store.view(func(st *cloudState) error {
		if sub, ok := st.Reports[p.key].Subscriptions[DefaultAccountID]; ok {
			out, found = sub.clone(), true
		}
		return nil
	})
	return out, found
}

// DeleteSubscription deletes the default account's subscription behind
// Terraform's back.
func (s *Server) DeleteSubscription(product string) bool {
	p, err := cdnProductByName(product)
	if err != nil {
		return false
	}
	found := false
	s.logError("DeleteSubscription", s.store.update(func(st *cloudState) error {
		_, found = st.Reports[p.key].Subscriptions[DefaultAccountID]
		delete(st.Reports[p.key].Subscriptions, DefaultAccountID)
		return nil
	}))
	return found
}
