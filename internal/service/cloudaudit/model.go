package cloudaudit

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/flex"
)

var storageAttrTypes = map[string]attr.Type{
	"type":       types.StringType,
	"region":     types.StringType,
	"name":       types.StringType,
	"prefix":     types.StringType,
	"account_id": types.StringType,
	"app_id":     types.StringType,
	"compress":   types.BoolType,
}

var filterAttrTypes = map[string]attr.Type{
	"resource_type": types.StringType,
	"action_type":   types.StringType,
	"event_names":   types.SetType{ElemType: types.StringType},
}

var filterType = types.ObjectType{AttrTypes: filterAttrTypes}

// trackFields are the attributes a track has in the resource and both data
// sources, filled from the API in one place.
type trackFields struct {
	TrackID            types.Int64  `tfsdk:"track_id"`
	Name               types.String `tfsdk:"name"`
	Enabled            types.Bool   `tfsdk:"enabled"`
	TrackForAllMembers types.Bool   `tfsdk:"track_for_all_members"`
	ActionType         types.String `tfsdk:"action_type"`
	ResourceType       types.String `tfsdk:"resource_type"`
	EventNames         types.Set    `tfsdk:"event_names"`
	Filters            types.List   `tfsdk:"filters"`
	Storage            types.Object `tfsdk:"storage"`
	CreateTime         types.String `tfsdk:"create_time"`
}

func trackFieldsAttrTypes() map[string]attr.Type {
	return map[string]attr.Type{
		"track_id":              types.Int64Type,
		"name":                  types.StringType,
		"enabled":               types.BoolType,
		"track_for_all_members": types.BoolType,
		"action_type":           types.StringType,
		"resource_type":         types.StringType,
		"event_names":           types.SetType{ElemType: types.StringType},
		"filters":               types.ListType{ElemType: filterType},
		"storage":               types.ObjectType{AttrTypes: storageAttrTypes},
		"create_time":           types.StringType,
	}
}

// storageModel and filterModel are the nested objects as Go values, for
// building requests from a plan.
type storageModel struct {
	Type      types.String `tfsdk:"type"`
	Region    types.String `tfsdk:"region"`
	Name      types.String `tfsdk:"name"`
	Prefix    types.String `tfsdk:"prefix"`
	AccountID types.String `tfsdk:"account_id"`
	AppID     types.String `tfsdk:"app_id"`
	Compress  types.Bool   `tfsdk:"compress"`
}

