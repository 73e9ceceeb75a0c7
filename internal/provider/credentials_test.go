package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

const (
	aliRole = "acs:ram::1234567890:role/auditor"
	tcRole  = "qcs::cam::uin/1234567890:roleName/auditor"
	// The OIDC providers and the token the mock accepts.
	aliOIDCProvider = "acs:ram::1234567890:oidc-provider/ack-rrsa"
	tcOIDCProvider  = "tke-oidc"
	oidcToken       = "eyJhbGciOiJSUzI1NiJ9.mock-service-account.signature"
)

// readBoth is a configuration that calls one API of each vendor: the
// ActionTrail job list and the CloudAudit track list.
const readBoth = `
data "cloudtrack_actiontrail_history_delivery_jobs" "all" {}
data "cloudtrack_cloudaudit_tracks" "all" {}
`

// withRoles seeds the two auditor roles, trusting whom trusted says.
func withRoles(aliTrusted, tcTrusted []string) acctest.Option {
	return func(o *mockcloud.Options) {
		o.Roles = append(o.Roles,
			mockcloud.Role{ARN: aliRole, Trusted: aliTrusted},
			mockcloud.Role{ARN: tcRole, Trusted: tcTrusted},
		)
	}
}

// signedWithSessions checks that the mock served the two data sources'
// calls, each signed with a temporary key it issued through one of sources
// (e.g. "AssumeRole"), and nothing signed with anything else.
func signedWithSessions(e *acctest.Env, sources ...string) resource.TestCheckFunc {
	source := strings.Join(sources, " or ")
	return func(*terraform.State) error {
		issued := map[string]string{}
		for _, s := range e.Mock().Sessions() {
			for _, src := range sources {
				if strings.HasSuffix(s.Source, "."+src) || s.Source == src {
					issued[s.AccessKeyID] = s.Vendor
				}
			}
		}
		if len(issued) == 0 {
			return fmt.Errorf("the mock issued no session through %s", source)
		}
		seen := map[string]bool{}
		for _, r := range e.Mock().Requests() {
			switch r.Product + "." + r.Action {
			case "Actiontrail.ListDeliveryHistoryJobs", "cloudaudit.DescribeAuditTracks":
			default:
				continue
			}
			v, ok := issued[r.AccessKeyID]
			if !ok {
				return fmt.Errorf("%s.%s was signed with %s, not a key issued through %s", r.Product, r.Action, r.AccessKeyID, source)
			}
			if r.Code != "" {
				return fmt.Errorf("%s.%s failed: %s", r.Product, r.Action, r.Code)
			}
			seen[v] = true
		}
		if !seen[mockcloud.VendorAlibaba] || !seen[mockcloud.VendorTencent] {
			return fmt.Errorf("calls signed with issued keys per vendor: %v", seen)
		}
		return nil
	}
}

func TestAccProviderCredentials_assumeRole(t *testing.T) {
	e := acctest.New(t, withRoles([]string{mockcloud.DefaultAccessKeyID}, []string{mockcloud.DefaultSecretID}))
	e.NeedsMock(t, "seeds roles, tokens or keys in the mock and reads its request log")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config: e.ProviderBlock(acctest.StaticAlicloudKeys+fmt.Sprintf(`
    assume_role {
      role_arn           = %q
      session_name       = "acc-test"
      session_expiration = 900
      policy             = jsonencode({ Version = "1", Statement = [{ Effect = "Allow", Action = ["actiontrail:*"], Resource = ["*"] }] })
    }`, aliRole), acctest.StaticTencentKeys+fmt.Sprintf(`
    assume_role {
      role_arn         = %q
      session_name     = "acc-test"
      session_duration = 900
      policy           = jsonencode({ version = "2.0", statement = [{ effect = "allow", action = ["cloudaudit:*"], resource = ["*"] }] })
    }`, tcRole)) + readBoth,
			Check: signedWithSessions(e, "AssumeRole"),
		}},
	})
}

