package sas

import (
	"bytes"
	"context"
	"io"
	"math/big"
	"net/http"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Exported for the external test package.
type (
	ListProcessDetailResponse = listProcessDetailResponse
)

// DecodeListProcessDetail decodes an HTTP 200 JSON body as a call does:
// the classic SDK's parser fills the CommonResponse
// (responses.Unmarshal, as ProcessCommonRequest does), then the provider
// reads its content.
func DecodeListProcessDetail(body []byte) (*ListProcessDetailResponse, error) {
	common := responses.NewCommonResponse()
	httpResp := &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": []string{"application/json"}},
		Body:       io.NopCloser(bytes.NewReader(body)),
	}
	if err := responses.Unmarshal(common, httpResp, "JSON"); err != nil {
		return nil, err
	}
	return decodeProcessDetail(common.GetHttpContentBytes())
}

// SubtaskForTest is a subtask as the data source fills it, in plain types
// ("" for null; checks as "id=name").
type SubtaskForTest struct {
	TaskID, DetailTaskID, Status         string
	AssetType, AssetSubType, AssetVendor int64
	Checks                               []string
	CreateTime, StartTime, EndTime       string
}

func tfString(v tftypes.Value) string {
	var s *string
	_ = v.As(&s)
	if s == nil {
		return ""
	}
	return *s
}

func tfInt(v tftypes.Value) int64 {
	var f big.Float
	_ = v.As(&f)
	n, _ := f.Int64()
	return n
}

// SubtasksForTest converts decoded subtasks as the data source does.
func SubtasksForTest(r *ListProcessDetailResponse) []SubtaskForTest {
	t, err := newSubtaskTypes(context.Background())
	if err != nil {
		panic(err)
	}
	var out []SubtaskForTest
	for i := range r.ProcessDetails {
		var a map[string]tftypes.Value
		_ = t.value(&r.ProcessDetails[i]).As(&a)
		s := SubtaskForTest{
			TaskID: tfString(a["task_id"]), DetailTaskID: tfString(a["detail_task_id"]), Status: tfString(a["status"]),
			AssetType: tfInt(a["asset_type"]), AssetSubType: tfInt(a["asset_sub_type"]), AssetVendor: tfInt(a["asset_vendor"]),
			CreateTime: tfString(a["create_time"]), StartTime: tfString(a["start_time"]), EndTime: tfString(a["end_time"]),
		}
		var checks []tftypes.Value
		_ = a["checks"].As(&checks)
		for _, c := range checks {
			var ca map[string]tftypes.Value
			_ = c.As(&ca)
			s.Checks = append(s.Checks, tfString(ca["id"])+"="+tfString(ca["name"]))
		}
		out = append(out, s)
	}
	return out
}

// LastPageForTest says whether the paging stops after this page, having
// read `read` subtasks of which `added` were new.
func LastPageForTest(r *ListProcessDetailResponse, read, added int) bool {
	return lastPage(r, read, added)
}
