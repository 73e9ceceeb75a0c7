package mockcloud_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cdn"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/dcdn"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

func init() {
	// NewClientWithOptions fills these maps lazily without a lock.
	cdn.GetEndpointMap()
	dcdn.GetEndpointMap()
}

// reportProduct drives one product's official SDK client. The typed
// clients differ only in names, so requests are built by reflection from
// the SDK's own request types (their position tags decide Query or Body),
// exactly as the SDK's Create*Request constructors do; one table serves
// both products.
type reportProduct struct {
	name      string // mock product name
	code      string // SDK product code
	version   string
	infix     string
	reports   []int // catalogue ids
	badReport int   // an id of the other product
	newClient func(string, *sdk.Config, auth.Credential) (any, error)
}

var reportProducts = []reportProduct{
	{
		name: "cdn", code: mockcloud.CDNProduct, version: mockcloud.CDNVersion, infix: "Cdn",
		reports: []int{1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23}, badReport: 2,
		newClient: func(r string, c *sdk.Config, cr auth.Credential) (any, error) {
			return cdn.NewClientWithOptions(r, c, cr)
		},
	},
	{
		name: "dcdn", code: mockcloud.DCDNProduct, version: mockcloud.DCDNVersion, infix: "Dcdn",
		reports: []int{2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 27}, badReport: 1,
		newClient: func(r string, c *sdk.Config, cr auth.Credential) (any, error) {
			return dcdn.NewClientWithOptions(r, c, cr)
		},
	},
}

func (p reportProduct) client(t *testing.T, host string, cred auth.Credential) any {
	t.Helper()
	cfg := sdk.NewConfig()
	cfg.Scheme = "HTTP"
	cl, err := p.newClient("cn-hangzhou", cfg, cred)
	if err != nil {
		t.Fatal(err)
	}
	reflect.ValueOf(cl).Elem().FieldByName("Domain").SetString(host)
	return cl
}

// call invokes <verb><infix><noun> with string parameters set on the
// SDK's request struct; it returns the response's string fields.
func (p reportProduct) call(cl any, verb, noun string, params map[string]string) (map[string]string, error) {
	action := verb + p.infix + noun
	m := reflect.ValueOf(cl).MethodByName(action)
	if !m.IsValid() {
		return nil, fmt.Errorf("the SDK client has no %s", action)
	}
	req := reflect.New(m.Type().In(0).Elem())
	rpc := &requests.RpcRequest{}
	rpc.InitWithApiInfo(p.code, p.version, action, "", "")
	rpc.Method = requests.POST
	req.Elem().FieldByName("RpcRequest").Set(reflect.ValueOf(rpc))
	for k, v := range params {
		f := req.Elem().FieldByName(k)
		if !f.IsValid() {
			return nil, fmt.Errorf("%s has no parameter %s", action, k)
		}
		f.SetString(v) // string and requests.Integer alike
	}
	out := m.Call([]reflect.Value{req})
	if err, _ := out[1].Interface().(error); err != nil {
		return nil, err
	}
	resp := map[string]string{}
	rv := out[0].Elem()
	for i := 0; i < rv.NumField(); i++ {
		if f := rv.Field(i); f.Kind() == reflect.String {
			resp[rv.Type().Field(i).Name] = f.String()
		}
	}
	return resp, nil
}

func (p reportProduct) mustCall(t *testing.T, cl any, verb, noun string, params map[string]string) map[string]string {
	t.Helper()
	resp, err := p.call(cl, verb, noun, params)
	if err != nil {
		t.Fatalf("%s%s%s: %v", verb, p.infix, noun, err)
	}
	if resp["RequestId"] == "" {
		t.Errorf("%s%s%s: no RequestId", verb, p.infix, noun)
	}
	return resp
}

type wireTask struct {
	DeliverID      int64                  `json:"deliverId"`
	Status         string                 `json:"status"`
	CreateTime     string                 `json:"createTime"`
	Crontab        string                 `json:"crontab"`
	Frequency      string                 `json:"frequency"`
	Name           string                 `json:"name"`
	DmList         []string               `json:"dmList"`
	Reports        []mockcloud.TaskReport `json:"reports"`
	Deliver        mockcloud.Deliver      `json:"deliver"`
	TimeFromFormat string                 `json:"timeFromFormat"`
	TimeEndFormat  string                 `json:"timeEndFormat"`
}

