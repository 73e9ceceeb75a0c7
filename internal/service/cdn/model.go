package cdn

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The mapping between Terraform values and the wire, in one place:
// schedule.enabled <-> "enable"/"disable", RFC 3339 <-> yyyy-MM-ddTHH:mm:ssZ
// (UTC), sets <-> comma-separated or JSON lists.

const wireTimeLayout = "2006-01-02T15:04:05Z"

const (
	statusEnable  = "enable"
	statusDisable = "disable"
	opIn          = "in"
)

// frequencies are the schedule frequencies: hourly, daily, monthly.
var frequencies = []string{"h", "d", "M"}

type conditionModel struct {
	Field  string   `tfsdk:"field"`
	Op     string   `tfsdk:"op"`
	Values []string `tfsdk:"values"`
}

type reportModel struct {
	ReportID   int64            `tfsdk:"report_id"`
	Conditions []conditionModel `tfsdk:"conditions"`
}

type scheduleModel struct {
	Name          types.String `tfsdk:"name"`
	Description   types.String `tfsdk:"description"`
	Crontab       string       `tfsdk:"crontab"`
	Frequency     string       `tfsdk:"frequency"`
	Enabled       bool         `tfsdk:"enabled"`
	EffectiveFrom types.String `tfsdk:"effective_from"`
	EffectiveEnd  types.String `tfsdk:"effective_end"`
}

type emailModel struct {
	Subject string   `tfsdk:"subject"`
	To      []string `tfsdk:"to"`
	Copy    []string `tfsdk:"copy"`
}

type deliverModel struct {
	Email *emailModel `tfsdk:"email"`
}

// taskModel is a deliver task in the resource and in the data source.
type taskModel struct {
	ID          types.String   `tfsdk:"id"`
	Name        types.String   `tfsdk:"name"`
	DomainNames []string       `tfsdk:"domain_names"`
	Reports     []reportModel  `tfsdk:"reports"`
	Schedule    *scheduleModel `tfsdk:"schedule"`
	Deliver     *deliverModel  `tfsdk:"deliver"`
	CreateTime  types.String   `tfsdk:"create_time"`
}

// taskParams are the JSON and list parameters of a create or update.
type taskParams struct {
	Name, DomainName, Reports, Schedule, Deliver string
}

// toWireTime renders an RFC 3339 value (validated at plan time) as the
// API's UTC layout; null is "".
func toWireTime(v types.String) string {
	if v.IsNull() || v.IsUnknown() {
		return ""
	}
	t, err := time.Parse(time.RFC3339, v.ValueString())
	if err != nil {
		return v.ValueString() // the API answers TimeParseFailed
	}
	return t.UTC().Format(wireTimeLayout)
}

