package mockcloud_test

import (
	"errors"
	"strings"
	"testing"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	tcerrors "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// An html fault answers the chosen 5xx with a gateway's HTML page, on both
// fronts, without executing the action; the official SDKs see a server
// error (Alibaba) and a body that is not JSON (Tencent).
func TestFaultHTML(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	seedTrail(t, s, mockcloud.Trail{Name: "t"})
	c := newClient(t, host, defaultCred())
	s.AddFault(mockcloud.Fault{Product: mockcloud.ActionTrailProduct, Action: actCreate, Mode: mockcloud.FaultHTML, HTTPStatus: 504, Count: 1})
	_, err := createJob(c, "t", "")
	var se *sdkerrors.ServerError
	if !errors.As(err, &se) || se.HttpStatus() != 504 || se.ErrorCode() != "" || !strings.Contains(se.Message(), "<h1>504 Gateway Timeout</h1>") {
		t.Fatalf("want a ServerError with HTTP 504 and the HTML page, got %v", err)
	}
	if len(s.Jobs()) != 0 {
		t.Errorf("an html fault executed the call")
	}
	mustCreate(t, c, "t", "")

	tc := newAuditClient(t, host, defaultTCCred())
	s.AddFault(mockcloud.Fault{Product: mockcloud.CloudAuditProduct, Action: "CreateAuditTrack", Mode: mockcloud.FaultHTML, Count: 1})
	_, err = tc.CreateAuditTrack(simpleTrackRequest("html-page"))
	var te *tcerrors.TencentCloudSDKError
	if !errors.As(err, &te) || te.GetCode() != "ClientError.ParseJsonError" || !strings.Contains(te.GetMessage(), "502 Bad Gateway") {
		t.Fatalf("want ClientError.ParseJsonError quoting the 502 page, got %v", err)
	}
	if n := len(s.AuditTracks()); n != 0 {
		t.Errorf("an html fault executed the call: %d tracks", n)
	}
	var last mockcloud.RequestRecord
	for _, r := range s.Requests() {
		if r.Action == "CreateAuditTrack" {
			last = r
			break
		}
	}
	if last.Status != 502 || last.Code != "fault:html" {
		t.Errorf("request log: %+v", last)
	}

	if id := s.AddFault(mockcloud.Fault{Mode: mockcloud.FaultHTML, HTTPStatus: 404}); id != "" {
		t.Errorf("an html fault with a 4xx status was installed")
	}
}

// commit_then_garble executes the action, then answers a truncated 200.
func TestFaultCommitThenGarble(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	seedTrail(t, s, mockcloud.Trail{Name: "t"})
	c := newClient(t, host, defaultCred())
	s.AddFault(mockcloud.Fault{Product: mockcloud.ActionTrailProduct, Action: actCreate, Mode: mockcloud.FaultCommitThenGarble, Count: 1})
	_, err := createJob(c, "t", "tok")
	var ce *sdkerrors.ClientError
	if !errors.As(err, &ce) || ce.ErrorCode() != sdkerrors.JsonUnmarshalErrorCode {
		t.Fatalf("want %s, got %v", sdkerrors.JsonUnmarshalErrorCode, err)
	}
	jobs := s.Jobs()
	if len(jobs) != 1 {
		t.Fatalf("the garbled create must have taken effect: %d jobs", len(jobs))
	}
	// The same token answers the same job.
	if id := mustCreate(t, c, "t", "tok"); id != jobs[0].ID {
		t.Errorf("retry with the token: job %d, want %d", id, jobs[0].ID)
	}

	tc := newAuditClient(t, host, defaultTCCred())
	s.AddFault(mockcloud.Fault{Product: mockcloud.CloudAuditProduct, Action: "CreateAuditTrack", Mode: mockcloud.FaultCommitThenGarble, Count: 1})
	_, err = tc.CreateAuditTrack(simpleTrackRequest("garbled"))
	var te *tcerrors.TencentCloudSDKError
	if !errors.As(err, &te) || te.GetCode() != "ClientError.ParseJsonError" {
		t.Fatalf("want ClientError.ParseJsonError, got %v", err)
	}
	if n := len(s.AuditTracks()); n != 1 {
		t.Errorf("the garbled create must have taken effect: %d tracks", n)
	}
}
