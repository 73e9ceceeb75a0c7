package mockcloud

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

// ActionTrail 2020-07-06 trails: CreateTrail, UpdateTrail, DeleteTrail,
// DescribeTrails, GetTrailStatus, StartLogging, StopLogging. The rules and
// their sources are in API-NOTES.md (ActionTrail trails).

// Trail field values (CreateTrail / DescribeTrails reference).
const (
	EventRWRead    = "Read"
	EventRWWrite   = "Write"
	EventRWAll     = "All"
	TrailRegionAll = "All"
	TrailEnabled   = "Enable"
	TrailDisabled  = "Disable"
)

// Limits (ActionTrail "Quotas and limits",
// https://help.aliyun.com/en/actiontrail/product-overview/limits): 5
// single-account trails per region, 1 multi-account trail across all
// regions.
const (
	MaxTrailsPerRegion        = 5
	MaxOrganizationTrails     = 1
	defaultTrailCallingRegion = DefaultRegion
)

// Error codes. The codes are the reference's CreateTrail error list
// (InvalidTrailNameException, TrailAlreadyExistsException,
// MaximumNumberOfTrailsExceededException 403, InvalidBucketNameException,
// InvalidPrefixException) and TrailNotFoundException (404, already served
// by history delivery). ASSUMPTION: the messages, and InvalidParameter for
// rules the reference states without naming a code (a destination is
// required; EventRW, TrailRegion and ARN formats; the role ARN UpdateTrail
// needs again).
const (
	CodeInvalidTrailName      = "InvalidTrailNameException"
	CodeTrailAlreadyExists    = "TrailAlreadyExistsException"
	CodeMaximumTrailsExceeded = "MaximumNumberOfTrailsExceededException"
	CodeInvalidBucketName     = "InvalidBucketNameException"
	CodeInvalidPrefix         = "InvalidPrefixException"
	CodeTrailNotFound         = "TrailNotFoundException"
)

