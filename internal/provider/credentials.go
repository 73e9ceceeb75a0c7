package provider

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// Credential sources of both vendor blocks. The attribute and environment
// variable names are those of the vendors' own Terraform providers
// (aliyun/alicloud: profile, shared_credentials_file, ecs_role_name,
// assume_role{session_expiration}, assume_role_with_oidc;
// tencentcloudstack/tencentcloud: profile, cam_role_name,
// assume_role{session_duration}, assume_role_with_web_identity).

var (
	// Alibaba Cloud RAM ARNs: acs:ram::<account id>:role/<role name> and
	// acs:ram::<account id>:oidc-provider/<name>.
	alicloudRoleARN = regexp.MustCompile(`^acs:ram::[0-9]+:role/[A-Za-z0-9._-]+$`)
	alicloudOIDCARN = regexp.MustCompile(`^acs:ram::[0-9]+:oidc-provider/[A-Za-z0-9._-]+$`)
	// Tencent Cloud CAM role ARNs: qcs::cam::uin/<uin>:roleName/<name>.
	tencentRoleARN = regexp.MustCompile(`^qcs::cam::uin/[0-9]+:role(Name)?/[A-Za-z0-9+=,.@_-]+$`)
	// Session names: Alibaba 2-64 of [A-Za-z0-9.@_-] (Sts AssumeRole
	// RoleSessionName), Tencent 2-128 of [A-Za-z0-9+=,.@_-] (sts AssumeRole).
	alicloudSessionName = regexp.MustCompile(`^[A-Za-z0-9.@_-]{2,64}$`)
	tencentSessionName  = regexp.MustCompile(`^[A-Za-z0-9+=,.@_-]{2,128}$`)
)

func optionalString(desc string, v ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: desc, Validators: v}
}

// siteAttribute selects which site's public hosts a vendor's products
// default to (conns' sites table).
func siteAttribute(example, env string) schema.StringAttribute {
	return optionalString("Which site the account belongs to, picking the products' default API hosts: `domestic` (the China site, default) or `international` ("+example+"). "+
		"Falls back to `"+env+"`. Endpoint overrides win.",
		stringvalidator.OneOf(conns.Sites...))
}

func alicloudCredentialAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"site": siteAttribute("accounts of alibabacloud.com: Security Center at `tds.ap-southeast-1.aliyuncs.com`", conns.EnvAlicloudSite[0]),
		"profile": optionalString("A profile of the Alibaba Cloud CLI's configuration (`aliyun configure --profile NAME`); every mode the CLI writes is read (AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn, ...). " +
			"Falls back to `ALIBABA_CLOUD_PROFILE`, then `ALICLOUD_PROFILE`. Used when no access key is set; without any source, the CLI's current profile is used if `~/.aliyun/config.json` exists."),
		"shared_credentials_file": optionalString("The Alibaba Cloud CLI configuration file. Falls back to `ALIBABA_CLOUD_CONFIG_FILE`, then `ALICLOUD_SHARED_CREDENTIALS_FILE`, then `~/.aliyun/config.json`."),
		"ecs_role_name": optionalString("On an ECS instance, the RAM role attached to it; credentials come from the instance metadata service and are renewed before they expire. " +
			"Falls back to `ALIBABA_CLOUD_ECS_METADATA`, then `ALICLOUD_ECS_ROLE_NAME`."),
	}
}