func TestAccProviderCredentials_assumeRoleRefused(t *testing.T) {
	// The roles trust somebody else.
	e := acctest.New(t, withRoles([]string{"account:999"}, []string{"account:999"}))
	e.NeedsMock(t, "seeds roles, tokens or keys in the mock and reads its request log")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: e.ProviderBlock(acctest.StaticAlicloudKeys+fmt.Sprintf(`
    assume_role { role_arn = %q }`, aliRole), "") + `data "cloudtrack_actiontrail_history_delivery_jobs" "all" {}`,
				ExpectError: acctest.ExpectError(`alicloud.assume_role \(acs:ram::1234567890:role/auditor\): the cloud refused AssumeRole for acs:ram::1234567890:role/auditor \(NoPermission, request id [0-9A-F-]+\).*the base identity \(alicloud.access_key\) needs sts:AssumeRole on that role`),
			},
			{
				Config: e.ProviderBlock("", acctest.StaticTencentKeys+fmt.Sprintf(`
    assume_role { role_arn = %q }`, tcRole)) + `data "cloudtrack_cloudaudit_tracks" "all" {}`,
				ExpectError: acctest.ExpectError(`tencentcloud.assume_role \(qcs::cam::uin/1234567890:roleName/auditor\): the cloud refused AssumeRole for qcs::cam::uin/1234567890:roleName/auditor \(UnauthorizedOperation, request id [0-9a-f-]+\).*the base identity \(tencentcloud.secret_id\) needs sts:AssumeRole on that role`),
			},
			{
				// A role that does not exist.
				Config: e.ProviderBlock(acctest.StaticAlicloudKeys+`
    assume_role { role_arn = "acs:ram::1234567890:role/nobody" }`, "") + `data "cloudtrack_actiontrail_history_delivery_jobs" "all" {}`,
				ExpectError: acctest.ExpectError(`the cloud refused AssumeRole for acs:ram::1234567890:role/nobody \(EntityNotExist.Role.*check role_arn`),
			},
		},
	})
}

func TestAccProviderCredentials_oidc(t *testing.T) {
	token := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(token, []byte(oidcToken), 0o600); err != nil {
		t.Fatal(err)
	}
	e := acctest.New(t, withRoles([]string{"oidc:" + aliOIDCProvider}, []string{"oidc:" + tcOIDCProvider}), func(o *mockcloud.Options) {
		o.OIDCTokens = []string{oidcToken}
	})
	e.NeedsMock(t, "seeds roles, tokens or keys in the mock and reads its request log")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config: e.ProviderBlock(fmt.Sprintf(`
    assume_role_with_oidc {
      oidc_provider_arn = %q
      oidc_token_file   = %q
      role_arn          = %q
    }`, aliOIDCProvider, token, aliRole), fmt.Sprintf(`
    assume_role_with_web_identity {
      provider_id             = %q
      web_identity_token_file = %q
      role_arn                = %q
    }`, tcOIDCProvider, token, tcRole)) + readBoth,
			Check: signedWithSessions(e, "AssumeRoleWithOIDC", "AssumeRoleWithWebIdentity"),
		}},
	})
}

// An OIDC identity with a role assumed on top: the chain a pod uses to
// reach another account.
func TestAccProviderCredentials_oidcThenAssumeRole(t *testing.T) {
	token := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(token, []byte(oidcToken), 0o600); err != nil {
		t.Fatal(err)
	}
	const podRole = "acs:ram::1234567890:role/pod"
	e := acctest.New(t, func(o *mockcloud.Options) {
		o.OIDCTokens = []string{oidcToken}
		o.Roles = []mockcloud.Role{
			{ARN: podRole, Trusted: []string{"oidc:" + aliOIDCProvider}},
			{ARN: aliRole, Trusted: []string{"account:1234567890"}},
		}
	})
	e.NeedsMock(t, "seeds roles, tokens or keys in the mock and reads its request log")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config: e.ProviderBlock(fmt.Sprintf(`
    assume_role_with_oidc {
      oidc_provider_arn = %q
      oidc_token_file   = %q
      role_arn          = %q
    }
    assume_role { role_arn = %q }`, aliOIDCProvider, token, podRole, aliRole), "") + `data "cloudtrack_actiontrail_history_delivery_jobs" "all" {}`,
			Check: func(*terraform.State) error {
				var viaOIDC, viaRole int
				for _, s := range e.Mock().Sessions() {
					switch {
					case s.RoleARN == podRole && strings.HasSuffix(s.Source, "AssumeRoleWithOIDC"):
						viaOIDC++
					case s.RoleARN == aliRole && strings.HasSuffix(s.Source, "AssumeRole"):
						viaRole++
					}
				}
				if viaOIDC == 0 || viaRole == 0 {
					return fmt.Errorf("sessions: %d through OIDC, %d through AssumeRole; want both", viaOIDC, viaRole)
				}
				return nil
			},
		}},
	})
}

