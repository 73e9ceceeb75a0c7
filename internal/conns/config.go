package conns

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"
)

// Product keys, used in the provider's `endpoints` maps, in logs and in the
// rate-limit table.
const (
	ProductActionTrail = "actiontrail"
	ProductCDN         = "cdn"
	ProductDCDN        = "dcdn"
	ProductSas         = "sas"
	ProductCloudAudit  = "cloudaudit"
)

// AlicloudProducts and TencentProducts are the keys accepted in each
// vendor block's `endpoints` map.
var (
	AlicloudProducts = []string{ProductActionTrail, ProductCDN, ProductDCDN, ProductSas, ProductSTS}
	TencentProducts  = []string{ProductCloudAudit, ProductSTS}
)

// Environment variables read when an attribute is not set in the provider
// block, first match wins.
var (
	EnvAlicloudAccessKey     = []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"}
	EnvAlicloudSecretKey     = []string{"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY"}
	EnvAlicloudSecurityToken = []string{"ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"}
	EnvAlicloudRegion        = []string{"ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION"}
	EnvTencentSecretID       = []string{"TENCENTCLOUD_SECRET_ID"}
	EnvTencentSecretKey      = []string{"TENCENTCLOUD_SECRET_KEY"}
	EnvTencentSecurityToken  = []string{"TENCENTCLOUD_SECURITY_TOKEN"}
	EnvTencentRegion         = []string{"TENCENTCLOUD_REGION"}

	// Credential sources beyond static keys, named as the vendors' own
	// Terraform providers and credential libraries name them.
	EnvAlicloudProfile         = []string{"ALIBABA_CLOUD_PROFILE", "ALICLOUD_PROFILE"}
	EnvAlicloudProfileFile     = []string{"ALIBABA_CLOUD_CONFIG_FILE", "ALICLOUD_SHARED_CREDENTIALS_FILE"}
	EnvAlicloudECSRole         = []string{"ALIBABA_CLOUD_ECS_METADATA", "ALICLOUD_ECS_ROLE_NAME"}
	EnvAlicloudRoleARN         = []string{"ALIBABA_CLOUD_ROLE_ARN", "ALICLOUD_ASSUME_ROLE_ARN"}
	EnvAlicloudRoleSessionName = []string{"ALIBABA_CLOUD_ROLE_SESSION_NAME", "ALICLOUD_ASSUME_ROLE_SESSION_NAME"}
	EnvAlicloudRoleExpiration  = []string{"ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION"}
	EnvAlicloudOIDCProviderARN = []string{"ALIBABA_CLOUD_OIDC_PROVIDER_ARN"}
	EnvAlicloudOIDCTokenFile   = []string{"ALIBABA_CLOUD_OIDC_TOKEN_FILE"}
	EnvTencentProfile          = []string{"TENCENTCLOUD_PROFILE"}
	// The vendors' providers have no site variable; these are ours.
	EnvAlicloudSite           = []string{"CLOUDTRACK_ALICLOUD_SITE"}
	EnvTencentSite            = []string{"CLOUDTRACK_TENCENTCLOUD_SITE"}
	EnvTencentCAMRole         = []string{"TENCENTCLOUD_CAM_ROLE_NAME"}
	EnvTencentRoleARN         = []string{"TENCENTCLOUD_ASSUME_ROLE_ARN"}
	EnvTencentRoleSessionName = []string{"TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME"}
	EnvTencentRoleDuration    = []string{"TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION"}
	EnvTencentRoleExternalID  = []string{"TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID"}
	EnvTencentOIDCProviderID  = []string{"TKE_PROVIDER_ID", "TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID"}
	EnvTencentOIDCTokenFile   = []string{"TKE_WEB_IDENTITY_TOKEN_FILE"}
	EnvTencentOIDCRoleARN     = []string{"TKE_ROLE_ARN"}
)

const (
	DefaultAlicloudRegion = "cn-hangzhou"
	DefaultTencentRegion  = "ap-guangzhou"
	DefaultMaxRetries     = 8
)

// Getenv returns the first non-empty variable of names.
func Getenv(names []string) string {
	for _, n := range names {
		if v := os.Getenv(n); v != "" {
			return v
		}
	}
	return ""
}

// VendorConfig is one vendor block after env fallbacks were applied.
type VendorConfig struct {
	// AccessKey, SecretKey and SecurityToken are static credentials (the
	// block's attributes or the vendor's environment variables).
	AccessKey     string
	SecretKey     string
	SecurityToken string
	// KeySource names where the static keys came from, for errors
	// ("alicloud.access_key", "env ALIBABA_CLOUD_ACCESS_KEY_ID").
	KeySource string
	// Profile and ProfileFile select a named profile of the vendor's CLI
	// (Alibaba: ~/.aliyun/config.json; Tencent: ~/.tccli/<profile>.credential).
	Profile     string
	ProfileFile string
	// InstanceRole is the ECS RAM role / CVM CAM role name: credentials
	// come from the instance metadata service.
	InstanceRole string
	// OIDC exchanges a token file for a role session (RRSA, TKE OIDC).
	OIDC *OIDCRole
	// AssumeRole is assumed on top of whichever base identity was found.
	AssumeRole *AssumeRole
	Region     string
	Protocol   string // "HTTP" or "HTTPS"
	Endpoints  map[string]string
	// Site is SiteDomestic ("" too) or SiteInternational: which public
	// hosts the products default to (sites.go).
	Site string
}