type filterModel struct {
	ResourceType types.String `tfsdk:"resource_type"`
	ActionType   types.String `tfsdk:"action_type"`
	EventNames   types.Set    `tfsdk:"event_names"`
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func strOrNull(p *string) types.String { return flex.StringOrNull(str(p)) }

// eventNamesValue is a set of the names, null when the API sent none.
func eventNamesValue(names []*string) types.Set {
	var elems []attr.Value
	for _, n := range names {
		if n != nil {
			elems = append(elems, types.StringValue(*n))
		}
	}
	if len(elems) == 0 {
		return types.SetNull(types.StringType)
	}
	return types.SetValueMust(types.StringType, elems)
}

func storageValue(s *ca.Storage) types.Object {
	if s == nil {
		return types.ObjectNull(storageAttrTypes)
	}
	return types.ObjectValueMust(storageAttrTypes, map[string]attr.Value{
		"type":       types.StringValue(str(s.StorageType)),
		"region":     types.StringValue(str(s.StorageRegion)),
		"name":       types.StringValue(str(s.StorageName)),
		"prefix":     types.StringValue(str(s.StoragePrefix)),
		"account_id": strOrNull(s.StorageAccountId),
		"app_id":     strOrNull(s.StorageAppId),
		"compress":   compressFromWire(s.Compress),
	})
}

// filtersValue is the events form's filters, null for a simple track.
func filtersValue(f *ca.Filter) types.List {
	if f == nil || len(f.ResourceFields) == 0 {
		return types.ListNull(filterType)
	}
	elems := make([]attr.Value, 0, len(f.ResourceFields))
	for _, rf := range f.ResourceFields {
		if rf == nil {
			continue
		}
		events := eventNamesValue(rf.EventNames)
		if events.IsNull() {
			events = types.SetValueMust(types.StringType, []attr.Value{})
		}
		elems = append(elems, types.ObjectValueMust(filterAttrTypes, map[string]attr.Value{
			"resource_type": types.StringValue(str(rf.ResourceType)),
			"action_type":   types.StringValue(str(rf.ActionType)),
			"event_names":   events,
		}))
	}
	return types.ListValueMust(filterType, elems)
}

// fieldsFromDescribe fills every attribute from DescribeAuditTrack (which
// does not echo the id).
func fieldsFromDescribe(id uint64, d *ca.DescribeAuditTrackResponseParams) trackFields {
	return trackFields{
		TrackID:            types.Int64Value(int64(id)), //nolint:gosec // track ids are small
		Name:               types.StringValue(str(d.Name)),
		Enabled:            switchFromWire(d.Status),
		TrackForAllMembers: switchFromWire(d.TrackForAllMembers),
		ActionType:         strOrNull(d.ActionType),
		ResourceType:       strOrNull(d.ResourceType),
		EventNames:         eventNamesValue(d.EventNames),
		Filters:            filtersValue(d.Filters),
		Storage:            storageValue(d.Storage),
		CreateTime:         createTimeValue(d.CreateTime),
	}
}

// --- plan -> request ---

func stringPtr(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	s := v.ValueString()
	return &s
}

func setStrings(ctx context.Context, s types.Set, diags *diag.Diagnostics) []*string {
	var names []string
	diags.Append(s.ElementsAs(ctx, &names, false)...)
	sort.Strings(names) // a stable order keeps requests reproducible
	out := make([]*string, len(names))
	for i := range names {
		out[i] = &names[i]
	}
	return out
}

func storageRequest(ctx context.Context, o types.Object, diags *diag.Diagnostics) *ca.Storage {
	var m storageModel
	diags.Append(o.As(ctx, &m, basetypes.ObjectAsOptions{})...)
	return &ca.Storage{
		StorageType:      stringPtr(m.Type),
		StorageRegion:    stringPtr(m.Region),
		StorageName:      stringPtr(m.Name),
		StoragePrefix:    stringPtr(m.Prefix),
		StorageAccountId: stringPtr(m.AccountID),
		StorageAppId:     stringPtr(m.AppID),
		Compress:         compressToWire(m.Compress),
	}
}

func filtersRequest(ctx context.Context, l types.List, diags *diag.Diagnostics) *ca.Filter {
	var fs []filterModel
	diags.Append(l.ElementsAs(ctx, &fs, false)...)
	out := &ca.Filter{ResourceFields: make([]*ca.ResourceField, 0, len(fs))}
	for _, f := range fs {
		out.ResourceFields = append(out.ResourceFields, &ca.ResourceField{
			ResourceType: stringPtr(f.ResourceType),
			ActionType:   stringPtr(f.ActionType),
			EventNames:   setStrings(ctx, f.EventNames, diags),
		})
	}
	return out
}

// trackObjectType is a track object of the tracks data source.
var trackObjectType = types.ObjectType{AttrTypes: trackFieldsAttrTypes()}

// fieldsFromList fills what a DescribeAuditTracks entry carries: all but
// track_for_all_members and filters (DescribeAuditTrack's only), which
// stay null.
func fieldsFromList(t *ca.Tracks) trackFields {
	return trackFields{
		TrackID:            types.Int64Value(int64(*t.TrackId)), //nolint:gosec // track ids are small
		Name:               types.StringValue(str(t.Name)),
		Enabled:            switchFromWire(t.Status),
		TrackForAllMembers: types.BoolNull(),
		ActionType:         strOrNull(t.ActionType),
		ResourceType:       strOrNull(t.ResourceType),
		EventNames:         eventNamesValue(t.EventNames),
		Filters:            types.ListNull(filterType),
		Storage:            storageValue(t.Storage),
		CreateTime:         createTimeValue(t.CreateTime),
	}
}

// attrs are f's attributes by tfsdk name, for an object value without
// reflection.
func (f trackFields) attrs() map[string]attr.Value {
	return map[string]attr.Value{
		"track_id":              f.TrackID,
		"name":                  f.Name,
		"enabled":               f.Enabled,
		"track_for_all_members": f.TrackForAllMembers,
		"action_type":           f.ActionType,
		"resource_type":         f.ResourceType,
		"event_names":           f.EventNames,
		"filters":               f.Filters,
		"storage":               f.Storage,
		"create_time":           f.CreateTime,
	}
}
