package cdn_test

import (
	"bytes"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	sdkcdn "github.com/aliyun/alibaba-cloud-sdk-go/services/cdn"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/golden"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cdn"
)

// typedSDKContent decodes a body with the classic SDK's own typed struct
// (Content string), to show which answers the SDK itself can read.
func typedSDKContent(body []byte) error {
	resp := sdkcdn.CreateDescribeCdnDeliverListResponse()
	return responses.Unmarshal(resp, &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body))}, "JSON")
}

// Every sample response of the APIs the provider calls, from the vendors'
// API reference and the seeds (each fixture names its source), decoded as
// the provider decodes it: the classic SDK's parser, then the Content
// document.
func TestGoldenAnswers(t *testing.T) {
	check := golden.New(t).Check

	sub := func(key string, want cdn.WireSubForTest) func(*testing.T, []byte) {
		return func(t *testing.T, body []byte) {
			got, err := cdn.DecodeSubscription(key, body)
			if err != nil {
				t.Fatal(err)
			}
			if g := cdn.SubForTest(got); !reflect.DeepEqual(g, want) {
				t.Errorf("got  %+v\nwant %+v", g, want)
			}
			if err := typedSDKContent(body); err != nil {
				t.Errorf("the typed SDK struct fails on it: %v", err)
			}
		}
	}
	check("cdn_DescribeCdnSubList_reference-en-2025_nested.golden", sub("cdn", cdn.WireSubForTest{
		SubID: 5, ReportIDs: []int64{1, 2, 3}, Domains: []string{}, // ["all"]: every domain
		CreateTime: "2020-09-25T09:39:33Z", EffectiveFrom: "2020-09-17T00:00:00Z", EffectiveEnd: "2020-11-17T00:00:00Z", Status: "enable",
	}))
	check("cdn_DescribeCdnSubList_reference-en-2024_domains.golden", sub("cdn", cdn.WireSubForTest{
		SubID: 5, ReportIDs: []int64{1, 2, 3}, Domains: []string{"www.example.com", "www.example.com"},
		CreateTime: "2020-09-25T09:39:33Z", EffectiveFrom: "2020-09-17T00:00:00Z", EffectiveEnd: "2020-11-17T00:00:00Z", Status: "enable",
	}))
	check("dcdn_DescribeDcdnSubList_api-notes_flat.golden", sub("dcdn", cdn.WireSubForTest{
		SubID: 5, ReportIDs: []int64{2, 4}, Domains: []string{"www.example.com"},
		CreateTime: "2020-09-25T09:39:33Z", EffectiveFrom: "2020-09-17T00:00:00Z", Status: "enable",
	}))
	check("cdn_DescribeCdnSubList_reference-en-2025_as-published.golden", func(t *testing.T, body []byte) {
		_, err := cdn.DecodeSubscription("cdn", body)
		if err == nil || !strings.Contains(err.Error(), "the Content of the answer is not the expected JSON") {
			t.Fatalf("want an error in words, got %v", err)
		}
	})

	tasks := func(key string, want []cdn.WireTaskForTest) func(*testing.T, []byte) {
		return func(t *testing.T, body []byte) {
			got, err := cdn.DecodeTasks(key, body)
			if err != nil {
				t.Fatal(err)
			}
			if g := cdn.TasksForTest(got); !reflect.DeepEqual(g, want) {
				t.Errorf("got  %+v\nwant %+v", g, want)
			}
		}
	}
	check("cdn_DescribeCdnDeliverList_reference-en.golden", tasks("cdn", []cdn.WireTaskForTest{{
		DeliverID: 1, Name: "域名订阅", Status: "enable", CreateTime: "2020-10-14T11:19:26Z", Crontab: "0 0 0 * * ?", Frequency: "d",
		DmList: []string{"www.example.com"}, ReportIDs: []int64{1, 2}, Conditions: 1,
		Subject: "主题", To: []string{"example@alibaba-inc.com", "example@alibaba-inc.com"}, TimesListed: false,
	}}))
	check("dcdn_DescribeDcdnDeliverList_reference-en-2024_dmlist-empty.golden", tasks("dcdn", []cdn.WireTaskForTest{{
		DeliverID: 1, Name: "Domain name report", Status: "enable", CreateTime: "2021-06-14T11:19:26Z", Crontab: "0 0 0 * * ?", Frequency: "d",
		DmList: []string{}, ReportIDs: []int64{1, 2}, Conditions: 1, // [""]: every domain
		Subject: "subject", To: []string{"", ""}, Copy: []string{"", ""}, TimesListed: false,
	}}))
	check("dcdn_DescribeDcdnDeliverList_reference-en-2025.golden", tasks("dcdn", []cdn.WireTaskForTest{{
		DeliverID: 1, Name: "Domain name report", Status: "enable", CreateTime: "2021-06-14T11:19:26Z", Crontab: "0 0 0 * * ?", Frequency: "d",
		DmList: []string{"www.example.com"}, ReportIDs: []int64{1, 2}, Conditions: 1,
		Subject: "subject", To: []string{"username@example.com", "username@example.org"}, Copy: []string{"username@example.com", "username@example.org"},
	}}))
	check("cdn_DescribeCdnDeliverList_reference-zh_content-object.golden", func(t *testing.T, body []byte) {
		if err := typedSDKContent(body); err == nil || !strings.Contains(err.Error(), "JsonUnmarshalError") {
			t.Errorf("the typed SDK struct (Content string) decoded an object Content: %v", err)
		}
		tasks("cdn", []cdn.WireTaskForTest{{
			DeliverID: 1, Name: "xxxx", Status: "enable", CreateTime: "2021-12-30T10:29:29Z", Crontab: "00 00 08 * * ?", Frequency: "d",
			DmList: []string{"a.b.c"}, ReportIDs: []int64{1}, Subject: "xxxx", To: []string{"xx@xx.xx"},
		}})(t, body)
	})

	check("cdn_DescribeCdnReportList_reference-en-2023.golden", func(t *testing.T, body []byte) {
		got, err := cdn.DecodeReports("cdn", body)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].ReportID != 1 || got[0].Deliver.Report.Title != "DomainPvUv" || got[0].Deliver.Report.Format != "chart" ||
			got[0].Deliver.Report.Shape != "line" || got[0].Deliver.Report.Legend != "cnt_type" || len(got[0].Deliver.Report.Header) != 3 {
			t.Errorf("got %+v", got)
		}
	})
	check("cdn_DeleteCdnDeliverTask_reference-en-2024.golden", func(t *testing.T, body []byte) {
		if _, rid, err := cdn.DecodeCreateTask(body); err != nil || rid != "04F0F334-1335-436C-A1D7-6C044FE73368" {
			t.Errorf("request id %q, %v", rid, err)
		}
	})
	check("cdn_CreateCdnDeliverTask_sdk-struct.golden", func(t *testing.T, body []byte) {
		if id, rid, err := cdn.DecodeCreateTask(body); err != nil || id != "92" || rid == "" {
			t.Errorf("DeliverId %q request id %q, %v", id, rid, err)
		}
	})

}