// AssumeRole is an `assume_role` block.
type AssumeRole struct {
	RoleARN     string
	SessionName string
	// Duration of each role session; 0 means the vendor's default (1 hour
	// for Alibaba Cloud, 2 hours for Tencent Cloud).
	Duration   time.Duration
	Policy     string
	ExternalID string
}

// OIDCRole is an `assume_role_with_oidc` / `assume_role_with_web_identity`
// block: Alibaba Cloud RRSA or Tencent Cloud TKE OIDC.
type OIDCRole struct {
	RoleARN string
	// ProviderARN is the Alibaba OIDC provider ARN or the Tencent ProviderId.
	ProviderARN string
	TokenFile   string
	SessionName string
	Duration    time.Duration
}

// DefaultSessionName names role sessions the configuration leaves unnamed.
const DefaultSessionName = "terraform-provider-cloudtrack"

// Config is the provider configuration Configure hands to New.
type Config struct {
	Alicloud   VendorConfig
	Tencent    VendorConfig
	MaxRetries int
	// ThrottleBudget is how long one call may keep being throttled before
	// it fails (throttle_budget); 0 means the tuning's (bounds.go).
	ThrottleBudget time.Duration
	// Version is the provider's version, sent in the User-Agent of every
	// vendor call ("" = "dev").
	Version string
}

// Tuning holds timings that tests shorten; production uses DefaultTuning.
type Tuning struct {
	// MinBackoff and MaxBackoff bound the exponential backoff between retries.
	MinBackoff time.Duration
	MaxBackoff time.Duration
	// ThrottleBudget bounds retries of throttled calls, counted from a
	// call's first refusal, and retries of 5xx and transport failures when
	// the caller's context has no deadline; Config.ThrottleBudget wins.
	ThrottleBudget time.Duration
	// AttemptTimeout is the read timeout of one HTTP attempt.
	AttemptTimeout time.Duration
	// PollInterval is how often waiters poll an object's status; waits for
	// a delete start at FirstPoll and double up to it (WaitGone).
	PollInterval time.Duration
	// FirstPoll is the first pause of a wait for a delete; 0 means 1 s (or
	// PollInterval, when shorter).
	FirstPoll time.Duration
	// RateLimits overrides the documented rate of a product's APIs
	// (calls/s per account and API), which is the pacers' starting and
	// highest rate; 0 means the documented one (ratelimit.go).
	RateLimits map[string]float64
	// PaceScale is how fast a pacer's rate climbs back after a throttling
	// answer, in calls/s per s³ of its cubic curve (ratelimit.go); 0 means
	// the default. Tests raise it to recover within a few calls.
	PaceScale float64
	// ThrottlePauseMax caps the pause after a throttling answer; 0 means
	// the production cap (a second). Tests that throttle thousands of
	// calls shorten it. It applies to the pacers this client makes: a
	// pacer of the registry another client made keeps that client's.
	ThrottlePauseMax time.Duration
	// Pacing is the registry of pacers the client shares; nil means the
	// process's own. Tests standing for several processes give each one
	// its own (NewPacing).
	Pacing *Pacing
}

// DefaultTuning is what a real provider process uses.
func DefaultTuning() Tuning {
	return Tuning{
		MinBackoff:     500 * time.Millisecond,
		MaxBackoff:     20 * time.Second,
		ThrottleBudget: 10 * time.Minute,
		AttemptTimeout: 30 * time.Second,
		PollInterval:   10 * time.Second,
		FirstPoll:      time.Second,
	}
}

// hostPortRE accepts a host name or IPv4 address with an optional port;
// scheme, path and credentials are rejected so the SDKs get what they expect.
var hostPortRE = regexp.MustCompile(`^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*)(:[0-9]{1,5})?$`)

// ValidateEndpoint returns an error describing why v is not host[:port].
func ValidateEndpoint(v string) error {
	if strings.Contains(v, "://") {
		return fmt.Errorf("%q must be host[:port] without a scheme (set protocol = \"HTTP\" for plain HTTP)", v)
	}
	if !hostPortRE.MatchString(v) {
		return fmt.Errorf("%q is not a valid host[:port]", v)
	}
	if i := strings.LastIndex(v, ":"); i > 0 && !strings.HasSuffix(v, "]") {
		var port int
		if _, err := fmt.Sscanf(v[i+1:], "%d", &port); err != nil || port < 1 || port > 65535 {
			return fmt.Errorf("%q has a port outside 1-65535", v)
		}
	}
	return nil
}
