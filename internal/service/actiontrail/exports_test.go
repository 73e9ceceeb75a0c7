package actiontrail

import (
	"strconv"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Exported for the external test package.
var (
	FindJobByID = findJobByID
)

var ListJobs = listJobs

// FindTrailByName is the trail finder (DescribeTrails).
var FindTrailByName = findTrailByName

// JobFieldsForTest is a job as the resource and the data sources fill it,
// in plain types ("" for null; region statuses as "region=status").
type JobFieldsForTest struct {
	JobID                                                                       int64
	TrailName, Status, HomeRegion, StartTime, EndTime, CreatedTime, UpdatedTime string
	RegionStatuses                                                              []string
}

func flattenJob(f jobFields) JobFieldsForTest {
	out := JobFieldsForTest{
		JobID: f.JobID.ValueInt64(), TrailName: f.TrailName.ValueString(), Status: f.Status.ValueString(),
		HomeRegion: f.HomeRegion.ValueString(), StartTime: f.StartTime.ValueString(), EndTime: f.EndTime.ValueString(),
		CreatedTime: f.CreatedTime.ValueString(), UpdatedTime: f.UpdatedTime.ValueString(),
	}
	for _, e := range f.RegionStatuses.Elements() {
		o := e.(types.Object).Attributes()                                                                                                     //nolint:forcetypeassert // regionStatusesValue builds objects
		out.RegionStatuses = append(out.RegionStatuses, o["region"].(types.String).ValueString()+"="+o["status"].(types.String).ValueString()) //nolint:forcetypeassert // string attributes
	}
	return out
}

// FieldsFromGetForTest converts a GetDeliveryHistoryJob answer as the
// resource and the job data source do.
func FieldsFromGetForTest(j *sdk.GetDeliveryHistoryJobResponse) JobFieldsForTest {
	return flattenJob(fieldsFromGet(j))
}

// FieldsFromListForTest converts a ListDeliveryHistoryJobs entry as the
// jobs data source does.
func FieldsFromListForTest(j sdk.DeliveryHistoryJob) JobFieldsForTest {
	return flattenJob(fieldsFromList(j))
}

// TrailTimeForTest converts a DescribeTrails / GetTrailStatus time as the
// trail resource and data source do ("" for null).
func TrailTimeForTest(s string) string { return trailTimeValue(s).ValueString() }

func attrText(v attr.Value) string {
	switch v := v.(type) {
	case types.String:
		return v.ValueString()
	case types.Bool:
		if v.IsNull() {
			return ""
		}
		return strconv.FormatBool(v.ValueBool())
	}
	return v.String()
}

// TrailFieldsForTest converts a DescribeTrails entry as the trail resource
// and the trails data source do: attribute name to value ("" for null).
func TrailFieldsForTest(t *sdk.Trail) map[string]string {
	f := trailFieldsFrom(t)
	return map[string]string{
		"name": attrText(f.Name), "sls_project_arn": attrText(f.SlsProjectArn), "sls_write_role_arn": attrText(f.SlsWriteRoleArn),
		"oss_bucket_name": attrText(f.OssBucketName), "oss_key_prefix": attrText(f.OssKeyPrefix), "oss_write_role_arn": attrText(f.OssWriteRoleArn),
		"event_rw": attrText(f.EventRW), "trail_region": attrText(f.TrailRegion), "is_organization_trail": attrText(f.IsOrganizationTrail),
		"home_region": attrText(f.HomeRegion), "status": attrText(f.Status), "trail_arn": attrText(f.TrailArn),
		"create_time": attrText(f.CreateTime), "update_time": attrText(f.UpdateTime),
		"start_logging_time": attrText(f.StartLoggingTime), "stop_logging_time": attrText(f.StopLoggingTime),
	}
}

// TrailStatusForTest converts a GetTrailStatus answer as the trail
// resource does: attribute name to value ("" for null).
func TrailStatusForTest(s *sdk.GetTrailStatusResponse) map[string]string {
	f := trailStatusFrom(s)
	return map[string]string{
		"is_logging": attrText(f.IsLogging), "sls_latest_delivery_time": attrText(f.SlsLatestDeliveryTime),
		"sls_latest_delivery_error": attrText(f.SlsLatestDeliveryError), "oss_latest_delivery_time": attrText(f.OssLatestDeliveryTime),
		"oss_latest_delivery_error": attrText(f.OssLatestDeliveryError),
	}
}
