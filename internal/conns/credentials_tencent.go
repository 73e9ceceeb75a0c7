package conns

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	tccommon "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcsts "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sts/v20180813"
)

// Tencent Cloud credential sources. Profiles, the CVM instance role and TKE
// OIDC come from the SDK's common package (TccliProfileProvider,
// CvmRoleProvider, OIDCRoleArnProvider). assume_role goes through the
// provider's own client of the sts package: the common package's
// RoleArnProvider sends neither Policy nor ExternalId, always speaks HTTPS,
// and its credential refreshes itself without a lock and drops errors.

// tencentDefaultSessionDuration is AssumeRole's default (sts 2018-08-13:
// DurationSeconds up to 43200, default 7200).
const tencentDefaultSessionDuration = 2 * time.Hour

func tcLibrary(name, hint string, build func() (tccommon.CredentialIface, error)) credSource {
	return librarySource(name, build, func(c tccommon.CredentialIface) (Credentials, error) {
		id, key, token := c.GetCredential() // refreshes itself when due
		if id == "" || key == "" {
			return Credentials{}, errors.New("no credentials returned")
		}
		return Credentials{AccessKeyID: id, AccessKeySecret: key, SecurityToken: token}, nil
	}, hint)
}

// tencentDefaultProfile is the tccli profile file of profile p.
func tencentProfileFile(p string) string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".tccli", p+".credential")
}

// tencentBase picks the base identity: static keys (block, then env), a
// tccli profile, the CVM instance role, TKE OIDC; the first configured. The
// tccli default profile is used when nothing else is configured.
func (c *Client) tencentBase(v VendorConfig) (credSource, error) {
	switch {
	case v.AccessKey != "" || v.SecretKey != "":
		src := v.KeySource
		if src == "" {
			src = "tencentcloud.secret_id"
		}
		if v.AccessKey == "" || v.SecretKey == "" {
			return credSource{}, fmt.Errorf("%s: both the SecretId and the SecretKey are needed: set tencentcloud.secret_id and tencentcloud.secret_key, or TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY", src)
		}
		return staticSource(src, Credentials{AccessKeyID: v.AccessKey, AccessKeySecret: v.SecretKey, SecurityToken: v.SecurityToken}), nil
	case v.Profile != "":
		return c.tencentProfile(v.Profile), nil
	case v.InstanceRole != "":
		name := fmt.Sprintf("tencentcloud.cam_role_name (%s)", v.InstanceRole)
		return tcLibrary(name, "the CVM metadata service (metadata.tencentyun.com) answers only on a CVM instance with that CAM role bound",
			func() (tccommon.CredentialIface, error) {
				return tccommon.NewCvmRoleProvider(v.InstanceRole).GetCredential()
			}), nil
	case v.OIDC != nil:
		o := *v.OIDC
		dur := o.Duration
		if dur <= 0 {
			dur = tencentDefaultSessionDuration
		}
		host := c.tencentHost(ProductSTS)
		region := c.cfg.Tencent.Region
		return tcLibrary(fmt.Sprintf("tencentcloud.assume_role_with_web_identity (%s)", o.RoleARN),
			"check provider_id, web_identity_token_file and role_arn (TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN); the role must trust that identity provider",
			func() (tccommon.CredentialIface, error) {
				// The token file is read on every new session: Kubernetes rotates it.
				token, err := os.ReadFile(o.TokenFile)
				if err != nil {
					return nil, fmt.Errorf("reading the web identity token: %w", err)
				}
				p := tccommon.NewOIDCRoleArnProvider(region, o.ProviderARN, string(token), o.RoleARN, sessionName(o.SessionName), int64(dur.Seconds()))
				p.Endpoint = host
				return p.GetCredential()
			}), nil
	}
	if f := tencentProfileFile("default"); f != "" {
		if _, err := os.Stat(f); err == nil {
			return c.tencentProfile("default"), nil
		}
	}
	return credSource{}, errors.New("Tencent Cloud credentials are not configured. Set one of: secret_id and secret_key in the provider's tencentcloud block " + //nolint:staticcheck // a proper noun
		"(or TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY); profile (TENCENTCLOUD_PROFILE, a tccli profile in ~/.tccli); " +
		"cam_role_name (TENCENTCLOUD_CAM_ROLE_NAME) on a CVM instance; assume_role_with_web_identity (TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN)")
}

