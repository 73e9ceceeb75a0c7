package mockcloud_test

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// processDetail reads the documented types: task ids as JSON strings.
type processDetail struct {
	TaskID       int64 `json:"TaskId,string"`
	DetailTaskID int64 `json:"DetailTaskId,string"`
	StatusCode   int
	AssetType    int
	AssetSubType int
	AssetVendor  int
	Checks       []struct {
		CheckID       int64 `json:"CheckId"`
		CheckShowName string
	}
	CreateTime int64
	StartTime  int64
	EndTime    int64
}

type processDetailList struct {
	RequestID      string `json:"RequestId"`
	ProcessDetails []processDetail
	PageInfo       struct{ Count, CurrentPage, PageSize, TotalCount int }
}

// sasList calls ListOperationProcessDetail the way the provider does: a
// plain SDK client and a CommonRequest (the SDK has no Sas package).
func sasList(t *testing.T, host string, cred auth.Credential, params map[string]string) (*processDetailList, error) {
	t.Helper()
	body, err := sasListBody(t, host, cred, params)
	if err != nil {
		return nil, err
	}
	var out processDetailList
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("decoding %s: %v", body, err)
	}
	return &out, nil
}

// sasListBody is sasList's answer body, undecoded.
func sasListBody(t *testing.T, host string, cred auth.Credential, params map[string]string) ([]byte, error) {
	t.Helper()
	cfg := sdk.NewConfig()
	cfg.Scheme = "HTTP"
	cfg.AutoRetry = false
	c, err := sdk.NewClientWithOptions("cn-hangzhou", cfg, cred)
	if err != nil {
		t.Fatalf("NewClientWithOptions: %v", err)
	}
	c.Domain = host
	req := requests.NewCommonRequest()
	req.Method = requests.POST
	req.Product = mockcloud.SasProduct
	req.Version = mockcloud.SasVersion
	req.ApiName = "ListOperationProcessDetail"
	for k, v := range params {
		req.QueryParams[k] = v
	}
	resp, err := c.ProcessCommonRequest(req)
	if err != nil {
		return nil, err
	}
	return resp.GetHttpContentBytes(), nil
}

func mustSasList(t *testing.T, host string, params map[string]string) *processDetailList {
	t.Helper()
	out, err := sasList(t, host, defaultCred(), params)
	if err != nil {
		t.Fatalf("ListOperationProcessDetail(%v): %v", params, err)
	}
	return out
}

func detailIDs(l *processDetailList) []int64 {
	out := make([]int64, len(l.ProcessDetails))
	for i, d := range l.ProcessDetails {
		out[i] = d.DetailTaskID
	}
	return out
}

func seedSubtask(t *testing.T, s *mockcloud.Server, st mockcloud.Subtask) int64 {
	t.Helper()
	id, err := s.SeedSubtask(st)
	if err != nil {
		t.Fatalf("SeedSubtask: %v", err)
	}
	return id
}

