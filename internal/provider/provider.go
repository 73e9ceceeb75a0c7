// Package provider holds the cloudtrack provider: its schema, its
// configuration and the list of resource and data source types.
package provider

import (
	"context"
	"maps"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/actiontrail"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cdn"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cloudaudit"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/drift"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/sas"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/validators"
)

var (
	_ provider.Provider            = &cloudtrackProvider{}
	_ provider.ProviderWithActions = &cloudtrackProvider{}
)

var _ provider.ProviderWithListResources = &cloudtrackProvider{}

type cloudtrackProvider struct {
	version string
	tuning  conns.Tuning

	// client is what the last successful Configure gave the data sources
	// (nil before): the fast read path (fastread.go) configures its data
	// sources with it, as the framework does with DataSourceData.
	client atomic.Pointer[conns.Client]
}

// New returns the provider factory used by main.
func New(version string) func() provider.Provider {
	return NewWithTuning(version, conns.DefaultTuning())
}

// NewWithTuning lets tests shorten backoffs and poll intervals.
func NewWithTuning(version string, tuning conns.Tuning) func() provider.Provider {
	return func() provider.Provider {
		return &cloudtrackProvider{version: version, tuning: tuning}
	}
}

type vendorModel struct {
	AccessKey             types.String       `tfsdk:"access_key"`
	SecretKey             types.String       `tfsdk:"secret_key"`
	SecurityToken         types.String       `tfsdk:"security_token"`
	Profile               types.String       `tfsdk:"profile"`
	SharedCredentialsFile types.String       `tfsdk:"shared_credentials_file"`
	ECSRoleName           types.String       `tfsdk:"ecs_role_name"`
	AssumeRole            *alicloudRoleModel `tfsdk:"assume_role"`
	AssumeRoleWithOIDC    *alicloudOIDCModel `tfsdk:"assume_role_with_oidc"`
	Site                  types.String       `tfsdk:"site"`
	Region                types.String       `tfsdk:"region"`
	Endpoints             types.Map          `tfsdk:"endpoints"`
	Protocol              types.String       `tfsdk:"protocol"`
	DriftAttribution      types.Bool         `tfsdk:"drift_attribution"`
	MaxDriftLookups       types.Int64        `tfsdk:"max_drift_lookups"`
}

type alicloudRoleModel struct {
	RoleARN           types.String `tfsdk:"role_arn"`
	SessionName       types.String `tfsdk:"session_name"`
	SessionExpiration types.Int64  `tfsdk:"session_expiration"`
	Policy            types.String `tfsdk:"policy"`
	ExternalID        types.String `tfsdk:"external_id"`
}

type alicloudOIDCModel struct {
	OIDCProviderARN   types.String `tfsdk:"oidc_provider_arn"`
	OIDCTokenFile     types.String `tfsdk:"oidc_token_file"`
	RoleARN           types.String `tfsdk:"role_arn"`
	RoleSessionName   types.String `tfsdk:"role_session_name"`
	SessionExpiration types.Int64  `tfsdk:"session_expiration"`
}

type tencentModel struct {
	SecretID                  types.String      `tfsdk:"secret_id"`
	SecretKey                 types.String      `tfsdk:"secret_key"`
	SecurityToken             types.String      `tfsdk:"security_token"`
	Profile                   types.String      `tfsdk:"profile"`
	CAMRoleName               types.String      `tfsdk:"cam_role_name"`
	AssumeRole                *tencentRoleModel `tfsdk:"assume_role"`
	AssumeRoleWithWebIdentity *tencentOIDCModel `tfsdk:"assume_role_with_web_identity"`
	Site                      types.String      `tfsdk:"site"`
	Region                    types.String      `tfsdk:"region"`
	Endpoints                 types.Map         `tfsdk:"endpoints"`
	Protocol                  types.String      `tfsdk:"protocol"`
	DriftAttribution          types.Bool        `tfsdk:"drift_attribution"`
	MaxDriftLookups           types.Int64       `tfsdk:"max_drift_lookups"`
}

type tencentRoleModel struct {
	RoleARN         types.String `tfsdk:"role_arn"`
	SessionName     types.String `tfsdk:"session_name"`
	SessionDuration types.Int64  `tfsdk:"session_duration"`
	Policy          types.String `tfsdk:"policy"`
	ExternalID      types.String `tfsdk:"external_id"`
}

