package mockcloud

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ActionTrail 2020-07-06: history delivery jobs.
const (
	ActionTrailProduct = "Actiontrail"
	ActionTrailVersion = "2020-07-06"
)

// Delivery history job statuses, also used per region.
const (
	JobInitializing = 0
	JobDelivering   = 1
	JobComplete     = 2
	JobFailed       = 3
)

// ASSUMPTION: ActionTrail documents that only one history delivery job may
// run per account and that the trail must deliver to Log Service, but not
// the errors it answers. The mock's choices live here; the provider must
// not depend on their wording.
const (
	CodeDeliveryHistoryJobRunning   = "DeliveryHistoryJobRunning"
	MsgDeliveryHistoryJobRunning    = "A delivery history job is already running for this account."
	MsgDeliveryHistoryJobNotDeleted = "The delivery history job is still running and cannot be deleted."
	CodeTrailNotDeliveringToSLS     = "InvalidParameter"
	MsgTrailNotDeliveringToSLS      = "The trail does not deliver events to Log Service (SLS); a delivery history job needs an SLS destination."
)

var (
	errJobRunning       = errBadRequest(CodeDeliveryHistoryJobRunning, MsgDeliveryHistoryJobRunning)
	errJobRunningDelete = errBadRequest(CodeDeliveryHistoryJobRunning, MsgDeliveryHistoryJobNotDeleted)
	errTrailNoSLS       = errBadRequest(CodeTrailNotDeliveringToSLS, MsgTrailNotDeliveringToSLS)
	errTrailNotFound    = errNotFound("TrailNotFoundException", "The specified Trail does not exist.")
	errJobNotFound      = errNotFound("DeliveryHistoryJobNotFound", "The specified delivery history job does not exist.")
)

// ErrNotFound is returned by the Go API for an unknown trail or job.
var ErrNotFound = errors.New("mockcloud: not found")

const (
	firstJobID     = 10001
	clientTokenTTL = 24 * time.Hour
)

var defaultTrailRegions = []string{"cn-hangzhou", "cn-shanghai"}

// Trail is an ActionTrail trail: what DescribeTrails and GetTrailStatus
// show (product_actiontrail_trail.go serves them), plus what history
// delivery needs. Trails are made by CreateTrail or seeded (SeedTrail).
type Trail struct {
	Name string `json:"name"`
	// AccountID defaults to DefaultAccountID.
	AccountID string `json:"account_id,omitempty"`
	// HomeRegion defaults to DefaultRegion.
	HomeRegion string `json:"home_region,omitempty"`
	// Regions a job delivers for; default cn-hangzhou and cn-shanghai.
	Regions []string `json:"regions,omitempty"`
	// DeliversToSLS is a seed's shorthand: nil or true gives a seeded trail
	// without SlsProjectArn a Log Service project of its own; false leaves
	// it without one (and gives it an OSS bucket instead, so the trail has a
	// destination). After normalize it tells whether SlsProjectArn is set;
	// a trail without Log Service delivery refuses jobs.
	DeliversToSLS *bool `json:"delivers_to_sls,omitempty"`
	// FailRegions make the trail's jobs fail (status 3) in these regions.
	FailRegions []string `json:"fail_regions,omitempty"`

	// The API's fields (CreateTrail / DescribeTrails, SDK struct Trail).
	SlsProjectArn       string `json:"sls_project_arn,omitempty"`
	SlsWriteRoleArn     string `json:"sls_write_role_arn,omitempty"`
	OssBucketName       string `json:"oss_bucket_name,omitempty"`
	OssKeyPrefix        string `json:"oss_key_prefix,omitempty"`
	OssWriteRoleArn     string `json:"oss_write_role_arn,omitempty"`
	EventRW             string `json:"event_rw,omitempty"`     // Read, Write, All; default Write
	TrailRegion         string `json:"trail_region,omitempty"` // All or region ids; default All
	IsOrganizationTrail bool   `json:"is_organization_trail,omitempty"`
	// Status is Enable (logging) or Disable. Seeds default to Enable; a
	// trail made by CreateTrail starts Disable, as the reference says.
	Status           string    `json:"status,omitempty"`
	CreateTime       time.Time `json:"create_time,omitzero"`
	UpdateTime       time.Time `json:"update_time,omitzero"`
	StartLoggingTime time.Time `json:"start_logging_time,omitzero"`
	StopLoggingTime  time.Time `json:"stop_logging_time,omitzero"`
	// Delivery status as GetTrailStatus reports it; set through the admin
	// API to stand for a failing destination.
	LatestDeliveryError           string `json:"latest_delivery_error,omitempty"`
	LatestDeliveryLogServiceError string `json:"latest_delivery_log_service_error,omitempty"`
}

