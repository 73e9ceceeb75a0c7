package conns_test

import (
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	tcsts "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sts/v20180813"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/contract"
)

// stsExampleUnused lists why an STS action's documented example is not
// decoded here.
var stsExampleUnused = map[string]string{
	"sts_alibaba AssumeRoleWithOIDC":        "called by the vendor's credential library (alibabacloud credentials-go, oidc_role_arn), which reads its own answer; the provider has no read path for it",
	"sts_tencent AssumeRoleWithWebIdentity": "called by the vendor's credential library (tencentcloud-sdk-go common OIDC provider), which reads its own answer; the provider has no read path for it",
}

// The documented AssumeRole answers (Alibaba: built from the sts-20150401
// model's field examples; Tencent: the whole sample of tencentcloud-cli
// examples.json) decode through the provider's own read path (the SDK's
// parser, then alicloudAssumedCredentials / tencentAssumedCredentials)
// without loss: the key pair, the token and the session's end equal the
// example's. The actions the provider does not read are listed with why.
func TestContractExamples_stsAssumeRole(t *testing.T) {
	decoded := map[string]int{}
	for _, product := range []string{"sts_alibaba", "sts_tencent"} {
		c := contract.MustLoad(product)
		for _, action := range c.ActionNames() {
			if why, ok := stsExampleUnused[product+" "+action]; ok {
				t.Logf("%s %s: not decoded: %s", product, action, why)
				continue
			}
			if action != "AssumeRole" {
				t.Errorf("%s %s: no decoder and no listed reason", product, action)
				continue
			}
			a := c.Actions[action]
			var got conns.Credentials
			var wantID, wantSecret, wantToken string
			var wantEnd time.Time
			var err error
			if product == "sts_alibaba" {
				body, berr := a.ExampleResponse()
				if berr != nil {
					t.Fatal(berr)
				}
				resp := sts.CreateAssumeRoleResponse()
				if err := responses.Unmarshal(resp, http200(body), "JSON"); err != nil {
					t.Fatalf("%s: %v", body, err)
				}
				cr := a.Field("Credentials")
				wantID, wantSecret, wantToken = cr.Member("AccessKeyId").Example, cr.Member("AccessKeySecret").Example, cr.Member("SecurityToken").Example
				wantEnd, err = time.Parse(time.RFC3339, cr.Member("Expiration").Example)
				if err != nil {
					t.Fatal(err)
				}
				// Asked an hour before the example's end, for two hours:
				// the end the cloud names is the one that counts.
				got, err = conns.AlicloudAssumedCredentialsForTest(resp, wantEnd.Add(-time.Hour), 2*time.Hour)
			} else {
				if len(a.Examples) == 0 {
					t.Fatalf("%s %s has no example", product, action)
				}
				resp := tcsts.NewAssumeRoleResponse()
				if err := tchttp.ParseFromHttpResponse(http200([]byte(a.Examples[0].Output)), resp); err != nil {
					t.Fatalf("%s: %v", a.Examples[0].Output, err)
				}
				r := resp.Response
				wantID, wantSecret, wantToken = *r.Credentials.TmpSecretId, *r.Credentials.TmpSecretKey, *r.Credentials.Token
				// ExpiredTime (Unix seconds) and Expiration (RFC 3339) name
				// the same end in the sample; the provider reads the first.
				wantEnd = time.Unix(*r.ExpiredTime, 0)
				if exp, perr := time.Parse(time.RFC3339, *r.Expiration); perr != nil || !exp.Equal(wantEnd) {
					t.Errorf("the sample's ExpiredTime %v and Expiration %q differ", wantEnd, *r.Expiration)
				}
				for _, w := range []string{"da1e***", "AKID***", "q95K***"} {
					if w != wantID && w != wantSecret && w != wantToken {
						t.Errorf("the sample's credential %q was not decoded", w)
					}
				}
				got, err = conns.TencentAssumedCredentialsForTest(resp, wantEnd.Add(-time.Hour), 2*time.Hour)
			}
			if err != nil {
				t.Fatalf("%s: %v", product, err)
			}
			if got.AccessKeyID != wantID || got.AccessKeySecret != wantSecret || got.SecurityToken != wantToken || !got.End.Equal(wantEnd) {
				t.Errorf("%s: read %+v from the example; want %s/%s/%s ending %v", product, got, wantID, wantSecret, wantToken, wantEnd)
			}
			decoded[product]++
		}
	}
	t.Logf("documented examples decoded through the read path: %v", decoded)
}
