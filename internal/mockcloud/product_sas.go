package mockcloud

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Security Center (Sas) 2018-12-03: operation task subtasks.
const (
	SasProduct = "Sas"
	SasVersion = "2018-12-03"
)

// Subtask statuses (StatusCode on the wire).
const (
	SubtaskNotStarted = 0
	SubtaskRunning    = 1
	SubtaskSucceeded  = 2
	SubtaskTimedOut   = 3
	SubtaskFailed     = 4
)

// Error codes documented for ListOperationProcessDetail.
const (
	CodeCspmParamIllegal = "CspmParamIllegal"
	CodeNoPermission     = "NoPermission"
	CodeServerError      = "ServerError"
)

// ASSUMPTION: Sas documents neither the page size bounds nor which time
// the StartTime/EndTime window applies to. The mock allows PageSize 1-100
// (default 20) and keeps subtasks whose CreateTime lies in the window,
// bounds included; the provider depends on neither.
const (
	sasDefaultPageSize = 20
	sasMaxPageSize     = 100
	firstDetailTaskID  = 700001
)

// SasCheck is one check item a subtask ran. NameZh is what Lang=zh (the
// default) shows; Name is the English name, used when NameZh is empty too.
type SasCheck struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	NameZh string `json:"name_zh,omitempty"`
}

// Subtask is one subtask (detail task) of a Security Center operation
// task. Subtasks exist only when seeded.
type Subtask struct {
	// AccountID defaults to DefaultAccountID.
	AccountID string `json:"account_id,omitempty"`
	TaskID    int64  `json:"task_id"`
	// DetailTaskID is assigned when 0.
	DetailTaskID int64      `json:"detail_task_id"`
	Status       int        `json:"status"`
	AssetType    int        `json:"asset_type"`
	AssetSubType int        `json:"asset_sub_type"`
	AssetVendor  int        `json:"asset_vendor"`
	Checks       []SasCheck `json:"checks"`
	// CreateTime defaults to now; StartTime to CreateTime once the
	// subtask left "not started"; EndTime to StartTime once it finished.
	CreateTime time.Time `json:"create_time"`
	StartTime  time.Time `json:"start_time,omitzero"`
	EndTime    time.Time `json:"end_time,omitzero"`
}

func (st Subtask) clone() Subtask {
	st.Checks = slices.Clone(st.Checks)
	return st
}

func subtaskFinished(status int) bool { return status >= SubtaskSucceeded }

// normalize checks the subtask and fills the defaults documented on Subtask.
func (st *Subtask) normalize(now time.Time) error {
	if st.TaskID <= 0 {
		return errors.New("mockcloud: a subtask needs a positive task_id")
	}
	if st.Status < SubtaskNotStarted || st.Status > SubtaskFailed {
		return fmt.Errorf("mockcloud: subtask status %d is not 0-4", st.Status)
	}
	if st.AccountID == "" {
		st.AccountID = DefaultAccountID
	}
	if st.Checks == nil {
		st.Checks = []SasCheck{}
	}
	if st.CreateTime.IsZero() {
		st.CreateTime = now
	}
	if st.Status != SubtaskNotStarted && st.StartTime.IsZero() {
		st.StartTime = st.CreateTime
	}
	if subtaskFinished(st.Status) && st.EndTime.IsZero() {
		st.EndTime = st.StartTime
	}
	return nil
}

// sasState is the Sas section of the store.
type sasState struct {
	NextDetailTaskID int64              `json:"next_detail_task_id"`
	Subtasks         map[int64]*Subtask `json:"subtasks"` // by DetailTaskID
	// PageSizeCap, when > 0, is the most subtasks one page holds: a larger
	// PageSize is served (and echoed in PageInfo.PageSize) as this many, as
	// a service that caps its pages below what the client asked would.
	PageSizeCap int `json:"page_size_cap,omitempty"`
	// NumericIDs serves TaskId and DetailTaskId as JSON numbers. By
	// default they are JSON strings and CheckId a number, the documented
	// types (Sas reference, ListOperationProcessDetail: TaskId and
	// DetailTaskId string, UUIDs in its examples, CheckId long;
	// alibabacloud-go-sdk sas-20181203, internal/contract/sas.json). The
	// numbers are the mock's earlier answer, kept as a variant outside the
	// definitions (a test using it turns the fidelity check off).
	NumericIDs bool `json:"numeric_ids,omitempty"`
}