func alicloudCredentialBlocks() map[string]schema.Block {
	return map[string]schema.Block{
		"assume_role": schema.SingleNestedBlock{
			MarkdownDescription: "A RAM role to assume (STS `AssumeRole`) with the base identity (access key, profile, instance role or OIDC). The session is renewed before it expires, also during long waits. " +
				"Without the block, `ALIBABA_CLOUD_ROLE_ARN` (when no OIDC variables are set) or `ALICLOUD_ASSUME_ROLE_ARN` configures it.",
			Attributes: map[string]schema.Attribute{
				"role_arn": optionalString("The role's ARN, `acs:ram::<account id>:role/<name>`. Falls back to `ALIBABA_CLOUD_ROLE_ARN`, then `ALICLOUD_ASSUME_ROLE_ARN`.",
					stringvalidator.RegexMatches(alicloudRoleARN, "must be a RAM role ARN such as acs:ram::1234567890123456:role/auditor")),
				"session_name": optionalString("The role session name, 2-64 of `A-Z a-z 0-9 . @ - _`. Falls back to `ALIBABA_CLOUD_ROLE_SESSION_NAME`, then `ALICLOUD_ASSUME_ROLE_SESSION_NAME`, then `terraform-provider-cloudtrack`.",
					stringvalidator.RegexMatches(alicloudSessionName, "must be 2-64 characters of A-Z a-z 0-9 . @ - _")),
				"session_expiration": schema.Int64Attribute{
					Optional:            true,
					MarkdownDescription: "Seconds each role session lasts, 900-43200 (at most the role's maximum session duration). Falls back to `ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION`, then `3600`.",
					Validators:          []validator.Int64{int64validator.Between(900, 43200)},
				},
				"policy":      optionalString("A policy (JSON) that further restricts the session's permissions."),
				"external_id": optionalString("The external id the role's trust policy requires, if any."),
			},
		},
		"assume_role_with_oidc": schema.SingleNestedBlock{
			MarkdownDescription: "Exchanges an OIDC token for a role session (STS `AssumeRoleWithOIDC`), as ACK's RRSA gives a pod. Without the block, the environment variables RRSA sets " +
				"(`ALIBABA_CLOUD_OIDC_PROVIDER_ARN`, `ALIBABA_CLOUD_OIDC_TOKEN_FILE`, `ALIBABA_CLOUD_ROLE_ARN`) configure it.",
			Attributes: map[string]schema.Attribute{
				"oidc_provider_arn": optionalString("The OIDC identity provider's ARN, `acs:ram::<account id>:oidc-provider/<name>`. Falls back to `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`.",
					stringvalidator.RegexMatches(alicloudOIDCARN, "must be an OIDC provider ARN such as acs:ram::1234567890123456:oidc-provider/ack-rrsa")),
				"oidc_token_file": optionalString("The file holding the OIDC token; read again for every new session, since it is rotated. Falls back to `ALIBABA_CLOUD_OIDC_TOKEN_FILE`."),
				"role_arn": optionalString("The role to assume. Falls back to `ALIBABA_CLOUD_ROLE_ARN`.",
					stringvalidator.RegexMatches(alicloudRoleARN, "must be a RAM role ARN such as acs:ram::1234567890123456:role/auditor")),
				"role_session_name": optionalString("The role session name. Falls back to `ALIBABA_CLOUD_ROLE_SESSION_NAME`, then `terraform-provider-cloudtrack`.",
					stringvalidator.RegexMatches(alicloudSessionName, "must be 2-64 characters of A-Z a-z 0-9 . @ - _")),
				"session_expiration": schema.Int64Attribute{
					Optional:            true,
					MarkdownDescription: "Seconds each session lasts, 900-43200. Defaults to `3600`.",
					Validators:          []validator.Int64{int64validator.Between(900, 43200)},
				},
			},
		},
	}
}

func tencentCredentialAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"site": siteAttribute("accounts of tencentcloud.com: CloudAudit at `cloudaudit.intl.tencentcloudapi.com`", conns.EnvTencentSite[0]),
		"profile": optionalString("A profile of the Tencent Cloud CLI (`tccli configure --profile NAME`), read from `~/.tccli/NAME.credential`. Falls back to `TENCENTCLOUD_PROFILE`. " +
			"Used when no SecretId is set; without any source, the `default` profile is used if its file exists."),
		"cam_role_name": optionalString("On a CVM instance, the CAM role bound to it; credentials come from the instance metadata service and are renewed before they expire. Falls back to `TENCENTCLOUD_CAM_ROLE_NAME`."),
	}
}