type tencentOIDCModel struct {
	ProviderID           types.String `tfsdk:"provider_id"`
	WebIdentityTokenFile types.String `tfsdk:"web_identity_token_file"`
	RoleARN              types.String `tfsdk:"role_arn"`
	SessionName          types.String `tfsdk:"session_name"`
	SessionDuration      types.Int64  `tfsdk:"session_duration"`
}

type providerModel struct {
	Alicloud     *vendorModel  `tfsdk:"alicloud"`
	Tencentcloud *tencentModel `tfsdk:"tencentcloud"`
	MaxRetries   types.Int64   `tfsdk:"max_retries"`
	// ThrottleBudget is a Go duration ("10m").
	ThrottleBudget types.String `tfsdk:"throttle_budget"`
}

func (p *cloudtrackProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "cloudtrack"
	resp.Version = p.version
}

func regionValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(validators.RegionRE, "must be a region id such as cn-hangzhou (lower-case letters, digits and -)")}
}

func protocolValidators() []validator.String {
	return []validator.String{stringvalidator.OneOfCaseInsensitive("HTTP", "HTTPS")}
}

func endpointsValidators(products []string) []validator.Map {
	return []validator.Map{
		mapvalidator.KeysAre(stringvalidator.OneOf(products...)),
		mapvalidator.ValueStringsAre(validators.HostPort()),
	}
}

func (p *cloudtrackProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = baseSchema()
	ali := resp.Schema.Blocks["alicloud"].(schema.SingleNestedBlock) //nolint:forcetypeassert // built just above
	maps.Copy(ali.Attributes, alicloudCredentialAttributes())
	ali.Blocks = alicloudCredentialBlocks()
	resp.Schema.Blocks["alicloud"] = ali
	tc := resp.Schema.Blocks["tencentcloud"].(schema.SingleNestedBlock) //nolint:forcetypeassert // built just above
	maps.Copy(tc.Attributes, tencentCredentialAttributes())
	tc.Blocks = tencentCredentialBlocks()
	resp.Schema.Blocks["tencentcloud"] = tc
}

func baseSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The cloudtrack provider manages audit tracks and tracking tasks on Alibaba Cloud and Tencent Cloud. " +
			"Both vendor blocks are optional; a resource of a vendor whose credentials are missing fails with an error naming what to set. " +
			"Each vendor's identity is the first configured of: access keys (the block, then the vendor's environment variables), a CLI profile, the instance role, OIDC; `assume_role` assumes a role on top of it.",
		Attributes: map[string]schema.Attribute{
			"max_retries": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "How many times a call that failed with a server error (5xx) or a transport error is retried, with exponential backoff and jitter. " +
					"Throttled calls are not counted: they are retried until the operation's timeout or `throttle_budget`. Defaults to `8`.",
				Validators: []validator.Int64{int64validator.Between(0, 50)},
			},
			"throttle_budget": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "How long one call may keep being throttled (refused by the vendor's rate limit) before it fails, counted from its first refusal, " +
					"as a duration such as `\"10m\"` or `\"90s\"` (1s to 24h). It bounds every call, reads, data sources and list resources (which have no timeout) included; " +
					"an operation's timeout still ends a call first. Defaults to `10m`.",
				Validators: []validator.String{throttleBudgetValidator{}},
			},
		},
		Blocks: map[string]schema.Block{
			"alicloud": schema.SingleNestedBlock{
				MarkdownDescription: "Alibaba Cloud credentials and endpoints (ActionTrail, CDN, DCDN, Security Center).",
				Attributes: map[string]schema.Attribute{
					"access_key": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "AccessKey ID. Falls back to `ALIBABA_CLOUD_ACCESS_KEY_ID`, then `ALICLOUD_ACCESS_KEY`.",
					},
					"secret_key": schema.StringAttribute{
						Optional:            true,
						Sensitive:           true,
						MarkdownDescription: "AccessKey secret. Falls back to `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, then `ALICLOUD_SECRET_KEY`.",
					},
					"security_token": schema.StringAttribute{
						Optional:            true,
						Sensitive:           true,
						MarkdownDescription: "STS security token, for temporary credentials. Falls back to `ALIBABA_CLOUD_SECURITY_TOKEN`, then `ALICLOUD_SECURITY_TOKEN`.",
					},
					"region": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Region id. Falls back to `ALIBABA_CLOUD_REGION_ID`, then `ALICLOUD_REGION`, then `cn-hangzhou`.",
						Validators:          regionValidators(),
					},
					"endpoints": schema.MapAttribute{
						Optional:    true,
						ElementType: types.StringType,
						MarkdownDescription: "Per-product endpoint overrides, `host[:port]` without a scheme. Keys: `" +
							strings.Join(conns.AlicloudProducts, "`, `") + "`.",
						Validators: endpointsValidators(conns.AlicloudProducts),
					},
					"protocol": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "`HTTPS` (default) or `HTTP` (for the mock cloud).",
						Validators:          protocolValidators(),
					},
					"drift_attribution": driftAttributionAttribute("ActionTrail LookupEvents", "2", "`actiontrail:LookupEvents`"),
					"max_drift_lookups": maxDriftLookupsAttribute("ActionTrail LookupEvents"),
				},
			},
			"tencentcloud": schema.SingleNestedBlock{
				MarkdownDescription: "Tencent Cloud credentials and endpoints (CloudAudit).",
				Attributes: map[string]schema.Attribute{
					"secret_id": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "SecretId. Falls back to `TENCENTCLOUD_SECRET_ID`.",
					},
					"secret_key": schema.StringAttribute{
						Optional:            true,
						Sensitive:           true,
						MarkdownDescription: "SecretKey. Falls back to `TENCENTCLOUD_SECRET_KEY`.",
					},
					"security_token": schema.StringAttribute{
						Optional:            true,
						Sensitive:           true,
						MarkdownDescription: "STS token, for temporary credentials. Falls back to `TENCENTCLOUD_SECURITY_TOKEN`.",
					},
					"region": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Region. Falls back to `TENCENTCLOUD_REGION`, then `ap-guangzhou`.",
						Validators:          regionValidators(),
					},
					"endpoints": schema.MapAttribute{
						Optional:    true,
						ElementType: types.StringType,
						MarkdownDescription: "Per-product endpoint overrides, `host[:port]` without a scheme. Keys: `" +
							strings.Join(conns.TencentProducts, "`, `") + "`.",
						Validators: endpointsValidators(conns.TencentProducts),
					},
					"protocol": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "`HTTPS` (default) or `HTTP` (for the mock cloud).",
						Validators:          protocolValidators(),
					},
					"drift_attribution": driftAttributionAttribute("CloudAudit LookUpEvents", "20", "`cloudaudit:LookUpEvents`"),
					"max_drift_lookups": maxDriftLookupsAttribute("CloudAudit LookUpEvents"),
				},
			},
		},
	}
}

// pick returns the configured value, else the first set env var, else def.
func pick(v types.String, env []string, def string) string {
	if !v.IsNull() && !v.IsUnknown() && v.ValueString() != "" {
		return v.ValueString()
	}
	if e := conns.Getenv(env); e != "" {
		return e
	}
	return def
}

func endpointsOf(m types.Map, diags *diag.Diagnostics, at path.Path) map[string]string {
	out := map[string]string{}
	if m.IsNull() || m.IsUnknown() {
		return out
	}
	for k, v := range m.Elements() {
		s, ok := v.(types.String)
		if !ok || s.IsUnknown() {
			diags.AddAttributeError(at.AtMapKey(k), "Unknown endpoint", "The endpoint must be known when the provider is configured.")
			continue
		}
		out[k] = s.ValueString()
	}
	return out
}

