package conns

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"
	"github.com/aliyun/credentials-go/credentials/providers"
)

// Alibaba Cloud credential sources. Everything but the static pair and the
// role assumption comes from github.com/aliyun/credentials-go, the vendor's
// credential library: CLI profiles (every mode of ~/.aliyun/config.json),
// the ECS instance RAM role (metadata service, IMDSv2 first) and RRSA/OIDC.
// assume_role goes through the provider's own STS client (the classic SDK's
// services/sts) because credentials-go fixes the scheme to HTTPS and sets
// its own User-Agent, retries nothing and reports refusals as raw bodies;
// on our call path the call gets the endpoint, protocol, User-Agent, rate
// limit, retries, logging and redaction of every other call.

// alicloudDefaultSessionDuration is AssumeRole's default (Sts 2015-04-01:
// DurationSeconds 900 to the role's maximum, default 3600).
const alicloudDefaultSessionDuration = time.Hour

func aliCredentialsOf(cc *providers.Credentials) (Credentials, error) {
	if cc == nil {
		return Credentials{}, errors.New("no credentials returned")
	}
	return Credentials{AccessKeyID: cc.AccessKeyId, AccessKeySecret: cc.AccessKeySecret, SecurityToken: cc.SecurityToken}, nil
}

func aliLibrary(name, hint string, build func() (providers.CredentialsProvider, error)) credSource {
	return librarySource(name, build, func(p providers.CredentialsProvider) (Credentials, error) {
		cc, err := p.GetCredentials()
		if err != nil {
			return Credentials{}, err
		}
		return aliCredentialsOf(cc)
	}, hint)
}

// alicloudDefaultProfileFile is where the aliyun CLI keeps its profiles.
func alicloudDefaultProfileFile() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".aliyun", "config.json")
}

// alicloudBase picks the base identity: static keys (block, then env), a
// CLI profile, the ECS instance role, OIDC; in that order, the first that
// is configured. The aliyun CLI's config file is used when nothing else is.
func (c *Client) alicloudBase(v VendorConfig) (credSource, error) {
	switch {
	case v.AccessKey != "" || v.SecretKey != "":
		src := v.KeySource
		if src == "" {
			src = "alicloud.access_key"
		}
		if v.AccessKey == "" || v.SecretKey == "" {
			return credSource{}, fmt.Errorf("%s: both the access key and its secret are needed: set alicloud.access_key and alicloud.secret_key, or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET", src)
		}
		return staticSource(src, Credentials{AccessKeyID: v.AccessKey, AccessKeySecret: v.SecretKey, SecurityToken: v.SecurityToken}), nil
	case v.Profile != "" || v.ProfileFile != "":
		return c.alicloudProfile(v.Profile, v.ProfileFile), nil
	case v.InstanceRole != "":
		name := fmt.Sprintf("alicloud.ecs_role_name (%s)", v.InstanceRole)
		return aliLibrary(name, "the ECS metadata service (100.100.100.200) answers only on an ECS instance with that RAM role attached",
			func() (providers.CredentialsProvider, error) {
				return providers.NewECSRAMRoleCredentialsProviderBuilder().WithRoleName(v.InstanceRole).Build()
			}), nil
	case v.OIDC != nil:
		o := *v.OIDC
		host := c.alicloudDomain(ProductSTS)
		return aliLibrary(fmt.Sprintf("alicloud.assume_role_with_oidc (%s)", o.RoleARN),
			"check oidc_provider_arn, oidc_token_file and role_arn (ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE, ALIBABA_CLOUD_ROLE_ARN); the role must trust that OIDC provider",
			func() (providers.CredentialsProvider, error) {
				b := providers.NewOIDCCredentialsProviderBuilder().
					WithOIDCProviderARN(o.ProviderARN).
					WithOIDCTokenFilePath(o.TokenFile).
					WithRoleArn(o.RoleARN).
					WithRoleSessionName(sessionName(o.SessionName)).
					WithSTSEndpoint(host)
				if o.Duration > 0 {
					b = b.WithDurationSeconds(int(o.Duration.Seconds()))
				}
				return b.Build()
			}), nil
	}
	if f := alicloudDefaultProfileFile(); f != "" {
		if _, err := os.Stat(f); err == nil {
			return c.alicloudProfile("", f), nil
		}
	}
	return credSource{}, errors.New("Alibaba Cloud credentials are not configured. Set one of: access_key and secret_key in the provider's alicloud block " + //nolint:staticcheck // a proper noun
		"(or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET); profile (ALIBABA_CLOUD_PROFILE, a profile of ~/.aliyun/config.json); " +
		"ecs_role_name (ALIBABA_CLOUD_ECS_METADATA) on an ECS instance; assume_role_with_oidc (ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE, ALIBABA_CLOUD_ROLE_ARN)")
}

func (c *Client) alicloudProfile(profile, file string) credSource {
	name := "alicloud.profile"
	switch {
	case profile != "" && file != "":
		name += fmt.Sprintf(" (%q in %s)", profile, file)
	case profile != "":
		name += fmt.Sprintf(" (%q)", profile)
	default:
		name += fmt.Sprintf(" (the current profile of %s)", file)
	}
	return aliLibrary(name, "check the profile name (ALIBABA_CLOUD_PROFILE) and shared_credentials_file (ALIBABA_CLOUD_CONFIG_FILE); `aliyun configure list` shows the profiles",
		func() (providers.CredentialsProvider, error) {
			return providers.NewCLIProfileCredentialsProviderBuilder().WithProfileName(profile).WithProfileFile(file).Build()
		})
}