func (ss *sasState) normalize() {
	if ss.Subtasks == nil {
		ss.Subtasks = map[int64]*Subtask{}
	}
	if ss.NextDetailTaskID < firstDetailTaskID {
		ss.NextDetailTaskID = firstDetailTaskID
	}
	for id := range ss.Subtasks {
		if id >= ss.NextDetailTaskID {
			ss.NextDetailTaskID = id + 1
		}
	}
}

func (ss *sasState) add(st Subtask, now time.Time) (int64, error) {
	if err := st.normalize(now); err != nil {
		return 0, err
	}
	if st.DetailTaskID == 0 {
		st.DetailTaskID = ss.NextDetailTaskID
	} else if _, taken := ss.Subtasks[st.DetailTaskID]; taken || st.DetailTaskID < 0 {
		return 0, fmt.Errorf("mockcloud: detail task id %d is taken or invalid", st.DetailTaskID)
	}
	if st.DetailTaskID >= ss.NextDetailTaskID {
		ss.NextDetailTaskID = st.DetailTaskID + 1
	}
	ss.Subtasks[st.DetailTaskID] = &st
	return st.DetailTaskID, nil
}

// --- RPC handler ---

func (s *Server) registerSas() {
	s.handleRPC(SasProduct, SasVersion, "ListOperationProcessDetail", s.sasListProcessDetail)
}

func errCspmParamIllegal(format string, args ...any) *apiError {
	return errBadRequest(CodeCspmParamIllegal, fmt.Sprintf(format, args...))
}

// sasWireID is an id as ListOperationProcessDetail serves it: a JSON
// number, or in the string-ids variant a JSON string.
type sasWireID struct {
	id  int64
	str bool
}

func (w sasWireID) MarshalJSON() ([]byte, error) {
	n := strconv.FormatInt(w.id, 10)
	if w.str {
		return []byte(`"` + n + `"`), nil
	}
	return []byte(n), nil
}

type sasCheckWire struct {
	CheckID       sasWireID `json:"CheckId"`
	CheckShowName string    `json:"CheckShowName"`
}

type sasProcessDetailWire struct {
	TaskID       sasWireID      `json:"TaskId"`
	DetailTaskID sasWireID      `json:"DetailTaskId"`
	StatusCode   int            `json:"StatusCode"`
	AssetType    int            `json:"AssetType"`
	AssetSubType int            `json:"AssetSubType"`
	AssetVendor  int            `json:"AssetVendor"`
	Checks       []sasCheckWire `json:"Checks"`
	CreateTime   int64          `json:"CreateTime"`
	StartTime    int64          `json:"StartTime,omitempty"`
	EndTime      int64          `json:"EndTime,omitempty"`
}

type sasPageInfoWire struct {
	Count       int `json:"Count"`
	CurrentPage int `json:"CurrentPage"`
	PageSize    int `json:"PageSize"`
	TotalCount  int `json:"TotalCount"`
}

func millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func toProcessDetailWire(st *Subtask, lang string, numericIDs bool) sasProcessDetailWire {
	stringIDs := !numericIDs
	checks := make([]sasCheckWire, 0, len(st.Checks))
	for _, c := range st.Checks {
		name := c.NameZh
		if lang == "en" || name == "" {
			name = c.Name
		}
		checks = append(checks, sasCheckWire{CheckID: sasWireID{c.ID, false}, CheckShowName: name})
	}
	return sasProcessDetailWire{
		TaskID:       sasWireID{st.TaskID, stringIDs},
		DetailTaskID: sasWireID{st.DetailTaskID, stringIDs},
		StatusCode:   st.Status,
		AssetType:    st.AssetType,
		AssetSubType: st.AssetSubType,
		AssetVendor:  st.AssetVendor,
		Checks:       checks,
		CreateTime:   millis(st.CreateTime),
		StartTime:    millis(st.StartTime),
		EndTime:      millis(st.EndTime),
	}
}

