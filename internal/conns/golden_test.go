package conns_test

import (
	"bytes"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	tcsts "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sts/v20180813"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/golden"
)

func http200(body []byte) *http.Response {
	return &http.Response{
		StatusCode: http.StatusOK,
		Status:     "200 OK",
		Header:     http.Header{"Content-Type": []string{"application/json"}},
		Body:       io.NopCloser(bytes.NewReader(body)),
	}
}

// Every sample AssumeRole answer of both vendors' STS references (each
// fixture names its source), decoded as the credential code decodes it:
// the SDK's own response parsing into its AssumeRoleResponse, then the
// provider's reading of the credentials and their expiry.
func TestGoldenAssumeRoleAnswers(t *testing.T) {
	check := golden.New(t).Check

	// Asked for an hour, half an hour before the cloud's expiry: the
	// cloud's (earlier) expiry wins, less the refresh margin (5 min).
	const dur = time.Hour
	alicloud := func(t *testing.T, body []byte) {
		resp := sts.CreateAssumeRoleResponse()
		if err := responses.Unmarshal(resp, http200(body), "JSON"); err != nil {
			t.Fatalf("the SDK cannot decode the sample: %v", err)
		}
		cloudEnd := time.Date(2015, 4, 9, 11, 52, 19, 0, time.UTC)
		got, err := conns.AlicloudAssumedCredentialsForTest(resp, cloudEnd.Add(-30*time.Minute), dur)
		if err != nil {
			t.Fatal(err)
		}
		if got.AccessKeyID != "STS.L4aBSCSJVMuKg5U1****" || got.AccessKeySecret != "wyLTSmsyPGP1ohvvw8xYgB29dlGI8KMiH2pK****" || got.SecurityToken != "********" {
			t.Errorf("credentials %+v", got)
		}
		if want := cloudEnd.Add(-5 * time.Minute); !got.Expires.Equal(want) {
			t.Errorf("expires %v, want %v (Expiration 2015-04-09T11:52:19Z less the margin)", got.Expires, want)
		}
	}
	check("alicloud_sts_AssumeRole_reference-en-current.golden", alicloud)
	check("alicloud_sts_AssumeRole_reference-en-legacy.golden", alicloud)
	check("alicloud_sts_AssumeRole_reference-zh-legacy_arn-lowercase.golden", alicloud)

	check("tencent_sts_AssumeRole_reference.golden", func(t *testing.T, body []byte) {
		resp := tcsts.NewAssumeRoleResponse()
		if err := tchttp.ParseFromHttpResponse(http200(body), resp); err != nil {
			t.Fatalf("the SDK cannot decode the sample: %v", err)
		}
		cloudEnd := time.Unix(1543914376, 0) // = Expiration 2018-12-04T09:06:16Z
		if e := resp.Response.Expiration; e == nil || !cloudEnd.Equal(mustRFC3339(t, *e)) {
			t.Errorf("ExpiredTime and Expiration disagree: %v", e)
		}
		got, err := conns.TencentAssumedCredentialsForTest(resp, cloudEnd.Add(-30*time.Minute), dur)
		if err != nil {
			t.Fatal(err)
		}
		if got.AccessKeyID != "AKID***" || got.AccessKeySecret != "q95K***" || got.SecurityToken != "da1e***" {
			t.Errorf("credentials %+v", got)
		}
		if want := cloudEnd.Add(-5 * time.Minute); !got.Expires.Equal(want) {
			t.Errorf("expires %v, want %v (ExpiredTime less the margin)", got.Expires, want)
		}
	})

}

func mustRFC3339(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