func tencentCredentialBlocks() map[string]schema.Block {
	return map[string]schema.Block{
		"assume_role": schema.SingleNestedBlock{
			MarkdownDescription: "A CAM role to assume (STS `AssumeRole`) with the base identity (SecretId, profile, instance role or OIDC). The session is renewed before it expires, also during long waits. " +
				"Without the block, `TENCENTCLOUD_ASSUME_ROLE_ARN` configures it.",
			Attributes: map[string]schema.Attribute{
				"role_arn": optionalString("The role's ARN, `qcs::cam::uin/<uin>:roleName/<name>`. Falls back to `TENCENTCLOUD_ASSUME_ROLE_ARN`.",
					stringvalidator.RegexMatches(tencentRoleARN, "must be a CAM role ARN such as qcs::cam::uin/100000000001:roleName/auditor")),
				"session_name": optionalString("The role session name, 2-128 of `A-Z a-z 0-9 + = , . @ _ -`. Falls back to `TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME`, then `terraform-provider-cloudtrack`.",
					stringvalidator.RegexMatches(tencentSessionName, "must be 2-128 characters of A-Z a-z 0-9 + = , . @ _ -")),
				"session_duration": schema.Int64Attribute{
					Optional:            true,
					MarkdownDescription: "Seconds each role session lasts, 1-43200. Falls back to `TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION`, then `7200`.",
					Validators:          []validator.Int64{int64validator.Between(1, 43200)},
				},
				"policy":      optionalString("A policy (JSON) that further restricts the session's permissions."),
				"external_id": optionalString("The external id the role's trust policy requires, if any. Falls back to `TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID`."),
			},
		},
		"assume_role_with_web_identity": schema.SingleNestedBlock{
			MarkdownDescription: "Exchanges an OIDC token for a role session (STS `AssumeRoleWithWebIdentity`), as TKE's pod identity gives a pod. Without the block, the variables TKE sets " +
				"(`TKE_PROVIDER_ID`, `TKE_WEB_IDENTITY_TOKEN_FILE`, `TKE_ROLE_ARN`) configure it.",
			Attributes: map[string]schema.Attribute{
				"provider_id":             optionalString("The identity provider's name in CAM. Falls back to `TKE_PROVIDER_ID`."),
				"web_identity_token_file": optionalString("The file holding the OIDC token; read again for every new session. Falls back to `TKE_WEB_IDENTITY_TOKEN_FILE`."),
				"role_arn": optionalString("The role to assume. Falls back to `TKE_ROLE_ARN`.",
					stringvalidator.RegexMatches(tencentRoleARN, "must be a CAM role ARN such as qcs::cam::uin/100000000001:roleName/auditor")),
				"session_name": optionalString("The role session name. Defaults to `terraform-provider-cloudtrack`.",
					stringvalidator.RegexMatches(tencentSessionName, "must be 2-128 characters of A-Z a-z 0-9 + = , . @ _ -")),
				"session_duration": schema.Int64Attribute{
					Optional:            true,
					MarkdownDescription: "Seconds each session lasts, 1-43200. Defaults to `7200`.",
					Validators:          []validator.Int64{int64validator.Between(1, 43200)},
				},
			},
		},
	}
}

// value is the configured string, else the first set env var and its name.
func value(v types.String, block string, env []string) (string, string) {
	if !v.IsNull() && !v.IsUnknown() && v.ValueString() != "" {
		return v.ValueString(), block
	}
	for _, n := range env {
		if e := conns.Getenv([]string{n}); e != "" {
			return e, "env " + n
		}
	}
	return "", ""
}

// maxSessionSeconds is both vendors' longest role session (12 hours).
const maxSessionSeconds = 43200

// seconds is the configured duration, else the env var's (checked, at
// least lo and at most maxSessionSeconds, with an error naming the variable).
func seconds(v types.Int64, env []string, lo int64, diags *diag.Diagnostics, at path.Path) time.Duration {
	if !v.IsNull() && !v.IsUnknown() {
		return time.Duration(v.ValueInt64()) * time.Second
	}
	for _, n := range env {
		e := conns.Getenv([]string{n})
		if e == "" {
			continue
		}
		i, err := strconv.ParseInt(e, 10, 64)
		if err != nil || i < lo || i > maxSessionSeconds {
			diags.AddAttributeError(at, "Invalid session duration", fmt.Sprintf("The environment variable %s is %q; it must be a number of seconds between %d and %d.", n, e, lo, maxSessionSeconds))
			return 0
		}
		return time.Duration(i) * time.Second
	}
	return 0
}

// checkEnv validates a value that came from an environment variable the
// way the attribute's validator would have, naming the variable.
func checkEnv(val, source string, re *regexp.Regexp, what string, diags *diag.Diagnostics, at path.Path) {
	if val == "" || len(source) < 4 || source[:4] != "env " || re.MatchString(val) {
		return
	}
	diags.AddAttributeError(at, "Invalid environment variable", fmt.Sprintf("The environment variable %s is %q; it %s.", source[4:], val, what))
}

// site is the configured site, else the env var's, checked and named.
func site(v types.String, env []string, diags *diag.Diagnostics, at path.Path) string {
	val, src := value(v, "", env)
	if strings.HasPrefix(src, "env ") {
		if err := conns.ValidateSite(val, "environment variable "+src[4:]); err != nil {
			diags.AddAttributeError(at, "Invalid site", err.Error())
		}
	}
	return val
}

func isSet(v types.String) bool { return !v.IsNull() && !v.IsUnknown() && v.ValueString() != "" }

