package actiontrail_test

import (
	"sort"
	"strconv"
	"strings"
	"testing"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/contract"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/actiontrail"
)

// exampleUnused lists why an action's documented example is not decoded.
var exampleUnused = map[string]string{
	"CreateTrail":              "the provider reads the new trail back through DescribeTrails; of this answer it only logs Name and HomeRegion",
	"UpdateTrail":              "the provider reads the trail back through DescribeTrails; this answer is not read",
	"DeleteTrail":              "its answer holds only RequestId: the provider reads nothing from it but success",
	"StartLogging":             "its answer holds only RequestId: the provider reads nothing from it but success",
	"StopLogging":              "its answer holds only RequestId: the provider reads nothing from it but success",
	"DeleteDeliveryHistoryJob": "its answer holds only RequestId: the provider reads nothing from it but success",
}

// trailAttrs binds the attributes filled from a DescribeTrails entry to
// the entry's fields; trailStatusAttrs the GetTrailStatus ones.
var (
	trailAttrs = map[string]string{
		"name": "Name", "sls_project_arn": "SlsProjectArn", "sls_write_role_arn": "SlsWriteRoleArn",
		"oss_bucket_name": "OssBucketName", "oss_key_prefix": "OssKeyPrefix", "oss_write_role_arn": "OssWriteRoleArn",
		"event_rw": "EventRW", "trail_region": "TrailRegion", "is_organization_trail": "IsOrganizationTrail",
		"home_region": "HomeRegion", "status": "Status", "trail_arn": "TrailArn",
		"create_time": "CreateTime", "update_time": "UpdateTime", "start_logging_time": "StartLoggingTime", "stop_logging_time": "StopLoggingTime",
	}
	trailStatusAttrs = map[string]string{
		"is_logging": "IsLogging", "sls_latest_delivery_time": "LatestDeliveryLogServiceTime",
		"sls_latest_delivery_error": "LatestDeliveryLogServiceError", "oss_latest_delivery_time": "LatestDeliveryTime",
		"oss_latest_delivery_error": "LatestDeliveryError",
	}
	// jobAttrs: the job's fields the list entry and the Get answer share
	// (JobStatus is compared through its documented meaning, below).
	jobAttrs = map[string]string{
		"JobID": "JobId", "TrailName": "TrailName", "HomeRegion": "HomeRegion", "StartTime": "StartTime",
		"EndTime": "EndTime", "CreatedTime": "CreatedTime", "UpdatedTime": "UpdatedTime",
	}
)

// jobStatusMeaning is JobStatus's documented meaning (actiontrail-20200706
// GetDeliveryHistoryJob: 0 starting, 1 running, 2 complete, 3 failed), as
// the status attribute spells it.
var jobStatusMeaning = map[string]string{"0": "starting", "1": "running", "2": "complete", "3": "failed"}

// compareFields checks that each attribute equals the example of the
// field it is read from (a time example is already RFC 3339 in UTC, the
// provider's form).
func compareFields(t *testing.T, action string, got map[string]string, binds map[string]string, field func(string) *contract.Param) int {
	t.Helper()
	n := 0
	for attr, name := range binds {
		f := field(name)
		if f == nil {
			t.Errorf("%s: the contract has no field %s (bound to %s)", action, name, attr)
			continue
		}
		if f.Example == "" {
			continue // no example: nothing to compare
		}
		n++
		if got[attr] != f.Example {
			t.Errorf("%s: %s = %q, the example of %s is %q", action, attr, got[attr], name, f.Example)
		}
	}
	return n
}

