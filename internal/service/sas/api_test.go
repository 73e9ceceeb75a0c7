package sas_test

import (
	"encoding/json"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/sas"
)

// Ids are decoded whether the API sends them as numbers or as strings, and
// large ones keep every digit.
func TestListProcessDetailResponseIDs(t *testing.T) {
	t.Parallel()
	body := `{"RequestId":"R1","ProcessDetails":[
		{"TaskId":9007199254740993,"DetailTaskId":"700001","StatusCode":4,"Checks":[{"CheckId":"42","CheckShowName":"c"}],"CreateTime":1714953600000},
		{"TaskId":"4001","DetailTaskId":700002,"StatusCode":2,"Checks":[{"CheckId":43,"CheckShowName":"d"}],"CreateTime":1714953600000,"StartTime":null}
	],"PageInfo":{"Count":2,"CurrentPage":1,"PageSize":100,"TotalCount":2}}`
	var resp sas.ListProcessDetailResponse
	if err := json.Unmarshal([]byte(body), &resp); err != nil {
		t.Fatal(err)
	}
	d := resp.ProcessDetails
	if len(d) != 2 || d[0].TaskID != "9007199254740993" || d[0].DetailTaskID != "700001" || d[0].Checks[0].CheckID != "42" ||
		d[1].TaskID != "4001" || d[1].DetailTaskID != "700002" || d[1].Checks[0].CheckID != "43" || resp.PageInfo.TotalCount != 2 {
		t.Errorf("decoded %+v", resp)
	}
	if err := json.Unmarshal([]byte(`{"ProcessDetails":[{"TaskId":{}}]}`), &resp); err == nil {
		t.Error("an object as an id was accepted")
	}
}