// alicloudSources fills v's credential sources from the block and the env.
func alicloudSources(m *vendorModel, v *conns.VendorConfig, diags *diag.Diagnostics) {
	root := path.Root("alicloud")
	var keySrc string
	v.AccessKey, keySrc = value(m.AccessKey, "alicloud.access_key", conns.EnvAlicloudAccessKey)
	v.SecretKey, _ = value(m.SecretKey, "alicloud.secret_key", conns.EnvAlicloudSecretKey)
	v.SecurityToken, _ = value(m.SecurityToken, "alicloud.security_token", conns.EnvAlicloudSecurityToken)
	v.KeySource = keySrc
	v.Profile, _ = value(m.Profile, "alicloud.profile", conns.EnvAlicloudProfile)
	v.ProfileFile, _ = value(m.SharedCredentialsFile, "alicloud.shared_credentials_file", conns.EnvAlicloudProfileFile)
	v.InstanceRole, _ = value(m.ECSRoleName, "alicloud.ecs_role_name", conns.EnvAlicloudECSRole)
	v.Site = site(m.Site, conns.EnvAlicloudSite, diags, root.AtName("site"))

	// OIDC: the block, or the three variables RRSA injects into a pod.
	oidcEnv := conns.Getenv(conns.EnvAlicloudOIDCProviderARN) != "" && conns.Getenv(conns.EnvAlicloudOIDCTokenFile) != ""
	if o := m.AssumeRoleWithOIDC; o != nil || oidcEnv {
		if o == nil {
			o = &alicloudOIDCModel{}
		}
		at := root.AtName("assume_role_with_oidc")
		var oc conns.OIDCRole
		var src string
		oc.ProviderARN, src = value(o.OIDCProviderARN, "", conns.EnvAlicloudOIDCProviderARN)
		checkEnv(oc.ProviderARN, src, alicloudOIDCARN, "must be an OIDC provider ARN such as acs:ram::1234567890123456:oidc-provider/ack-rrsa", diags, at.AtName("oidc_provider_arn"))
		oc.TokenFile, _ = value(o.OIDCTokenFile, "", conns.EnvAlicloudOIDCTokenFile)
		oc.RoleARN, src = value(o.RoleARN, "", []string{"ALIBABA_CLOUD_ROLE_ARN"})
		checkEnv(oc.RoleARN, src, alicloudRoleARN, "must be a RAM role ARN such as acs:ram::1234567890123456:role/auditor", diags, at.AtName("role_arn"))
		oc.SessionName, _ = value(o.RoleSessionName, "", []string{"ALIBABA_CLOUD_ROLE_SESSION_NAME"})
		oc.Duration = seconds(o.SessionExpiration, nil, 900, diags, at.AtName("session_expiration"))
		if oc.ProviderARN == "" || oc.TokenFile == "" || oc.RoleARN == "" {
			diags.AddAttributeError(at, "Incomplete OIDC configuration",
				"assume_role_with_oidc needs oidc_provider_arn, oidc_token_file and role_arn (or ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE and ALIBABA_CLOUD_ROLE_ARN).")
		}
		v.OIDC = &oc
	}

	// assume_role: the block, or a role ARN variable (ALIBABA_CLOUD_ROLE_ARN
	// belongs to OIDC when RRSA's variables are set).
	roleEnv := conns.EnvAlicloudRoleARN
	if oidcEnv {
		roleEnv = []string{"ALICLOUD_ASSUME_ROLE_ARN"}
	}
	if a := m.AssumeRole; a != nil || conns.Getenv(roleEnv) != "" {
		if a == nil {
			a = &alicloudRoleModel{}
		}
		at := root.AtName("assume_role")
		var ar conns.AssumeRole
		var src string
		ar.RoleARN, src = value(a.RoleARN, "", roleEnv)
		checkEnv(ar.RoleARN, src, alicloudRoleARN, "must be a RAM role ARN such as acs:ram::1234567890123456:role/auditor", diags, at.AtName("role_arn"))
		ar.SessionName, src = value(a.SessionName, "", conns.EnvAlicloudRoleSessionName)
		checkEnv(ar.SessionName, src, alicloudSessionName, "must be 2-64 characters of A-Z a-z 0-9 . @ - _", diags, at.AtName("session_name"))
		ar.Duration = seconds(a.SessionExpiration, conns.EnvAlicloudRoleExpiration, 900, diags, at.AtName("session_expiration"))
		if isSet(a.Policy) {
			ar.Policy = a.Policy.ValueString()
		}
		if isSet(a.ExternalID) {
			ar.ExternalID = a.ExternalID.ValueString()
		}
		if ar.RoleARN == "" {
			diags.AddAttributeError(at.AtName("role_arn"), "Missing role ARN", "assume_role needs role_arn (or ALIBABA_CLOUD_ROLE_ARN / ALICLOUD_ASSUME_ROLE_ARN).")
		}
		v.AssumeRole = &ar
	}
}