// contentData decodes the JSON document inside a Content string.
func contentData[T any](t *testing.T, resp map[string]string) []T {
	t.Helper()
	var doc struct {
		Data []T `json:"data"`
	}
	if err := json.Unmarshal([]byte(resp["Content"]), &doc); err != nil {
		t.Fatalf("Content %q is not a JSON string holding {data:[...]}: %v", resp["Content"], err)
	}
	return doc.Data
}

func taskParams(p reportProduct, name string) map[string]string {
	return map[string]string{
		"Name":       name,
		"DomainName": "example.com,www.example.com",
		"Reports":    fmt.Sprintf(`[{"reportId":%d,"conditions":[{"field":"prov","op":"in","value":["Heilongjiang","Beijing"]}]},{"reportId":%d}]`, p.reports[0], p.reports[1]),
		"Schedule":   `{"schedName":"daily","description":"every day","crontab":"0 0 0 * * ?","frequency":"d","status":"enable","effectiveFrom":"2030-09-17T00:00:00Z","effectiveEnd":"2031-09-17T00:00:00Z"}`,
		"Deliver":    `{"email":{"subject":"CDN report","to":["ops@example.com"],"copy":["lead@example.com"]}}`,
	}
}

func TestReportsDeliverTaskLifecycle(t *testing.T) {
	forEachProduct(t, mockcloud.Options{}, func(t *testing.T, p reportProduct, s *mockcloud.Server, host string, cl any) {

		created := p.mustCall(t, cl, "Create", "DeliverTask", taskParams(p, "ops-report"))
		id, err := strconv.ParseInt(created["DeliverId"], 10, 64)
		if err != nil || id <= 0 {
			t.Fatalf("DeliverId %q", created["DeliverId"])
		}

		list := contentData[wireTask](t, p.mustCall(t, cl, "Describe", "DeliverList", nil))
		if len(list) != 1 {
			t.Fatalf("list = %+v", list)
		}
		got := list[0]
		if got.DeliverID != id || got.Name != "ops-report" || got.Status != "enable" || got.Crontab != "0 0 0 * * ?" || got.Frequency != "d" ||
			strings.Join(got.DmList, ",") != "example.com,www.example.com" || got.TimeFromFormat != "2030-09-17T00:00:00Z" || got.TimeEndFormat != "2031-09-17T00:00:00Z" {
			t.Errorf("listed task = %+v", got)
		}
		if len(got.Reports) != 2 || got.Reports[0].ReportID != p.reports[0] || got.Reports[0].Conditions[0].Value[1] != "Beijing" || got.Reports[1].Conditions == nil {
			t.Errorf("reports = %+v", got.Reports)
		}
		if e := got.Deliver.Email; e == nil || e.Subject != "CDN report" || e.To[0] != "ops@example.com" || e.Copy[0] != "lead@example.com" {
			t.Errorf("deliver = %+v", got.Deliver)
		}
		if !rfc3339Z(got.CreateTime) {
			t.Errorf("createTime %q", got.CreateTime)
		}

		// One by id; then an update of some fields leaves the others.
		one := contentData[wireTask](t, p.mustCall(t, cl, "Describe", "DeliverList", map[string]string{"DeliverId": created["DeliverId"]}))
		if len(one) != 1 || one[0].DeliverID != id {
			t.Fatalf("by id = %+v", one)
		}
		p.mustCall(t, cl, "Update", "DeliverTask", map[string]string{
			"DeliverId": created["DeliverId"],
			"Schedule":  `{"crontab":"0 30 8 * * ?","frequency":"h","status":"disable"}`,
			"Deliver":   `{"email":{"subject":"new","to":["a@example.com","b@example.com"]}}`,
		})
		task, _ := s.DeliverTaskByID(p.name, id)
		if task.Name != "ops-report" || len(task.Reports) != 2 || task.Schedule.Crontab != "0 30 8 * * ?" || task.Schedule.Status != "disable" ||
			task.Schedule.EffectiveFrom != "" || len(task.Deliver.Email.To) != 2 || len(task.Domains) != 2 {
			t.Errorf("after update: %+v", task)
		}

		p.mustCall(t, cl, "Delete", "DeliverTask", map[string]string{"DeliverId": created["DeliverId"]})
		if _, ok := s.DeliverTaskByID(p.name, id); ok {
			t.Errorf("task still stored")
		}
		for _, call := range []struct{ verb, noun string }{{"Describe", "DeliverList"}, {"Delete", "DeliverTask"}, {"Update", "DeliverTask"}} {
			_, err := p.call(cl, call.verb, call.noun, map[string]string{"DeliverId": created["DeliverId"]})
			wantServerError(t, err, "InvalidDeliverId.NotFound", 404)
		}
		if n := len(contentData[wireTask](t, p.mustCall(t, cl, "Describe", "DeliverList", nil))); n != 0 {
			t.Errorf("%d tasks listed after delete", n)
		}
		if n := s.Calls(p.code, "Create"+p.infix+"DeliverTask"); n != 1 {
			t.Errorf("call counter = %d", n)
		}
	})
}

