package actiontrail

import (
	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
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
