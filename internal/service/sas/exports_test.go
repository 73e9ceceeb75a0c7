package sas

import (
	"bytes"
	"io"
	"net/http"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
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

func strAttr(v attr.Value) string {
	s := v.(types.String) //nolint:forcetypeassert // string attributes
	return s.ValueString()
}

func intAttr(v attr.Value) int64 {
	n := v.(types.Int64) //nolint:forcetypeassert // int64 attributes
	return n.ValueInt64()
}

// SubtasksForTest converts decoded subtasks as the data source does.
func SubtasksForTest(r *ListProcessDetailResponse) []SubtaskForTest {
	var out []SubtaskForTest
	for _, d := range r.ProcessDetails {
		a := subtaskValue(d).Attributes()
		s := SubtaskForTest{
			TaskID: strAttr(a["task_id"]), DetailTaskID: strAttr(a["detail_task_id"]), Status: strAttr(a["status"]),
			AssetType: intAttr(a["asset_type"]), AssetSubType: intAttr(a["asset_sub_type"]), AssetVendor: intAttr(a["asset_vendor"]),
			CreateTime: strAttr(a["create_time"]), StartTime: strAttr(a["start_time"]), EndTime: strAttr(a["end_time"]),
		}
		checks := a["checks"].(types.List) //nolint:forcetypeassert // a list attribute
		for _, c := range checks.Elements() {
			ca := c.(types.Object).Attributes() //nolint:forcetypeassert // objects
			s.Checks = append(s.Checks, strAttr(ca["id"])+"="+strAttr(ca["name"]))
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
