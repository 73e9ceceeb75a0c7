package provider_test

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/provider"
)

// STS credentials whose values contain the characters that get
// percent-encoded, so every encoding is exercised.
const (
	accAccessKeyID = "STS.NAccRedaction01"
	accSecret      = "AccSecret+Value/With=Signs7"
	accToken       = "CAISaccToken+Session/Value==Tail"
	accTCSecretID  = "AKIDaccredaction01"
	accTCSecretKey = "AccTcSecret+Key/Value=5"
	accTCToken     = "accTcToken+Session/Value==Tail"
	accWrong       = "AccWrong+Secret/Value=3"
)

var (
	unredactedRE = regexp.MustCompile(`(?i)(Signature|SecurityToken|X-TC-Token)(=|%3D|%253D|:\s*)([^\[\s&"*]|\[[^R])`)
	tc3SigRE     = regexp.MustCompile(`Signature=[0-9a-f]{64}`)
)

// Every failure class, through a real Terraform run with STS credentials in
// the provider block and TRACE logging: the diagnostics carry the vendor's
// code, the request id and the hint; the log file carries no secret.
// Not parallel: TF_ACC_LOG_PATH and TF_LOG are process environment.
func TestAccProvider_errorsCarryNoSecrets(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "terraform.log")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	t.Setenv("TF_LOG", "TRACE")

	e := acctest.New(t, func(o *mockcloud.Options) {
		o.Credentials = append(o.Credentials,
			mockcloud.Credential{AccessKeyID: accAccessKeyID, AccessKeySecret: accSecret, SecurityToken: accToken},
			mockcloud.Credential{AccessKeyID: accTCSecretID, AccessKeySecret: accTCSecretKey, SecurityToken: accTCToken},
		)
	})
	e.NeedsMock(t, "injects faults and knows the mock's keys")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	_ = l.Close()

	tuning := acctest.Tuning()
	tuning.AttemptTimeout = time.Second // whole seconds: the Tencent SDK's unit
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"cloudtrack": provider.NewServer("9.9.9-acc", tuning),
	}

	// The secrets reach Terraform as sensitive variables from the
	// environment: the test harness writes each step's configuration into
	// the log, and the point is what Terraform and the provider log.
	for name, v := range map[string]string{
		"TF_VAR_ali_secret": accSecret, "TF_VAR_ali_token": accToken,
		"TF_VAR_tc_key": accTCSecretKey, "TF_VAR_tc_token": accTCToken, "TF_VAR_wrong": accWrong,
	} {
		t.Setenv(name, v)
	}
	config := func(addr, aliSecret, tcKey, body string) string {
		return fmt.Sprintf(`
variable "ali_secret" { sensitive = true }
variable "ali_token" { sensitive = true }
variable "tc_key" { sensitive = true }
variable "tc_token" { sensitive = true }
variable "wrong" { sensitive = true }

provider "cloudtrack" {
  alicloud {
    access_key     = %q
    secret_key     = var.%s
    security_token = var.ali_token
    region         = "cn-hangzhou"
    endpoints      = { actiontrail = %q }
  }
  tencentcloud {
    secret_id      = %q
    secret_key     = var.%s
    security_token = var.tc_token
    region         = "ap-guangzhou"
    endpoints      = { cloudaudit = %q }
  }
  max_retries = 0
}
%s`, accAccessKeyID, aliSecret, addr, accTCSecretID, tcKey, addr, body)
	}
	const ali = `data "cloudtrack_actiontrail_history_delivery_jobs" "test" {}`
	const tc = `data "cloudtrack_cloudaudit_tracks" "test" {}`
	fault := func(f mockcloud.Fault) func() {
		return func() {
			e.Mock().ClearFaults()
			if f.Mode != "" || f.Code != "" {
				e.Mock().AddFault(f)
			}
		}
	}
	none := fault(mockcloud.Fault{})

	steps := []resource.TestStep{
		// Auth refusals: what the cloud said, and which setting to check.
		{PreConfig: none, Config: config(e.Addr, "wrong", "tc_key", ali),
			ExpectError: acctest.ExpectError(`SignatureDoesNotMatch: Specified signature is not matched with our calculation. \(HTTP 400, request id [0-9A-F-]+\) — the AccessKey secret .* alicloud.secret_key / ALIBABA_CLOUD_ACCESS_KEY_SECRET`)},
		{PreConfig: none, Config: config(e.Addr, "ali_secret", "wrong", tc),
			ExpectError: acctest.ExpectError(`AuthFailure.SignatureFailure: .*request id [0-9a-f-]+\) — the SecretKey .* tencentcloud.secret_key / TENCENTCLOUD_SECRET_KEY`)},
		// Transport: the host and the endpoints key.
		{PreConfig: none, Config: config(closed, "ali_secret", "tc_key", ali),
			ExpectError: acctest.ExpectError(`connection refused — ` + regexp.QuoteMeta(closed) + ` refused the connection .* set alicloud.endpoints.actiontrail to override the host`)},
		{PreConfig: none, Config: config(closed, "ali_secret", "tc_key", tc),
			ExpectError: acctest.ExpectError(`connection refused — .* set tencentcloud.endpoints.cloudaudit to override the host`)},
		// Timeouts.
		{PreConfig: fault(mockcloud.Fault{Product: mockcloud.ActionTrailProduct, Mode: mockcloud.FaultLatency, Latency: 2500 * time.Millisecond}),
			Config: config(e.Addr, "ali_secret", "tc_key", ali), ExpectError: acctest.ExpectError(`no answer from .* within the attempt timeout \(1s\)`)},
		{PreConfig: fault(mockcloud.Fault{Product: mockcloud.CloudAuditProduct, Mode: mockcloud.FaultLatency, Latency: 2500 * time.Millisecond}),
			Config: config(e.Addr, "ali_secret", "tc_key", tc), ExpectError: acctest.ExpectError(`no answer from .* within the attempt timeout \(1s\)`)},
		// 5xx.
		{PreConfig: fault(mockcloud.Fault{Product: mockcloud.ActionTrailProduct, Code: "InternalError", HTTPStatus: 500}),
			Config: config(e.Addr, "ali_secret", "tc_key", ali), ExpectError: acctest.ExpectError(`giving up after 1 attempts: .*InternalError: .*\(HTTP 500, request id [0-9A-F-]+\)`)},
		{PreConfig: fault(mockcloud.Fault{Product: mockcloud.CloudAuditProduct, Code: "InternalError"}),
			Config: config(e.Addr, "ali_secret", "tc_key", tc), ExpectError: acctest.ExpectError(`giving up after 1 attempts: .*InternalError: .*request id [0-9a-f-]+\)`)},
		// Garbled answers.
		{PreConfig: fault(mockcloud.Fault{Product: mockcloud.ActionTrailProduct, Mode: mockcloud.FaultGarble}),
			Config: config(e.Addr, "ali_secret", "tc_key", ali), ExpectError: acctest.ExpectError(`SDK.JsonUnmarshalError: .*\(HTTP 200, request id [0-9A-F-]+\) — the answer from .* was not the API's JSON`)},
		{PreConfig: fault(mockcloud.Fault{Product: mockcloud.CloudAuditProduct, Mode: mockcloud.FaultGarble}),
			Config: config(e.Addr, "ali_secret", "tc_key", tc), ExpectError: acctest.ExpectError(`ClientError.ParseJsonError: .*\(HTTP 200, request id [0-9a-f-]+\) — the answer from .* was not the API's JSON`)},
		// And the STS credentials work when nothing is wrong.
		{PreConfig: none, Config: config(e.Addr, "ali_secret", "tc_key", ali+"\n"+tc)},
	}

	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: factories, Steps: steps})

	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatalf("reading the Terraform log: %s", err)
	}
	log := string(raw)
	if os.Getenv("CT_KEEP_LOG") != "" {
		_ = os.WriteFile(os.Getenv("CT_KEEP_LOG"), raw, 0o600)
	}
	for _, want := range []string{"vendor API call failed; giving up", "AuthFailure.SignatureFailure", "SignatureDoesNotMatch"} {
		if !strings.Contains(log, want) {
			t.Errorf("the TRACE log has no %q; is the provider's logging captured?", want)
		}
	}
	for _, s := range []string{accSecret, accToken, accTCSecretKey, accTCToken, accWrong} {
		for _, form := range []string{s, strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D").Replace(s)} {
			if n := strings.Count(log, form); n > 0 {
				t.Errorf("the log contains the secret %q %d times", form, n)
			}
		}
	}
	for _, re := range []*regexp.Regexp{unredactedRE, tc3SigRE} {
		if m := re.FindAllString(log, 5); m != nil {
			t.Errorf("the log contains unredacted signing values: %q", m)
		}
	}
	if strings.Contains(log, "string to sign is:") {
		t.Error("the log quotes the server's string to sign")
	}
}

// A region from the environment is validated like a configured one, and
// the error names the variable.
func TestAccProvider_envRegionValidated(t *testing.T) {
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "Hangzhou_1")
	e := acctest.New(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config: `
provider "cloudtrack" {
  alicloud {
    access_key = "a"
    secret_key = "b"
  }
}
data "cloudtrack_actiontrail_history_delivery_jobs" "test" {}
`,
			ExpectError: acctest.ExpectError(`environment variable ALIBABA_CLOUD_REGION_ID: "Hangzhou_1" is not a region id`),
		}},
	})
}