// forEachProduct runs f in a parallel subtest per product, each with its
// own mock and an SDK client of the product pointed at it.
func forEachProduct(t *testing.T, opts mockcloud.Options, f func(t *testing.T, p reportProduct, s *mockcloud.Server, host string, cl any)) {
	t.Parallel()
	for _, p := range reportProducts {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			s, host := newMock(t, opts)
			f(t, p, s, host, p.client(t, host, defaultCred()))
		})
	}
}

func rfc3339Z(s string) bool {
	return len(s) == 20 && s[10] == 'T' && s[19] == 'Z'
}

func TestReportsDeliverTaskErrors(t *testing.T) {
	forEachProduct(t, mockcloud.Options{}, func(t *testing.T, p reportProduct, s *mockcloud.Server, host string, cl any) {
		p.mustCall(t, cl, "Create", "DeliverTask", taskParams(p, "first"))

		with := func(k, v string) map[string]string {
			m := taskParams(p, "second")
			m[k] = v
			return m
		}
		for _, c := range []struct {
			params map[string]string
			code   string
		}{
			{taskParams(p, "first"), "NameAlreadyExists"},
			{with("Reports", `[{"reportId":1,`), "InvalidParameter"},
			{with("Reports", `[]`), "InvalidParameter"},
			{with("Reports", fmt.Sprintf(`[{"reportId":%d}]`, p.badReport)), "InvalidParameter"},
			{with("Reports", fmt.Sprintf(`[{"reportId":%d,"conditions":[{"field":"prov","op":"eq","value":["x"]}]}]`, p.reports[0])), "InvalidParameter"},
			{with("Schedule", `{"crontab":"0 0 0 * *","frequency":"d"}`), "InvalidParameter"},
			{with("Schedule", `{"crontab":"0 0 0 * * ?","frequency":"w"}`), "InvalidParameter"},
			{with("Schedule", `{"crontab":"0 0 0 * * ?","frequency":"d","effectiveFrom":"2030-09-17 00:00:00"}`), "TimeParseFailed"},
			{with("Deliver", `{"email":{"subject":"s","to":[]}}`), "InvalidParameter"},
			{with("Deliver", `{"email":{"subject":"s","to":["not an address"]}}`), "InvalidParameter"},
			{with("Deliver", `"email"`), "InvalidParameter"},
			{with("Name", ""), "MissingParameter.Name"},
			// DomainName takes at most 500 domains (internal/contract/cdn.json).
			{with("DomainName", manyDomainNames(mockcloud.CDNMaxDomainNames+1)), "InvalidParameter"},
		} {
			_, err := p.call(cl, "Create", "DeliverTask", c.params)
			wantServerError(t, err, c.code, 400)
		}
		_, err := p.call(cl, "Update", "DeliverTask", map[string]string{"Name": "x"})
		wantServerError(t, err, "MissingParameter.DeliverId", 400)
		_, err = p.call(cl, "Create", "SubTask", map[string]string{"ReportIds": strconv.Itoa(p.reports[0]), "DomainName": manyDomainNames(mockcloud.CDNMaxDomainNames + 1)})
		wantServerError(t, err, "InvalidParameter", 400)
		most := taskParams(p, "most-domains")
		most["DomainName"] = manyDomainNames(mockcloud.CDNMaxDomainNames)
		p.mustCall(t, cl, "Create", "DeliverTask", most)

		// A rename onto another task's name is refused.
		second := p.mustCall(t, cl, "Create", "DeliverTask", taskParams(p, "second"))
		_, err = p.call(cl, "Update", "DeliverTask", map[string]string{"DeliverId": second["DeliverId"], "Name": "first"})
		wantServerError(t, err, "NameAlreadyExists", 400)

		if err := s.SetDeliverLimit(p.name, 3); err != nil {
			t.Fatal(err)
		}
		_, err = p.call(cl, "Create", "DeliverTask", taskParams(p, "third"))
		se := asServerError(t, err, "DeliverExceedLimit", 400)
		if !strings.Contains(se.Message(), "limit of 3") {
			t.Errorf("message %q does not name the limit", se.Message())
		}
		if n := len(s.DeliverTasks(p.name)); n != 3 {
			t.Errorf("%d tasks stored", n)
		}
	})
}