func (p *cloudtrackProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ali := cfg.Alicloud
	if ali == nil {
		ali = &vendorModel{}
	}
	tc := cfg.Tencentcloud
	if tc == nil {
		tc = &tencentModel{}
	}
	for _, u := range []struct {
		v    types.String
		path path.Path
	}{
		{ali.AccessKey, path.Root("alicloud").AtName("access_key")},
		{ali.SecretKey, path.Root("alicloud").AtName("secret_key")},
		{ali.Region, path.Root("alicloud").AtName("region")},
		{tc.SecretID, path.Root("tencentcloud").AtName("secret_id")},
		{tc.SecretKey, path.Root("tencentcloud").AtName("secret_key")},
		{tc.Region, path.Root("tencentcloud").AtName("region")},
	} {
		if u.v.IsUnknown() {
			resp.Diagnostics.AddAttributeError(u.path, "Unknown provider configuration value",
				"The provider cannot be configured with a value that is only known after apply. Use a literal, a variable or an environment variable.")
		}
	}
	c := conns.Config{
		Alicloud: conns.VendorConfig{
			Region:    pick(ali.Region, conns.EnvAlicloudRegion, conns.DefaultAlicloudRegion),
			Protocol:  pick(ali.Protocol, nil, "HTTPS"),
			Endpoints: endpointsOf(ali.Endpoints, &resp.Diagnostics, path.Root("alicloud").AtName("endpoints")),
		},
		Tencent: conns.VendorConfig{
			Region:    pick(tc.Region, conns.EnvTencentRegion, conns.DefaultTencentRegion),
			Protocol:  pick(tc.Protocol, nil, "HTTPS"),
			Endpoints: endpointsOf(tc.Endpoints, &resp.Diagnostics, path.Root("tencentcloud").AtName("endpoints")),
		},
		MaxRetries: conns.DefaultMaxRetries,
		Version:    p.version,
	}
	alicloudSources(ali, &c.Alicloud, &resp.Diagnostics)
	tencentSources(tc, &c.Tencent, &resp.Diagnostics)
	validateEnvRegions(ali.Region, tc.Region, &resp.Diagnostics)
	if !cfg.MaxRetries.IsNull() && !cfg.MaxRetries.IsUnknown() {
		c.MaxRetries = int(cfg.MaxRetries.ValueInt64())
	}
	if v := cfg.ThrottleBudget; !v.IsNull() && !v.IsUnknown() {
		c.ThrottleBudget, _ = time.ParseDuration(v.ValueString()) // validated
	}
	if resp.Diagnostics.HasError() {
		return
	}
	client := conns.New(c, p.tuning)
	drift.Attach(client, drift.Settings{
		conns.VendorAlicloud: actiontrail.DriftSettings(ali.DriftAttribution.Equal(types.BoolValue(false)), int(ali.MaxDriftLookups.ValueInt64())),
		conns.VendorTencent:  cloudaudit.DriftSettings(tc.DriftAttribution.Equal(types.BoolValue(false)), int(tc.MaxDriftLookups.ValueInt64())),
	})
	resp.ResourceData = client
	resp.DataSourceData = client
	resp.ListResourceData = client
	resp.ActionData = client
	p.client.Store(client)
}

func (p *cloudtrackProvider) Resources(_ context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	out = append(out, actiontrail.Resources()...)
	out = append(out, sas.Resources()...)
	out = append(out, cloudaudit.Resources()...)
	out = append(out, cdn.Resources()...)
	return out
}

// ListResources are the list resources of terraform query (Terraform 1.14+).
func (p *cloudtrackProvider) ListResources(_ context.Context) []func() list.ListResource {
	var out []func() list.ListResource
	out = append(out, actiontrail.ListResources()...)
	out = append(out, cloudaudit.ListResources()...)
	out = append(out, cdn.ListResources()...)
	return out
}

func (p *cloudtrackProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	var out []func() datasource.DataSource
	out = append(out, actiontrail.DataSources()...)
	out = append(out, sas.DataSources()...)
	out = append(out, cloudaudit.DataSources()...)
	out = append(out, cdn.DataSources()...)
	out = append(out, drift.DataSources()...)
	return out
}

// Actions lists the action types (Terraform 1.14 and later).
func (p *cloudtrackProvider) Actions(_ context.Context) []func() action.Action {
	return actiontrail.Actions()
}

// throttleBudgetValidator accepts a Go duration from 1s to 24h.
type throttleBudgetValidator struct{}

func (throttleBudgetValidator) Description(context.Context) string {
	return "a duration from 1s to 24h, such as 10m or 90s"
}

func (v throttleBudgetValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (throttleBudgetValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(req.ConfigValue.ValueString())
	if err != nil || d < time.Second || d > 24*time.Hour {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid throttle_budget",
			"throttle_budget must be a duration from 1s to 24h, such as \"10m\" or \"90s\"; got "+req.ConfigValue.String()+".")
	}
}
