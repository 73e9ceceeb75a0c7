package conns_test

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	tcsts "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sts/v20180813"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// readGolden returns a fixture's body: the lines after its "# " header.
func readGolden(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "golden", name))
	if err != nil {
		t.Fatal(err)
	}
	var body []string
	header := true
	for _, line := range strings.Split(string(b), "\n") {
		if header && (strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "") {
			continue
		}
		header = false
		body = append(body, line)
	}
	return []byte(strings.Join(body, "\n"))
}

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
	checked := map[string]bool{}
	check := func(name string, f func(t *testing.T, body []byte)) {
		checked[name] = true
		t.Run(name, func(t *testing.T) { f(t, readGolden(t, name)) })
	}

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

	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.golden"))
	for _, f := range files {
		if !checked[filepath.Base(f)] {
			t.Errorf("fixture %s is not checked", filepath.Base(f))
		}
	}
}

func mustRFC3339(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
