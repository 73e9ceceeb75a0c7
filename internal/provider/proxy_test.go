package provider_test

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// proxy is this test process's HTTPS_PROXY and HTTP_PROXY: a loopback
// forward proxy that takes every host name to the mock of the test running
// (the tests that use it are not parallel). Go reads the proxy variables
// once per process, so they are set here, before any request, as a user's
// shell sets them before Terraform starts. Loopback stays direct (the mocks
// of the other tests), and so does tds.aliyuncs.com, to show NO_PROXY is
// honoured.
var proxy *mockcloud.Proxy

func TestMain(m *testing.M) {
	proxy = mockcloud.NewProxy("")
	srv := httptest.NewServer(proxy)
	for k, v := range map[string]string{
		"HTTPS_PROXY": srv.URL,
		"HTTP_PROXY":  srv.URL,
		"NO_PROXY":    "127.0.0.1,localhost,tds.aliyuncs.com",
	} {
		if err := os.Setenv(k, v); err != nil {
			panic(err)
		}
	}
	code := m.Run()
	srv.Close()
	os.Exit(code)
}

// throughProxy points the proxy at e's mock and returns a check that every
// host of want went through it.
func throughProxy(t *testing.T, e *acctest.Env) func(want ...string) resource.TestCheckFunc {
	t.Helper()
	cfg, err := acctest.UpstreamTLS()
	if err != nil {
		t.Fatal(err)
	}
	proxy.SetTarget(e.Addr)
	proxy.SetUpstreamTLS(cfg)
	return func(want ...string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			hosts := proxy.Hosts()
			for _, h := range want {
				if !slices.Contains(hosts, h) {
					return fmt.Errorf("%s did not go through the proxy; it saw %v", h, hosts)
				}
			}
			return nil
		}
	}
}

// userAgents checks that every call the provider itself made (not the
// credential libraries' own STS and metadata calls) names the provider.
func userAgents(e *acctest.Env) resource.TestCheckFunc {
	return func(*terraform.State) error {
		n := 0
		for _, r := range e.Mock().Requests() {
			if r.Front == "metadata" || r.Action == "AssumeRoleWithOIDC" || r.Action == "AssumeRoleWithWebIdentity" {
				continue
			}
			if !strings.Contains(r.UserAgent, "terraform-provider-cloudtrack/test") {
				return fmt.Errorf("%s.%s to %s had User-Agent %q", r.Product, r.Action, r.Host, r.UserAgent)
			}
			n++
		}
		if n == 0 {
			return fmt.Errorf("no call reached the mock")
		}
		return nil
	}
}

// With no endpoint overrides, every call goes to the vendors' public host
// names (STS included) over HTTPS through the proxy; the site setting
// switches them to the international hosts.
func TestAccProviderProxy_defaultHosts(t *testing.T) {
	e := acctest.New(t, withRoles([]string{mockcloud.DefaultAccessKeyID}, []string{mockcloud.DefaultSecretID}))
	e.NeedsMock(t, "a forward proxy takes the vendors' host names to the mock")
	sawHosts := throughProxy(t, e)
	block := func(aliExtra, tcExtra string) string {
		return fmt.Sprintf(`
provider "cloudtrack" {
  alicloud {
    %s
    assume_role { role_arn = %q }
    %s
  }
  tencentcloud {
    %s
    assume_role { role_arn = %q }
    %s
  }
}
`, acctest.StaticAlicloudKeys, aliRole, aliExtra, acctest.StaticTencentKeys, tcRole, tcExtra)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: block("", "") + readBoth,
				Check: resource.ComposeTestCheckFunc(
					sawHosts("sts.aliyuncs.com:443", "actiontrail.cn-hangzhou.aliyuncs.com:443", "sts.tencentcloudapi.com:443", "cloudaudit.tencentcloudapi.com:443"),
					signedWithSessions(e, "AssumeRole"),
					userAgents(e),
				),
			},
			{
				Config: block(`region = "ap-southeast-1"
    site   = "international"`, `site = "international"`) + readBoth + `
data "cloudtrack_sas_operation_subtasks" "all" {}
`,
				Check: sawHosts("sts.ap-southeast-1.aliyuncs.com:443", "actiontrail.ap-southeast-1.aliyuncs.com:443", "tds.ap-southeast-1.aliyuncs.com:443",
					"sts.intl.tencentcloudapi.com:443", "cloudaudit.intl.tencentcloudapi.com:443"),
			},
		},
	})
}

// A host in NO_PROXY is dialled directly: tds.aliyuncs.com cannot be
// resolved here, and the error names the host and the setting to change.
func TestAccProviderProxy_noProxy(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "a forward proxy takes the vendors' host names to the mock")
	throughProxy(t, e)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "cloudtrack" {
  alicloud {
    %s
  }
  max_retries = 1
}
data "cloudtrack_sas_operation_subtasks" "all" {}
`, acctest.StaticAlicloudKeys),
			ExpectError: acctest.ExpectError(`tds.aliyuncs.com.*alicloud.endpoints.sas`),
		}},
	})
	if hosts := proxy.Hosts(); slices.Contains(hosts, "tds.aliyuncs.com:443") {
		t.Fatalf("tds.aliyuncs.com is in NO_PROXY but went through the proxy: %v", hosts)
	}
}

// The instance's role: the ECS and CVM metadata services (plain HTTP to
// fixed addresses) reached through HTTP_PROXY.
func TestAccProviderProxy_instanceRoles(t *testing.T) {
	e := acctest.New(t, withRoles(nil, nil), func(o *mockcloud.Options) {
		o.InstanceRoles = map[string]string{mockcloud.VendorAlibaba: aliRole, mockcloud.VendorTencent: tcRole}
	})
	e.NeedsMock(t, "the mock plays the instance metadata services")
	sawHosts := throughProxy(t, e)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config: e.ProviderBlock(`ecs_role_name = "auditor"`, `cam_role_name = "auditor"`) + readBoth,
			Check: resource.ComposeTestCheckFunc(
				sawHosts("100.100.100.200", "metadata.tencentyun.com"),
				signedWithSessions(e, "metadata"),
			),
		}},
	})
}

// A RamRoleArn profile of the aliyun CLI: credentials-go assumes the role
// itself, at the default STS host, through the proxy.
func TestAccProviderProxy_profileRamRoleArn(t *testing.T) {
	e := acctest.New(t, withRoles([]string{mockcloud.DefaultAccessKeyID}, nil))
	e.NeedsMock(t, "a forward proxy takes the vendors' host names to the mock")
	sawHosts := throughProxy(t, e)
	cfg := filepath.Join(t.TempDir(), "config.json")
	writeFile(t, cfg, fmt.Sprintf(`{"current": "role", "profiles": [
  {"name": "role", "mode": "RamRoleArn", "access_key_id": %q, "access_key_secret": %q, "ram_role_arn": %q, "ram_session_name": "cli", "expired_seconds": 900, "region_id": "cn-hangzhou"}
]}`, mockcloud.DefaultAccessKeyID, mockcloud.DefaultAccessKeySecret, aliRole))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config: e.ProviderBlock(fmt.Sprintf(`profile = "role"
    shared_credentials_file = %q`, cfg), acctest.StaticTencentKeys) + readBoth,
			Check: resource.ComposeTestCheckFunc(
				sawHosts("sts.aliyuncs.com:443"),
				func(*terraform.State) error {
					for _, s := range e.Mock().Sessions() {
						if s.RoleARN == aliRole && s.SessionName == "cli" {
							return nil
						}
					}
					return fmt.Errorf("the profile's role was not assumed: %v", e.Mock().Sessions())
				},
			),
		}},
	})
}