// Bool returns a pointer to v, for Trail.DeliversToSLS.
func Bool(v bool) *bool { return &v }

// normalize fills a trail's defaults; now stands in for unset times. It
// may run more than once.
func (t *Trail) normalize(now time.Time) error {
	if t.Name == "" {
		return errors.New("mockcloud: a trail needs a name")
	}
	if t.AccountID == "" {
		t.AccountID = DefaultAccountID
	}
	if t.HomeRegion == "" {
		t.HomeRegion = DefaultRegion
	}
	if len(t.Regions) == 0 {
		t.Regions = slices.Clone(defaultTrailRegions)
	}
	if t.SlsProjectArn == "" && (t.DeliversToSLS == nil || *t.DeliversToSLS) {
		t.SlsProjectArn = fmt.Sprintf("acs:log:%s:%s:project/%s", t.HomeRegion, t.AccountID, seedResourceName(t.Name))
	}
	if t.SlsProjectArn == "" && t.OssBucketName == "" {
		t.OssBucketName = seedResourceName(t.Name)
	}
	t.DeliversToSLS = Bool(t.SlsProjectArn != "")
	if t.EventRW == "" {
		t.EventRW = EventRWWrite
	}
	if t.TrailRegion == "" {
		t.TrailRegion = TrailRegionAll
	}
	if t.Status == "" {
		t.Status = TrailEnabled
	}
	if t.CreateTime.IsZero() {
		t.CreateTime = now.UTC().Truncate(time.Second)
	}
	if t.UpdateTime.IsZero() {
		t.UpdateTime = t.CreateTime
	}
	if t.Status == TrailEnabled && t.StartLoggingTime.IsZero() {
		t.StartLoggingTime = t.CreateTime
	}
	return nil
}

// seedResourceName turns a trail name into a Log Service project or OSS
// bucket name (lower-case letters, digits and hyphens) for seeds.
func seedResourceName(trail string) string {
	return "at-" + strings.ReplaceAll(trail, "_", "-")
}

func (t Trail) clone() Trail {
	t.Regions = slices.Clone(t.Regions)
	t.FailRegions = slices.Clone(t.FailRegions)
	if t.DeliversToSLS != nil {
		t.DeliversToSLS = Bool(*t.DeliversToSLS)
	}
	return t
}

// RegionStatus is a job's status in one region.
type RegionStatus struct {
	Region string `json:"region"`
	Status int    `json:"status"`
}

// Job is a delivery history job. Unless Pinned, its status moves by the
// server clock: initializing for one job step after CreatedTime, then
// delivering for one step, then complete, or failed when FailRegions is
// not empty.
type Job struct {
	ID             int64          `json:"id"`
	AccountID      string         `json:"account_id"`
	TrailName      string         `json:"trail_name"`
	HomeRegion     string         `json:"home_region"`
	Status         int            `json:"status"`
	RegionStatuses []RegionStatus `json:"region_statuses"`
	CreatedTime    time.Time      `json:"created_time"`
	UpdatedTime    time.Time      `json:"updated_time"` // last status change
	StartTime      time.Time      `json:"start_time"`
	EndTime        time.Time      `json:"end_time,omitzero"` // zero while running
	ClientToken    string         `json:"client_token,omitempty"`
	// Pinned stops automatic progress; any change through UpdateJob or the
	// admin API pins the job.
	Pinned bool `json:"pinned"`
	// FailRegions are copied from the trail when the job is created.
	FailRegions []string `json:"fail_regions,omitempty"`
}

func (j *Job) clone() Job {
	c := *j
	c.RegionStatuses = slices.Clone(j.RegionStatuses)
	c.FailRegions = slices.Clone(j.FailRegions)
	return c
}

func (j *Job) running() bool { return j.Status == JobInitializing || j.Status == JobDelivering }

func (j *Job) regions() []string {
	out := make([]string, len(j.RegionStatuses))
	for i, rs := range j.RegionStatuses {
		out[i] = rs.Region
	}
	return out
}

// setStatus moves the job to status at time at, deriving the region
// statuses and EndTime.
func (j *Job) setStatus(status int, at time.Time) {
	j.Status = status
	j.UpdatedTime = at
	if j.running() {
		j.EndTime = time.Time{}
	} else {
		j.EndTime = at
	}
	j.RegionStatuses = regionStatusesFor(j.regions(), status, j.FailRegions)
}

