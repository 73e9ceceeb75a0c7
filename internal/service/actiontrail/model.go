package actiontrail

import (
	"strconv"
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

// trailFields are the attributes a trail has in the resource and in the
// trails data source, filled from a DescribeTrails entry in one place.
type trailFields struct {
	Name                types.String `tfsdk:"name"`
	SlsProjectArn       types.String `tfsdk:"sls_project_arn"`
	SlsWriteRoleArn     types.String `tfsdk:"sls_write_role_arn"`
	OssBucketName       types.String `tfsdk:"oss_bucket_name"`
	OssKeyPrefix        types.String `tfsdk:"oss_key_prefix"`
	OssWriteRoleArn     types.String `tfsdk:"oss_write_role_arn"`
	EventRW             types.String `tfsdk:"event_rw"`
	TrailRegion         types.String `tfsdk:"trail_region"`
	IsOrganizationTrail types.Bool   `tfsdk:"is_organization_trail"`
	HomeRegion          types.String `tfsdk:"home_region"`
	Status              types.String `tfsdk:"status"`
	TrailArn            types.String `tfsdk:"trail_arn"`
	CreateTime          types.String `tfsdk:"create_time"`
	UpdateTime          types.String `tfsdk:"update_time"`
	StartLoggingTime    types.String `tfsdk:"start_logging_time"`
	StopLoggingTime     types.String `tfsdk:"stop_logging_time"`
}

// trailTimeValue reads a trail time: the 2020-07-06 reference shows
// "2021-04-06T02:16:24Z", an older page epoch milliseconds; both are read.
func trailTimeValue(s string) types.String {
	if numericRE.MatchString(s) {
		if ms, err := strconv.ParseInt(s, 10, 64); err == nil {
			return flex.MillisToRFC3339(ms)
		}
	}
	return wireTimeValue(s)
}

func trailFieldsFrom(t *sdk.Trail) trailFields {
	eventRW, region := t.EventRW, t.TrailRegion
	if eventRW == "" {
		eventRW = defaultEventRW
	}
	if region == "" {
		region = defaultTrailRegion
	}
	return trailFields{
		Name:                types.StringValue(t.Name),
		SlsProjectArn:       flex.StringOrNull(t.SlsProjectArn),
		SlsWriteRoleArn:     flex.StringOrNull(t.SlsWriteRoleArn),
		OssBucketName:       flex.StringOrNull(t.OssBucketName),
		OssKeyPrefix:        flex.StringOrNull(t.OssKeyPrefix),
		OssWriteRoleArn:     flex.StringOrNull(t.OssWriteRoleArn),
		EventRW:             types.StringValue(eventRW),
		TrailRegion:         types.StringValue(region),
		IsOrganizationTrail: types.BoolValue(t.IsOrganizationTrail),
		HomeRegion:          flex.StringOrNull(t.HomeRegion),
		Status:              flex.StringOrNull(t.Status),
		TrailArn:            flex.StringOrNull(t.TrailArn),
		CreateTime:          trailTimeValue(t.CreateTime),
		UpdateTime:          trailTimeValue(t.UpdateTime),
		StartLoggingTime:    trailTimeValue(t.StartLoggingTime),
		StopLoggingTime:     trailTimeValue(t.StopLoggingTime),
	}
}