func TestSasListShapeAndLanguage(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	s, host := newMock(t, mockcloud.Options{Now: clock.Now})
	created := clock.Now().Add(-time.Hour)
	id := seedSubtask(t, s, mockcloud.Subtask{
		TaskID: 4001, Status: mockcloud.SubtaskFailed, AssetType: 8, AssetSubType: 1, AssetVendor: 2,
		Checks:     []mockcloud.SasCheck{{ID: 101, Name: "Disk encrypted", NameZh: "云盘已加密"}, {ID: 102, Name: "English only"}},
		CreateTime: created,
	})
	notStarted := seedSubtask(t, s, mockcloud.Subtask{TaskID: 4001, CreateTime: created.Add(-time.Minute)})

	got := mustSasList(t, host, nil)
	if got.RequestID == "" || got.PageInfo.TotalCount != 2 || got.PageInfo.Count != 2 || got.PageInfo.CurrentPage != 1 || got.PageInfo.PageSize != 20 {
		t.Fatalf("list = %+v", got)
	}
	d := got.ProcessDetails[0]
	if d.DetailTaskID != id || d.TaskID != 4001 || d.StatusCode != 4 || d.AssetType != 8 || d.AssetSubType != 1 || d.AssetVendor != 2 {
		t.Errorf("detail = %+v", d)
	}
	// A finished subtask defaults its start and end to its creation.
	if d.CreateTime != created.UnixMilli() || d.StartTime != created.UnixMilli() || d.EndTime != created.UnixMilli() {
		t.Errorf("times = %d %d %d, want %d", d.CreateTime, d.StartTime, d.EndTime, created.UnixMilli())
	}
	if len(d.Checks) != 2 || d.Checks[0].CheckID != 101 || d.Checks[0].CheckShowName != "云盘已加密" || d.Checks[1].CheckShowName != "English only" {
		t.Errorf("zh checks = %+v", d.Checks)
	}
	if n := got.ProcessDetails[1]; n.DetailTaskID != notStarted || n.StartTime != 0 || n.EndTime != 0 || n.StatusCode != 0 {
		t.Errorf("not started subtask = %+v", n)
	}

	en := mustSasList(t, host, map[string]string{"Lang": "en"})
	if c := en.ProcessDetails[0].Checks[0]; c.CheckShowName != "Disk encrypted" {
		t.Errorf("en check = %+v", c)
	}
}

func TestSasListFilters(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	s, host := newMock(t, mockcloud.Options{
		Now:         clock.Now,
		Credentials: []mockcloud.Credential{{AccessKeyID: "other-ak", AccessKeySecret: "other-sk", AccountID: "222"}},
	})
	base := clock.Now().Add(-24 * time.Hour)
	a1 := seedSubtask(t, s, mockcloud.Subtask{TaskID: 1, Status: mockcloud.SubtaskSucceeded, CreateTime: base})
	a2 := seedSubtask(t, s, mockcloud.Subtask{TaskID: 1, Status: mockcloud.SubtaskFailed, CreateTime: base.Add(time.Hour)})
	b1 := seedSubtask(t, s, mockcloud.Subtask{TaskID: 2, Status: mockcloud.SubtaskTimedOut, CreateTime: base.Add(2 * time.Hour)})
	b2 := seedSubtask(t, s, mockcloud.Subtask{TaskID: 2, Status: mockcloud.SubtaskRunning, CreateTime: base.Add(3 * time.Hour)})
	c1 := seedSubtask(t, s, mockcloud.Subtask{TaskID: 3, Status: mockcloud.SubtaskFailed, CreateTime: base.Add(4 * time.Hour)})
	seedSubtask(t, s, mockcloud.Subtask{TaskID: 1, AccountID: "222", Status: mockcloud.SubtaskFailed, CreateTime: base})

	ms := func(d time.Duration) string { return strconv.FormatInt(base.Add(d).UnixMilli(), 10) }
	cases := []struct {
		name   string
		params map[string]string
		want   []int64
	}{
		{"all, newest first", nil, []int64{c1, b2, b1, a2, a1}},
		{"task ids", map[string]string{"TaskIds.1": "1", "TaskIds.2": "3"}, []int64{c1, a2, a1}},
		{"status codes", map[string]string{"StatusCodes.1": "3", "StatusCodes.2": "4"}, []int64{c1, b1, a2}},
		{"window, bounds included", map[string]string{"StartTime": ms(time.Hour), "EndTime": ms(3 * time.Hour)}, []int64{b2, b1, a2}},
		{"start only", map[string]string{"StartTime": ms(3 * time.Hour)}, []int64{c1, b2}},
		{"end only", map[string]string{"EndTime": ms(0)}, []int64{a1}},
		{"combined", map[string]string{"TaskIds.1": "1", "TaskIds.2": "2", "StatusCodes.1": "4", "StatusCodes.2": "3", "StartTime": ms(90 * time.Minute)}, []int64{b1}},
		{"nothing matches", map[string]string{"TaskIds.1": "99"}, []int64{}},
		// The reference's task ids are UUIDs: one the mock never made
		// matches nothing, it is not refused.
		{"a UUID task id", map[string]string{"TaskIds.1": "a68478b8-811e-47ec-ab0c-3e5b077ca000"}, []int64{}},
	}
	for _, c := range cases {
		got := mustSasList(t, host, c.params)
		ids := detailIDs(got)
		if len(ids) != len(c.want) || got.PageInfo.TotalCount != len(c.want) {
			t.Errorf("%s: got %v (total %d), want %v", c.name, ids, got.PageInfo.TotalCount, c.want)
			continue
		}
		for i := range ids {
			if ids[i] != c.want[i] {
				t.Errorf("%s: got %v, want %v", c.name, ids, c.want)
				break
			}
		}
	}

	// Another account sees only its own.
	other, err := sasList(t, host, credentials.NewAccessKeyCredential("other-ak", "other-sk"), nil)
	if err != nil || other.PageInfo.TotalCount != 1 {
		t.Errorf("other account: %+v, %v", other, err)
	}
}