// advance applies the automatic transitions that are due by now. Each
// transition happens one step after the previous one, so a later change
// of the step never sends a job backwards.
func (j *Job) advance(now time.Time, step time.Duration) {
	for !j.Pinned && j.running() {
		next := j.UpdatedTime.Add(step)
		if now.Before(next) {
			return
		}
		if j.Status == JobInitializing {
			j.setStatus(JobDelivering, next)
		} else if len(j.FailRegions) > 0 {
			j.setStatus(JobFailed, next)
		} else {
			j.setStatus(JobComplete, next)
		}
	}
}

// regionStatusesFor gives every region the job status, except that a
// failed job fails only in failRegions (or everywhere, if none of its
// regions is listed there).
func regionStatusesFor(regions []string, status int, failRegions []string) []RegionStatus {
	anyFail := false
	for _, r := range regions {
		anyFail = anyFail || slices.Contains(failRegions, r)
	}
	out := make([]RegionStatus, len(regions))
	for i, r := range regions {
		st := status
		if status == JobFailed && anyFail && !slices.Contains(failRegions, r) {
			st = JobComplete
		}
		out[i] = RegionStatus{Region: r, Status: st}
	}
	return out
}

// actionTrailState is the ActionTrail section of the store.
type actionTrailState struct {
	NextJobID int64             `json:"next_job_id"`
	Trails    map[string]*Trail `json:"trails"` // by trailKey
	Jobs      map[int64]*Job    `json:"jobs"`
	// ClientTokens remember CreateDeliveryHistoryJob tokens for a day, by
	// account and token.
	ClientTokens map[string]clientTokenUse `json:"client_tokens"`
}

type clientTokenUse struct {
	JobID int64     `json:"job_id"`
	Used  time.Time `json:"used"`
}

func (at *actionTrailState) normalize() {
	if at.Trails == nil {
		at.Trails = map[string]*Trail{}
	}
	if at.Jobs == nil {
		at.Jobs = map[int64]*Job{}
	}
	if at.ClientTokens == nil {
		at.ClientTokens = map[string]clientTokenUse{}
	}
	if at.NextJobID < firstJobID {
		at.NextJobID = firstJobID
	}
	for id := range at.Jobs {
		if id >= at.NextJobID {
			at.NextJobID = id + 1
		}
	}
}

func trailKey(account, name string) string { return account + "/" + name }

func (at *actionTrailState) trail(account, name string) (*Trail, bool) {
	t, ok := at.Trails[trailKey(account, name)]
	return t, ok
}

// accountJobs returns the account's jobs advanced to now, newest first.
func (at *actionTrailState) accountJobs(account string, now time.Time, step time.Duration) []*Job {
	var out []*Job
	for _, j := range at.Jobs {
		if j.AccountID == account {
			j.advance(now, step)
			out = append(out, j)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID > out[b].ID })
	return out
}

func (at *actionTrailState) accountJob(account string, id int64, now time.Time, step time.Duration) (*Job, bool) {
	j, ok := at.Jobs[id]
	if !ok || j.AccountID != account {
		return nil, false
	}
	j.advance(now, step)
	return j, true
}

// addJob stores a job for the trail, assigning an id unless j.ID is set.
func (at *actionTrailState) addJob(j Job, t *Trail, now time.Time) (int64, error) {
	if j.Status < JobInitializing || j.Status > JobFailed {
		return 0, fmt.Errorf("mockcloud: job status %d is not 0-3", j.Status)
	}
	if j.ID == 0 {
		j.ID = at.NextJobID
	} else if _, taken := at.Jobs[j.ID]; taken || j.ID < 0 {
		return 0, fmt.Errorf("mockcloud: job id %d is taken or invalid", j.ID)
	}
	if j.ID >= at.NextJobID {
		at.NextJobID = j.ID + 1
	}
	j.AccountID = t.AccountID
	j.TrailName = t.Name
	if j.HomeRegion == "" {
		j.HomeRegion = t.HomeRegion
	}
	if j.FailRegions == nil {
		j.FailRegions = slices.Clone(t.FailRegions)
	}
	if j.CreatedTime.IsZero() {
		j.CreatedTime = now
	}
	if j.StartTime.IsZero() {
		j.StartTime = j.CreatedTime
	}
	if j.UpdatedTime.IsZero() {
		j.UpdatedTime = j.CreatedTime
	}
	if j.Status != JobInitializing {
		j.Pinned = true
	}
	if j.RegionStatuses == nil {
		regions := slices.Clone(t.Regions)
		for _, r := range t.FailRegions {
			if !slices.Contains(regions, r) {
				regions = append(regions, r)
			}
		}
		j.RegionStatuses = regionStatusesFor(regions, j.Status, j.FailRegions)
	}
	if !j.running() && j.EndTime.IsZero() {
		j.EndTime = j.UpdatedTime
	}
	at.Jobs[j.ID] = &j
	return j.ID, nil
}

