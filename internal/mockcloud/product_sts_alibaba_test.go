package mockcloud_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
	alists "github.com/aliyun/alibaba-cloud-sdk-go/services/sts"
	"github.com/aliyun/credentials-go/credentials/providers"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

const (
	aliRole      = "acs:ram::1234567890:role/auditor"
	aliRole2     = "acs:ram::2222222222:role/cross-account"
	aliOIDC      = "acs:ram::1234567890:oidc-provider/ack-rrsa"
	aliOIDCToken = "eyJhbGciOiJSUzI1NiJ9.mock.token"
)

func stsRoles() []mockcloud.Role {
	return []mockcloud.Role{
		{ARN: aliRole, Trusted: []string{"account:" + mockcloud.DefaultAccountID, "oidc:" + aliOIDC}},
		// Trusted by any key of the first role's account: chaining.
		{ARN: aliRole2, Trusted: []string{"account:1234567890"}, MaxSessionDuration: 7200},
		{ARN: "acs:ram::1234567890:role/locked", Trusted: []string{"someone-else"}},
		{ARN: "acs:ram::1234567890:role/external", Trusted: []string{mockcloud.DefaultAccessKeyID}, ExternalID: "abc-123"},
		{ARN: tcRole, Trusted: []string{"account:" + mockcloud.DefaultAccountID, "oidc:" + tcOIDCProvider}},
		{ARN: "qcs::cam::uin/1234567890:roleName/locked", Trusted: []string{"AKIDsomeoneelse"}},
	}
}

