package mockcloud

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"time"
)

// CloudAudit 2019-03-19: audit tracks.
const (
	CloudAuditProduct = "cloudaudit"
	CloudAuditVersion = "2019-03-19"

	// DefaultAuditTrackLimit is how many tracks an account may have.
	DefaultAuditTrackLimit = 5

	// auditTimeLayout is CreateTime on the wire, in Beijing time.
	auditTimeLayout = "2006-01-02 15:04:05"

	firstTrackID = 1
)

// ASSUMPTION: CloudAudit documents no maximum PageSize; the mock accepts
// 1-100 and refuses more with InvalidParameterValue.
const maxAuditPageSize = 100

// beijing is the zone CloudAudit times are written in (fixed UTC+8, so the
// mock does not depend on the machine's tzdata).
var beijing = time.FixedZone("CST", 8*3600)

// auditRegions are the storage regions CloudAudit delivers to; others are
// refused with InvalidParameterValue.CosRegionError. Source: the region
// table of CloudAudit's API reference, "Request Structure"
// (https://www.tencentcloud.com/document/product/1021/34191). The provider
// keeps its own copy (cloudaudit.StorageRegionValues), so a mistake in one
// cannot hide the other's; a test checks the two agree.
var auditRegions = []string{
	"ap-guangzhou", "ap-shanghai", "ap-beijing", "ap-chengdu", "ap-chongqing", "ap-hongkong",
	"ap-singapore", "ap-bangkok", "ap-mumbai", "ap-seoul", "ap-tokyo",
	"na-ashburn", "na-siliconvalley", "eu-frankfurt",
}

// AuditStorageRegions returns the storage regions the mock accepts.
func AuditStorageRegions() []string { return slices.Clone(auditRegions) }

// Storage.Compress (tencentcloud-sdk-go cloudaudit v1.3.40: "1:压缩 2:不压缩").
// ASSUMPTION: a create that does not send it gets 2, and a modify whose
// Storage does not send it keeps the track's setting.
const (
	auditCompressOn  = 1
	auditCompressOff = 2
)