// manyDomainNames is a DomainName value of n domains.
func manyDomainNames(n int) string {
	d := make([]string, n)
	for i := range d {
		d[i] = fmt.Sprintf("d%d.example.com", i)
	}
	return strings.Join(d, ",")
}

type wireSub struct {
	SubID         int64    `json:"subId"`
	ReportID      []int    `json:"reportId"`
	CreateTime    string   `json:"createTime"`
	Domains       []string `json:"domains"`
	EffectiveFrom string   `json:"effectiveFrom"`
	EffectiveEnd  string   `json:"effectiveEnd"`
	Status        string   `json:"status"`
}

func TestReportsSubscription(t *testing.T) {
	forEachProduct(t, mockcloud.Options{}, func(t *testing.T, p reportProduct, s *mockcloud.Server, host string, cl any) {

		if subs := contentData[wireSub](t, p.mustCall(t, cl, "Describe", "SubList", nil)); len(subs) != 0 {
			t.Fatalf("subscriptions before create: %+v", subs)
		}
		_, err := p.call(cl, "Update", "SubTask", map[string]string{"ReportIds": strconv.Itoa(p.reports[0])})
		wantServerError(t, err, "SubscriptionNotFound", 400)
		_, err = p.call(cl, "Create", "SubTask", map[string]string{"ReportIds": strconv.Itoa(p.badReport)})
		wantServerError(t, err, "InvalidParameter", 400)
		_, err = p.call(cl, "Create", "SubTask", nil)
		wantServerError(t, err, "MissingParameter.ReportIds", 400)

		ids := fmt.Sprintf("%d,%d", p.reports[0], p.reports[2])
		p.mustCall(t, cl, "Create", "SubTask", map[string]string{"ReportIds": ids, "DomainName": "example.com"})
		_, err = p.call(cl, "Create", "SubTask", map[string]string{"ReportIds": ids})
		wantServerError(t, err, "SubscriptionAlreadyExists", 400)

		subs := contentData[wireSub](t, p.mustCall(t, cl, "Describe", "SubList", nil))
		if len(subs) != 1 || len(subs[0].ReportID) != 2 || subs[0].ReportID[1] != p.reports[2] || subs[0].Domains[0] != "example.com" ||
			subs[0].Status != "enable" || !rfc3339Z(subs[0].EffectiveFrom) || subs[0].EffectiveEnd != "" || subs[0].SubID == 0 {
			t.Fatalf("subscription = %+v", subs)
		}

		_, err = p.call(cl, "Update", "SubTask", map[string]string{"EndTime": "next year"})
		wantServerError(t, err, "TimeParseFailed", 400)
		p.mustCall(t, cl, "Update", "SubTask", map[string]string{"ReportIds": strconv.Itoa(p.reports[1]), "StartTime": "2030-01-01T00:00:00Z", "EndTime": "2031-01-01T00:00:00Z"})
		sub, ok := s.SubscriptionOf(p.name)
		if !ok || len(sub.ReportIDs) != 1 || sub.EffectiveFrom != "2030-01-01T00:00:00Z" || sub.EffectiveEnd != "2031-01-01T00:00:00Z" || sub.Domains[0] != "example.com" {
			t.Errorf("after update: %+v", sub)
		}

		p.mustCall(t, cl, "Delete", "SubTask", nil)
		_, err = p.call(cl, "Delete", "SubTask", nil)
		wantServerError(t, err, "SubscriptionNotFound", 400)
	})
}

