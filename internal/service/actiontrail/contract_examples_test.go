package actiontrail_test

import (
	"fmt"
	"regexp"
	"testing"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/contract"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/actiontrail"
)

// exampleAnswer is an answer built from the documented field examples of
// an action (alibabacloud-go-sdk actiontrail-20200706, in
// internal/contract/actiontrail.json).
func exampleAnswer(t *testing.T, action string) []byte {
	t.Helper()
	body, err := contract.MustLoad("actiontrail").Actions[action].ExampleResponse()
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// The documented examples decode through the provider's read path without
// loss: every field the provider models comes out equal to the example.
func TestContractExamples_getDeliveryHistoryJob(t *testing.T) {
	r := sdk.CreateGetDeliveryHistoryJobResponse()
	decode(t, exampleAnswer(t, "GetDeliveryHistoryJob"), r) // the SDK's parser, as a call
	got := actiontrail.FieldsFromGetForTest(r)
	want := actiontrail.JobFieldsForTest{
		JobID: 16602, TrailName: "trail-name", Status: "complete", HomeRegion: "cn-hangzhou", // JobStatus 2: complete
		StartTime: "2021-02-26T07:15:03Z", EndTime: "2021-05-27T07:20:03Z",
		CreatedTime: "2021-05-27T07:15:03Z", UpdatedTime: "2021-05-27T07:28:47Z",
		RegionStatuses: []string{"cn-hangzhou=complete"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("read from the example:\n got %+v\nwant %+v", got, want)
	}
}

func TestContractExamples_describeTrailsTimes(t *testing.T) {
	trails := contract.MustLoad("actiontrail").Actions["DescribeTrails"].Field("TrailList")
	n := 0
	for _, name := range []string{"CreateTime", "UpdateTime", "StartLoggingTime", "StopLoggingTime"} {
		f := trails.Member(name)
		if f == nil || f.Example == "" {
			continue
		}
		n++
		if got := actiontrail.TrailTimeForTest(f.Example); !rfc3339UTC.MatchString(got) {
			t.Errorf("%s example %q is not read as a time (got %q)", name, f.Example, got)
		}
	}
	if n == 0 {
		t.Fatal("no time examples in DescribeTrails")
	}
}

var rfc3339UTC = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