// Every documented example answer of ActionTrail (built from the models'
// field examples, the only examples alibabacloud-go-sdk
// actiontrail-20200706 documents) decodes through the provider's read
// path without loss: every attribute the provider fills from an answer
// equals the example of its field. An action whose example is not decoded
// has its reason listed.
func TestContractExamples_actiontrail(t *testing.T) {
	c := contract.MustLoad("actiontrail")
	decoded := 0
	var unused []string
	for _, action := range c.ActionNames() {
		a := c.Actions[action]
		if why, ok := exampleUnused[action]; ok {
			unused = append(unused, action+": "+why)
			continue
		}
		body, err := a.ExampleResponse()
		if err != nil {
			t.Fatal(err)
		}
		fields := 0
		switch action {
		case "DescribeTrails":
			r := sdk.CreateDescribeTrailsResponse()
			decode(t, body, r)
			if len(r.TrailList) != 1 {
				t.Fatalf("%d trails from %s", len(r.TrailList), body)
			}
			fields = compareFields(t, action, actiontrail.TrailFieldsForTest(&r.TrailList[0]), trailAttrs, a.Field("TrailList").Member)
		case "GetTrailStatus":
			r := sdk.CreateGetTrailStatusResponse()
			decode(t, body, r)
			fields = compareFields(t, action, actiontrail.TrailStatusForTest(r), trailStatusAttrs, a.Field)
		case "GetDeliveryHistoryJob":
			r := sdk.CreateGetDeliveryHistoryJobResponse()
			decode(t, body, r)
			fields = compareJob(t, action, actiontrail.FieldsFromGetForTest(r), a.Field)
			st := a.Field("Status")
			want := st.Member("Region").Example + "=" + jobStatusMeaning[st.Member("Status").Example]
			if got := actiontrail.FieldsFromGetForTest(r).RegionStatuses; len(got) != 1 || got[0] != want {
				t.Errorf("%s: region statuses %q, the example's %q", action, got, want)
			}
			fields++
		case "ListDeliveryHistoryJobs":
			r := sdk.CreateListDeliveryHistoryJobsResponse()
			decode(t, body, r)
			if len(r.DeliveryHistoryJobs) != 1 {
				t.Fatalf("%d jobs from %s", len(r.DeliveryHistoryJobs), body)
			}
			fields = compareJob(t, action, actiontrail.FieldsFromListForTest(r.DeliveryHistoryJobs[0]), a.Field("DeliveryHistoryJobs").Member)
		case "CreateDeliveryHistoryJob":
			// The resource's id is the answer's JobId (createJobCall).
			r := sdk.CreateCreateDeliveryHistoryJobResponse()
			decode(t, body, r)
			if strconv.Itoa(r.JobId) != a.Field("JobId").Example {
				t.Errorf("%s: JobId %d, the example's %s", action, r.JobId, a.Field("JobId").Example)
			}
			fields = 1
		case "LookupEvents":
			// The events data source reads Events and pages by NextToken.
			// The model documents no example event (Events is a list of
			// free-form maps): only the token is compared; the event
			// structure is API-NOTES' (ActionTrail LookupEvents 2020-07-06).
			r := sdk.CreateLookupEventsResponse()
			decode(t, body, r)
			if r.NextToken != a.Field("NextToken").Example {
				t.Errorf("%s: NextToken %q, the example's %q", action, r.NextToken, a.Field("NextToken").Example)
			}
			unused = append(unused, action+" Events: the model documents no example event (a list of free-form maps)")
			fields = 1
		default:
			t.Errorf("%s: no decoder and no listed reason (exampleUnused)", action)
			continue
		}
		if fields == 0 {
			t.Errorf("%s: the example gives no field the provider reads", action)
		}
		decoded++
		t.Logf("%s: %d fields compared", action, fields)
	}
	sort.Strings(unused)
	t.Logf("actiontrail: %d documented examples decoded through the read path; not decoded:\n  %s", decoded, strings.Join(unused, "\n  "))
}

func compareJob(t *testing.T, action string, j actiontrail.JobFieldsForTest, field func(string) *contract.Param) int {
	t.Helper()
	got := map[string]string{
		"JobID": strconv.FormatInt(j.JobID, 10), "TrailName": j.TrailName, "HomeRegion": j.HomeRegion, "StartTime": j.StartTime,
		"EndTime": j.EndTime, "CreatedTime": j.CreatedTime, "UpdatedTime": j.UpdatedTime,
	}
	n := compareFields(t, action, got, jobAttrs, field)
	if want := jobStatusMeaning[field("JobStatus").Example]; j.Status != want {
		t.Errorf("%s: status %q, the example's JobStatus %s means %q", action, j.Status, field("JobStatus").Example, want)
	}
	return n + 1
}