// ramRoleProvider is credentials-go's RAM role ARN provider signing with
// the default key and calling the mock's STS at endpoint.
func ramRoleProvider(t *testing.T, endpoint, roleARN string, mod func(*providers.RAMRoleARNCredentialsProviderBuilder)) *providers.RAMRoleARNCredentialsProvider {
	t.Helper()
	b := providers.NewRAMRoleARNCredentialsProviderBuilder().
		WithAccessKeyId(mockcloud.DefaultAccessKeyID).
		WithAccessKeySecret(mockcloud.DefaultAccessKeySecret).
		WithRoleArn(roleARN).
		WithRoleSessionName("terraform").
		WithStsEndpoint(endpoint)
	if mod != nil {
		mod(b)
	}
	p, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// httpsClient is an ActionTrail client over HTTPS (the CA is trusted
// through SSL_CERT_FILE).
func httpsClient(t *testing.T, host string, cred *providers.Credentials) *actiontrail.Client {
	t.Helper()
	return newClient(t, host, credentials.NewStsTokenCredential(cred.AccessKeyId, cred.AccessKeySecret, cred.SecurityToken), func(c *sdk.Config) { c.Scheme = "HTTPS" })
}

func TestStsAlibabaAssumeRole(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	s, host := newTLSMock(t, mockcloud.Options{Roles: stsRoles(), Logger: newLogger(&logs)})

	cred, err := ramRoleProvider(t, host, aliRole, nil).GetCredentials()
	if err != nil {
		t.Fatalf("AssumeRole: %v", err)
	}
	if !strings.HasPrefix(cred.AccessKeyId, "STS.") || cred.SecurityToken == "" || cred.ProviderName != "ram_role_arn/static_ak" {
		t.Errorf("credentials = %+v", cred)
	}
	sessions := s.Sessions()
	if len(sessions) != 1 || sessions[0].RoleARN != aliRole || sessions[0].SessionName != "terraform" || sessions[0].AccountID != mockcloud.DefaultAccountID ||
		sessions[0].Vendor != mockcloud.VendorAlibaba || sessions[0].Source != "Sts.AssumeRole" {
		t.Fatalf("sessions = %+v", sessions)
	}
	if d := time.Until(sessions[0].Expiration); d < 59*time.Minute || d > time.Hour {
		t.Errorf("default duration: expires in %v", d)
	}

	// The temporary key works with the classic SDK.
	c := httpsClient(t, host, cred)
	mustList(t, c, 1, 10)

	// Chaining: the temporary key (account 1234567890) assumes a second role.
	chained := ramRoleProvider(t, host, aliRole2, func(b *providers.RAMRoleARNCredentialsProviderBuilder) {
		sts, _ := providers.NewStaticSTSCredentialsProviderBuilder().WithAccessKeyId(cred.AccessKeyId).
			WithAccessKeySecret(cred.AccessKeySecret).WithSecurityToken(cred.SecurityToken).Build()
		b.WithCredentialsProvider(sts).WithDurationSeconds(7200)
	})
	cred2, err := chained.GetCredentials()
	if err != nil {
		t.Fatalf("chained AssumeRole: %v", err)
	}
	if sess := s.Sessions(); len(sess) != 2 || sess[1].AccountID != "2222222222" || sess[1].AccessKeyID != cred2.AccessKeyId {
		t.Errorf("chained session = %+v", sess)
	}

	// A wrong secret or token still fails with today's codes.
	_, err = listJobs(newClient(t, host, credentials.NewStsTokenCredential(cred.AccessKeyId, "wrong", cred.SecurityToken), func(c *sdk.Config) { c.Scheme = "HTTPS" }), 1, 10)
	wantServerError(t, err, "SignatureDoesNotMatch", 400)
	_, err = listJobs(newClient(t, host, credentials.NewStsTokenCredential(cred.AccessKeyId, cred.AccessKeySecret, "wrong-token"), func(c *sdk.Config) { c.Scheme = "HTTPS" }), 1, 10)
	wantServerError(t, err, "InvalidSecurityToken.Malformed", 400)
	_, err = listJobs(newClient(t, host, credentials.NewAccessKeyCredential(cred.AccessKeyId, cred.AccessKeySecret), func(c *sdk.Config) { c.Scheme = "HTTPS" }), 1, 10)
	wantServerError(t, err, "MissingSecurityToken", 400)

	// An hour later on the server clock the session has expired; the
	// signature (real clock) is still fine, and static keys still work.
	s.SetClock(0, time.Hour+time.Second)
	_, err = listJobs(c, 1, 10)
	wantServerError(t, err, "InvalidSecurityToken.Expired", 400)
	mustList(t, newClient(t, host, defaultCred(), func(c *sdk.Config) { c.Scheme = "HTTPS" }), 1, 10)
	// The chained session (two hours) is still valid.
	mustList(t, httpsClient(t, host, cred2), 1, 10)

	if n := s.Calls(mockcloud.StsProduct, "AssumeRole"); n != 2 {
		t.Errorf("Sts.AssumeRole calls = %d", n)
	}
	if got := s.CallCounts()["Sts.AssumeRole"]; got != 2 {
		t.Errorf(`CallCounts()["Sts.AssumeRole"] = %d`, got)
	}
	assertNoSecrets(t, s, logs.String())
}

func TestStsAlibabaAssumeRoleErrors(t *testing.T) {
	t.Parallel()
	_, host := newTLSMock(t, mockcloud.Options{Roles: stsRoles()})
	for _, tc := range []struct {
		name, role string
		mod        func(*providers.RAMRoleARNCredentialsProviderBuilder)
		want       string
	}{
		{"untrusted", "acs:ram::1234567890:role/locked", nil, `"Code":"NoPermission"`},
		{"unknown role", "acs:ram::1234567890:role/nobody", nil, `"Code":"EntityNotExist.Role"`},
		{"malformed ARN", "arn:aws:iam::1:role/x", nil, `"Code":"InvalidParameter.RoleArn"`},
		{"too long", aliRole, func(b *providers.RAMRoleARNCredentialsProviderBuilder) { b.WithDurationSeconds(7200) }, `"Code":"InvalidParameter.DurationSeconds"`},
		{"session name", aliRole, func(b *providers.RAMRoleARNCredentialsProviderBuilder) { b.WithRoleSessionName("a b") }, `"Code":"InvalidParameter.RoleSessionName"`},
		{"policy", aliRole, func(b *providers.RAMRoleARNCredentialsProviderBuilder) { b.WithPolicy("{not json") }, `"Code":"InvalidParameter.PolicyGrammar"`},
		{"external id missing", "acs:ram::1234567890:role/external", nil, `"Code":"NoPermission"`},
		{"external id wrong", "acs:ram::1234567890:role/external", func(b *providers.RAMRoleARNCredentialsProviderBuilder) { b.WithExternalId("nope") }, `"Code":"NoPermission"`},
		{"wrong secret", aliRole, func(b *providers.RAMRoleARNCredentialsProviderBuilder) { b.WithAccessKeySecret("wrong") }, `"Code":"SignatureDoesNotMatch"`},
	} {
		_, err := ramRoleProvider(t, host, tc.role, tc.mod).GetCredentials()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %s", tc.name, err, tc.want)
		}
	}
	// The external id, right.
	if _, err := ramRoleProvider(t, host, "acs:ram::1234567890:role/external", func(b *providers.RAMRoleARNCredentialsProviderBuilder) { b.WithExternalId("abc-123") }).GetCredentials(); err != nil {
		t.Errorf("external id: %v", err)
	}
}