func sessionName(n string) string {
	if n == "" {
		return DefaultSessionName
	}
	return n
}

// alicloudAssumeRole assumes ar with the base session's identity.
func (c *Client) alicloudAssumeRole(base *session, ar AssumeRole) credSource {
	name := fmt.Sprintf("alicloud.assume_role (%s)", ar.RoleARN)
	dur := ar.Duration
	if dur <= 0 {
		dur = alicloudDefaultSessionDuration
	}
	pool := pooled(c, "sts/alicloud", func() (aliPooled[*sts.Client], error) {
		cl, err := sts.NewClientWithOptions(c.alicloudSigningRegion(ProductSTS), c.alicloudConfig(), aliProvider{base})
		if err != nil {
			return aliPooled[*sts.Client]{}, fmt.Errorf("configuring the STS client: %w", err)
		}
		tr := c.aliClient(&cl.Client, ProductSTS)
		return aliPooled[*sts.Client]{cl, tr}, nil
	})
	return credSource{name: name, fetch: func(ctx context.Context, _ bool) (Credentials, error) {
		req := sts.CreateAssumeRoleRequest()
		req.Scheme = strings.ToLower(c.alicloudScheme())
		req.RoleArn = ar.RoleARN
		req.RoleSessionName = sessionName(ar.SessionName)
		req.DurationSeconds = requests.NewInteger(int(dur.Seconds()))
		req.Policy = ar.Policy
		req.ExternalId = ar.ExternalID
		start := time.Now()
		pc, err := pool.get()
		if err != nil {
			return Credentials{}, &CredentialError{Source: name, Err: err}
		}
		defer pool.put(pc)
		resp, err := invoke(ctx, c, base, ProductSTS, "AssumeRole", func(actx context.Context) (*sts.AssumeRoleResponse, error) {
			pc.tr.bind(actx)
			defer pc.tr.unbind()
			return pc.cl.AssumeRole(req)
		})
		if err != nil {
			return Credentials{}, assumeRoleError(name, ar.RoleARN, base.src.name, err)
		}
		creds, err := alicloudAssumedCredentials(resp, start, dur)
		if err != nil {
			return Credentials{}, &CredentialError{Source: name, Err: err}
		}
		return creds, nil
	}}
}

// alicloudAssumedCredentials reads an AssumeRole answer (Sts 2015-04-01:
// Credentials{AccessKeyId, AccessKeySecret, SecurityToken, Expiration}, the
// expiry as yyyy-MM-ddTHH:mm:ssZ) asked for at start for dur.
func alicloudAssumedCredentials(resp *sts.AssumeRoleResponse, start time.Time, dur time.Duration) (Credentials, error) {
	cr := resp.Credentials
	if cr.AccessKeyId == "" || cr.AccessKeySecret == "" || cr.SecurityToken == "" {
		return Credentials{}, fmt.Errorf("AssumeRole answered without credentials (request id %s)", resp.RequestId)
	}
	end, _ := time.Parse("2006-01-02T15:04:05Z", cr.Expiration)
	return Credentials{AccessKeyID: cr.AccessKeyId, AccessKeySecret: cr.AccessKeySecret, SecurityToken: cr.SecurityToken, Expires: expiryOf(start, dur, end), End: endOf(start, dur, end)}, nil
}

// assumeRoleError says what the cloud said about an AssumeRole and what to
// change: the role, its trust policy, or the base identity.
func assumeRoleError(source, role, base string, err error) error {
	var ce *CredentialError
	if errors.As(err, &ce) {
		return err // the base identity failed; its own error names it
	}
	var ae *APIError
	if !errors.As(err, &ae) || ae.Code == "" {
		return &CredentialError{Source: source, Err: err}
	}
	what := fmt.Sprintf("the cloud refused AssumeRole for %s (%s", role, ae.Code)
	if ae.RequestID != "" {
		what += ", request id " + ae.RequestID
	}
	what += ")"
	if ae.Message != "" {
		what += ": " + ae.Message
	}
	var hint string
	switch code := ae.Code; {
	case code == "NoPermission" || strings.HasPrefix(code, "AuthFailure.Unauthorized") || code == "UnauthorizedOperation" || strings.HasPrefix(code, "InvalidParameter.RoleArn") && strings.Contains(ae.Message, "trust"):
		hint = fmt.Sprintf("the base identity (%s) needs sts:AssumeRole on that role, and the role's trust policy must allow it", base)
	case strings.Contains(code, "NotExist") || strings.Contains(code, "NotFound"):
		hint = "check role_arn: no such role in that account"
	case strings.Contains(code, "ExternalId"):
		hint = "check external_id against the role's trust policy"
	case strings.Contains(code, "Duration"):
		hint = "check the session duration against the role's maximum session duration"
	case strings.HasPrefix(code, "InvalidAccessKeyId") || strings.HasPrefix(code, "SignatureDoesNotMatch") || strings.HasPrefix(code, "AuthFailure") || strings.HasPrefix(code, "InvalidSecurityToken"):
		hint = fmt.Sprintf("the base identity (%s) was refused: check it", base)
	}
	return &CredentialError{Source: source, Err: errors.New(what), Hint: hint}
}