// sasIntParam reads an optional integer parameter within [lo, hi].
func sasIntParam(c *rpcCall, name string, def, lo, hi int64) (int64, error) {
	raw := c.param(name)
	if raw == "" {
		return def, nil
	}
	v, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || v < lo || v > hi {
		return 0, errCspmParamIllegal("The parameter %s %q must be an integer from %d to %d.", name, raw, lo, hi)
	}
	return v, nil
}

// listParam reads a repeated parameter Name.1, Name.2, ... in index order.
func listParam(c *rpcCall, name string) ([]string, error) {
	type item struct {
		i int
		v string
	}
	var items []item
	for k, v := range c.Params {
		idx, ok := strings.CutPrefix(k, name+".")
		if !ok {
			continue
		}
		i, err := strconv.Atoi(idx)
		if err != nil || i < 1 {
			return nil, errCspmParamIllegal("The parameter %s has an invalid index.", k)
		}
		items = append(items, item{i, v})
	}
	sort.Slice(items, func(a, b int) bool { return items[a].i < items[b].i })
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.v
	}
	return out, nil
}

func (s *Server) sasListProcessDetail(c *rpcCall) (any, error) {
	page, err := sasIntParam(c, "CurrentPage", 1, 1, 1<<30)
	if err != nil {
		return nil, err
	}
	size, err := sasIntParam(c, "PageSize", sasDefaultPageSize, 1, sasMaxPageSize)
	if err != nil {
		return nil, err
	}
	numericIDs := false
	_ = s.store.view(func(st *cloudState) error {
		if limit := int64(st.Sas.PageSizeCap); limit > 0 && size > limit {
			size = limit
		}
		numericIDs = st.Sas.NumericIDs
		return nil
	})
	from, err := sasIntParam(c, "StartTime", -1, 0, 1<<62)
	if err != nil {
		return nil, err
	}
	to, err := sasIntParam(c, "EndTime", -1, 0, 1<<62)
	if err != nil {
		return nil, err
	}
	if from >= 0 && to >= 0 && from > to {
		return nil, errCspmParamIllegal("The parameter StartTime %d is after EndTime %d.", from, to)
	}
	lang := c.param("Lang")
	if lang != "" && lang != "zh" && lang != "en" {
		return nil, errCspmParamIllegal("The parameter Lang %q must be zh or en.", lang)
	}
	rawIDs, err := listParam(c, "TaskIds")
	if err != nil {
		return nil, err
	}
	// Task ids are strings (the reference's example is a UUID): one the
	// mock never made matches nothing; only a blank one is refused.
	taskIDs := map[string]bool{}
	for _, raw := range rawIDs {
		if strings.TrimSpace(raw) == "" {
			return nil, errCspmParamIllegal("The parameter TaskIds %q is not a valid task id.", raw)
		}
		taskIDs[raw] = true
	}
	rawCodes, err := listParam(c, "StatusCodes")
	if err != nil {
		return nil, err
	}
	codes := map[int]bool{}
	for _, raw := range rawCodes {
		code, err := strconv.Atoi(raw)
		if err != nil || code < SubtaskNotStarted || code > SubtaskFailed {
			return nil, errCspmParamIllegal("The parameter StatusCodes %q must be 0-4.", raw)
		}
		codes[code] = true
	}

	var matched []*Subtask
	_ = s.store.view(func(st *cloudState) error {
		for _, sub := range st.Sas.Subtasks {
			ms := sub.CreateTime.UnixMilli()
			switch {
			case sub.AccountID != c.AccountID,
				len(taskIDs) > 0 && !taskIDs[strconv.FormatInt(sub.TaskID, 10)],
				len(codes) > 0 && !codes[sub.Status],
				from >= 0 && ms < from,
				to >= 0 && ms > to:
				continue
			}
			cp := sub.clone()
			matched = append(matched, &cp)
		}
		return nil
	})
	// Newest first, as the console lists them.
	sort.Slice(matched, func(a, b int) bool {
		if !matched[a].CreateTime.Equal(matched[b].CreateTime) {
			return matched[a].CreateTime.After(matched[b].CreateTime)
		}
		return matched[a].DetailTaskID > matched[b].DetailTaskID
	})

	type listResponse struct {
		ProcessDetails []sasProcessDetailWire `json:"ProcessDetails"`
		PageInfo       sasPageInfoWire        `json:"PageInfo"`
	}
	lo := min(int((page-1)*size), len(matched))
	hi := min(lo+int(size), len(matched))
	resp := listResponse{ProcessDetails: []sasProcessDetailWire{}}
	for _, sub := range matched[lo:hi] {
		resp.ProcessDetails = append(resp.ProcessDetails, toProcessDetailWire(sub, lang, numericIDs))
	}
	resp.PageInfo = sasPageInfoWire{Count: hi - lo, CurrentPage: int(page), PageSize: int(size), TotalCount: len(matched)}
	return resp, nil
}