func (at *actionTrailState) pruneTokens(now time.Time) {
	for k, u := range at.ClientTokens {
		if now.Sub(u.Used) > clientTokenTTL {
			delete(at.ClientTokens, k)
		}
	}
}

// --- RPC handlers ---

func (s *Server) registerActionTrail() {
	s.handleRPC(ActionTrailProduct, ActionTrailVersion, "CreateDeliveryHistoryJob", s.atCreateJob)
	s.handleRPC(ActionTrailProduct, ActionTrailVersion, "GetDeliveryHistoryJob", s.atGetJob)
	s.handleRPC(ActionTrailProduct, ActionTrailVersion, "ListDeliveryHistoryJobs", s.atListJobs)
	s.handleRPC(ActionTrailProduct, ActionTrailVersion, "DeleteDeliveryHistoryJob", s.atDeleteJob)
	s.registerActionTrailTrails()
}

// atJobWire is a job as ListDeliveryHistoryJobs returns it; Get adds
// Status.
type atJobWire struct {
	JobID       int64  `json:"JobId"`
	TrailName   string `json:"TrailName"`
	HomeRegion  string `json:"HomeRegion"`
	JobStatus   int    `json:"JobStatus"`
	StartTime   string `json:"StartTime"`
	EndTime     string `json:"EndTime"`
	CreatedTime string `json:"CreatedTime"`
	UpdatedTime string `json:"UpdatedTime"`
}

type atRegionWire struct {
	Region string `json:"Region"`
	Status int    `json:"Status"`
}

func toJobWire(j *Job) atJobWire {
	return atJobWire{
		JobID:       j.ID,
		TrailName:   j.TrailName,
		HomeRegion:  j.HomeRegion,
		JobStatus:   j.Status,
		StartTime:   wireTime(j.StartTime),
		EndTime:     wireTime(j.EndTime),
		CreatedTime: wireTime(j.CreatedTime),
		UpdatedTime: wireTime(j.UpdatedTime),
	}
}

// wireTime formats a time as the API does; the zero time is "".
func wireTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(rpcTimestampLayout)
}

func validClientToken(token string) bool {
	if len(token) > 64 {
		return false
	}
	for i := 0; i < len(token); i++ {
		if token[i] < 0x20 || token[i] > 0x7e {
			return false
		}
	}
	return true
}