func TestSasListPaging(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	if _, err := s.SeedSubtasks(mockcloud.Subtask{TaskID: 7}, 45); err != nil {
		t.Fatal(err)
	}
	seen := map[int64]bool{}
	for page, want := range []int{20, 20, 5, 0} {
		got := mustSasList(t, host, map[string]string{"CurrentPage": strconv.Itoa(page + 1), "PageSize": "20"})
		if len(got.ProcessDetails) != want || got.PageInfo.Count != want || got.PageInfo.TotalCount != 45 || got.PageInfo.CurrentPage != page+1 {
			t.Errorf("page %d: %d items, page info %+v", page+1, len(got.ProcessDetails), got.PageInfo)
		}
		for _, id := range detailIDs(got) {
			if seen[id] {
				t.Errorf("subtask %d on two pages", id)
			}
			seen[id] = true
		}
	}
	if len(seen) != 45 {
		t.Errorf("%d distinct subtasks over all pages, want 45", len(seen))
	}
	if got := mustSasList(t, host, map[string]string{"PageSize": "100"}); len(got.ProcessDetails) != 45 {
		t.Errorf("page size 100: %d items", len(got.ProcessDetails))
	}
}

func TestSasListErrors(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{
		Credentials: []mockcloud.Credential{{AccessKeyID: "no-sas", AccessKeySecret: "no-sas-secret", DeniedProducts: []string{"Sas"}}},
	})
	for _, params := range []map[string]string{
		{"PageSize": "0"},
		{"PageSize": "101"},
		{"CurrentPage": "0"},
		{"CurrentPage": "x"},
		{"StartTime": "-5"},
		{"StartTime": "2024-01-01"},
		{"StartTime": "2000", "EndTime": "1000"},
		{"Lang": "fr"},
		{"TaskIds.1": " "},
		{"TaskIds.x": "1"},
		{"StatusCodes.1": "5"},
	} {
		_, err := sasList(t, host, defaultCred(), params)
		if err == nil {
			t.Errorf("%v: accepted", params)
			continue
		}
		wantServerError(t, err, mockcloud.CodeCspmParamIllegal, 400)
	}

	_, err := sasList(t, host, credentials.NewAccessKeyCredential("no-sas", "no-sas-secret"), nil)
	wantServerError(t, err, mockcloud.CodeNoPermission, 403)
	_, err = sasList(t, host, credentials.NewAccessKeyCredential("no-sas", "wrong"), nil)
	wantServerError(t, err, "SignatureDoesNotMatch", 400)

	s.AddFault(mockcloud.Fault{Product: "Sas", Action: "ListOperationProcessDetail", Code: mockcloud.CodeServerError, Count: 1})
	_, err = sasList(t, host, defaultCred(), nil)
	wantServerError(t, err, mockcloud.CodeServerError, 500)
	if _, err := sasList(t, host, defaultCred(), nil); err != nil {
		t.Errorf("after the fault: %v", err)
	}
	// Refused calls reached the API and are counted; only the last succeeded.
	if calls, ok := s.Calls("Sas", "ListOperationProcessDetail"), s.Succeeded("Sas", "ListOperationProcessDetail"); calls != 14 || ok != 1 {
		t.Errorf("calls = %d, succeeded = %d; want 14 and 1", calls, ok)
	}
}

