package cdn_test

import (
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/contract"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cdn"
)

// Answers built from the documented field examples (alibabacloud-go-sdk
// cdn-20180510, in internal/contract/cdn.json; Content as the object the
// model types it as) decode through the provider's read path without
// loss: every modelled field equals its example.
func TestContractExamples_describeCdnDeliverList(t *testing.T) {
	body, err := contract.MustLoad("cdn").Actions["DescribeCdnDeliverList"].ExampleResponse()
	if err != nil {
		t.Fatal(err)
	}
	ts, err := cdn.DecodeTasks("cdn", body)
	if err != nil {
		t.Fatalf("%s: %v", body, err)
	}
	got := cdn.TasksForTest(ts)
	if len(got) != 1 {
		t.Fatalf("%d tasks from %s", len(got), body)
	}
	g := got[0]
	if g.DeliverID != 1 || g.Name != "xxxx" || g.Status != "enable" || g.CreateTime != "2021-12-30T10:29:29Z" ||
		g.Frequency != "d" || g.Crontab != "00 00 08 \t- \t- ?" || len(g.ReportIDs) != 1 || g.ReportIDs[0] != 1 || !g.TimesListed {
		t.Errorf("read from the example %s: %+v", body, g)
	}
}

func TestContractExamples_describeCdnReportList(t *testing.T) {
	body, err := contract.MustLoad("cdn").Actions["DescribeCdnReportList"].ExampleResponse()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := cdn.DecodeReports("cdn", body)
	if err != nil {
		t.Fatalf("%s: %v", body, err)
	}
	if len(rs) != 1 || rs[0].ReportID != 1 || rs[0].Deliver.Report.Title != "TopUrlByAcc" || rs[0].Deliver.Report.Shape != "line" ||
		string(rs[0].Deliver.Report.OutLine) != "0" || string(rs[0].Deliver.Report.OutSize) != "0" {
		t.Errorf("read from the example %s: %+v", body, rs)
	}
}