// tencentSources fills v's credential sources from the block and the env.
func tencentSources(m *tencentModel, v *conns.VendorConfig, diags *diag.Diagnostics) {
	root := path.Root("tencentcloud")
	v.AccessKey, v.KeySource = value(m.SecretID, "tencentcloud.secret_id", conns.EnvTencentSecretID)
	v.SecretKey, _ = value(m.SecretKey, "tencentcloud.secret_key", conns.EnvTencentSecretKey)
	v.SecurityToken, _ = value(m.SecurityToken, "tencentcloud.security_token", conns.EnvTencentSecurityToken)
	v.Profile, _ = value(m.Profile, "tencentcloud.profile", conns.EnvTencentProfile)
	v.InstanceRole, _ = value(m.CAMRoleName, "tencentcloud.cam_role_name", conns.EnvTencentCAMRole)
	v.Site = site(m.Site, conns.EnvTencentSite, diags, root.AtName("site"))

	oidcEnv := conns.Getenv(conns.EnvTencentOIDCProviderID) != "" && conns.Getenv(conns.EnvTencentOIDCTokenFile) != ""
	if o := m.AssumeRoleWithWebIdentity; o != nil || oidcEnv {
		if o == nil {
			o = &tencentOIDCModel{}
		}
		at := root.AtName("assume_role_with_web_identity")
		var oc conns.OIDCRole
		var src string
		oc.ProviderARN, _ = value(o.ProviderID, "", conns.EnvTencentOIDCProviderID)
		oc.TokenFile, _ = value(o.WebIdentityTokenFile, "", conns.EnvTencentOIDCTokenFile)
		oc.RoleARN, src = value(o.RoleARN, "", conns.EnvTencentOIDCRoleARN)
		checkEnv(oc.RoleARN, src, tencentRoleARN, "must be a CAM role ARN such as qcs::cam::uin/100000000001:roleName/auditor", diags, at.AtName("role_arn"))
		if isSet(o.SessionName) {
			oc.SessionName = o.SessionName.ValueString()
		}
		oc.Duration = seconds(o.SessionDuration, nil, 1, diags, at.AtName("session_duration"))
		if oc.ProviderARN == "" || oc.TokenFile == "" || oc.RoleARN == "" {
			diags.AddAttributeError(at, "Incomplete OIDC configuration",
				"assume_role_with_web_identity needs provider_id, web_identity_token_file and role_arn (or TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE and TKE_ROLE_ARN).")
		}
		v.OIDC = &oc
	}

	if a := m.AssumeRole; a != nil || conns.Getenv(conns.EnvTencentRoleARN) != "" {
		if a == nil {
			a = &tencentRoleModel{}
		}
		at := root.AtName("assume_role")
		var ar conns.AssumeRole
		var src string
		ar.RoleARN, src = value(a.RoleARN, "", conns.EnvTencentRoleARN)
		checkEnv(ar.RoleARN, src, tencentRoleARN, "must be a CAM role ARN such as qcs::cam::uin/100000000001:roleName/auditor", diags, at.AtName("role_arn"))
		ar.SessionName, src = value(a.SessionName, "", conns.EnvTencentRoleSessionName)
		checkEnv(ar.SessionName, src, tencentSessionName, "must be 2-128 characters of A-Z a-z 0-9 + = , . @ _ -", diags, at.AtName("session_name"))
		ar.Duration = seconds(a.SessionDuration, conns.EnvTencentRoleDuration, 1, diags, at.AtName("session_duration"))
		if isSet(a.Policy) {
			ar.Policy = a.Policy.ValueString()
		}
		ar.ExternalID, _ = value(a.ExternalID, "", conns.EnvTencentRoleExternalID)
		if ar.RoleARN == "" {
			diags.AddAttributeError(at.AtName("role_arn"), "Missing role ARN", "assume_role needs role_arn (or TENCENTCLOUD_ASSUME_ROLE_ARN).")
		}
		v.AssumeRole = &ar
	}
}