// A page size cap serves at most that many a page whatever PageSize asks,
// echoes the size served, and pages on from it; the admin API sets it.
func TestSasListPageSizeCap(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	if _, err := s.SeedSubtasks(mockcloud.Subtask{TaskID: 7}, 45); err != nil {
		t.Fatal(err)
	}
	var capBody struct {
		PageSizeCap int `json:"page_size_cap"`
	}
	admin(t, host, "PUT", "/_mock/sas/page_size_cap", `{"page_size_cap": 20}`, 200, &capBody)
	admin(t, host, "PUT", "/_mock/sas/page_size_cap", `{"page_size_cap": -1}`, 400, nil)
	admin(t, host, "PUT", "/_mock/sas/page_size_cap", `{}`, 400, nil)
	if capBody.PageSizeCap != 20 || s.SasPageSizeCap() != 20 {
		t.Fatalf("cap %d / %d, want 20", capBody.PageSizeCap, s.SasPageSizeCap())
	}
	seen := map[int64]bool{}
	for page, want := range []int{20, 20, 5, 0} {
		got := mustSasList(t, host, map[string]string{"CurrentPage": strconv.Itoa(page + 1), "PageSize": "100"})
		if len(got.ProcessDetails) != want || got.PageInfo.Count != want || got.PageInfo.PageSize != 20 || got.PageInfo.TotalCount != 45 {
			t.Errorf("page %d: %d items, page info %+v", page+1, len(got.ProcessDetails), got.PageInfo)
		}
		for _, id := range detailIDs(got) {
			if seen[id] {
				t.Errorf("subtask %d on two pages", id)
			}
			seen[id] = true
		}
	}
	if len(seen) != 45 {
		t.Errorf("%d distinct subtasks over all pages, want 45", len(seen))
	}
	// Below the cap, PageSize is served as asked.
	if got := mustSasList(t, host, map[string]string{"PageSize": "10"}); len(got.ProcessDetails) != 10 || got.PageInfo.PageSize != 10 {
		t.Errorf("page size 10 under a cap of 20: %d items, page info %+v", len(got.ProcessDetails), got.PageInfo)
	}
	admin(t, host, "GET", "/_mock/sas/page_size_cap", nil, 200, &capBody)
	admin(t, host, "POST", "/_mock/reset", nil, 200, nil)
	if n := s.SasPageSizeCap(); n != 0 {
		t.Errorf("after reset: cap %d, want 0", n)
	}
}

func TestSasAdminAndReset(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	state := filepath.Join(dir, "state.json")
	demo := mockcloud.DemoSubtasks(time.Now())
	s, host := newMock(t, mockcloud.Options{Subtasks: demo, StateFile: state})
	if n := len(s.Subtasks()); n != 5 {
		t.Fatalf("%d built-in subtasks, want 5", n)
	}

	var created struct {
		IDs []int64 `json:"detail_task_ids"`
	}
	admin(t, host, "POST", "/_mock/sas/subtasks", `{"task_id": 9, "status": 4, "asset_type": 8, "checks": [{"id": 1, "name": "c"}], "count": 2}`, 201, &created)
	if len(created.IDs) != 2 {
		t.Fatalf("created %v", created.IDs)
	}
	admin(t, host, "POST", "/_mock/sas/subtasks", `{"status": 1}`, 400, nil)
	admin(t, host, "POST", "/_mock/sas/subtasks", `{"task_id": 9, "status": 7}`, 400, nil)
	admin(t, host, "POST", "/_mock/sas/subtasks", `{"task_id": 9, "colour": "red"}`, 400, nil)

	got := mustSasList(t, host, map[string]string{"TaskIds.1": "9"})
	if got.PageInfo.TotalCount != 2 || got.ProcessDetails[0].StatusCode != 4 || got.ProcessDetails[0].AssetType != 8 {
		t.Errorf("seeded through admin: %+v", got)
	}

	var patched mockcloud.Subtask
	admin(t, host, "PATCH", "/_mock/sas/subtasks/"+strconv.FormatInt(created.IDs[0], 10), `{"status": 1}`, 200, &patched)
	if patched.Status != 1 || !patched.EndTime.IsZero() || patched.StartTime.IsZero() {
		t.Errorf("patched = %+v", patched)
	}
	admin(t, host, "PATCH", "/_mock/sas/subtasks/1", `{"status": 1}`, 404, nil)
	admin(t, host, "DELETE", "/_mock/sas/subtasks/"+strconv.FormatInt(created.IDs[1], 10), nil, 200, nil)
	admin(t, host, "DELETE", "/_mock/sas/subtasks/"+strconv.FormatInt(created.IDs[1], 10), nil, 404, nil)

	var list struct{ Subtasks []mockcloud.Subtask }
	admin(t, host, "GET", "/_mock/sas/subtasks", nil, 200, &list)
	if len(list.Subtasks) != 6 {
		t.Errorf("%d subtasks listed, want 6", len(list.Subtasks))
	}

	// A restart on the state file keeps them and does not duplicate the
	// built-in ones.
	again, err := mockcloud.New(mockcloud.Options{Subtasks: demo, StateFile: state})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(again.Subtasks()); n != 6 {
		t.Errorf("after a restart: %d subtasks, want 6", n)
	}

	admin(t, host, "POST", "/_mock/reset", nil, 200, nil)
	if n := len(s.Subtasks()); n != 5 {
		t.Errorf("after reset: %d subtasks, want the 5 built-in ones", n)
	}
}

