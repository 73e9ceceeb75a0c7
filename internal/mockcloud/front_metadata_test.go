package mockcloud_test

import (
	"crypto/tls"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/credentials-go/credentials/providers"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// metadataGet fetches a metadata URL through the environment's proxy (as
// the vendors' libraries do) and returns status and body.
func metadataGet(t *testing.T, rawURL string, header map[string]string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestMetadataThroughProxy uses envProxy, so it does not run in parallel.
func TestMetadataThroughProxy(t *testing.T) {
	s, host := newMock(t, mockcloud.Options{
		Roles:         stsRoles(),
		InstanceRoles: map[string]string{mockcloud.VendorAlibaba: aliRole, mockcloud.VendorTencent: tcRole},
	})
	envProxy.SetTarget(host)
	t.Cleanup(func() { envProxy.SetTarget("127.0.0.1:1") })
	before := len(envProxy.Hosts())

	// ECS: credentials-go's ECS RAM role provider (IMDSv2 token, role
	// name, credentials), unchanged: its requests go to 100.100.100.200.
	ecs, err := providers.NewECSRAMRoleCredentialsProviderBuilder().Build()
	if err != nil {
		t.Fatal(err)
	}
	cred, err := ecs.GetCredentials()
	if err != nil {
		t.Fatalf("ECS RAM role: %v", err)
	}
	if !strings.HasPrefix(cred.AccessKeyId, "STS.") || cred.ProviderName != "ecs_ram_role" {
		t.Errorf("ECS credentials = %+v", cred)
	}
	mustList(t, newClient(t, host, credentials.NewStsTokenCredential(cred.AccessKeyId, cred.AccessKeySecret, cred.SecurityToken)), 1, 10)

	// CVM: the Tencent common CvmRoleProvider (http.Get to
	// metadata.tencentyun.com).
	cvmCred, err := common.DefaultCvmRoleProvider().GetCredential()
	if err != nil {
		t.Fatalf("CVM role: %v", err)
	}
	if !strings.HasPrefix(cvmCred.GetSecretId(), "AKID") || cvmCred.GetToken() == "" {
		t.Errorf("CVM credentials: id %q", cvmCred.GetSecretId())
	}
	req := caDescribeTracks()
	if _, err := newAuditClient(t, host, cvmCred).DescribeAuditTracks(req); err != nil {
		t.Errorf("CloudAudit with the CVM role's credentials: %v", err)
	}

	hosts := envProxy.Hosts()[before:]
	for _, want := range []string{"100.100.100.200", "metadata.tencentyun.com"} {
		if !slices.Contains(hosts, want) {
			t.Errorf("proxy hosts %v lack %s", hosts, want)
		}
	}
	calls := s.CallCounts()
	for _, k := range []string{"EcsMetadata.Token", "EcsMetadata.RoleName", "EcsMetadata.Credentials", "CvmMetadata.RoleName", "CvmMetadata.Credentials"} {
		if calls[k] == 0 {
			t.Errorf("no %s call counted: %v", k, calls)
		}
	}

	// The same credentials until they near expiry; new ones after the
	// clock moves past it.
	credURL := "http://100.100.100.200/latest/meta-data/ram/security-credentials/auditor"
	status, body := metadataGet(t, credURL, nil)
	var got struct{ AccessKeyId, Expiration, Code string }
	if err := json.Unmarshal([]byte(body), &got); status != 200 || err != nil || got.AccessKeyId != cred.AccessKeyId || got.Code != "Success" {
		t.Errorf("IMDSv1 credentials: %d %s", status, body)
	}
	s.SetClock(0, time.Hour)
	_, body = metadataGet(t, credURL, nil)
	_ = json.Unmarshal([]byte(body), &got)
	if got.AccessKeyId == cred.AccessKeyId {
		t.Errorf("expired metadata credentials were answered again")
	}
	// The old ones are refused by the API.
	_, err = listJobs(newClient(t, host, credentials.NewStsTokenCredential(cred.AccessKeyId, cred.AccessKeySecret, cred.SecurityToken)), 1, 10)
	wantServerError(t, err, "InvalidSecurityToken.Expired", 400)

	// IMDSv2: a wrong token is 401; another role's name is 404.
	if status, _ := metadataGet(t, credURL, map[string]string{"X-aliyun-ecs-metadata-token": "bogus"}); status != 401 {
		t.Errorf("wrong IMDSv2 token: %d", status)
	}
	if status, _ := metadataGet(t, "http://100.100.100.200/latest/meta-data/ram/security-credentials/other", nil); status != 404 {
		t.Errorf("other role: %d", status)
	}

	// Detached (admin API): no role.
	admin(t, host, "PUT", "/_mock/metadata", map[string]any{"tencent": ""}, 200, nil)
	if _, err := common.DefaultCvmRoleProvider().GetCredential(); err == nil {
		t.Errorf("CVM role provider without a role succeeded")
	}
	admin(t, host, "PUT", "/_mock/metadata", map[string]any{"tencent": "acs:ram::1234567890:role/auditor"}, 400, nil)
	var roles map[string]string
	admin(t, host, "GET", "/_mock/metadata", nil, 200, &roles)
	if roles["alibaba"] != aliRole || roles["tencent"] != "" {
		t.Errorf("instance roles = %v", roles)
	}
	if sess := s.Sessions(); len(sess) != 3 || sess[0].Source != "metadata" {
		t.Errorf("sessions = %+v", sess)
	}
}

// TestProxyDefaultHostNames reaches a TLS mock under the vendors' default
// host names through a proxy given to each client.
func TestProxyDefaultHostNames(t *testing.T) {
	t.Parallel()
	s, host := newTLSMock(t, mockcloud.Options{Roles: stsRoles()})
	proxy, proxyURL := newProxy(t, host)

	// credentials-go with its default STS endpoint, sts.aliyuncs.com.
	ali := ramRoleProvider(t, "", aliRole, func(b *providers.RAMRoleARNCredentialsProviderBuilder) {
		b.WithHttpOptions(&providers.HttpOptions{Proxy: proxyURL})
	})
	cred, err := ali.GetCredentials()
	if err != nil {
		t.Fatalf("AssumeRole through the proxy: %v", err)
	}
	// The classic SDK at actiontrail.cn-hangzhou.aliyuncs.com over HTTPS.
	c := httpsClient(t, "actiontrail.cn-hangzhou.aliyuncs.com", cred)
	c.SetHttpsProxy(proxyURL)
	mustList(t, c, 1, 10)

	// Tencent sts and CloudAudit (international site) at their default
	// names.
	cpf := tcHTTPSProfile("")
	cpf.HttpProfile.Proxy = proxyURL
	stsClient, err := newSTSClientWith(cpf)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := assumeTC(stsClient, tcRole, "proxied", 0)
	if err != nil {
		t.Fatalf("sts AssumeRole through the proxy: %v", err)
	}
	tmp := common.NewTokenCredential(*resp.Response.Credentials.TmpSecretId, *resp.Response.Credentials.TmpSecretKey, *resp.Response.Credentials.Token)
	cpf = tcHTTPSProfile("cloudaudit.intl.tencentcloudapi.com")
	cpf.HttpProfile.Proxy = proxyURL
	if _, err := newAuditClientWith(t, tmp, cpf).DescribeAuditTracks(caDescribeTracks()); err != nil {
		t.Fatalf("CloudAudit (intl) through the proxy: %v", err)
	}

	hosts := proxy.Hosts()
	for _, want := range []string{"sts.aliyuncs.com:443", "actiontrail.cn-hangzhou.aliyuncs.com:443", "sts.tencentcloudapi.com:443", "cloudaudit.intl.tencentcloudapi.com:443"} {
		if !slices.Contains(hosts, want) {
			t.Errorf("proxy hosts %v lack %s", hosts, want)
		}
	}

	// The request log names the hosts, products, actions and callers.
	var sawAli, sawTC bool
	for _, r := range s.Requests() {
		if r.Host == "sts.aliyuncs.com" && r.Product == "Sts" && r.Action == "AssumeRole" && r.Front == "alibaba" &&
			r.AccessKeyID == mockcloud.DefaultAccessKeyID && strings.Contains(r.UserAgent, "Credentials") && r.Status == 200 {
			sawAli = true
		}
		if r.Host == "sts.tencentcloudapi.com" && r.Product == "sts" && r.Action == "AssumeRole" && r.Front == "tencent" &&
			r.AccessKeyID == mockcloud.DefaultSecretID && r.RequestClient != "" {
			sawTC = true
		}
	}
	if !sawAli || !sawTC {
		data, _ := json.MarshalIndent(s.Requests(), "", " ")
		t.Errorf("request log lacks the STS calls (alibaba %v, tencent %v):\n%s", sawAli, sawTC, data)
	}
	assertNoSecrets(t, s, "")

	// Plain HTTP through the proxy to a mock that serves only HTTPS.
	proxy.SetUpstreamTLS(&tls.Config{RootCAs: testCA.Pool(), MinVersion: tls.VersionTLS12})
	if err := s.AddRole(mockcloud.Role{ARN: "qcs::cam::uin/1234567890:roleName/cvm"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetInstanceRole(mockcloud.VendorTencent, "qcs::cam::uin/1234567890:roleName/cvm"); err != nil {
		t.Fatal(err)
	}
	pu, _ := url.Parse(proxyURL)
	hc := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(pu)}}
	r, err := hc.Get("http://metadata.tencentyun.com/latest/meta-data/cam/security-credentials/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if r.StatusCode != 200 || string(body) != "cvm" {
		t.Errorf("CVM role name through a TLS upstream: %d %q", r.StatusCode, body)
	}
}
