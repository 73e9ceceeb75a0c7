package cloudaudit_test

import (
	"bytes"
	"io"
	"net/http"
	"reflect"
	"testing"

	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/golden"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cloudaudit"
)

// decode parses an HTTP 200 JSON body into an SDK response the way the
// Tencent SDK does for every call (tchttp.ParseFromHttpResponse: the
// error envelope first, then the typed Response).
func decode(t *testing.T, body []byte, resp tchttp.Response) {
	t.Helper()
	httpResp := &http.Response{
		StatusCode: http.StatusOK,
		Status:     "200 OK",
		Header:     http.Header{"Content-Type": []string{"application/json"}},
		Body:       io.NopCloser(bytes.NewReader(body)),
	}
	if err := tchttp.ParseFromHttpResponse(httpResp, resp); err != nil {
		t.Fatalf("the SDK cannot decode the sample: %v", err)
	}
}

// Every sample response of the CloudAudit APIs the provider calls, from the
// vendor's API reference (each fixture names its source), decoded as the
// provider decodes it: the Tencent SDK's response parsing into its typed
// response, then the provider's conversion where it has one.
func TestGoldenAnswers(t *testing.T) {
	check := golden.New(t).Check

	// The creates read Response.TrackId (a missing one is an unknown
	// outcome, track.go missingTrackID).
	check("cloudaudit_CreateAuditTrack_reference.golden", func(t *testing.T, body []byte) {
		resp := ca.NewCreateAuditTrackResponse()
		decode(t, body, resp)
		if resp.Response == nil || resp.Response.TrackId == nil || *resp.Response.TrackId != 1 {
			t.Errorf("TrackId: %s", resp.ToJsonString())
		}
	})
	check("cloudaudit_CreateEventsAuditTrack_reference.golden", func(t *testing.T, body []byte) {
		resp := ca.NewCreateEventsAuditTrackResponse()
		decode(t, body, resp)
		if resp.Response == nil || resp.Response.TrackId == nil || *resp.Response.TrackId != 1 || resp.Response.RequestId == nil || *resp.Response.RequestId != "abc" {
			t.Errorf("TrackId, RequestId: %s", resp.ToJsonString())
		}
	})
	requestID := func(want string, resp interface {
		tchttp.Response
		ToJsonString() string
	}, rid func() *string) func(*testing.T, []byte) {
		return func(t *testing.T, body []byte) {
			decode(t, body, resp)
			if got := rid(); got == nil || *got != want {
				t.Errorf("RequestId: %s", resp.ToJsonString())
			}
		}
	}
	modify := ca.NewModifyAuditTrackResponse()
	check("cloudaudit_ModifyAuditTrack_reference.golden", requestID("2d4a7fba-bba8-452e-a99e-ccf11fdaa583", modify, func() *string { return modify.Response.RequestId }))
	modifyEvents := ca.NewModifyEventsAuditTrackResponse()
	check("cloudaudit_ModifyEventsAuditTrack_reference.golden", requestID("a60ef700-c3e4-4921-8d8f-30fc93dc07f4", modifyEvents, func() *string { return modifyEvents.Response.RequestId }))
	del := ca.NewDeleteAuditTrackResponse()
	check("cloudaudit_DeleteAuditTrack_reference.golden", requestID("2d4a7fba-bba8-452e-a99e-ccf11fdaa583", del, func() *string { return del.Response.RequestId }))

	check("cloudaudit_DescribeAuditTrack_reference.golden", func(t *testing.T, body []byte) {
		resp := ca.NewDescribeAuditTrackResponse()
		decode(t, body, resp)
		want := cloudaudit.TrackFieldsForTest{
			TrackID: 1, Name: "audit", ActionType: "Read", ResourceType: "audit", Enabled: true, TrackForAllMembers: true,
			EventNames: []string{"LookUpEvents"},
			// No Compress in the sample: not compressed (status.go, ASSUMPTION).
			Storage:    []string{"compress=false", "name=audit-cos", "prefix=test", "region=ap-guangzhou", "type=cos"},
			CreateTime: "2021-01-14T14:43:38+08:00",
		}
		if got := cloudaudit.FieldsFromDescribeForTest(1, resp.Response); !reflect.DeepEqual(got, want) {
			t.Errorf("got  %+v\nwant %+v", got, want)
		}
	})
	check("cloudaudit_DescribeAuditTracks_reference.golden", func(t *testing.T, body []byte) {
		resp := ca.NewDescribeAuditTracksResponse()
		decode(t, body, resp)
		// The list (find.go listTracks) reads TrackId, Name and TotalCount;
		// the details come from DescribeAuditTrack.
		r := resp.Response
		if r == nil || r.TotalCount == nil || *r.TotalCount != 1 || len(r.Tracks) != 1 ||
			r.Tracks[0].TrackId == nil || *r.Tracks[0].TrackId != 1 || r.Tracks[0].Name == nil || *r.Tracks[0].Name != "audit" {
			t.Errorf("got %s", resp.ToJsonString())
		}
	})

}