type wireReport struct {
	ReportID int `json:"reportId"`
	Deliver  struct {
		Report struct {
			Title   string   `json:"title"`
			Format  string   `json:"format"`
			Shape   string   `json:"shape"`
			Header  []string `json:"header"`
			OutLine int64    `json:"outLine"` // int64 in the vendor's model
		} `json:"report"`
	} `json:"deliver"`
}

func TestReportsCatalogue(t *testing.T) {
	t.Parallel()
	for _, p := range reportProducts {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			_, host := newMock(t, mockcloud.Options{})
			cl := p.client(t, host, defaultCred())
			all := contentData[wireReport](t, p.mustCall(t, cl, "Describe", "ReportList", nil))
			var ids []int
			for _, r := range all {
				ids = append(ids, r.ReportID)
				if r.Deliver.Report.Title == "" || r.Deliver.Report.Format == "" {
					t.Errorf("report %d = %+v", r.ReportID, r.Deliver.Report)
				}
			}
			if !reflect.DeepEqual(ids, p.reports) {
				t.Errorf("catalogue ids = %v, want %v", ids, p.reports)
			}
			one := contentData[wireReport](t, p.mustCall(t, cl, "Describe", "ReportList", map[string]string{"ReportId": strconv.Itoa(p.reports[0])}))
			if len(one) != 1 || one[0].ReportID != p.reports[0] || len(one[0].Deliver.Report.Header) == 0 {
				t.Errorf("one report = %+v", one)
			}
			_, err := p.call(cl, "Describe", "ReportList", map[string]string{"ReportId": strconv.Itoa(p.badReport)})
			wantServerError(t, err, "InvalidParameter", 400)
		})
	}
}