var (
	auditTrackNameRE = regexp.MustCompile(`^[A-Za-z0-9_-]{3,48}$`)
	cosBucketRE      = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$`)
	clsTopicRE       = regexp.MustCompile(`^[A-Za-z0-9-]{1,50}$`)
	// "ckafka实例ID/topic", e.g. ckafka-xxxxxx/tencent_test_audit_log (SDK
	// v1.3.40, Storage.StorageName). ASSUMPTION: the shape of the instance
	// id and CKafka's topic name rule (1-128 of letters, digits, _ and -).
	ckafkaTopicRE   = regexp.MustCompile(`^ckafka-[a-z0-9]+/[A-Za-z0-9_-]{1,128}$`)
	storagePrefixRE = regexp.MustCompile(`^[A-Za-z0-9]{3,40}$`)
	digitsRE        = regexp.MustCompile(`^[0-9]+$`)
	appIDSuffixRE   = regexp.MustCompile(`-[0-9]{10}$`)
	eventNameRE     = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9._-]{0,127}$`)
	resourceTypeRE  = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,63}$`)
)

// AuditStorage is where a track delivers its events.
type AuditStorage struct {
	Type      string `json:"type"` // cos, cls or ckafka
	Region    string `json:"region"`
	Name      string `json:"name"`
	Prefix    string `json:"prefix"`
	AccountID string `json:"account_id,omitempty"`
	AppID     string `json:"app_id,omitempty"`
	// Compress is 1 (compressed) or 2 (not); 0 in a seed means unset, and
	// the answer then has no Compress.
	Compress uint64 `json:"compress,omitempty"`
}

// AuditResourceFilter is one ResourceFields entry of an events track.
type AuditResourceFilter struct {
	ResourceType string   `json:"resource_type"`
	ActionType   string   `json:"action_type"`
	EventNames   []string `json:"event_names"`
}

// AuditTrack is a CloudAudit track. A track with Filters is of the events
// form (CreateEventsAuditTrack) and has no ActionType, ResourceType or
// EventNames of its own.
type AuditTrack struct {
	ID                 uint64                `json:"id"`
	AccountID          string                `json:"account_id"`
	Name               string                `json:"name"`
	Status             uint64                `json:"status"`
	ActionType         string                `json:"action_type,omitempty"`
	ResourceType       string                `json:"resource_type,omitempty"`
	EventNames         []string              `json:"event_names,omitempty"`
	Filters            []AuditResourceFilter `json:"filters,omitempty"`
	Storage            AuditStorage          `json:"storage"`
	TrackForAllMembers uint64                `json:"track_for_all_members"`
	CreateTime         time.Time             `json:"create_time"`
}

func (t *AuditTrack) clone() AuditTrack {
	c := *t
	c.EventNames = slices.Clone(t.EventNames)
	c.Filters = make([]AuditResourceFilter, len(t.Filters))
	for i, f := range t.Filters {
		f.EventNames = slices.Clone(f.EventNames)
		c.Filters[i] = f
	}
	if len(c.Filters) == 0 {
		c.Filters = nil
	}
	return c
}

// cloudAuditState is the CloudAudit section of the store.
type cloudAuditState struct {
	NextTrackID uint64                 `json:"next_track_id"`
	Tracks      map[uint64]*AuditTrack `json:"tracks"`
	// TrackLimit overrides the per-account track limit; 0 = the server's.
	TrackLimit int `json:"track_limit,omitempty"`
}

func (ca *cloudAuditState) normalize() {
	if ca.Tracks == nil {
		ca.Tracks = map[uint64]*AuditTrack{}
	}
	if ca.NextTrackID < firstTrackID {
		ca.NextTrackID = firstTrackID
	}
	for id := range ca.Tracks {
		if id >= ca.NextTrackID {
			ca.NextTrackID = id + 1
		}
	}
}

// accountTracks returns the account's tracks by id.
func (ca *cloudAuditState) accountTracks(account string) []*AuditTrack {
	var out []*AuditTrack
	for _, t := range ca.Tracks {
		if t.AccountID == account {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}

func (ca *cloudAuditState) accountTrack(account string, id uint64) (*AuditTrack, bool) {
	t, ok := ca.Tracks[id]
	if !ok || t.AccountID != account {
		return nil, false
	}
	return t, true
}

func (ca *cloudAuditState) nameTaken(account, name string, except uint64) bool {
	for _, t := range ca.accountTracks(account) {
		if t.Name == name && t.ID != except {
			return true
		}
	}
	return false
}

func (s *Server) auditTrackLimit(ca *cloudAuditState) int {
	switch {
	case ca.TrackLimit > 0:
		return ca.TrackLimit
	case s.opts.AuditTrackLimit > 0:
		return s.opts.AuditTrackLimit
	default:
		return DefaultAuditTrackLimit
	}
}

// --- validation: what the cloud enforces ---

var (
	errAuditNotExist   = tcErr("ResourceNotFound.AuditNotExist", "The audit track does not exist.")
	errAliasExists     = tcErr("InvalidParameterValue.AliasAlreadyExists", "An audit track with this name already exists.")
	errNoRename        = tcErr("InvalidParameterValue.AuditTrackNameNotSupportModify", "The name of an audit track cannot be modified.")
	errCosRegion       = tcErr("InvalidParameterValue.CosRegionError", "CloudAudit does not support the storage region entered.")
	errCosName         = tcErr("InvalidParameterValue.CosNameError", "The COS bucket name entered does not conform to the specification: lower-case letters, digits and -, at most 50 characters, not starting or ending with -, without the -APPID suffix.")
	errLogPrefix       = tcErr("InvalidParameterValue.LogFilePrefixError", "The log file prefix must be 3-40 letters and digits.")
	errTrackIDRequired = tcErr("MissingParameter", "The request is missing a required parameter `TrackId`.")
)

func errTrackLimit(limit int) *apiError {
	return tcErr("LimitExceeded.OverAmount", "The number of audit tracks exceeds the maximum: an account may have at most %d tracks.", limit)
}

func validateAuditStorage(st AuditStorage) error {
	switch st.Type {
	case "cos":
		if !cosBucketRE.MatchString(st.Name) || appIDSuffixRE.MatchString(st.Name) {
			return errCosName
		}
	case "cls":
		if !clsTopicRE.MatchString(st.Name) {
			return tcErr("InvalidParameterValue", "Storage.StorageName must be a CLS topic id of 1-50 characters.")
		}
	case "ckafka":
		if !ckafkaTopicRE.MatchString(st.Name) {
			return tcErr("InvalidParameterValue", "Storage.StorageName must be a CKafka instance id and topic, such as ckafka-xxxxxx/topic.")
		}
	default:
		return tcErr("InvalidParameterValue", "Storage.StorageType %q is not supported: use cos, cls or ckafka.", st.Type)
	}
	if !slices.Contains(auditRegions, st.Region) {
		return errCosRegion
	}
	// The 3-40 alphanumeric rule is stated for COS log files only (SDK
	// v1.3.40, Storage.StoragePrefix: "cos日志文件前缀仅支持字母和数字的组合，3-40个字符").
	// ASSUMPTION: other types need a non-empty prefix.
	if (st.Type == "cos" && !storagePrefixRE.MatchString(st.Prefix)) || st.Prefix == "" {
		return errLogPrefix
	}
	if st.Compress != 0 && st.Compress != auditCompressOn && st.Compress != auditCompressOff {
		return tcErr("InvalidParameterValue", "Storage.Compress must be 1 (compress) or 2 (do not compress).")
	}
	if st.AccountID != "" && !digitsRE.MatchString(st.AccountID) {
		return tcErr("InvalidParameterValue", "Storage.StorageAccountId must be a numeric account id.")
	}
	if st.AppID != "" && !digitsRE.MatchString(st.AppID) {
		return tcErr("InvalidParameterValue", "Storage.StorageAppId must be a numeric APPID.")
	}
	return nil
}

// validateEventSelection checks ActionType, ResourceType and EventNames as
// both forms use them; where names the field for the message.
func validateEventSelection(where, actionType, resourceType string, eventNames []string) error {
	if !slices.Contains([]string{"Read", "Write", "*"}, actionType) {
		return tcErr("InvalidParameterValue", "%sActionType %q is not valid: use Read, Write or *.", where, actionType)
	}
	if resourceType != "*" && !resourceTypeRE.MatchString(resourceType) {
		return tcErr("InvalidParameterValue", "%sResourceType %q is not valid: use * or a product such as cos.", where, resourceType)
	}
	if len(eventNames) == 0 {
		return tcErr("MissingParameter", "The request is missing a required parameter `%sEventNames`.", where)
	}
	if resourceType == "*" && (len(eventNames) != 1 || eventNames[0] != "*") {
		return tcErr("InvalidParameterValue", "%sEventNames must be [\"*\"] when ResourceType is *.", where)
	}
	if slices.Contains(eventNames, "*") && len(eventNames) != 1 {
		return tcErr("InvalidParameterValue", "%sEventNames must be [\"*\"] alone or a list of API names.", where)
	}
	if len(eventNames) > 10 {
		return tcErr("InvalidParameterValue", "%sEventNames may list at most 10 API names.", where)
	}
	for _, n := range eventNames {
		if n != "*" && !eventNameRE.MatchString(n) {
			return tcErr("InvalidParameterValue", "%sEventNames contains an invalid API name %q.", where, n)
		}
	}
	return nil
}

func validateAuditTrack(t *AuditTrack) error {
	if !auditTrackNameRE.MatchString(t.Name) {
		return tcErr("InvalidParameterValue", "Name must be 3-48 letters, digits, - and _.")
	}
	if t.Status > 1 {
		return tcErr("InvalidParameterValue", "Status must be 0 or 1.")
	}
	if t.TrackForAllMembers > 1 {
		return tcErr("InvalidParameterValue", "TrackForAllMembers must be 0 or 1.")
	}
	if err := validateAuditStorage(t.Storage); err != nil {
		return err
	}
	if len(t.Filters) == 0 {
		return validateEventSelection("", t.ActionType, t.ResourceType, t.EventNames)
	}
	for i, f := range t.Filters {
		if err := validateEventSelection(fmt.Sprintf("Filters.ResourceFields.%d.", i), f.ActionType, f.ResourceType, f.EventNames); err != nil {
			return err
		}
	}
	return nil
}

// --- wire shapes (tencentcloud-sdk-go cloudaudit/v20190319) ---

type auditStorageWire struct {
	StorageType      *string `json:"StorageType,omitempty"`
	StorageRegion    *string `json:"StorageRegion,omitempty"`
	StorageName      *string `json:"StorageName,omitempty"`
	StoragePrefix    *string `json:"StoragePrefix,omitempty"`
	StorageAccountID *string `json:"StorageAccountId,omitempty"`
	StorageAppID     *string `json:"StorageAppId,omitempty"`
	Compress         *uint64 `json:"Compress,omitempty"`
}

type auditResourceFieldWire struct {
	ResourceType *string  `json:"ResourceType,omitempty"`
	ActionType   *string  `json:"ActionType,omitempty"`
	EventNames   []string `json:"EventNames,omitempty"`
}

type auditFilterWire struct {
	ResourceFields []auditResourceFieldWire `json:"ResourceFields,omitempty"`
}

// auditTrackRequest is the union of the Create/Modify (Events) AuditTrack
// request fields; each handler refuses the fields its API does not have.
type auditTrackRequest struct {
	TrackID            *uint64           `json:"TrackId,omitempty"`
	Name               *string           `json:"Name,omitempty"`
	Status             *uint64           `json:"Status,omitempty"`
	Storage            *auditStorageWire `json:"Storage,omitempty"`
	ActionType         *string           `json:"ActionType,omitempty"`
	ResourceType       *string           `json:"ResourceType,omitempty"`
	EventNames         []string          `json:"EventNames,omitempty"`
	TrackForAllMembers *uint64           `json:"TrackForAllMembers,omitempty"`
	ExportID           *string           `json:"ExportId,omitempty"`
	Filters            *auditFilterWire  `json:"Filters,omitempty"`
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func strPtrOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func storageFromWire(w *auditStorageWire) AuditStorage {
	return AuditStorage{
		Type: str(w.StorageType), Region: str(w.StorageRegion), Name: str(w.StorageName),
		Prefix: str(w.StoragePrefix), AccountID: str(w.StorageAccountID), AppID: str(w.StorageAppID),
		Compress: uintOrZero(w.Compress),
	}
}

func uintOrZero(p *uint64) uint64 {
	if p == nil {
		return 0
	}
	return *p
}

func storageToWire(st AuditStorage) *auditStorageWire {
	w := &auditStorageWire{
		StorageType: &st.Type, StorageRegion: &st.Region, StorageName: &st.Name, StoragePrefix: &st.Prefix,
		StorageAccountID: strPtrOrNil(st.AccountID), StorageAppID: strPtrOrNil(st.AppID),
	}
	if st.Compress != 0 {
		w.Compress = &st.Compress
	}
	return w
}

func filtersFromWire(w *auditFilterWire) ([]AuditResourceFilter, error) {
	if w == nil || len(w.ResourceFields) == 0 {
		return nil, tcErr("MissingParameter", "The request is missing a required parameter `Filters.ResourceFields`.")
	}
	out := make([]AuditResourceFilter, len(w.ResourceFields))
	for i, f := range w.ResourceFields {
		out[i] = AuditResourceFilter{ResourceType: str(f.ResourceType), ActionType: str(f.ActionType), EventNames: slices.Clone(f.EventNames)}
	}
	return out, nil
}

func filtersToWire(fs []AuditResourceFilter) *auditFilterWire {
	if len(fs) == 0 {
		return nil
	}
	w := &auditFilterWire{ResourceFields: make([]auditResourceFieldWire, len(fs))}
	for i, f := range fs {
		w.ResourceFields[i] = auditResourceFieldWire{ResourceType: &f.ResourceType, ActionType: &f.ActionType, EventNames: slices.Clone(f.EventNames)}
	}
	return w
}

// auditTrackWire is a track as DescribeAuditTracks lists it; DescribeAuditTrack
// has the same fields but TrackId, plus TrackForAllMembers and Filters.
type auditTrackWire struct {
	TrackID            *uint64           `json:"TrackId,omitempty"`
	Name               string            `json:"Name"`
	ActionType         *string           `json:"ActionType,omitempty"`
	ResourceType       *string           `json:"ResourceType,omitempty"`
	Status             uint64            `json:"Status"`
	EventNames         []string          `json:"EventNames,omitempty"`
	Storage            *auditStorageWire `json:"Storage"`
	CreateTime         string            `json:"CreateTime"`
	TrackForAllMembers *uint64           `json:"TrackForAllMembers,omitempty"`
	Filters            *auditFilterWire  `json:"Filters,omitempty"`
}

func toAuditTrackWire(t *AuditTrack, detail bool) auditTrackWire {
	w := auditTrackWire{
		Name:         t.Name,
		ActionType:   strPtrOrNil(t.ActionType),
		ResourceType: strPtrOrNil(t.ResourceType),
		Status:       t.Status,
		EventNames:   slices.Clone(t.EventNames),
		Storage:      storageToWire(t.Storage),
		CreateTime:   t.CreateTime.In(beijing).Format(auditTimeLayout),
	}
	if detail {
		members := t.TrackForAllMembers
		w.TrackForAllMembers = &members
		w.Filters = filtersToWire(t.Filters)
	} else {
		id := t.ID
		w.TrackID = &id
	}
	return w
}

// --- handlers ---

func (s *Server) registerCloudAudit() {
	for action, h := range map[string]tcHandler{
		"CreateAuditTrack":       s.caCreateTrack,
		"CreateEventsAuditTrack": s.caCreateTrack,
		"ModifyAuditTrack":       s.caModifyTrack,
		"ModifyEventsAuditTrack": s.caModifyTrack,
		"DeleteAuditTrack":       s.caDeleteTrack,
		"DescribeAuditTrack":     s.caDescribeTrack,
		"DescribeAuditTracks":    s.caDescribeTracks,
	} {
		s.handleTC(CloudAuditProduct, CloudAuditVersion, action, h)
	}
}

// decodeTrackRequest decodes a create or modify request and refuses the
// fields the action does not have, as the SDK's FromJsonString does.
func decodeTrackRequest(c *tcCall) (*auditTrackRequest, error) {
	var req auditTrackRequest
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	events := c.Action == "CreateEventsAuditTrack" || c.Action == "ModifyEventsAuditTrack"
	modify := c.Action == "ModifyAuditTrack" || c.Action == "ModifyEventsAuditTrack"
	var bad string
	switch {
	case events && (req.ActionType != nil || req.ResourceType != nil || req.EventNames != nil):
		bad = "ActionType, ResourceType, EventNames"
	case !events && req.Filters != nil:
		bad = "Filters"
	case !modify && req.TrackID != nil:
		bad = "TrackId"
	case c.Action != "CreateAuditTrack" && req.ExportID != nil:
		bad = "ExportId"
	}
	if bad != "" {
		return nil, tcErr("UnknownParameter", "The parameter(s) %s are not recognized by %s.", bad, c.Action)
	}
	// Storage.Compress's values are 1 and 2 ("1:压缩 2:不压缩", the contract's
	// enum): a stated 0 is refused, not taken as unset (only an absent
	// Compress is). ASSUMPTION: the code, InvalidParameterValue, as for the
	// other bad storage values (API-NOTES, CloudAudit).
	if st := req.Storage; st != nil && st.Compress != nil && *st.Compress != auditCompressOn && *st.Compress != auditCompressOff {
		return nil, tcErr("InvalidParameterValue", "Storage.Compress must be 1 (compress) or 2 (do not compress).")
	}
	return &req, nil
}

func (s *Server) caCreateTrack(c *tcCall) (any, error) {
	req, err := decodeTrackRequest(c)
	if err != nil {
		return nil, err
	}
	for name, missing := range map[string]bool{"Name": req.Name == nil, "Status": req.Status == nil, "Storage": req.Storage == nil} {
		if missing {
			return nil, tcErr("MissingParameter", "The request is missing a required parameter `%s`.", name)
		}
	}
	t := AuditTrack{AccountID: c.AccountID, Name: *req.Name, Status: *req.Status, Storage: storageFromWire(req.Storage), CreateTime: c.Now}
	if req.TrackForAllMembers != nil {
		t.TrackForAllMembers = *req.TrackForAllMembers
	}
	if t.Storage.Compress == 0 {
		t.Storage.Compress = auditCompressOff
	}
	if c.Action == "CreateEventsAuditTrack" {
		if t.Filters, err = filtersFromWire(req.Filters); err != nil {
			return nil, err
		}
	} else {
		for name, missing := range map[string]bool{"ActionType": req.ActionType == nil, "ResourceType": req.ResourceType == nil} {
			if missing {
				return nil, tcErr("MissingParameter", "The request is missing a required parameter `%s`.", name)
			}
		}
		t.ActionType, t.ResourceType, t.EventNames = *req.ActionType, *req.ResourceType, req.EventNames
	}
	if err := validateAuditTrack(&t); err != nil {
		return nil, err
	}
	var id uint64
	err = s.store.update(func(st *cloudState) error {
		ca := st.CloudAudit
		if ca.nameTaken(c.AccountID, t.Name, 0) {
			return errAliasExists
		}
		if limit := s.auditTrackLimit(ca); len(ca.accountTracks(c.AccountID)) >= limit {
			return errTrackLimit(limit)
		}
		t.ID = ca.NextTrackID
		ca.NextTrackID++
		ca.Tracks[t.ID] = &t
		id = t.ID
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct {
		TrackID uint64 `json:"TrackId"`
	}{id}, nil
}

func (s *Server) caModifyTrack(c *tcCall) (any, error) {
	req, err := decodeTrackRequest(c)
	if err != nil {
		return nil, err
	}
	if req.TrackID == nil {
		return nil, errTrackIDRequired
	}
	events := c.Action == "ModifyEventsAuditTrack"
	var filters []AuditResourceFilter
	if events && req.Filters != nil {
		if filters, err = filtersFromWire(req.Filters); err != nil {
			return nil, err
		}
	}
	return nil, s.store.update(func(st *cloudState) error {
		t, ok := st.CloudAudit.accountTrack(c.AccountID, *req.TrackID)
		if !ok {
			return errAuditNotExist
		}
		if req.Name != nil && *req.Name != t.Name {
			return errNoRename
		}
		next := t.clone()
		if req.Status != nil {
			next.Status = *req.Status
		}
		if req.TrackForAllMembers != nil {
			next.TrackForAllMembers = *req.TrackForAllMembers
		}
		if req.Storage != nil {
			compress := next.Storage.Compress
			next.Storage = storageFromWire(req.Storage)
			if next.Storage.Compress == 0 {
				next.Storage.Compress = compress
			}
		}
		if filters != nil {
			// New filters turn a simple track into an events track.
			next.Filters, next.ActionType, next.ResourceType, next.EventNames = filters, "", "", nil
		}
		if !events && (req.ActionType != nil || req.ResourceType != nil || req.EventNames != nil) {
			if len(next.Filters) > 0 && (req.ActionType == nil || req.ResourceType == nil || req.EventNames == nil) {
				return tcErr("MissingParameter", "Turning an events track into a simple one needs ActionType, ResourceType and EventNames.")
			}
			next.Filters = nil
			if req.ActionType != nil {
				next.ActionType = *req.ActionType
			}
			if req.ResourceType != nil {
				next.ResourceType = *req.ResourceType
			}
			if req.EventNames != nil {
				next.EventNames = slices.Clone(req.EventNames)
			}
		}
		if err := validateAuditTrack(&next); err != nil {
			return err
		}
		*t = next
		return nil
	})
}

func trackIDRequest(c *tcCall) (uint64, error) {
	var req struct {
		TrackID *uint64 `json:"TrackId"`
	}
	if err := c.decode(&req); err != nil {
		return 0, err
	}
	if req.TrackID == nil {
		return 0, errTrackIDRequired
	}
	return *req.TrackID, nil
}

func (s *Server) caDeleteTrack(c *tcCall) (any, error) {
	id, err := trackIDRequest(c)
	if err != nil {
		return nil, err
	}
	return nil, s.store.update(func(st *cloudState) error {
		if _, ok := st.CloudAudit.accountTrack(c.AccountID, id); !ok {
			return errAuditNotExist
		}
		delete(st.CloudAudit.Tracks, id)
		return nil
	})
}

func (s *Server) caDescribeTrack(c *tcCall) (any, error) {
	id, err := trackIDRequest(c)
	if err != nil {
		return nil, err
	}
	var out auditTrackWire
	err = s.store.view(func(st *cloudState) error {
		t, ok := st.CloudAudit.accountTrack(c.AccountID, id)
		if !ok {
			return errAuditNotExist
		}
		out = toAuditTrackWire(t, true)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Server) caDescribeTracks(c *tcCall) (any, error) {
	var req struct {
		PageNumber *uint64 `json:"PageNumber"`
		PageSize   *uint64 `json:"PageSize"`
	}
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if req.PageNumber == nil {
		return nil, tcErr("MissingParameter", "The request is missing a required parameter `PageNumber`.")
	}
	if req.PageSize == nil {
		return nil, tcErr("MissingParameter", "The request is missing a required parameter `PageSize`.")
	}
	if *req.PageNumber < 1 {
		return nil, tcErr("InvalidParameterValue", "PageNumber must be at least 1.")
	}
	if *req.PageSize < 1 || *req.PageSize > maxAuditPageSize {
		return nil, tcErr("InvalidParameterValue", "PageSize must be from 1 to %d.", maxAuditPageSize)
	}
	type listResponse struct {
		Tracks     []auditTrackWire `json:"Tracks"`
		TotalCount int              `json:"TotalCount"`
	}
	resp := listResponse{Tracks: []auditTrackWire{}}
	err := s.store.view(func(st *cloudState) error {
		tracks := st.CloudAudit.accountTracks(c.AccountID)
		resp.TotalCount = len(tracks)
		size := int(*req.PageSize)
		from := int(min(uint64(len(tracks)), (*req.PageNumber-1)*uint64(size)))
		to := min(from+size, len(tracks))
		for _, t := range tracks[from:to] {
			resp.Tracks = append(resp.Tracks, toAuditTrackWire(t, false))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// --- Go API: behind Terraform's back ---

// SeedAuditTrack stores a track without the API's checks except the name
// rules and uniqueness (the limit is not applied, so tests can go past it).
// AccountID defaults to DefaultAccountID, CreateTime to now; ID, if set,
// must be free.
func (s *Server) SeedAuditTrack(t AuditTrack) (uint64, error) {
	if t.AccountID == "" {
		t.AccountID = DefaultAccountID
	}
	if t.CreateTime.IsZero() {
		t.CreateTime = s.Now()
	}
	if err := validateAuditTrack(&t); err != nil {
		return 0, fmt.Errorf("mockcloud: invalid track: %w", err)
	}
	t = t.clone()
	err := s.store.update(func(st *cloudState) error {
		ca := st.CloudAudit
		if ca.nameTaken(t.AccountID, t.Name, 0) {
			return fmt.Errorf("mockcloud: a track named %q exists in account %s", t.Name, t.AccountID)
		}
		if t.ID == 0 {
			t.ID = ca.NextTrackID
		} else if _, taken := ca.Tracks[t.ID]; taken {
			return fmt.Errorf("mockcloud: track id %d is taken", t.ID)
		}
		if t.ID >= ca.NextTrackID {
			ca.NextTrackID = t.ID + 1
		}
		ca.Tracks[t.ID] = &t
		return nil
	})
	return t.ID, err
}

// AuditTrack returns a track by id.
func (s *Server) AuditTrack(id uint64) (AuditTrack, bool) {
	var out AuditTrack
	found := false
	_ = s.store.view(func(st *cloudState) error {
		if t, ok := st.CloudAudit.Tracks[id]; ok {
			out, found = t.clone(), true
		}
		return nil
	})
	return out, found
}

// AuditTracks returns every track of every account, by id.
func (s *Server) AuditTracks() []AuditTrack {
	var out []AuditTrack
	_ = s.store.view(func(st *cloudState) error {
		for _, t := range st.CloudAudit.Tracks {
			out = append(out, t.clone())
		}
		return nil
	})
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}

// UpdateAuditTrack changes a track behind Terraform's back. The result must
// still be a valid track; renames are allowed here (unlike the API).
func (s *Server) UpdateAuditTrack(id uint64, f func(*AuditTrack)) error {
	return s.store.update(func(st *cloudState) error {
		t, ok := st.CloudAudit.Tracks[id]
		if !ok {
			return fmt.Errorf("%w: track %d", ErrNotFound, id)
		}
		c := t.clone()
		f(&c)
		c.ID, c.AccountID = id, t.AccountID
		if err := validateAuditTrack(&c); err != nil {
			return fmt.Errorf("mockcloud: invalid track: %w", err)
		}
		if st.CloudAudit.nameTaken(c.AccountID, c.Name, id) {
			return fmt.Errorf("mockcloud: a track named %q exists", c.Name)
		}
		*t = c.clone()
		return nil
	})
}

// DeleteAuditTrack deletes a track behind Terraform's back.
func (s *Server) DeleteAuditTrack(id uint64) bool {
	found := false
	s.logError("DeleteAuditTrack", s.store.update(func(st *cloudState) error {
		_, found = st.CloudAudit.Tracks[id]
		delete(st.CloudAudit.Tracks, id)
		return nil
	}))
	return found
}

// SetAuditTrackLimit changes the per-account track limit; 0 restores the
// server's default (Options.AuditTrackLimit or DefaultAuditTrackLimit).
func (s *Server) SetAuditTrackLimit(n int) {
	s.logError("SetAuditTrackLimit", s.store.update(func(st *cloudState) error {
		st.CloudAudit.TrackLimit = max(n, 0)
		return nil
	}))
}

// AuditTrackLimit is the per-account track limit in force.
func (s *Server) AuditTrackLimit() int {
	n := 0
	_ = s.store.view(func(st *cloudState) error {
		n = s.auditTrackLimit(st.CloudAudit)
		return nil
	})
	return n
}
