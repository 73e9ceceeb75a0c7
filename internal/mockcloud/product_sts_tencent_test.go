package mockcloud_test

import (
	"strings"
	"testing"
	"time"

	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sts "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sts/v20180813"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

const (
	tcRole         = "qcs::cam::uin/1234567890:roleName/auditor"
	tcOIDCProvider = "tke-oidc"
	tcOIDCToken    = "eyJhbGciOiJSUzI1NiJ9.tke.token"
)

// tcHTTPSProfile points a Tencent client at a TLS mock (or, with host
// "", the vendor's default host name) over HTTPS.
func tcHTTPSProfile(host string) *profile.ClientProfile {
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = host
	cpf.DisableRegionBreaker = true
	return cpf
}

func newSTSClient(t *testing.T, host string, cred common.CredentialIface) *sts.Client {
	t.Helper()
	c, err := sts.NewClient(cred, "ap-guangzhou", tcHTTPSProfile(host))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func assumeTC(c *sts.Client, role, session string, duration uint64) (*sts.AssumeRoleResponse, error) {
	req := sts.NewAssumeRoleRequest()
	req.RoleArn = common.StringPtr(role)
	req.RoleSessionName = common.StringPtr(session)
	if duration > 0 {
		req.DurationSeconds = common.Uint64Ptr(duration)
	}
	return c.AssumeRole(req)
}

func describeTracks(t *testing.T, host string, cred common.CredentialIface) error {
	t.Helper()
	c, err := ca.NewClient(cred, "ap-guangzhou", tcHTTPSProfile(host))
	if err != nil {
		t.Fatal(err)
	}
	req := ca.NewDescribeAuditTracksRequest()
	req.PageNumber, req.PageSize = common.Uint64Ptr(1), common.Uint64Ptr(10)
	_, err = c.DescribeAuditTracks(req)
	return err
}

func TestStsTencentAssumeRole(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	s, host := newTLSMock(t, mockcloud.Options{Roles: stsRoles(), Logger: newLogger(&logs)})
	c := newSTSClient(t, host, defaultTCCred())

	resp, err := assumeTC(c, tcRole, "terraform", 0)
	if err != nil {
		t.Fatalf("AssumeRole: %v", err)
	}
	r := resp.Response
	if r.Credentials == nil || !strings.HasPrefix(*r.Credentials.TmpSecretId, "AKID") || *r.Credentials.Token == "" || r.RequestId == nil {
		t.Fatalf("response = %s", resp.ToJsonString())
	}
	exp, err := time.Parse(time.RFC3339, *r.Expiration)
	if err != nil || exp.Unix() != *r.ExpiredTime {
		t.Errorf("Expiration %q, ExpiredTime %d (%v)", *r.Expiration, *r.ExpiredTime, err)
	}
	if d := time.Until(exp); d < 119*time.Minute || d > 2*time.Hour {
		t.Errorf("default duration: expires in %v, want 7200 s", d)
	}
	tmp := common.NewTokenCredential(*r.Credentials.TmpSecretId, *r.Credentials.TmpSecretKey, *r.Credentials.Token)
	if err := describeTracks(t, host, tmp); err != nil {
		t.Fatalf("CloudAudit with the temporary key: %v", err)
	}
	// Chaining with the temporary key.
	if _, err := assumeTC(newSTSClient(t, host, tmp), tcRole, "chained", 900); err != nil {
		t.Errorf("chained AssumeRole: %v", err)
	}

	// Wrong secret, wrong token.
	wantTCError(t, describeTracks(t, host, common.NewTokenCredential(*r.Credentials.TmpSecretId, "wrong", *r.Credentials.Token)), "AuthFailure.SignatureFailure")
	wantTCError(t, describeTracks(t, host, common.NewTokenCredential(*r.Credentials.TmpSecretId, *r.Credentials.TmpSecretKey, "wrong")), "AuthFailure.TokenFailure")

	// Expired on the server clock: AuthFailure.TokenFailure (ASSUMPTION).
	s.SetClock(0, 2*time.Hour+time.Second)
	e := asTCError(t, describeTracks(t, host, tmp), "AuthFailure.TokenFailure")
	if !strings.Contains(e.GetMessage(), "expired") {
		t.Errorf("message = %q", e.GetMessage())
	}
	if err := describeTracks(t, host, defaultTCCred()); err != nil {
		t.Errorf("static key after the offset: %v", err)
	}

	if got := s.CallCounts()["sts.AssumeRole"]; got != 2 {
		t.Errorf(`CallCounts()["sts.AssumeRole"] = %d`, got)
	}
	assertNoSecrets(t, s, logs.String())
}

func TestStsTencentAssumeRoleErrors(t *testing.T) {
	t.Parallel()
	_, host := newTLSMock(t, mockcloud.Options{Roles: stsRoles()})
	c := newSTSClient(t, host, defaultTCCred())
	for _, tc := range []struct {
		name, role, session string
		duration            uint64
		want                string
	}{
		{"untrusted", "qcs::cam::uin/1234567890:roleName/locked", "s1", 0, "UnauthorizedOperation"},
		{"unknown role", "qcs::cam::uin/1234567890:roleName/nobody", "s1", 0, "ResourceNotFound.RoleNotFound"},
		{"too long", tcRole, "s1", 43201, "InvalidParameter.OverTimeError"},
		{"session name", tcRole, "a b", 0, "InvalidParameter.ParamError"},
	} {
		_, err := assumeTC(c, tc.role, tc.session, tc.duration)
		if err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		wantTCError(t, err, tc.want)
	}
	_, err := assumeTC(newSTSClient(t, host, common.NewCredential(mockcloud.DefaultSecretID, "wrong")), tcRole, "s1", 0)
	wantTCError(t, err, "AuthFailure.SignatureFailure")
}

func TestStsTencentAssumeRoleWithWebIdentity(t *testing.T) {
	t.Parallel()
	s, host := newTLSMock(t, mockcloud.Options{Roles: stsRoles(), OIDCTokens: []string{tcOIDCToken}})

	p := common.NewOIDCRoleArnProvider("ap-guangzhou", tcOIDCProvider, tcOIDCToken, tcRole, "tke", 3600)
	p.Endpoint = host
	cred, err := p.GetCredential()
	if err != nil {
		t.Fatalf("AssumeRoleWithWebIdentity: %v", err)
	}
	if err := describeTracks(t, host, cred); err != nil {
		t.Fatalf("CloudAudit with the OIDC credentials: %v", err)
	}
	if sess := s.Sessions(); len(sess) != 1 || sess[0].Source != "sts.AssumeRoleWithWebIdentity" || sess[0].Vendor != mockcloud.VendorTencent {
		t.Errorf("sessions = %+v", sess)
	}

	bad := common.NewOIDCRoleArnProvider("ap-guangzhou", tcOIDCProvider, "unregistered", tcRole, "tke", 3600)
	bad.Endpoint = host
	_, err = bad.GetCredential()
	wantTCError(t, err, "InvalidParameter.WebIdentityTokenError")

	other := common.NewOIDCRoleArnProvider("ap-guangzhou", "other-provider", tcOIDCToken, tcRole, "tke", 3600)
	other.Endpoint = host
	_, err = other.GetCredential()
	wantTCError(t, err, "UnauthorizedOperation")

	if got := s.CallCounts()["sts.AssumeRoleWithWebIdentity"]; got != 3 {
		t.Errorf(`CallCounts()["sts.AssumeRoleWithWebIdentity"] = %d`, got)
	}
}

func newSTSClientWith(cpf *profile.ClientProfile) (*sts.Client, error) {
	return sts.NewClient(defaultTCCred(), "ap-guangzhou", cpf)
}

func newAuditClientWith(t *testing.T, cred common.CredentialIface, cpf *profile.ClientProfile) *ca.Client {
	t.Helper()
	c, err := ca.NewClient(cred, "ap-guangzhou", cpf)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func caDescribeTracks() *ca.DescribeAuditTracksRequest {
	req := ca.NewDescribeAuditTracksRequest()
	req.PageNumber, req.PageSize = common.Uint64Ptr(1), common.Uint64Ptr(10)
	return req
}

// TestStsTencentRoleArnProvider uses the common SDK's RoleArnProvider (its
// Endpoint field) and its credentials on CloudAudit.
func TestStsTencentRoleArnProvider(t *testing.T) {
	t.Parallel()
	_, host := newTLSMock(t, mockcloud.Options{Roles: stsRoles()})
	p := common.NewRoleArnProvider(mockcloud.DefaultSecretID, mockcloud.DefaultSecretKey, tcRole, "provider", 900)
	p.Endpoint = host
	cred, err := p.GetCredential()
	if err != nil {
		t.Fatalf("RoleArnProvider: %v", err)
	}
	if err := describeTracks(t, host, cred); err != nil {
		t.Errorf("CloudAudit with the role's credentials: %v", err)
	}
}