// By default TaskId and DetailTaskId are JSON strings and CheckId a number,
// the types the reference and the vendor's model document; the numeric-ids
// variant (the mock's earlier answer) serves numbers, switched through the
// admin API.
func TestSasIDTypes(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	id := seedSubtask(t, s, mockcloud.Subtask{TaskID: 4001, Checks: []mockcloud.SasCheck{{ID: 133, Name: "c"}}})
	type raw struct {
		ProcessDetails []struct {
			TaskID       json.RawMessage `json:"TaskId"`
			DetailTaskID json.RawMessage `json:"DetailTaskId"`
			Checks       []struct {
				CheckID json.RawMessage `json:"CheckId"`
			}
		}
	}
	list := func() raw {
		t.Helper()
		body, err := sasListBody(t, host, defaultCred(), map[string]string{"TaskIds.1": "4001"})
		if err != nil {
			t.Fatal(err)
		}
		var r raw
		if err := json.Unmarshal(body, &r); err != nil || len(r.ProcessDetails) != 1 || len(r.ProcessDetails[0].Checks) != 1 {
			t.Fatalf("%s: %v", body, err)
		}
		return r
	}
	want := strconv.FormatInt(id, 10)
	if d := list().ProcessDetails[0]; string(d.TaskID) != `"4001"` || string(d.DetailTaskID) != `"`+want+`"` || string(d.Checks[0].CheckID) != "133" {
		t.Errorf("documented types by default: %s %s %s", d.TaskID, d.DetailTaskID, d.Checks[0].CheckID)
	}
	var v struct {
		NumericIDs bool `json:"numeric_ids"`
	}
	admin(t, host, "PUT", "/_mock/sas/variants", `{"numeric_ids": true}`, 200, &v)
	if !v.NumericIDs || !s.SasNumericIDs() {
		t.Fatal("the variant is not on")
	}
	if d := list().ProcessDetails[0]; string(d.TaskID) != "4001" || string(d.DetailTaskID) != want || string(d.Checks[0].CheckID) != "133" {
		t.Errorf("numbers in the variant: %s %s %s", d.TaskID, d.DetailTaskID, d.Checks[0].CheckID)
	}
	admin(t, host, "PUT", "/_mock/sas/variants", `{}`, 400, nil)
	admin(t, host, "PUT", "/_mock/sas/variants", `{"numeric_ids": false}`, 200, &v)
	if d := list().ProcessDetails[0]; string(d.TaskID) != `"4001"` {
		t.Errorf("strings again: %s", d.TaskID)
	}
}