func oidcProvider(t *testing.T, endpoint, providerARN, token string) *providers.OIDCCredentialsProvider {
	t.Helper()
	p, err := providers.NewOIDCCredentialsProviderBuilder().
		WithOIDCProviderARN(providerARN).
		WithOIDCToken(token).
		WithRoleArn(aliRole).
		WithRoleSessionName("rrsa").
		WithSTSEndpoint(endpoint).
		Build()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestStsAlibabaAssumeRoleWithOIDC(t *testing.T) {
	t.Parallel()
	s, host := newTLSMock(t, mockcloud.Options{Roles: stsRoles(), OIDCTokens: []string{aliOIDCToken}})

	cred, err := oidcProvider(t, host, aliOIDC, aliOIDCToken).GetCredentials()
	if err != nil {
		t.Fatalf("AssumeRoleWithOIDC: %v", err)
	}
	mustList(t, httpsClient(t, host, cred), 1, 10)
	if sess := s.Sessions(); len(sess) != 1 || sess[0].Source != "Sts.AssumeRoleWithOIDC" {
		t.Errorf("sessions = %+v", sess)
	}

	_, err = oidcProvider(t, host, aliOIDC, "not-registered").GetCredentials()
	if err == nil || !strings.Contains(err.Error(), `"Code":"AuthenticationFail.OIDCToken.Invalid"`) {
		t.Errorf("unregistered token: %v", err)
	}
	_, err = oidcProvider(t, host, "acs:ram::1234567890:oidc-provider/other", aliOIDCToken).GetCredentials()
	if err == nil || !strings.Contains(err.Error(), `"Code":"AuthenticationFail.NoPermission"`) {
		t.Errorf("unknown provider: %v", err)
	}
	// A token registered later through the admin API.
	admin(t, "https://"+host, "POST", "/_mock/sts/oidc_tokens", map[string]any{"token": "later"}, 201, nil)
	if _, err := oidcProvider(t, host, aliOIDC, "later").GetCredentials(); err != nil {
		t.Errorf("token added through the admin API: %v", err)
	}
	if n := s.CallCounts()["Sts.AssumeRoleWithOIDC"]; n != 4 {
		t.Errorf("Sts.AssumeRoleWithOIDC calls = %d", n)
	}
}

// TestStsAlibabaClassicSDK decodes the answers with the classic SDK's own
// Sts structs (services/sts), signed calls of both actions included.
func TestStsAlibabaClassicSDK(t *testing.T) {
	t.Parallel()
	s, host := newTLSMock(t, mockcloud.Options{Roles: stsRoles(), OIDCTokens: []string{aliOIDCToken}})
	cfg := sdk.NewConfig()
	cfg.Scheme = "HTTPS"
	c, err := alists.NewClientWithOptions("cn-hangzhou", cfg, defaultCred())
	if err != nil {
		t.Fatal(err)
	}
	c.Domain = host

	req := alists.CreateAssumeRoleRequest()
	req.RoleArn, req.RoleSessionName, req.DurationSeconds = aliRole, "classic", requests.NewInteger(900)
	resp, err := c.AssumeRole(req)
	if err != nil {
		t.Fatalf("AssumeRole: %v", err)
	}
	if resp.RequestId == "" || resp.AssumedRoleUser.Arn != aliRole+"/classic" || !strings.HasSuffix(resp.AssumedRoleUser.AssumedRoleId, ":classic") ||
		!strings.HasPrefix(resp.Credentials.AccessKeyId, "STS.") || resp.Credentials.SecurityToken == "" {
		t.Errorf("response = %+v", resp)
	}
	exp, err := time.Parse("2006-01-02T15:04:05Z", resp.Credentials.Expiration)
	if err != nil || time.Until(exp) > 15*time.Minute || time.Until(exp) < 14*time.Minute {
		t.Errorf("Expiration %q (%v)", resp.Credentials.Expiration, err)
	}

	// AssumeRoleWithOIDC signed (the classic SDK signs every call) works too.
	oidc := alists.CreateAssumeRoleWithOIDCRequest()
	oidc.RoleArn, oidc.RoleSessionName, oidc.OIDCProviderArn, oidc.OIDCToken = aliRole, "classic-oidc", aliOIDC, aliOIDCToken
	if _, err := c.AssumeRoleWithOIDC(oidc); err != nil {
		t.Errorf("signed AssumeRoleWithOIDC: %v", err)
	}

	// Refusals as ServerErrors.
	req.RoleArn = "acs:ram::1234567890:role/locked"
	_, err = c.AssumeRole(req)
	wantServerError(t, err, "NoPermission", 403)
	req.RoleArn = "acs:ram::1234567890:role/nobody"
	_, err = c.AssumeRole(req)
	wantServerError(t, err, "EntityNotExist.Role", 404)
	req.RoleArn, req.DurationSeconds = aliRole, requests.NewInteger(600)
	_, err = c.AssumeRole(req)
	wantServerError(t, err, "InvalidParameter.DurationSeconds", 400)
	oidc.OIDCToken = "unknown"
	_, err = c.AssumeRoleWithOIDC(oidc)
	wantServerError(t, err, "AuthenticationFail.OIDCToken.Invalid", 401)
	if n := s.Calls(mockcloud.StsProduct, ""); n != 6 {
		t.Errorf("Sts calls = %d", n)
	}
}