// --- Go API ---

// SeedSubtask stores a subtask (defaults as documented on Subtask) and
// returns its detail task id.
func (s *Server) SeedSubtask(st Subtask) (int64, error) {
	ids, err := s.SeedSubtasks(st, 1)
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// SeedSubtasks stores n copies of st with fresh detail task ids.
func (s *Server) SeedSubtasks(st Subtask, n int) ([]int64, error) {
	if n < 1 || (n > 1 && st.DetailTaskID != 0) {
		return nil, fmt.Errorf("mockcloud: cannot seed %d subtasks with detail task id %d", n, st.DetailTaskID)
	}
	now := s.Now()
	var ids []int64
	err := s.store.update(func(cs *cloudState) error {
		for range n {
			id, err := cs.Sas.add(st.clone(), now)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	return ids, err
}

// Subtasks lists every subtask of every account, by detail task id.
func (s *Server) Subtasks() []Subtask {
	var out []Subtask
	_ = s.store.view(func(cs *cloudState) error {
		for _, st := range cs.Sas.Subtasks {
			out = append(out, st.clone())
		}
		return nil
	})
	sort.Slice(out, func(a, b int) bool { return out[a].DetailTaskID < out[b].DetailTaskID })
	return out
}

// UpdateSubtask changes a subtask behind the provider's back. A status
// change without new times sets StartTime (leaving "not started") and
// EndTime (finishing) to now.
func (s *Server) UpdateSubtask(id int64, f func(*Subtask)) error {
	now := s.Now()
	return s.store.update(func(cs *cloudState) error {
		cur, ok := cs.Sas.Subtasks[id]
		if !ok {
			return fmt.Errorf("%w: subtask %d", ErrNotFound, id)
		}
		c := cur.clone()
		f(&c)
		c.DetailTaskID = id
		if c.Status != cur.Status {
			if c.Status != SubtaskNotStarted && c.StartTime.IsZero() {
				c.StartTime = now
			}
			if subtaskFinished(c.Status) && c.EndTime.Equal(cur.EndTime) {
				c.EndTime = now
			}
			if !subtaskFinished(c.Status) {
				c.EndTime = time.Time{}
			}
			if c.Status == SubtaskNotStarted {
				c.StartTime = time.Time{}
			}
		}
		if err := c.normalize(now); err != nil {
			return err
		}
		cs.Sas.Subtasks[id] = &c
		return nil
	})
}

// DeleteSubtask removes one subtask.
func (s *Server) DeleteSubtask(id int64) bool {
	found := false
	s.logError("DeleteSubtask", s.store.update(func(cs *cloudState) error {
		_, found = cs.Sas.Subtasks[id]
		delete(cs.Sas.Subtasks, id)
		return nil
	}))
	return found
}

// seedInitialSubtasks stores Options.Subtasks; one with a DetailTaskID
// replaces the stored one, so a restart on a state file does not
// duplicate them.
func (s *Server) seedInitialSubtasks() error {
	now := s.Now()
	return s.store.update(func(cs *cloudState) error {
		for _, st := range s.opts.Subtasks {
			delete(cs.Sas.Subtasks, st.DetailTaskID)
			if _, err := cs.Sas.add(st.clone(), now); err != nil {
				return err
			}
		}
		return nil
	})
}

// DemoSubtasks are the subtasks the standalone mock starts with: two
// operation tasks (4001 and 4002) over the last hours before now, with a
// subtask in each status (detail task ids 600001-600005).
func DemoSubtasks(now time.Time) []Subtask {
	now = now.UTC().Truncate(time.Second)
	at := func(d time.Duration) time.Time { return now.Add(-d) }
	ecs := []SasCheck{
		{ID: 101, Name: "ECS instance has a security group with 0.0.0.0/0 open", NameZh: "ECS 实例安全组对 0.0.0.0/0 开放"},
		{ID: 102, Name: "ECS disk encryption enabled", NameZh: "ECS 云盘已加密"},
	}
	oss := []SasCheck{{ID: 201, Name: "OSS bucket is not publicly readable", NameZh: "OSS 存储桶不可公共读"}}
	return []Subtask{
		{DetailTaskID: 600001, TaskID: 4001, Status: SubtaskSucceeded, AssetType: 8, AssetSubType: 0, AssetVendor: 0, Checks: ecs, CreateTime: at(3 * time.Hour), StartTime: at(3 * time.Hour), EndTime: at(175 * time.Minute)},
		{DetailTaskID: 600002, TaskID: 4001, Status: SubtaskFailed, AssetType: 8, AssetSubType: 1, AssetVendor: 0, Checks: ecs[:1], CreateTime: at(3 * time.Hour), StartTime: at(3 * time.Hour), EndTime: at(170 * time.Minute)},
		{DetailTaskID: 600003, TaskID: 4001, Status: SubtaskTimedOut, AssetType: 12, AssetSubType: 0, AssetVendor: 0, Checks: oss, CreateTime: at(3 * time.Hour), StartTime: at(3 * time.Hour), EndTime: at(2 * time.Hour)},
		{DetailTaskID: 600004, TaskID: 4002, Status: SubtaskRunning, AssetType: 8, AssetSubType: 0, AssetVendor: 0, Checks: ecs, CreateTime: at(10 * time.Minute), StartTime: at(9 * time.Minute)},
		{DetailTaskID: 600005, TaskID: 4002, Status: SubtaskNotStarted, AssetType: 12, AssetSubType: 0, AssetVendor: 0, Checks: oss, CreateTime: at(10 * time.Minute)},
	}
}

// SetSasPageSizeCap makes ListOperationProcessDetail serve at most n
// subtasks a page whatever PageSize asks (0: no cap beyond the 1-100
// bounds).
func (s *Server) SetSasPageSizeCap(n int) {
	s.logError("SetSasPageSizeCap", s.store.update(func(st *cloudState) error {
		st.Sas.PageSizeCap = max(n, 0)
		return nil
	}))
}

// SetSasNumericIDs makes ListOperationProcessDetail serve TaskId and
// DetailTaskId as JSON numbers (true) or, as documented, strings (false).
func (s *Server) SetSasNumericIDs(on bool) {
	s.logError("SetSasNumericIDs", s.store.update(func(st *cloudState) error {
		st.Sas.NumericIDs = on
		return nil
	}))
}

// SasNumericIDs says whether task ids are served as numbers.
func (s *Server) SasNumericIDs() bool {
	on := false
	_ = s.store.view(func(st *cloudState) error {
		on = st.Sas.NumericIDs
		return nil
	})
	return on
}

// SasPageSizeCap is the page size cap in force (0: none).
func (s *Server) SasPageSizeCap() int {
	n := 0
	_ = s.store.view(func(st *cloudState) error {
		n = st.Sas.PageSizeCap
		return nil
	})
	return n
}

// --- admin API ---

func (s *Server) registerSasAdmin(handle func(string, func(*http.Request) (int, any))) {
	handle("GET /_mock/sas/page_size_cap", func(*http.Request) (int, any) {
		return http.StatusOK, map[string]any{"page_size_cap": s.SasPageSizeCap()}
	})
	handle("PUT /_mock/sas/page_size_cap", func(r *http.Request) (int, any) {
		var body struct {
			PageSizeCap *int `json:"page_size_cap"`
		}
		if err := decodeJSON(r, &body); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		if body.PageSizeCap == nil || *body.PageSizeCap < 0 {
			return http.StatusBadRequest, adminError(errors.New(`want {"page_size_cap": N}, N >= 0 (0: no cap)`))
		}
		s.SetSasPageSizeCap(*body.PageSizeCap)
		return http.StatusOK, map[string]any{"page_size_cap": s.SasPageSizeCap()}
	})
	handle("GET /_mock/sas/variants", func(*http.Request) (int, any) {
		return http.StatusOK, map[string]any{"numeric_ids": s.SasNumericIDs()}
	})
	handle("PUT /_mock/sas/variants", func(r *http.Request) (int, any) {
		var body struct {
			NumericIDs *bool `json:"numeric_ids"`
		}
		if err := decodeJSON(r, &body); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		if body.NumericIDs == nil {
			return http.StatusBadRequest, adminError(errors.New(`want {"numeric_ids": true|false}`))
		}
		s.SetSasNumericIDs(*body.NumericIDs)
		return http.StatusOK, map[string]any{"numeric_ids": s.SasNumericIDs()}
	})
	handle("GET /_mock/sas/subtasks", func(*http.Request) (int, any) {
		return http.StatusOK, map[string]any{"subtasks": nonNil(s.Subtasks())}
	})
	handle("POST /_mock/sas/subtasks", func(r *http.Request) (int, any) {
		var body struct {
			Subtask
			Count int `json:"count"`
		}
		if err := decodeJSON(r, &body); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		if body.Count == 0 {
			body.Count = 1
		}
		if body.Count < 0 || body.Count > 100000 {
			return http.StatusBadRequest, adminError(errors.New("count must be 1-100000"))
		}
		ids, err := s.SeedSubtasks(body.Subtask, body.Count)
		if err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		return http.StatusCreated, map[string]any{"detail_task_ids": ids}
	})
	handle("PATCH /_mock/sas/subtasks/{id}", func(r *http.Request) (int, any) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			return http.StatusBadRequest, adminError(fmt.Errorf("detail task id %q is not a number", r.PathValue("id")))
		}
		var body struct {
			Status       *int        `json:"status"`
			AssetType    *int        `json:"asset_type"`
			AssetSubType *int        `json:"asset_sub_type"`
			AssetVendor  *int        `json:"asset_vendor"`
			Checks       *[]SasCheck `json:"checks"`
		}
		if err := decodeJSON(r, &body); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		err = s.UpdateSubtask(id, func(st *Subtask) {
			setIf(&st.Status, body.Status)
			setIf(&st.AssetType, body.AssetType)
			setIf(&st.AssetSubType, body.AssetSubType)
			setIf(&st.AssetVendor, body.AssetVendor)
			setIf(&st.Checks, body.Checks)
		})
		return patched(err, func() any {
			for _, st := range s.Subtasks() {
				if st.DetailTaskID == id {
					return st
				}
			}
			return nil
		})
	})
	handle("DELETE /_mock/sas/subtasks/{id}", func(r *http.Request) (int, any) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			return http.StatusBadRequest, adminError(fmt.Errorf("detail task id %q is not a number", r.PathValue("id")))
		}
		if !s.DeleteSubtask(id) {
			return http.StatusNotFound, adminError(fmt.Errorf("subtask %d not found", id))
		}
		return http.StatusOK, map[string]any{"status": "ok"}
	})
}
