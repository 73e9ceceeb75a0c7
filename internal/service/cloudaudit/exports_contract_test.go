package cloudaudit

import (
	"github.com/hashicorp/terraform-plugin-framework/types"
	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"
)

// EventForTest is one LookUpEvents event as the data source lists it, in
// plain strings ("" for null), by attribute name.
func EventForTest(e *ca.Event) map[string]string {
	f := eventFromWire(e)
	out := map[string]string{}
	for k, v := range map[string]interface{ ValueString() string }{
		"event_id": f.EventID, "event_time": f.EventTime, "event_name": f.EventName, "event_source": f.EventSource,
		"action_type": f.ActionType, "username": f.Username, "access_key_id": f.AccessKeyID, "source_ip": f.SourceIP,
		"resource_type": f.ResourceType, "resource_name": f.ResourceName, "request_id": f.RequestID,
		"error_code": f.ErrorCode, "region": f.Region,
	} {
		out[k] = v.ValueString()
	}
	return out
}

// SwitchesForTest are the boolean attributes sent as integer enums, by
// API parameter: to the wire and back, as the resource maps them.
var SwitchesForTest = map[string]struct {
	Attribute string
	ToWire    func(bool) uint64
	FromWire  func(uint64) bool
}{
	"Status":             {"enabled", func(b bool) uint64 { return *switchToWire(b) }, func(v uint64) bool { return switchFromWire(&v).ValueBool() }},
	"TrackForAllMembers": {"track_for_all_members", func(b bool) uint64 { return *switchToWire(b) }, func(v uint64) bool { return switchFromWire(&v).ValueBool() }},
	"Storage.Compress": {"storage.compress", func(b bool) uint64 { return *compressToWire(types.BoolValue(b)) },
		func(v uint64) bool { return compressFromWire(&v).ValueBool() }},
}
