package sas_test

import (
	"reflect"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/golden"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/sas"
)

// Every sample response of ListOperationProcessDetail, from the vendor's
// API reference and API-NOTES (each fixture names its source), decoded as
// the provider decodes it: the classic SDK's CommonResponse, the
// provider's typed wire structs (ids as numbers or strings), then the data
// source's conversion and its paging rule.
func TestGoldenAnswers(t *testing.T) {
	check := golden.New(t).Check
	decode := func(t *testing.T, body []byte) *sas.ListProcessDetailResponse {
		t.Helper()
		r, err := sas.DecodeListProcessDetail(body)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}

	check("sas_ListOperationProcessDetail_reference-fields_string-ids.golden", func(t *testing.T, body []byte) {
		r := decode(t, body)
		checkReferenceSample(t, r)
		// One of 19, ten served a page: not the last page.
		if sas.LastPageForTest(r, 1, 1) {
			t.Error("paging stopped after the first page of 19")
		}
	})
	check("sas_ListOperationProcessDetail_api-notes_numeric-ids.golden", func(t *testing.T, body []byte) {
		r := decode(t, body)
		want := []sas.SubtaskForTest{{
			TaskID: "4001", DetailTaskID: "600002", Status: "failed", AssetType: 8, AssetSubType: 1, AssetVendor: 0,
			Checks:     []string{"101=ECS instance has a security group with 0.0.0.0/0 open"},
			CreateTime: "2024-05-06T00:00:00Z", StartTime: "2024-05-06T00:00:00Z", EndTime: "2024-05-06T00:05:00Z",
		}}
		if got := sas.SubtasksForTest(r); !reflect.DeepEqual(got, want) {
			t.Errorf("got  %+v\nwant %+v", got, want)
		}
		if !sas.LastPageForTest(r, 1, 1) {
			t.Error("paging went on after the one subtask of 1")
		}
	})

}

// checkReferenceSample checks r is the vendor's documented sample of
// ListOperationProcessDetail (the API reference's field examples; the
// golden fixture and internal/contract/sas.json hold the same), every
// modelled field equal to its example.
func checkReferenceSample(t *testing.T, r *sas.ListProcessDetailResponse) {
	t.Helper()
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
