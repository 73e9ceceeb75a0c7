package actiontrail

import (
	"time"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/flex"
)

// wireTime is the layout of every ActionTrail time (UTC).
const wireTime = "2006-01-02T15:04:05Z"

var regionStatusAttrTypes = map[string]attr.Type{
	"region": types.StringType,
	"status": types.StringType,
}

var regionStatusType = types.ObjectType{AttrTypes: regionStatusAttrTypes}

// jobFields are the attributes a job has in the resource and both data
// sources, filled from the API in one place.
type jobFields struct {
	JobID          types.Int64  `tfsdk:"job_id"`
	TrailName      types.String `tfsdk:"trail_name"`
	Status         types.String `tfsdk:"status"`
	HomeRegion     types.String `tfsdk:"home_region"`
	StartTime      types.String `tfsdk:"start_time"`
	EndTime        types.String `tfsdk:"end_time"`
	CreatedTime    types.String `tfsdk:"created_time"`
	UpdatedTime    types.String `tfsdk:"updated_time"`
	RegionStatuses types.List   `tfsdk:"region_statuses"`
}

func wireTimeValue(s string) types.String { return flex.TimeToRFC3339(s, wireTime, time.UTC) }

func regionStatusesValue(items []sdk.StatusItem) types.List {
	elems := make([]attr.Value, 0, len(items))
	for _, s := range items {
		elems = append(elems, types.ObjectValueMust(regionStatusAttrTypes, map[string]attr.Value{
			"region": types.StringValue(s.Region),
			"status": types.StringValue(jobStatusName(s.Status)),
		}))
	}
	return types.ListValueMust(regionStatusType, elems)
}

func fieldsFromGet(j *sdk.GetDeliveryHistoryJobResponse) jobFields {
	f := fieldsFromList(sdk.DeliveryHistoryJob{
		JobId: j.JobId, TrailName: j.TrailName, JobStatus: j.JobStatus, HomeRegion: j.HomeRegion,
		StartTime: j.StartTime, EndTime: j.EndTime, CreatedTime: j.CreatedTime, UpdatedTime: j.UpdatedTime,
	})
	f.RegionStatuses = regionStatusesValue(j.Status)
	return f
}

// fieldsFromList fills what a list entry carries; region statuses only come
// from Get, so they stay null unless fetched.
func fieldsFromList(j sdk.DeliveryHistoryJob) jobFields {
	return jobFields{
		JobID:          types.Int64Value(j.JobId),
		TrailName:      types.StringValue(j.TrailName),
		Status:         types.StringValue(jobStatusName(j.JobStatus)),
		HomeRegion:     flex.StringOrNull(j.HomeRegion),
		StartTime:      wireTimeValue(j.StartTime),
		EndTime:        wireTimeValue(j.EndTime),
		CreatedTime:    wireTimeValue(j.CreatedTime),
		UpdatedTime:    wireTimeValue(j.UpdatedTime),
		RegionStatuses: types.ListNull(regionStatusType),
	}
}

// jobAttrTypes are the attribute types of a job object in the jobs data
// source (the tfsdk names of jobFields).
var jobAttrTypes = map[string]attr.Type{
	"job_id":          types.Int64Type,
	"trail_name":      types.StringType,
	"status":          types.StringType,
	"home_region":     types.StringType,
	"start_time":      types.StringType,
	"end_time":        types.StringType,
	"created_time":    types.StringType,
	"updated_time":    types.StringType,
	"region_statuses": types.ListType{ElemType: regionStatusType},
}

var jobObjectType = types.ObjectType{AttrTypes: jobAttrTypes}

// attrs are f's attributes by tfsdk name, ready for an object value
// without reflection (a large list converts thousands of them).
func (f jobFields) attrs() map[string]attr.Value {
	return map[string]attr.Value{
		"job_id":          f.JobID,
		"trail_name":      f.TrailName,
		"status":          f.Status,
		"home_region":     f.HomeRegion,
		"start_time":      f.StartTime,
		"end_time":        f.EndTime,
		"created_time":    f.CreatedTime,
		"updated_time":    f.UpdatedTime,
		"region_statuses": f.RegionStatuses,
	}
}