func (s *Server) atCreateJob(c *rpcCall) (any, error) {
	name := c.param("TrailName")
	if name == "" {
		return nil, errMissingParameter("TrailName")
	}
	token := c.param("ClientToken")
	if !validClientToken(token) {
		return nil, errInvalidParameter("The parameter ClientToken must be printable ASCII of at most 64 characters.")
	}
	step := s.JobStep()
	var id int64
	err := s.store.update(func(st *cloudState) error {
		at := st.ActionTrail
		at.pruneTokens(c.Now)
		tokenKey := c.AccountID + "/" + token
		if u, ok := at.ClientTokens[tokenKey]; ok && token != "" {
			id = u.JobID // an idempotent retry: answer as the first time
			return nil
		}
		t, ok := at.trail(c.AccountID, name)
		if !ok {
			return errTrailNotFound
		}
		if t.SlsProjectArn == "" {
			return errTrailNoSLS
		}
		for _, j := range at.accountJobs(c.AccountID, c.Now, step) {
			if j.running() {
				return errJobRunning
			}
		}
		var err error
		id, err = at.addJob(Job{ClientToken: token}, t, c.Now)
		if err != nil {
			return err
		}
		if token != "" {
			at.ClientTokens[tokenKey] = clientTokenUse{JobID: id, Used: c.Now}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct {
		JobID int64 `json:"JobId"`
	}{id}, nil
}

func jobIDParam(c *rpcCall) (int64, error) {
	raw := c.param("JobId")
	if raw == "" {
		return 0, errMissingParameter("JobId")
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return 0, errInvalidParameter("The parameter JobId %q is not a valid job id.", raw)
	}
	return id, nil
}

func (s *Server) atGetJob(c *rpcCall) (any, error) {
	id, err := jobIDParam(c)
	if err != nil {
		return nil, err
	}
	type getResponse struct {
		atJobWire
		Status []atRegionWire `json:"Status"`
	}
	var resp getResponse
	err = s.store.view(func(st *cloudState) error {
		j, ok := st.ActionTrail.accountJob(c.AccountID, id, c.Now, s.JobStep())
		if !ok {
			return errJobNotFound
		}
		resp.atJobWire = toJobWire(j)
		resp.Status = make([]atRegionWire, len(j.RegionStatuses))
		for i, rs := range j.RegionStatuses {
			resp.Status[i] = atRegionWire(rs)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// intParam reads an optional integer parameter within [lo, hi].
func intParam(c *rpcCall, name string, def, lo, hi int) (int, error) {
	raw := c.param(name)
	if raw == "" {
		return def, nil
	}
	v, err := strconv.Atoi(raw)
	if err != nil || v < lo || v > hi {
		return 0, errInvalidParameter("The parameter %s %q must be an integer from %d to %d.", name, raw, lo, hi)
	}
	return v, nil
}

func (s *Server) atListJobs(c *rpcCall) (any, error) {
	pageNumber, err := intParam(c, "PageNumber", 1, 1, 1<<30)
	if err != nil {
		return nil, err
	}
	pageSize, err := intParam(c, "PageSize", 20, 1, 100)
	if err != nil {
		return nil, err
	}
	type listResponse struct {
		TotalCount          int         `json:"TotalCount"`
		PageNumber          int         `json:"PageNumber"`
		PageSize            int         `json:"PageSize"`
		DeliveryHistoryJobs []atJobWire `json:"DeliveryHistoryJobs"`
	}
	resp := listResponse{PageNumber: pageNumber, PageSize: pageSize, DeliveryHistoryJobs: []atJobWire{}}
	err = s.store.view(func(st *cloudState) error {
		jobs := st.ActionTrail.accountJobs(c.AccountID, c.Now, s.JobStep())
		resp.TotalCount = len(jobs)
		from := min((pageNumber-1)*pageSize, len(jobs))
		to := min(from+pageSize, len(jobs))
		for _, j := range jobs[from:to] {
			resp.DeliveryHistoryJobs = append(resp.DeliveryHistoryJobs, toJobWire(j))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return resp, nil
}

func (s *Server) atDeleteJob(c *rpcCall) (any, error) {
	id, err := jobIDParam(c)
	if err != nil {
		return nil, err
	}
	err = s.store.update(func(st *cloudState) error {
		j, ok := st.ActionTrail.accountJob(c.AccountID, id, c.Now, s.JobStep())
		if !ok {
			return errJobNotFound
		}
		if j.running() {
			return errJobRunningDelete
		}
		delete(st.ActionTrail.Jobs, id)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

// --- Go API ---

// SeedTrail creates or replaces a trail (in the default account unless
// t.AccountID is set).
func (s *Server) SeedTrail(t Trail) error {
	t = t.clone()
	if err := t.normalize(s.Now()); err != nil {
		return err
	}
	return s.store.update(func(st *cloudState) error {
		st.ActionTrail.Trails[trailKey(t.AccountID, t.Name)] = &t
		return nil
	})
}

func (s *Server) seedInitialTrails() error {
	for _, t := range s.opts.Trails {
		if err := s.SeedTrail(t); err != nil {
			return err
		}
	}
	return nil
}

// DeleteTrail deletes a trail of the default account. Its jobs stay, as
// they do in ActionTrail.
func (s *Server) DeleteTrail(name string) bool { return s.DeleteAccountTrail(DefaultAccountID, name) }

// DeleteAccountTrail deletes a trail of an account.
func (s *Server) DeleteAccountTrail(account, name string) bool {
	found := false
	s.logError("DeleteTrail", s.store.update(func(st *cloudState) error {
		k := trailKey(account, name)
		_, found = st.ActionTrail.Trails[k]
		delete(st.ActionTrail.Trails, k)
		return nil
	}))
	return found
}

// Trails lists all trails, by account and name.
func (s *Server) Trails() []Trail {
	var out []Trail
	_ = s.store.view(func(st *cloudState) error {
		for _, t := range st.ActionTrail.Trails {
			out = append(out, t.clone())
		}
		return nil
	})
	sort.Slice(out, func(a, b int) bool {
		return trailKey(out[a].AccountID, out[a].Name) < trailKey(out[b].AccountID, out[b].Name)
	})
	return out
}

// SeedJob stores a job behind the API's back, bypassing the one-running-
// job rule. The trail (j.TrailName in j.AccountID, default account if
// empty) must exist; HomeRegion, regions and FailRegions default to its
// values, times to now. A job seeded with Status > 0 or Pinned keeps its
// status; one with Status 0 progresses from CreatedTime. j.ID, if set,
// must be free.
func (s *Server) SeedJob(j Job) (int64, error) {
	ids, err := s.seedJobs(j, 1)
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// SeedJobs seeds n jobs of the trail in the default account with status
// (0 progresses by the clock, other values are pinned).
func (s *Server) SeedJobs(trailName string, n int, status int) ([]int64, error) {
	return s.seedJobs(Job{TrailName: trailName, Status: status}, n)
}

func (s *Server) seedJobs(j Job, n int) ([]int64, error) {
	if j.AccountID == "" {
		j.AccountID = DefaultAccountID
	}
	if n < 1 || (n > 1 && j.ID != 0) {
		return nil, fmt.Errorf("mockcloud: cannot seed %d jobs with id %d", n, j.ID)
	}
	now := s.Now()
	var ids []int64
	err := s.store.update(func(st *cloudState) error {
		t, ok := st.ActionTrail.trail(j.AccountID, j.TrailName)
		if !ok {
			return fmt.Errorf("%w: trail %q in account %s", ErrNotFound, j.TrailName, j.AccountID)
		}
		for range n {
			id, err := st.ActionTrail.addJob(j.clone(), t, now)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	return ids, err
}

// Job returns a job as the API would show it now.
func (s *Server) Job(id int64) (Job, bool) {
	var out Job
	found := false
	_ = s.store.view(func(st *cloudState) error {
		if j, ok := st.ActionTrail.Jobs[id]; ok {
			j.advance(s.Now(), s.JobStep())
			out, found = j.clone(), true
		}
		return nil
	})
	return out, found
}

// Jobs returns every job of every account, by id.
func (s *Server) Jobs() []Job {
	var out []Job
	_ = s.store.view(func(st *cloudState) error {
		now, step := s.Now(), s.JobStep()
		for _, j := range st.ActionTrail.Jobs {
			j.advance(now, step)
			out = append(out, j.clone())
		}
		return nil
	})
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}

// UpdateJob changes a job behind Terraform's back. f gets the job as it
// is now; the result is pinned (no more automatic progress) unless f
// unpins a pinned job. A status change not accompanied by new times or
// region statuses sets UpdatedTime to now, EndTime to now for a finished
// job (zero for a running one) and derives the region statuses.
func (s *Server) UpdateJob(id int64, f func(*Job)) error {
	now := s.Now()
	return s.store.update(func(st *cloudState) error {
		j, ok := st.ActionTrail.Jobs[id]
		if !ok {
			return fmt.Errorf("%w: job %d", ErrNotFound, id)
		}
		j.advance(now, s.JobStep())
		old := j.clone()
		c := j.clone()
		f(&c)
		if c.Status < JobInitializing || c.Status > JobFailed {
			return fmt.Errorf("mockcloud: job status %d is not 0-3", c.Status)
		}
		c.ID = id
		c.Pinned = c.Pinned || !old.Pinned // only an explicit unpin unpins
		if c.Status != old.Status {
			if c.UpdatedTime.Equal(old.UpdatedTime) {
				c.UpdatedTime = now
			}
			if c.EndTime.Equal(old.EndTime) {
				if c.running() {
					c.EndTime = time.Time{}
				} else {
					c.EndTime = c.UpdatedTime
				}
			}
			if slices.Equal(c.RegionStatuses, old.RegionStatuses) {
				c.RegionStatuses = regionStatusesFor(old.regions(), c.Status, c.FailRegions)
			}
		}
		*j = c
		return nil
	})
}

// DeleteJob deletes a job behind the API's back, whatever its status.
func (s *Server) DeleteJob(id int64) bool {
	found := false
	s.logError("DeleteJob", s.store.update(func(st *cloudState) error {
		_, found = st.ActionTrail.Jobs[id]
		delete(st.ActionTrail.Jobs, id)
		return nil
	}))
	return found
}