// wireCreateTime is a wire create time as a time; zero when absent or not
// in the wire layout (then CreateOnce cannot compare it).
func wireCreateTime(s string) time.Time {
	t, err := time.Parse(wireTimeLayout, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// fromWireTime renders a wire time as RFC 3339. When prior names the same
// instant in another offset, prior is kept, so a value written with +08:00
// does not show a diff.
func fromWireTime(s string, prior types.String) types.String {
	if s == "" {
		return types.StringNull()
	}
	t, err := time.Parse(wireTimeLayout, s)
	if err != nil {
		return types.StringValue(s)
	}
	if !prior.IsNull() && !prior.IsUnknown() {
		if pt, err := time.Parse(time.RFC3339, prior.ValueString()); err == nil && pt.Equal(t) {
			return prior
		}
	}
	return types.StringValue(t.UTC().Format(time.RFC3339))
}

// listedTime is timeFromFormat or timeEndFormat of a listed task when it
// says something about the schedule: the effective time ("" for none), as
// the reference's sample and the mock show. The vendor's model documents
// the example "-1d" for both (alibabacloud-go-sdk cdn-20180510
// DescribeCdnDeliverListResponseBodyContentData; internal/contract/cdn.json),
// a relative range rather than a time: such a value, like an absent field,
// says nothing, so it never shows as a change nor fails an adoption.
func listedTime(s *string) (string, bool) {
	if s == nil {
		return "", false
	}
	if *s == "" {
		return "", true
	}
	if _, err := time.Parse(wireTimeLayout, *s); err != nil {
		return "", false
	}
	return *s, true
}

// fromListedTime is fromWireTime for a listed time: when it says nothing
// (listedTime), prior is kept.
func fromListedTime(s *string, prior types.String) types.String {
	v, ok := listedTime(s)
	if !ok {
		return prior
	}
	return fromWireTime(v, prior)
}

// sameListedTime compares a listed time with the one asked for; a field
// that says nothing cannot contradict it.
func sameListedTime(s *string, want string) bool {
	v, ok := listedTime(s)
	return !ok || v == want
}

// listOrPrior maps an empty wire list to null, or to an empty list when
// the prior value was an empty list: "empty" and "not set" read the same
// on the wire, and either must stay as written.
func listOrPrior(wire []string, prior []string) []string {
	if len(wire) == 0 {
		if prior != nil {
			return []string{}
		}
		return nil
	}
	return slices.Clone(wire)
}

// domainListNote explains, in the resources' docs, why domain_names is a
// list.
const domainListNote = "A list, not a set, so that many domains (up to the API's 500) plan and apply quickly " +
	"(Terraform checks every applied set element against every planned one); the order means nothing: " +
	"the provider sends the domains sorted and keeps the order you wrote, " +
	"and a change of order alone is an update that makes no API call. Wrap it in `toset()` to use it in `for_each`."

// domainsInPriorOrder is the wire's domain list in the order of prior (the
// configuration's, through the plan or the state): the domains prior has
// that the wire still has, in prior's order, then the wire's new ones in
// its order. The API's order (sorted) never shows as a change; what was
// added or removed behind Terraform's back does. An empty wire list is
// null or empty as prior was (listOrPrior).
func domainsInPriorOrder(wire, prior []string) []string {
	if len(wire) == 0 || len(prior) == 0 {
		return listOrPrior(wire, prior)
	}
	onWire := make(map[string]bool, len(wire))
	for _, d := range wire {
		onWire[d] = false
	}
	out := make([]string, 0, len(wire))
	for _, d := range prior {
		if used, ok := onWire[d]; ok && !used {
			out = append(out, d)
			onWire[d] = true
		}
	}
	for _, d := range wire {
		if !onWire[d] {
			out = append(out, d)
			onWire[d] = true
		}
	}
	return out
}

func sortedJoin(v []string) string {
	s := slices.Clone(v)
	slices.Sort(s)
	return strings.Join(s, ",")
}

func statusOf(enabled bool) string {
	if enabled {
		return statusEnable
	}
	return statusDisable
}

// params renders the task as the API's parameters.
func (m *taskModel) params() taskParams {
	reports := make([]wireReport, len(m.Reports))
	for i, r := range m.Reports {
		reports[i] = wireReport{ReportID: r.ReportID}
		for _, c := range r.Conditions {
			reports[i].Conditions = append(reports[i].Conditions, wireCondition{Field: c.Field, Op: c.Op, Value: c.Values})
		}
	}
	s := m.Schedule
	email := m.Deliver.Email
	return taskParams{
		Name:       m.Name.ValueString(),
		DomainName: sortedJoin(m.DomainNames),
		Reports:    jsonParam(reports),
		Schedule: jsonParam(wireSchedule{
			SchedName: s.Name.ValueString(), Description: s.Description.ValueString(),
			Crontab: s.Crontab, Frequency: s.Frequency, Status: statusOf(s.Enabled),
			EffectiveFrom: toWireTime(s.EffectiveFrom), EffectiveEnd: toWireTime(s.EffectiveEnd),
		}),
		Deliver: jsonParam(wireDeliver{Email: &wireEmail{Subject: email.Subject, To: slices.Sorted(slices.Values(email.To)), Copy: slices.Sorted(slices.Values(email.Copy))}}),
	}
}

// taskFromWire fills a model from a listed task. prior (the plan or the
// state, or nil) supplies what the list does not show (the schedule's
// name and description) and how empty values were written.
func taskFromWire(t *wireTask, prior *taskModel) taskModel {
	var p taskModel
	if prior != nil {
		p = *prior
	}
	ps := p.Schedule
	if ps == nil {
		ps = &scheduleModel{Name: types.StringNull(), Description: types.StringNull(), EffectiveFrom: types.StringNull(), EffectiveEnd: types.StringNull()}
	}
	m := taskModel{
		ID:          types.StringValue(strconv.FormatInt(int64(t.DeliverID), 10)),
		Name:        types.StringValue(t.Name),
		DomainNames: domainsInPriorOrder(t.DmList, p.DomainNames),
		CreateTime:  fromWireTime(t.CreateTime, types.StringNull()),
		Schedule: &scheduleModel{
			Name: ps.Name, Description: ps.Description,
			Crontab: t.Crontab, Frequency: t.Frequency, Enabled: t.Status != statusDisable,
			EffectiveFrom: fromListedTime(t.TimeFromFormat, ps.EffectiveFrom),
			EffectiveEnd:  fromListedTime(t.TimeEndFormat, ps.EffectiveEnd),
		},
		Deliver: &deliverModel{},
	}
	for i, r := range t.Reports {
		rm := reportModel{ReportID: r.ReportID}
		for _, c := range r.Conditions {
			rm.Conditions = append(rm.Conditions, conditionModel{Field: c.Field, Op: c.Op, Values: slices.Clone(c.Value)})
		}
		if len(rm.Conditions) == 0 && i < len(p.Reports) && p.Reports[i].Conditions != nil {
			rm.Conditions = []conditionModel{}
		}
		m.Reports = append(m.Reports, rm)
	}
	if e := t.Deliver.Email; e != nil {
		var priorCopy []string
		if p.Deliver != nil && p.Deliver.Email != nil {
			priorCopy = p.Deliver.Email.Copy
		}
		m.Deliver.Email = &emailModel{Subject: e.Subject, To: slices.Clone(e.To), Copy: listOrPrior(e.Copy, priorCopy)}
	}
	return m
}

// sameTask reports whether a listed task is what params would create:
// the check before adopting a task that a retried create left behind.
func sameTask(t *wireTask, want taskParams) bool {
	var reports []wireReport
	var sched wireSchedule
	var deliver wireDeliver
	if jsonUnmarshal(want.Reports, &reports) != nil || jsonUnmarshal(want.Schedule, &sched) != nil || jsonUnmarshal(want.Deliver, &deliver) != nil {
		return false
	}
	got := *t
	got.DmList = slices.Sorted(slices.Values(t.DmList))
	if e := got.Deliver.Email; e != nil {
		got.Deliver.Email = &wireEmail{Subject: e.Subject, To: slices.Sorted(slices.Values(e.To)), Copy: slices.Sorted(slices.Values(e.Copy))}
	}
	return got.Name == want.Name && strings.Join(got.DmList, ",") == want.DomainName &&
		jsonParam(normalizedReports(got.Reports)) == jsonParam(normalizedReports(reports)) &&
		got.Crontab == sched.Crontab && got.Frequency == sched.Frequency && got.Status == sched.Status &&
		sameListedTime(got.TimeFromFormat, sched.EffectiveFrom) && sameListedTime(got.TimeEndFormat, sched.EffectiveEnd) &&
		jsonParam(got.Deliver) == jsonParam(deliver)
}

func normalizedReports(in []wireReport) []wireReport {
	out := make([]wireReport, len(in))
	for i, r := range in {
		out[i] = wireReport{ReportID: r.ReportID}
		if len(r.Conditions) > 0 {
			out[i].Conditions = r.Conditions
		}
	}
	return out
}
