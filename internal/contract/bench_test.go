package contract_test

import (
	"strings"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/contract"
)

// What the mock's fidelity check costs per request (the acceptance suite
// makes a few thousand).
func BenchmarkCheckRPCRequest(b *testing.B) {
	c := contract.MustLoad("cdn")
	params := map[string]string{
		"Action": "CreateCdnDeliverTask", "Version": "2018-05-10", "AccessKeyId": "k", "Signature": "s", "SignatureNonce": "n", "Timestamp": "t",
		"Name": "ops", "DomainName": "a.example.com,b.example.com", "Reports": `[{"reportId":1}]`,
		"Schedule": `{"crontab":"0 0 8 * * ?","frequency":"d"}`, "Deliver": `{"email":{"subject":"s","to":["a@example.com"]}}`,
	}
	for b.Loop() {
		if d := c.CheckRPCRequest("CreateCdnDeliverTask", params); len(d) != 0 {
			b.Fatal(d)
		}
	}
}

func BenchmarkCheckResponse(b *testing.B) {
	c := contract.MustLoad("cdn")
	task := `{"deliverId":1001,"status":"enable","createTime":"2026-12-07T00:00:00Z","crontab":"0 0 8 * * ?","frequency":"d","name":"ops","dmList":["a.example.com"],"reports":[{"reportId":1,"conditions":[{"field":"prov","op":"in","value":["Beijing"]}]}],"deliver":{"email":{"subject":"s","to":["a@example.com"]}},"timeFromFormat":"2026-12-07T00:00:00Z","timeEndFormat":""}`
	body := []byte(`{"RequestId":"x","Content":{"data":[` + strings.Repeat(task+",", 29) + task + `]}}`)
	for b.Loop() {
		if d := c.CheckResponse("DescribeCdnDeliverList", body); len(d) != 0 {
			b.Fatal(d)
		}
	}
}