func (c *Client) tencentProfile(p string) credSource {
	return tcLibrary(fmt.Sprintf("tencentcloud.profile (%q, %s)", p, tencentProfileFile(p)),
		"check the profile name (TENCENTCLOUD_PROFILE); `tccli configure list` shows the profiles",
		func() (tccommon.CredentialIface, error) {
			return tccommon.NewTccliProfileProvider(p).GetCredential()
		})
}

// tencentAssumeRole assumes ar with the base session's identity.
func (c *Client) tencentAssumeRole(base *session, ar AssumeRole) credSource {
	name := fmt.Sprintf("tencentcloud.assume_role (%s)", ar.RoleARN)
	dur := ar.Duration
	if dur <= 0 {
		dur = tencentDefaultSessionDuration
	}
	return credSource{name: name, fetch: func(ctx context.Context, _ bool) (Credentials, error) {
		cl, err := c.tencentSTSClient(base)
		if err != nil {
			return Credentials{}, &CredentialError{Source: name, Err: err}
		}
		req := tcsts.NewAssumeRoleRequest()
		req.RoleArn = &ar.RoleARN
		sn := sessionName(ar.SessionName)
		req.RoleSessionName = &sn
		secs := uint64(dur.Seconds())
		req.DurationSeconds = &secs
		if ar.Policy != "" {
			// sts 2018-08-13 AssumeRole: "the policy must be URL-encoded"
			// (models.go, AssumeRoleRequestParams.Policy).
			p := url.QueryEscape(ar.Policy)
			req.Policy = &p
		}
		if ar.ExternalID != "" {
			req.ExternalId = &ar.ExternalID
		}
		start := time.Now()
		resp, err := invoke(ctx, c, base, ProductSTS, "AssumeRole", func(actx context.Context) (*tcsts.AssumeRoleResponse, error) {
			return cl.AssumeRoleWithContext(actx, req)
		})
		if err != nil {
			return Credentials{}, assumeRoleError(name, ar.RoleARN, base.src.name, err)
		}
		creds, err := tencentAssumedCredentials(resp, start, dur)
		if err != nil {
			return Credentials{}, &CredentialError{Source: name, Err: err}
		}
		return creds, nil
	}}
}

// tencentAssumedCredentials reads an AssumeRole answer (sts 2018-08-13:
// Credentials{TmpSecretId, TmpSecretKey, Token}, ExpiredTime in Unix
// seconds) asked for at start for dur.
func tencentAssumedCredentials(resp *tcsts.AssumeRoleResponse, start time.Time, dur time.Duration) (Credentials, error) {
	r := resp.Response
	if r == nil || r.Credentials == nil || r.Credentials.TmpSecretId == nil || r.Credentials.TmpSecretKey == nil || r.Credentials.Token == nil {
		return Credentials{}, errors.New("AssumeRole answered without credentials")
	}
	var end time.Time
	if r.ExpiredTime != nil {
		end = time.Unix(*r.ExpiredTime, 0)
	}
	return Credentials{
		AccessKeyID: *r.Credentials.TmpSecretId, AccessKeySecret: *r.Credentials.TmpSecretKey, SecurityToken: *r.Credentials.Token,
		Expires: expiryOf(start, dur, end), End: endOf(start, dur, end),
	}, nil
}

// tencentSTSClient is the one sts client of a base session (safe for
// concurrent use, like every Tencent client).
func (c *Client) tencentSTSClient(base *session) (*tcsts.Client, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.clients["sts/tencent"]; ok {
		return v.(*tcsts.Client), nil //nolint:forcetypeassert // the key determines the type
	}
	cl, err := tcsts.NewClient(tcCredential{base}, c.cfg.Tencent.Region, c.tencentClientProfile(ProductSTS))
	if err != nil {
		return nil, fmt.Errorf("configuring the STS client: %w", err)
	}
	cl.WithHttpTransport(c.newTencentTransport())
	c.clients["sts/tencent"] = cl
	return cl, nil
}