var (
	// trailNameRule: "6 to 36 characters, starts with a lower-case letter,
	// lower-case letters, digits, hyphens and underscores" (CreateTrail).
	trailNameRule = regexp.MustCompile(`^[a-z][a-z0-9_-]{5,35}$`)
	// ossBucketRule: "3 to 63 characters, starts with a lower-case letter or
	// a digit, lower-case letters, digits and hyphens" (CreateTrail).
	ossBucketRule = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{2,62}$`)
	// slsProjectArnRule: acs:log:<region>:<account>:project/<project>
	// (the reference's example acs:log:cn-shanghai:***:project/***).
	slsProjectArnRule = regexp.MustCompile(`^acs:log:[a-z0-9-]+:[0-9]*:project/[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$`)
	// roleArnRule: acs:ram::<account>:role/<name> (the reference's example
	// acs:ram::***:role/aliyunserviceroleforactiontrail).
	roleArnRule = regexp.MustCompile(`^acs:ram::[0-9]+:role/[A-Za-z0-9.@_-]{1,64}$`)
	regionRule  = regexp.MustCompile(`^[a-z]{2}(-[a-z0-9]+)+$`)
)

func (s *Server) registerActionTrailTrails() {
	s.handleRPC(ActionTrailProduct, ActionTrailVersion, "CreateTrail", s.atCreateTrail)
	s.handleRPC(ActionTrailProduct, ActionTrailVersion, "UpdateTrail", s.atUpdateTrail)
	s.handleRPC(ActionTrailProduct, ActionTrailVersion, "DeleteTrail", s.atDeleteTrail)
	s.handleRPC(ActionTrailProduct, ActionTrailVersion, "DescribeTrails", s.atDescribeTrails)
	s.handleRPC(ActionTrailProduct, ActionTrailVersion, "GetTrailStatus", s.atGetTrailStatus)
	s.handleRPC(ActionTrailProduct, ActionTrailVersion, "StartLogging", s.atStartLogging)
	s.handleRPC(ActionTrailProduct, ActionTrailVersion, "StopLogging", s.atStopLogging)
}

// trailWire is one TrailList entry of DescribeTrails (SDK struct Trail).
type trailWire struct {
	Name                string `json:"Name"`
	HomeRegion          string `json:"HomeRegion"`
	Region              string `json:"Region"`
	TrailRegion         string `json:"TrailRegion"`
	Status              string `json:"Status"`
	EventRW             string `json:"EventRW"`
	SlsProjectArn       string `json:"SlsProjectArn"`
	SlsWriteRoleArn     string `json:"SlsWriteRoleArn"`
	OssBucketName       string `json:"OssBucketName"`
	OssBucketLocation   string `json:"OssBucketLocation"`
	OssKeyPrefix        string `json:"OssKeyPrefix"`
	OssWriteRoleArn     string `json:"OssWriteRoleArn"`
	IsOrganizationTrail bool   `json:"IsOrganizationTrail"`
	OrganizationID      string `json:"OrganizationId"`
	IsShadowTrail       int64  `json:"IsShadowTrail"`
	TrailArn            string `json:"TrailArn"`
	CreateTime          string `json:"CreateTime"`
	UpdateTime          string `json:"UpdateTime"`
	StartLoggingTime    string `json:"StartLoggingTime"`
	StopLoggingTime     string `json:"StopLoggingTime"`
}

func toTrailWire(t *Trail) trailWire {
	w := trailWire{
		Name: t.Name, HomeRegion: t.HomeRegion, Region: t.HomeRegion, TrailRegion: t.TrailRegion,
		Status: t.Status, EventRW: t.EventRW,
		SlsProjectArn: t.SlsProjectArn, SlsWriteRoleArn: t.SlsWriteRoleArn,
		OssBucketName: t.OssBucketName, OssKeyPrefix: t.OssKeyPrefix, OssWriteRoleArn: t.OssWriteRoleArn,
		IsOrganizationTrail: t.IsOrganizationTrail,
		TrailArn:            fmt.Sprintf("acs:actiontrail:%s:%s:trail/%s", t.HomeRegion, t.AccountID, t.Name),
		CreateTime:          wireTime(t.CreateTime), UpdateTime: wireTime(t.UpdateTime),
		StartLoggingTime: wireTime(t.StartLoggingTime), StopLoggingTime: wireTime(t.StopLoggingTime),
	}
	if t.OssBucketName != "" {
		w.OssBucketLocation = t.HomeRegion
	}
	if t.IsOrganizationTrail {
		w.OrganizationID = "rd-" + t.AccountID
	}
	return w
}

// trailSettings are the parameters CreateTrail and UpdateTrail share; a
// nil field was not sent.
type trailSettings struct {
	SlsProjectArn, SlsWriteRoleArn, OssBucketName, OssKeyPrefix, OssWriteRoleArn, EventRW, TrailRegion *string
}

func settingsFrom(c *rpcCall) trailSettings {
	p := func(name string) *string {
		if v, ok := c.Params[name]; ok {
			return &v
		}
		return nil
	}
	return trailSettings{
		SlsProjectArn: p("SlsProjectArn"), SlsWriteRoleArn: p("SlsWriteRoleArn"),
		OssBucketName: p("OssBucketName"), OssKeyPrefix: p("OssKeyPrefix"), OssWriteRoleArn: p("OssWriteRoleArn"),
		EventRW: p("EventRW"), TrailRegion: p("TrailRegion"),
	}
}

func (ts trailSettings) apply(t *Trail) {
	setIf(&t.SlsProjectArn, ts.SlsProjectArn)
	setIf(&t.SlsWriteRoleArn, ts.SlsWriteRoleArn)
	setIf(&t.OssBucketName, ts.OssBucketName)
	setIf(&t.OssKeyPrefix, ts.OssKeyPrefix)
	setIf(&t.OssWriteRoleArn, ts.OssWriteRoleArn)
	setIf(&t.EventRW, ts.EventRW)
	setIf(&t.TrailRegion, ts.TrailRegion)
}

// checkTrail checks a trail's settings as CreateTrail and UpdateTrail do.
func checkTrail(t *Trail) error {
	if t.SlsProjectArn == "" && t.OssBucketName == "" {
		return errInvalidParameter("At least one of OssBucketName and SlsProjectArn must be specified.")
	}
	if t.OssBucketName != "" && !ossBucketRule.MatchString(t.OssBucketName) {
		return errBadRequest(CodeInvalidBucketName, fmt.Sprintf("The OSS bucket name %q is invalid.", t.OssBucketName))
	}
	if t.OssKeyPrefix != "" && (len(t.OssKeyPrefix) < 6 || len(t.OssKeyPrefix) > 32) {
		return errBadRequest(CodeInvalidPrefix, fmt.Sprintf("The OSS key prefix %q must be 6 to 32 characters long.", t.OssKeyPrefix))
	}
	if t.OssKeyPrefix != "" && t.OssBucketName == "" {
		return errInvalidParameter("OssKeyPrefix needs OssBucketName.")
	}
	if t.SlsProjectArn != "" && !slsProjectArnRule.MatchString(t.SlsProjectArn) {
		return errInvalidParameter("The parameter SlsProjectArn %q is not a Log Service project ARN (acs:log:<region>:<account>:project/<name>).", t.SlsProjectArn)
	}
	for name, arn := range map[string]string{"SlsWriteRoleArn": t.SlsWriteRoleArn, "OssWriteRoleArn": t.OssWriteRoleArn} {
		if arn != "" && !roleArnRule.MatchString(arn) {
			return errInvalidParameter("The parameter %s %q is not a RAM role ARN (acs:ram::<account>:role/<name>).", name, arn)
		}
	}
	if t.SlsWriteRoleArn != "" && t.SlsProjectArn == "" {
		return errInvalidParameter("SlsWriteRoleArn needs SlsProjectArn.")
	}
	if t.OssWriteRoleArn != "" && t.OssBucketName == "" {
		return errInvalidParameter("OssWriteRoleArn needs OssBucketName.")
	}
	switch t.EventRW {
	case EventRWRead, EventRWWrite, EventRWAll:
	default:
		return errInvalidParameter("The parameter EventRW %q must be Read, Write or All.", t.EventRW)
	}
	if t.TrailRegion != TrailRegionAll {
		for _, r := range strings.Split(t.TrailRegion, ",") {
			if !regionRule.MatchString(r) {
				return errInvalidParameter("The parameter TrailRegion %q must be All or region ids separated by commas.", t.TrailRegion)
			}
		}
	}
	return nil
}

func callingRegion(c *rpcCall) string {
	if r := c.param("RegionId"); r != "" {
		return r
	}
	return defaultTrailCallingRegion
}

func boolParam(c *rpcCall, name string) (bool, error) {
	switch c.param(name) {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	}
	return false, errInvalidParameter("The parameter %s %q must be true or false.", name, c.param(name))
}

func trailNameParam(c *rpcCall) (string, error) {
	name := c.param("Name")
	if name == "" {
		return "", errMissingParameter("Name")
	}
	return name, nil
}

func (s *Server) atCreateTrail(c *rpcCall) (any, error) {
	name, err := trailNameParam(c)
	if err != nil {
		return nil, err
	}
	if !trailNameRule.MatchString(name) {
		return nil, errBadRequest(CodeInvalidTrailName, fmt.Sprintf("The trail name %q is invalid: it must be 6 to 36 characters, start with a lowercase letter, "+
			"and contain only lowercase letters, digits, hyphens (-) and underscores (_).", name))
	}
	org, err := boolParam(c, "IsOrganizationTrail")
	if err != nil {
		return nil, err
	}
	t := Trail{Name: name, AccountID: c.AccountID, HomeRegion: callingRegion(c), IsOrganizationTrail: org,
		EventRW: EventRWWrite, TrailRegion: TrailRegionAll, Status: TrailDisabled}
	settingsFrom(c).apply(&t)
	if t.EventRW == "" {
		t.EventRW = EventRWWrite
	}
	if t.TrailRegion == "" {
		t.TrailRegion = TrailRegionAll
	}
	if err := checkTrail(&t); err != nil {
		return nil, err
	}
	t.DeliversToSLS = Bool(t.SlsProjectArn != "")
	t.CreateTime = c.Now.UTC().Truncate(time.Second)
	t.UpdateTime = t.CreateTime
	if err := t.normalize(c.Now); err != nil {
		return nil, err
	}
	err = s.store.update(func(st *cloudState) error {
		at := st.ActionTrail
		if _, taken := at.trail(c.AccountID, name); taken {
			return errBadRequest(CodeTrailAlreadyExists, fmt.Sprintf("account name(%s) and region(%s) is already exist", name, t.HomeRegion))
		}
		inRegion, orgTrails := 0, 0
		for _, o := range at.Trails {
			switch {
			case o.AccountID != c.AccountID:
			case o.IsOrganizationTrail:
				orgTrails++
			case o.HomeRegion == t.HomeRegion:
				inRegion++
			}
		}
		if org && orgTrails >= MaxOrganizationTrails {
			return errTrailLimit(fmt.Sprintf("The account already has %d multi-account trail (at most %d across all regions).", orgTrails, MaxOrganizationTrails))
		}
		if !org && inRegion >= MaxTrailsPerRegion {
			return errTrailLimit(fmt.Sprintf("The account already has %d single-account trails in region %s (at most %d per region).", inRegion, t.HomeRegion, MaxTrailsPerRegion))
		}
		at.Trails[trailKey(c.AccountID, name)] = &t
		return nil
	})
	if err != nil {
		return nil, err
	}
	return trailAnswer(&t), nil
}

func errTrailLimit(msg string) *apiError {
	return &apiError{Status: 403, Code: CodeMaximumTrailsExceeded, Message: msg}
}

// trailAnswerWire is what CreateTrail and UpdateTrail answer (SDK structs
// CreateTrailResponse, UpdateTrailResponse).
type trailAnswerWire struct {
	Name            string `json:"Name"`
	HomeRegion      string `json:"HomeRegion"`
	TrailRegion     string `json:"TrailRegion"`
	EventRW         string `json:"EventRW"`
	SlsProjectArn   string `json:"SlsProjectArn"`
	SlsWriteRoleArn string `json:"SlsWriteRoleArn"`
	OssBucketName   string `json:"OssBucketName"`
	OssKeyPrefix    string `json:"OssKeyPrefix"`
	OssWriteRoleArn string `json:"OssWriteRoleArn"`
}

func trailAnswer(t *Trail) trailAnswerWire {
	return trailAnswerWire{
		Name: t.Name, HomeRegion: t.HomeRegion, TrailRegion: t.TrailRegion, EventRW: t.EventRW,
		SlsProjectArn: t.SlsProjectArn, SlsWriteRoleArn: t.SlsWriteRoleArn,
		OssBucketName: t.OssBucketName, OssKeyPrefix: t.OssKeyPrefix, OssWriteRoleArn: t.OssWriteRoleArn,
	}
}

// atUpdateTrail changes the parameters sent; a parameter sent empty clears
// the setting (ASSUMPTION: the reference does not say how a destination is
// removed). A call that changes a destination must carry that destination's
// write role again when the trail has one: the rule the alicloud provider
// met (aliyun/terraform-provider-alicloud#3851, "should pass
// OssWriteRoleArn while call UpdateTrail"); the mock applies it to both
// destinations.
func (s *Server) atUpdateTrail(c *rpcCall) (any, error) {
	name, err := trailNameParam(c)
	if err != nil {
		return nil, err
	}
	in := settingsFrom(c)
	var out Trail
	err = s.store.update(func(st *cloudState) error {
		t, ok := st.ActionTrail.trail(c.AccountID, name)
		if !ok {
			return errTrailNotFound
		}
		if (in.OssBucketName != nil || in.OssKeyPrefix != nil) && in.OssWriteRoleArn == nil && t.OssWriteRoleArn != "" {
			return errInvalidParameter("The trail delivers to OSS with role %s: OssWriteRoleArn must be sent again when OssBucketName or OssKeyPrefix is updated.", t.OssWriteRoleArn)
		}
		if in.SlsProjectArn != nil && in.SlsWriteRoleArn == nil && t.SlsWriteRoleArn != "" {
			return errInvalidParameter("The trail delivers to Log Service with role %s: SlsWriteRoleArn must be sent again when SlsProjectArn is updated.", t.SlsWriteRoleArn)
		}
		c2 := t.clone()
		in.apply(&c2)
		if c2.EventRW == "" {
			c2.EventRW = EventRWWrite
		}
		if c2.TrailRegion == "" {
			c2.TrailRegion = TrailRegionAll
		}
		if err := checkTrail(&c2); err != nil {
			return err
		}
		c2.DeliversToSLS = Bool(c2.SlsProjectArn != "")
		c2.UpdateTime = c.Now.UTC().Truncate(time.Second)
		*t = c2
		out = c2.clone()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return trailAnswer(&out), nil
}

func (s *Server) atDeleteTrail(c *rpcCall) (any, error) {
	name, err := trailNameParam(c)
	if err != nil {
		return nil, err
	}
	err = s.store.update(func(st *cloudState) error {
		k := trailKey(c.AccountID, name)
		if _, ok := st.ActionTrail.Trails[k]; !ok {
			return errTrailNotFound
		}
		delete(st.ActionTrail.Trails, k)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

// atDescribeTrails lists the caller's trails of the region it is called in
// (RegionId), all of them or those named in NameList (comma-separated;
// unknown names are left out): "Queries trails in a region" (DescribeTrails
// reference). With IncludeShadowTrails=true (default false, same
// reference) the trails of other home regions are listed too, as shadow
// trails (IsShadowTrail, Region the calling region). ASSUMPTION: every
// trail has a shadow in every other region (the reference does not say
// which do). Multi-account trails only with IncludeOrganizationTrail=true
// ("Valid values: true, false (default)": alibabacloud-go-sdk
// actiontrail-20200706 DescribeTrailsRequest; internal/contract).
func (s *Server) atDescribeTrails(c *rpcCall) (any, error) {
	org, err := boolParam(c, "IncludeOrganizationTrail")
	if err != nil {
		return nil, err
	}
	shadows, err := boolParam(c, "IncludeShadowTrails")
	if err != nil {
		return nil, err
	}
	region := callingRegion(c)
	var names map[string]bool
	if raw := c.param("NameList"); raw != "" {
		names = map[string]bool{}
		for _, n := range strings.Split(raw, ",") {
			names[strings.TrimSpace(n)] = true
		}
	}
	resp := struct {
		TrailList []trailWire `json:"TrailList"`
	}{TrailList: []trailWire{}}
	err = s.store.view(func(st *cloudState) error {
		var ts []*Trail
		for _, t := range st.ActionTrail.Trails {
			if t.AccountID != c.AccountID || (names != nil && !names[t.Name]) || (t.IsOrganizationTrail && !org) ||
				(t.HomeRegion != region && !shadows) {
				continue
			}
			ts = append(ts, t)
		}
		sort.Slice(ts, func(a, b int) bool { return ts[a].Name < ts[b].Name })
		for _, t := range ts {
			w := toTrailWire(t)
			if t.HomeRegion != region {
				w.IsShadowTrail, w.Region = 1, region // SDK struct Trail: IsShadowTrail int64
			}
			resp.TrailList = append(resp.TrailList, w)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// trailStatusWire is GetTrailStatus' answer (SDK struct
// GetTrailStatusResponse). LatestDelivery* are OSS, LatestDeliveryLogService*
// Log Service.
type trailStatusWire struct {
	IsLogging                     bool   `json:"IsLogging"`
	StartLoggingTime              string `json:"StartLoggingTime"`
	StopLoggingTime               string `json:"StopLoggingTime"`
	LatestDeliveryTime            string `json:"LatestDeliveryTime"`
	LatestDeliveryError           string `json:"LatestDeliveryError"`
	LatestDeliveryLogServiceTime  string `json:"LatestDeliveryLogServiceTime"`
	LatestDeliveryLogServiceError string `json:"LatestDeliveryLogServiceError"`
	OssBucketStatus               bool   `json:"OssBucketStatus"`
	SlsLogStoreStatus             bool   `json:"SlsLogStoreStatus"`
}

// lastDelivery is when the mock last "delivered": a logging trail delivers
// at every whole minute since it started (ASSUMPTION: a stand-in; events
// reach a destination within minutes, per the reference), a stopped one
// last did when it stopped.
func lastDelivery(t *Trail, now time.Time) time.Time {
	if t.StartLoggingTime.IsZero() {
		return time.Time{}
	}
	if t.Status != TrailEnabled {
		return t.StopLoggingTime
	}
	last := now.UTC().Truncate(time.Minute)
	if last.Before(t.StartLoggingTime) {
		return t.StartLoggingTime
	}
	return last
}

func (s *Server) atGetTrailStatus(c *rpcCall) (any, error) {
	name, err := trailNameParam(c)
	if err != nil {
		return nil, err
	}
	if _, err := boolParam(c, "IsOrganizationTrail"); err != nil {
		return nil, err
	}
	var resp trailStatusWire
	err = s.store.view(func(st *cloudState) error {
		t, ok := st.ActionTrail.trail(c.AccountID, name)
		if !ok {
			return errTrailNotFound
		}
		last := wireTime(lastDelivery(t, c.Now))
		resp = trailStatusWire{
			IsLogging:         t.Status == TrailEnabled,
			StartLoggingTime:  wireTime(t.StartLoggingTime),
			StopLoggingTime:   wireTime(t.StopLoggingTime),
			OssBucketStatus:   t.OssBucketName != "",
			SlsLogStoreStatus: t.SlsProjectArn != "",
		}
		if t.OssBucketName != "" {
			resp.LatestDeliveryTime, resp.LatestDeliveryError = last, t.LatestDeliveryError
		}
		if t.SlsProjectArn != "" {
			resp.LatestDeliveryLogServiceTime, resp.LatestDeliveryLogServiceError = last, t.LatestDeliveryLogServiceError
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return resp, nil
}

func (s *Server) atStartLogging(c *rpcCall) (any, error) { return s.setLogging(c, true) }
func (s *Server) atStopLogging(c *rpcCall) (any, error)  { return s.setLogging(c, false) }

// setLogging switches a trail on or off; switching it to the state it is
// in changes nothing (ASSUMPTION: the reference documents no error for it).
func (s *Server) setLogging(c *rpcCall, on bool) (any, error) {
	name, err := trailNameParam(c)
	if err != nil {
		return nil, err
	}
	err = s.store.update(func(st *cloudState) error {
		t, ok := st.ActionTrail.trail(c.AccountID, name)
		if !ok {
			return errTrailNotFound
		}
		now := c.Now.UTC().Truncate(time.Second)
		switch {
		case on && t.Status != TrailEnabled:
			t.Status, t.StartLoggingTime = TrailEnabled, now
		case !on && t.Status == TrailEnabled:
			t.Status, t.StopLoggingTime = TrailDisabled, now
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

// --- Go API ---

// Trail returns a trail of the default account.
func (s *Server) Trail(name string) (Trail, bool) { return s.AccountTrail(DefaultAccountID, name) }

// AccountTrail returns a trail of an account.
func (s *Server) AccountTrail(account, name string) (Trail, bool) {
	var out Trail
	found := false
	_ = s.store.view(func(st *cloudState) error {
		if t, ok := st.ActionTrail.trail(account, name); ok {
			out, found = t.clone(), true
		}
		return nil
	})
	return out, found
}

// accountTrail is AccountTrail for the admin API's answers.
func (s *Server) accountTrail(account, name string) Trail {
	t, _ := s.AccountTrail(account, name)
	return t
}

// ChangeTrail changes a trail behind Terraform's back (an edit in the
// console): f gets the trail as it is; the result is stored without the
// API's checks, with UpdateTime set to now.
func (s *Server) ChangeTrail(account, name string, f func(*Trail)) error {
	if account == "" {
		account = DefaultAccountID
	}
	now := s.Now()
	return s.store.update(func(st *cloudState) error {
		t, ok := st.ActionTrail.trail(account, name)
		if !ok {
			return fmt.Errorf("%w: trail %q in account %s", ErrNotFound, name, account)
		}
		c := t.clone()
		f(&c)
		c.Name, c.AccountID = t.Name, t.AccountID
		c.DeliversToSLS = Bool(c.SlsProjectArn != "")
		c.UpdateTime = now.UTC().Truncate(time.Second)
		switch {
		case c.Status == TrailEnabled && t.Status != TrailEnabled:
			c.StartLoggingTime = c.UpdateTime
		case c.Status != TrailEnabled && t.Status == TrailEnabled:
			c.StopLoggingTime = c.UpdateTime
		}
		*t = c
		return nil
	})
}
