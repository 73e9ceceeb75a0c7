package cloudaudit_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/contract"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cloudaudit"
)

// exampleResponse is the "Response" object of a documented example
// (tencentcloud-cli examples.json, in internal/contract/cloudaudit.json).
func exampleResponse(t *testing.T, action string) json.RawMessage {
	t.Helper()
	ex := contract.MustLoad("cloudaudit").Actions[action].Examples
	if len(ex) == 0 {
		t.Fatalf("the contract has no example of %s", action)
	}
	var env struct{ Response json.RawMessage }
	if err := json.Unmarshal([]byte(ex[0].Output), &env); err != nil {
		t.Fatalf("%s example: %v", action, err)
	}
	// The example answers are themselves checked against the definition.
	for _, d := range contract.MustLoad("cloudaudit").CheckResponse(action, env.Response) {
		t.Errorf("the documented example differs from the definition: %s", d)
	}
	return env.Response
}

// Every documented example answer decodes through the provider's own read
// path without loss: the fields the provider models come out equal to the
// example's.
func TestContractExamples_describeAuditTrack(t *testing.T) {
	var d ca.DescribeAuditTrackResponseParams
	if err := json.Unmarshal(exampleResponse(t, "DescribeAuditTrack"), &d); err != nil {
		t.Fatal(err)
	}
	got := cloudaudit.FieldsFromDescribeForTest(7, &d)
	want := cloudaudit.TrackFieldsForTest{
		TrackID: 7, Name: "audit", ActionType: "Read", ResourceType: "audit", Enabled: true, TrackForAllMembers: true,
		EventNames: []string{"LookUpEvents"}, CreateTime: "2021-01-14T14:43:38+08:00",
		Storage: []string{"compress=false", "name=audit-cos", "prefix=audit", "region=ap-guangzhou", "type=cos"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("read from the example:\n got %+v\nwant %+v", got, want)
	}
}

func TestContractExamples_describeAuditTracks(t *testing.T) {
	var d ca.DescribeAuditTracksResponseParams
	if err := json.Unmarshal(exampleResponse(t, "DescribeAuditTracks"), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Tracks) != 1 || d.Tracks[0].TrackId == nil || *d.Tracks[0].TrackId != 1 || *d.Tracks[0].Name != "audit" || *d.Tracks[0].CreateTime != "2021-01-14 14:43:38" {
		t.Errorf("the example's track: %+v", d.Tracks)
	}
}

func TestContractExamples_lookUpEvents(t *testing.T) {
	var r ca.LookUpEventsResponseParams
	if err := json.Unmarshal(exampleResponse(t, "LookUpEvents"), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Events) == 0 {
		t.Fatal("no events in the example")
	}
	got := cloudaudit.EventForTest(r.Events[0])
	want := map[string]string{
		"event_id": "e92a92fc259c4a9333d2a7ce64d1ef201", "event_name": "LookupEvents",
		// "2019-03-20 12:36:27" Beijing time.
		"event_time": "2019-03-20T04:36:27Z", "action_type": "Read", "access_key_id": "XXX",
		"source_ip": "59.37.125.124", "request_id": "15936031437374_1553056587.6815_v2",
		"event_source": "cloudaudit.api.tencentyun.com/v2/index.php",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q (the example's)", k, got[k], v)
		}
	}
	if !strings.HasPrefix(got["region"], "ap-") {
		t.Errorf("region %q", got["region"])
	}
}

// exampleDecodedBy names the test that decodes an action's example;
// exampleUnused says why an action's example is not decoded.
var (
	exampleDecodedBy = map[string]string{
		"DescribeAuditTrack":     "TestContractExamples_describeAuditTrack",
		"DescribeAuditTracks":    "TestContractExamples_describeAuditTracks",
		"LookUpEvents":           "TestContractExamples_lookUpEvents",
		"CreateAuditTrack":       "TestContractExamples_cloudaudit",
		"CreateEventsAuditTrack": "TestContractExamples_cloudaudit",
	}
	exampleUnused = map[string]string{
		"DeleteAuditTrack":       "its answer holds only RequestId: the provider reads nothing from it but success",
		"ModifyAuditTrack":       "its answer holds only RequestId: the provider reads the track back through DescribeAuditTrack",
		"ModifyEventsAuditTrack": "its answer holds only RequestId: the provider reads the track back through DescribeAuditTrack",
	}
)

// Every CloudAudit action's documented example is decoded by a test (the
// creates' here: the resource's id is the answer's TrackId) or listed with
// why it is not.
func TestContractExamples_cloudaudit(t *testing.T) {
	c := contract.MustLoad("cloudaudit")
	decoded := 0
	for _, action := range c.ActionNames() {
		if why, ok := exampleUnused[action]; ok {
			t.Logf("%s: not decoded: %s", action, why)
			continue
		}
		by, ok := exampleDecodedBy[action]
		if !ok {
			t.Errorf("%s: no test decodes its example and no reason is listed", action)
			continue
		}
		decoded++
		if by != "TestContractExamples_cloudaudit" {
			continue
		}
		var id *uint64
		switch action {
		case "CreateAuditTrack":
			r := ca.NewCreateAuditTrackResponse()
			if err := r.FromJsonString(c.Actions[action].Examples[0].Output); err != nil {
				t.Fatal(err)
			}
			id = r.Response.TrackId
		case "CreateEventsAuditTrack":
			r := ca.NewCreateEventsAuditTrackResponse()
			if err := r.FromJsonString(c.Actions[action].Examples[0].Output); err != nil {
				t.Fatal(err)
			}
			id = r.Response.TrackId
		}
		var env struct{ Response struct{ TrackId uint64 } }
		if err := json.Unmarshal([]byte(c.Actions[action].Examples[0].Output), &env); err != nil {
			t.Fatal(err)
		}
		if id == nil || *id != env.Response.TrackId || *id == 0 {
			t.Errorf("%s: TrackId %v read from the example, which says %d", action, id, env.Response.TrackId)
		}
	}
	t.Logf("cloudaudit: %d documented examples decoded through the read path", decoded)
}
