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
	AccessKey     string
	SecretKey     string
	SecurityToken string
	Region        string
	Protocol      string // "HTTP" or "HTTPS"
	Endpoints     map[string]string
	// Site is SiteDomestic ("" too) or SiteInternational: which public
	// hosts the products default to (sites.go).
	Site string
}

// Config is the provider configuration Configure hands to New.
type Config struct {
	Alicloud   VendorConfig
	Tencent    VendorConfig
	MaxRetries int
	// Version is the provider's version, sent in the User-Agent of every
	// vendor call ("" = "dev").
	Version string
}

// Tuning holds timings that tests shorten; production uses DefaultTuning.
type Tuning struct {
	// MinBackoff and MaxBackoff bound the exponential backoff between retries.
	MinBackoff time.Duration
	MaxBackoff time.Duration
	// ThrottleBudget bounds retries of throttled calls when the caller's
	// context has no deadline.
	ThrottleBudget time.Duration
	// AttemptTimeout is the read timeout of one HTTP attempt.
	AttemptTimeout time.Duration
	// PollInterval is how often waiters poll an object's status.
	PollInterval time.Duration
	// RateLimits overrides the per-product rate (calls/s); 0 means the default.
	RateLimits map[string]float64
}

// DefaultTuning is what a real provider process uses.
func DefaultTuning() Tuning {
	return Tuning{
		MinBackoff:     500 * time.Millisecond,
		MaxBackoff:     20 * time.Second,
		ThrottleBudget: 10 * time.Minute,
		AttemptTimeout: 30 * time.Second,
		PollInterval:   10 * time.Second,
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
