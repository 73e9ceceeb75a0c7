package actiontrail_test

import (
	"bytes"
	"io"
	"net/http"
	"reflect"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/golden"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/actiontrail"
)

// decode parses an HTTP 200 JSON body into an SDK response through the
// classic SDK's own parser (responses.Unmarshal), as every call does
// (golden fixtures and the contract's documented examples).
func decode(t *testing.T, body []byte, resp responses.AcsResponse) {
	t.Helper()
	httpResp := &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": []string{"application/json"}},
		Body:       io.NopCloser(bytes.NewReader(body)),
	}
	if err := responses.Unmarshal(resp, httpResp, "JSON"); err != nil {
		t.Fatalf("the SDK cannot decode the sample: %v\n%s", err, body)
	}
}

// Every sample response of the ActionTrail APIs the provider calls, from
// the vendor's API reference (each fixture names its source), decoded as
// the provider decodes it: the classic SDK's typed response, then the
// provider's conversion to the resource's and data sources' attributes.
func TestGoldenAnswers(t *testing.T) {
	check := golden.New(t).Check

	check("actiontrail_CreateDeliveryHistoryJob_reference.golden", func(t *testing.T, body []byte) {
		resp := sdk.CreateCreateDeliveryHistoryJobResponse()
		decode(t, body, resp)
		// The create reads JobId (as int64) and RequestId.
		if resp.JobId != 16602 || resp.RequestId != "9D356A34-D5A9-41CD-9915-837B7F9D8722" {
			t.Errorf("JobId %d RequestId %q", resp.JobId, resp.RequestId)
		}
	})
	check("actiontrail_GetDeliveryHistoryJob_reference.golden", func(t *testing.T, body []byte) {
		resp := sdk.CreateGetDeliveryHistoryJobResponse()
		decode(t, body, resp)
		want := actiontrail.JobFieldsForTest{
			JobID: 16602, TrailName: "trail-name", Status: "complete", HomeRegion: "cn-hangzhou",
			StartTime: "2021-02-26T07:15:03Z", EndTime: "2021-05-27T07:20:03Z",
			CreatedTime: "2021-05-27T07:15:03Z", UpdatedTime: "2021-05-27T07:28:47Z",
			RegionStatuses: []string{"cn-hangzhou=complete"},
		}
		if got := actiontrail.FieldsFromGetForTest(resp); !reflect.DeepEqual(got, want) {
			t.Errorf("got  %+v\nwant %+v", got, want)
		}
	})
	check("actiontrail_ListDeliveryHistoryJobs_reference.golden", func(t *testing.T, body []byte) {
		resp := sdk.CreateListDeliveryHistoryJobsResponse()
		decode(t, body, resp)
		// The list's paging reads TotalCount and the entries.
		if resp.TotalCount != 1 || len(resp.DeliveryHistoryJobs) != 1 {
			t.Fatalf("TotalCount %d, %d jobs", resp.TotalCount, len(resp.DeliveryHistoryJobs))
		}
		want := actiontrail.JobFieldsForTest{
			JobID: 16602, TrailName: "trail-name", Status: "complete", HomeRegion: "cn-hangzhou",
			StartTime: "2021-01-26T03:17:04Z", EndTime: "2021-04-26T03:22:04Z",
			CreatedTime: "2021-04-26T03:17:04Z", UpdatedTime: "2021-04-26T03:20:08Z",
		}
		if got := actiontrail.FieldsFromListForTest(resp.DeliveryHistoryJobs[0]); !reflect.DeepEqual(got, want) {
			t.Errorf("got  %+v\nwant %+v", got, want)
		}
	})
	check("actiontrail_DeleteDeliveryHistoryJob_reference.golden", func(t *testing.T, body []byte) {
		resp := sdk.CreateDeleteDeliveryHistoryJobResponse()
		decode(t, body, resp)
		if resp.RequestId != "D74DD20B-6598-429C-873B-B9B449B656B6" {
			t.Errorf("RequestId %q", resp.RequestId)
		}
	})

}