func TestReportsSignatureAndThrottling(t *testing.T) {
	forEachProduct(t, mockcloud.Options{RateLimits: true}, func(t *testing.T, p reportProduct, s *mockcloud.Server, host string, _ any) {
		bad := p.client(t, host, credentials.NewAccessKeyCredential(mockcloud.DefaultAccessKeyID, "wrong-secret"))
		_, err := p.call(bad, "Describe", "DeliverList", nil)
		wantServerError(t, err, "SignatureDoesNotMatch", 400)

		// 3 calls/s per account: of 8 calls at once, 3 pass.
		var wg sync.WaitGroup
		var mu sync.Mutex
		throttled := 0
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := p.call(p.client(t, host, defaultCred()), "Describe", "SubList", nil)
				if err != nil {
					mu.Lock()
					defer mu.Unlock()
					if strings.Contains(err.Error(), "Throttling.User") {
						throttled++
					} else {
						t.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		if ok := s.Succeeded(p.code, "Describe"+p.infix+"SubList"); ok < 3 || ok > 4 || throttled != 8-ok {
			t.Errorf("%d succeeded, %d throttled; want 3 (or 4 if a second turned) and the rest throttled", ok, throttled)
		}
	})
}

func TestReportsAdminAPI(t *testing.T) {
	forEachProduct(t, mockcloud.Options{}, func(t *testing.T, p reportProduct, s *mockcloud.Server, host string, cl any) {
		base := "/_mock/" + p.name

		var task mockcloud.DeliverTask
		admin(t, host, "POST", base+"/deliver_tasks", map[string]any{
			"name":     "seeded",
			"reports":  []map[string]any{{"reportId": p.reports[0]}},
			"schedule": map[string]any{"crontab": "0 0 6 * * ?", "frequency": "d"},
			"deliver":  map[string]any{"email": map[string]any{"subject": "s", "to": []string{"ops@example.com"}}},
		}, 201, &task)
		if task.ID == 0 || task.Schedule.Status != "enable" || task.AccountID != mockcloud.DefaultAccountID {
			t.Fatalf("seeded = %+v", task)
		}
		admin(t, host, "POST", base+"/deliver_tasks", map[string]any{"name": "bad", "reports": []any{}}, 400, nil)
		path := fmt.Sprintf("%s/deliver_tasks/%d", base, task.ID)
		admin(t, host, "PATCH", path, map[string]any{
			"schedule": map[string]any{"crontab": "0 15 9 * * ?", "frequency": "h"},
			"deliver":  map[string]any{"email": map[string]any{"subject": "s", "to": []string{"other@example.com"}}},
		}, 200, &task)
		admin(t, host, "PATCH", path, map[string]any{"schedule": map[string]any{"crontab": "bad", "frequency": "h"}}, 400, nil)

		list := contentData[wireTask](t, p.mustCall(t, cl, "Describe", "DeliverList", nil))
		if len(list) != 1 || list[0].Crontab != "0 15 9 * * ?" || list[0].Deliver.Email.To[0] != "other@example.com" {
			t.Fatalf("the API does not show the admin change: %+v", list)
		}
		var all struct {
			Tasks []mockcloud.DeliverTask `json:"deliver_tasks"`
		}
		admin(t, host, "GET", base+"/deliver_tasks", nil, 200, &all)
		if len(all.Tasks) != 1 {
			t.Errorf("admin list = %+v", all)
		}
		admin(t, host, "DELETE", path, nil, 200, nil)
		admin(t, host, "GET", path, nil, 404, nil)

		admin(t, host, "PUT", base+"/deliver_limit", map[string]any{"limit": 0}, 200, nil)
		admin(t, host, "PUT", base+"/subscription", map[string]any{"reportId": []int{p.reports[1]}}, 200, nil)
		subs := contentData[wireSub](t, p.mustCall(t, cl, "Describe", "SubList", nil))
		if len(subs) != 1 || subs[0].ReportID[0] != p.reports[1] {
			t.Errorf("subscription = %+v", subs)
		}
		admin(t, host, "DELETE", base+"/subscription", nil, 200, nil)
		admin(t, host, "DELETE", base+"/subscription", nil, 404, nil)

		var cat struct {
			Reports []mockcloud.CatalogueReport `json:"reports"`
		}
		admin(t, host, "GET", base+"/reports", nil, 200, &cat)
		if len(cat.Reports) != len(p.reports) {
			t.Errorf("catalogue has %d reports", len(cat.Reports))
		}
		if _, ok := s.SubscriptionOf(p.name); ok {
			t.Errorf("subscription still stored")
		}
	})
}

func TestReportsVariants(t *testing.T) {
	forEachProduct(t, mockcloud.Options{}, func(t *testing.T, p reportProduct, s *mockcloud.Server, host string, cl any) {
		base := "/_mock/" + p.name
		params := taskParams(p, "all-domains")
		delete(params, "DomainName")
		p.mustCall(t, cl, "Create", "DeliverTask", params)
		p.mustCall(t, cl, "Create", "SubTask", map[string]string{"ReportIds": strconv.Itoa(p.reports[0])})

		admin(t, host, "PUT", base+"/variants", map[string]any{"sub_list_nested": true, "typo": true}, 400, nil)
		var v mockcloud.ReportVariants
		admin(t, host, "PUT", base+"/variants", map[string]any{
			"sub_list_nested": true, "domains_all": true, "dm_list_empty_string": true, "omit_effective_formats": true,
		}, 200, &v)
		if !v.SubListNested || !v.DomainsAll || !v.DmListEmptyString || !v.OmitEffectiveFormats || v.ContentObject {
			t.Fatalf("variants = %+v", v)
		}

		// The typed SDK structs still decode these: Content stays a string.
		sub := p.mustCall(t, cl, "Describe", "SubList", nil)
		var nested struct {
			RequestID   string `json:"RequestId"`
			Description string `json:"Description"`
			Content     struct {
				Data []wireSub `json:"data"`
			} `json:"Content"`
		}
		if err := json.Unmarshal([]byte(sub["Content"]), &nested); err != nil || nested.RequestID == "" || len(nested.Content.Data) != 1 {
			t.Fatalf("nested SubList Content %s: %v", sub["Content"], err)
		}
		if d := nested.Content.Data[0].Domains; len(d) != 1 || d[0] != "all" {
			t.Errorf("domains = %q, want [all]", d)
		}
		list := p.mustCall(t, cl, "Describe", "DeliverList", nil)
		if strings.Contains(list["Content"], "timeFromFormat") || strings.Contains(list["Content"], "timeEndFormat") {
			t.Errorf("effective formats not omitted: %s", list["Content"])
		}
		if tasks := contentData[wireTask](t, list); len(tasks) != 1 || len(tasks[0].DmList) != 1 || tasks[0].DmList[0] != "" {
			t.Errorf("dmList = %+v, want [\"\"]", tasks)
		}

		// Content as an object: the typed SDK structs (Content string)
		// cannot decode it.
		admin(t, host, "PUT", base+"/variants", map[string]any{"content_object": true}, 200, nil)
		if _, err := p.call(cl, "Describe", "DeliverList", nil); err == nil || !strings.Contains(err.Error(), "JsonUnmarshalError") {
			t.Errorf("the typed SDK decoded an object Content: %v", err)
		}
		admin(t, host, "GET", base+"/variants", nil, 200, &v)
		if !v.ContentObject || v.SubListNested {
			t.Errorf("variants = %+v", v)
		}
		admin(t, host, "PUT", base+"/variants", map[string]any{}, 200, nil)
		if got, _ := s.ReportVariantsOf(p.name); got != (mockcloud.ReportVariants{}) {
			t.Errorf("variants not cleared: %+v", got)
		}
		if tasks := contentData[wireTask](t, p.mustCall(t, cl, "Describe", "DeliverList", nil)); len(tasks[0].DmList) != 0 {
			t.Errorf("dmList = %q after clearing the variants", tasks[0].DmList)
		}
	})
}

// DescribeDeliverList answers are counted by what they asked for: the
// whole list, or one task through the DeliverId filter (found or not),
// and how many tasks they held.
func TestReportsDeliverListReads(t *testing.T) {
	forEachProduct(t, mockcloud.Options{}, func(t *testing.T, p reportProduct, s *mockcloud.Server, host string, cl any) {
		var ids []string
		for _, name := range []string{"a", "b", "c"} {
			ids = append(ids, p.mustCall(t, cl, "Create", "DeliverTask", taskParams(p, name))["DeliverId"])
		}
		p.mustCall(t, cl, "Describe", "DeliverList", nil)
		p.mustCall(t, cl, "Describe", "DeliverList", map[string]string{"DeliverId": ids[1]})
		p.mustCall(t, cl, "Describe", "DeliverList", map[string]string{"DeliverId": ids[1]})
		_, err := p.call(cl, "Describe", "DeliverList", map[string]string{"DeliverId": "999999"})
		wantServerError(t, err, "InvalidDeliverId.NotFound", 404)

		r, err := s.DeliverListReads(p.name)
		if err != nil {
			t.Fatal(err)
		}
		second, _ := strconv.ParseInt(ids[1], 10, 64)
		if r.Full != 1 || r.ByID[second] != 2 || r.ByID[999999] != 1 || r.Single() != 3 || r.Tasks != 3+1+1 {
			t.Fatalf("reads = %+v", r)
		}
		var got mockcloud.DeliverListReads
		admin(t, host, "GET", "/_mock/"+p.name+"/deliver_list_reads", nil, 200, &got)
		if got.Full != 1 || got.Single() != 3 || got.Tasks != 5 {
			t.Errorf("admin reads = %+v", got)
		}
		admin(t, host, "DELETE", "/_mock/"+p.name+"/deliver_list_reads", nil, 200, nil)
		if r, _ := s.DeliverListReads(p.name); r.Full != 0 || r.Single() != 0 || r.Tasks != 0 {
			t.Errorf("after reset: %+v", r)
		}
	})
}