// Environment variables and profiles are process-wide: these tests are not
// parallel (t.Setenv refuses to run in a parallel test).

func TestAccProviderCredentials_env(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds roles, tokens or keys in the mock and reads its request log")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", mockcloud.DefaultAccessKeyID)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", mockcloud.DefaultAccessKeySecret)
	t.Setenv("TENCENTCLOUD_SECRET_ID", mockcloud.DefaultSecretID)
	t.Setenv("TENCENTCLOUD_SECRET_KEY", mockcloud.DefaultSecretKey)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config: e.ProviderBlock("", "") + readBoth,
			Check:  signedWith(e, mockcloud.DefaultAccessKeyID, mockcloud.DefaultSecretID),
		}},
	})
}

// signedWith checks the data sources' calls were signed with these keys.
func signedWith(e *acctest.Env, aliKey, tcKey string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		n := 0
		for _, r := range e.Mock().Requests() {
			var want string
			switch r.Product + "." + r.Action {
			case "Actiontrail.ListDeliveryHistoryJobs":
				want = aliKey
			case "cloudaudit.DescribeAuditTracks":
				want = tcKey
			default:
				continue
			}
			if r.AccessKeyID != want || r.Code != "" {
				return fmt.Errorf("%s.%s: signed with %s (want %s), code %q", r.Product, r.Action, r.AccessKeyID, want, r.Code)
			}
			n++
		}
		if n < 2 {
			return fmt.Errorf("%d calls of the data sources reached the mock; want 2 or more", n)
		}
		return nil
	}
}

