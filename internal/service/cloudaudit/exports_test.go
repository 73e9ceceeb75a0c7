package cloudaudit

import (
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"
)

// Exported for the external test package.
var (
	FindTrackByID = findTrackByID
	DeleteTrack   = deleteTrack
)

// TrackFieldsForTest is a track as the resource and the data sources fill
// it, in plain types ("" for null; storage as "key=value" of its set
// attributes; filters as "resource/action:names").
type TrackFieldsForTest struct {
	TrackID                        int64
	Name, ActionType, ResourceType string
	Enabled, TrackForAllMembers    bool
	EventNames, Filters, Storage   []string
	CreateTime                     string
}

func setStringsForTest(s types.Set) []string {
	var out []string
	for _, e := range s.Elements() {
		out = append(out, e.(types.String).ValueString()) //nolint:forcetypeassert // sets of strings
	}
	sort.Strings(out)
	return out
}

func attrString(v attr.Value) string {
	switch v := v.(type) {
	case types.String:
		if v.IsNull() {
			return ""
		}
		return v.ValueString()
	case types.Bool:
		if v.ValueBool() {
			return "true"
		}
		return "false"
	}
	return v.String()
}

// FieldsFromDescribeForTest converts a DescribeAuditTrack answer as the
// resource and the data sources do.
func FieldsFromDescribeForTest(id uint64, d *ca.DescribeAuditTrackResponseParams) TrackFieldsForTest {
	f := fieldsFromDescribe(id, d)
	out := TrackFieldsForTest{
		TrackID: f.TrackID.ValueInt64(), Name: f.Name.ValueString(), ActionType: f.ActionType.ValueString(),
		ResourceType: f.ResourceType.ValueString(), Enabled: f.Enabled.ValueBool(), TrackForAllMembers: f.TrackForAllMembers.ValueBool(),
		EventNames: setStringsForTest(f.EventNames), CreateTime: f.CreateTime.ValueString(),
	}
	for _, e := range f.Filters.Elements() {
		a := e.(types.Object).Attributes()    //nolint:forcetypeassert // filtersValue builds objects
		names := a["event_names"].(types.Set) //nolint:forcetypeassert // a set attribute
		out.Filters = append(out.Filters, attrString(a["resource_type"])+"/"+attrString(a["action_type"])+":"+strings.Join(setStringsForTest(names), ","))
	}
	for k, v := range f.Storage.Attributes() {
		if s := attrString(v); s != "" {
			out.Storage = append(out.Storage, k+"="+s)
		}
	}
	sort.Strings(out.Storage)
	return out
}
