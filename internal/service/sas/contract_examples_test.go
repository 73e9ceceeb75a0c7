package sas_test

import (
	"reflect"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/contract"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/sas"
)

// The answer built from the documented field examples (alibabacloud-go-sdk
// sas-20181203, in internal/contract/sas.json) decodes through the
// provider's read path without loss: every modelled field equals its
// example.
func TestContractExamples_listOperationProcessDetail(t *testing.T) {
	body, err := contract.MustLoad("sas").Actions["ListOperationProcessDetail"].ExampleResponse()
	if err != nil {
		t.Fatal(err)
	}
	r, err := sas.DecodeListProcessDetail(body)
	if err != nil {
		t.Fatal(err)
	}
	want := []sas.SubtaskForTest{{
		TaskID: "v34578b8-e567-47ec-2345-3e5b077ca***", DetailTaskID: "fb4bcd41-a916-46bc-ab1a-65fd383be***", Status: "not_started",
		AssetType: 8, AssetSubType: 1, AssetVendor: 0, Checks: []string{"133=Check for Security Center Agent Status"},
		CreateTime: "2024-01-29T16:03:19Z", StartTime: "2024-10-31T00:47:02Z", EndTime: "2024-01-29T16:03:19Z",
	}}
	if got := sas.SubtasksForTest(r); !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if r.RequestId != "CE500770-42D3-442E-9DDD-156E0F9F3***" {
		t.Errorf("RequestId %q", r.RequestId)
	}
}