func TestAccProviderCredentials_profile(t *testing.T) {
	const stsKey, stsSecret, stsToken = "STS.profilekey", "profile-secret", "profile-token"
	const tcKey, tcSecret = "AKIDprofile", "profile-tencent-secret"
	e := acctest.New(t, func(o *mockcloud.Options) {
		o.Credentials = append(o.Credentials,
			mockcloud.Credential{AccessKeyID: stsKey, AccessKeySecret: stsSecret, SecurityToken: stsToken},
			mockcloud.Credential{AccessKeyID: tcKey, AccessKeySecret: tcSecret},
		)
	})
	e.NeedsMock(t, "seeds roles, tokens or keys in the mock and reads its request log")
	home := t.TempDir()
	t.Setenv("HOME", home)
	// ~/.aliyun/config.json as `aliyun configure` writes it: an AK profile
	// (current) and a StsToken one.
	aliyun := filepath.Join(home, "aliyun-config.json")
	writeFile(t, aliyun, fmt.Sprintf(`{
  "current": "default",
  "profiles": [
    {"name": "default", "mode": "AK", "access_key_id": %q, "access_key_secret": %q, "region_id": "cn-hangzhou"},
    {"name": "audit", "mode": "StsToken", "access_key_id": %q, "access_key_secret": %q, "sts_token": %q, "region_id": "cn-hangzhou"}
  ]
}`, mockcloud.DefaultAccessKeyID, mockcloud.DefaultAccessKeySecret, stsKey, stsSecret, stsToken))
	// ~/.tccli/audit.credential as `tccli configure --profile audit` writes it.
	writeFile(t, filepath.Join(home, ".tccli", "audit.credential"), fmt.Sprintf(`{"secretId": %q, "secretKey": %q}`, tcKey, tcSecret))

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: e.ProviderBlock(fmt.Sprintf(`
    profile                 = "audit"
    shared_credentials_file = %q`, aliyun), `profile = "audit"`) + readBoth,
				Check: signedWith(e, stsKey, tcKey),
			},
			{
				// The file's current profile when none is named.
				PreConfig: func() { e.Mock().ClearRequests() },
				Config:    e.ProviderBlock(fmt.Sprintf(`shared_credentials_file = %q`, aliyun), `profile = "audit"`) + readBoth,
				Check:     signedWith(e, mockcloud.DefaultAccessKeyID, tcKey),
			},
			{
				Config:      e.ProviderBlock(fmt.Sprintf("profile = \"nobody\"\n    shared_credentials_file = %q", aliyun), "") + `data "cloudtrack_actiontrail_history_delivery_jobs" "all" {}`,
				ExpectError: acctest.ExpectError(`alicloud.profile \("nobody" in .*aliyun-config.json\): .*nobody.*check the profile name`),
			},
		},
	})
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// Bad credential settings fail at plan time, naming the attribute or the
// environment variable, and reach no API.
func TestAccProviderCredentials_invalid(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds roles, tokens or keys in the mock and reads its request log")
	t.Setenv("ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION", "forever")
	t.Setenv("TENCENTCLOUD_REGION", "Guangzhou")
	steps := []resource.TestStep{
		{
			Config:      e.ProviderBlock(acctest.StaticAlicloudKeys+"\n    assume_role { role_arn = \"arn:aws:iam::1:role/x\" }", acctest.StaticTencentKeys) + readBoth,
			ExpectError: acctest.ExpectError(`alicloud.assume_role.role_arn.*must be a RAM role ARN such as acs:ram::1234567890123456:role/auditor`),
		},
		{
			Config:      e.ProviderBlock(acctest.StaticAlicloudKeys+"\n    assume_role { role_arn = \"acs:ram::1:role/x\" }", acctest.StaticTencentKeys) + readBoth,
			ExpectError: acctest.ExpectError(`ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION is "forever"; it must be a number of seconds between 900 and 43200`),
		},
		{
			Config:      e.ProviderBlock(acctest.StaticAlicloudKeys, acctest.StaticTencentKeys+"\n    region = null") + readBoth,
			ExpectError: acctest.ExpectError(`TENCENTCLOUD_REGION: "Guangzhou" is not a region id`),
		},
		{
			Config:      e.ProviderBlock(acctest.StaticAlicloudKeys+"\n    assume_role_with_oidc { role_arn = \"acs:ram::1:role/x\" }", acctest.StaticTencentKeys) + readBoth,
			ExpectError: acctest.ExpectError(`assume_role_with_oidc needs oidc_provider_arn, oidc_token_file and role_arn`),
		},
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps:                    steps,
		CheckDestroy: func(*terraform.State) error {
			if n := e.TotalCalls(); n != 0 {
				return fmt.Errorf("bad settings reached the mock: %d calls", n)
			}
			return nil
		},
	})
}

// With no source at all, the error lists every source and what to set.
func TestAccProviderCredentials_none(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds roles, tokens or keys in the mock and reads its request log")
	t.Setenv("HOME", t.TempDir())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config:      e.ProviderBlock("", "") + `data "cloudtrack_actiontrail_history_delivery_jobs" "all" {}`,
				ExpectError: acctest.ExpectError(`Alibaba Cloud credentials are not configured.*access_key and secret_key.*profile.*ecs_role_name.*assume_role_with_oidc`),
			},
			{
				Config:      e.ProviderBlock("", "") + `data "cloudtrack_cloudaudit_tracks" "all" {}`,
				ExpectError: acctest.ExpectError(`Tencent Cloud credentials are not configured.*secret_id and secret_key.*profile.*cam_role_name.*assume_role_with_web_identity`),
			},
		},
	})
}
