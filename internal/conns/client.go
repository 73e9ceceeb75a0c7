package conns

import (
	"fmt"
	"strings"
	"sync"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
	tccommon "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
)

// Client is built once in the provider's Configure and shared by every
// resource and data source of the provider process: one set of SDK clients,
// one rate limiter per API, one retry policy.
type Client struct {
	cfg     Config
	tuning  Tuning
	limits  *limiters
	aliErr  error // why Alibaba Cloud calls cannot be made, or nil
	tcErr   error // same for Tencent Cloud
	mu      sync.Mutex
	clients map[string]any
}

// New validates the configuration and prepares the clients. Missing
// credentials are not an error here: only resources of that vendor fail.
func New(cfg Config, tuning Tuning) *Client {
	if cfg.MaxRetries < 0 {
		cfg.MaxRetries = 0
	}
	c := &Client{cfg: cfg, tuning: tuning, limits: newLimiters(tuning.RateLimits), clients: map[string]any{}}
	if cfg.Alicloud.AccessKey == "" || cfg.Alicloud.SecretKey == "" {
		c.aliErr = fmt.Errorf("Alibaba Cloud credentials are not configured: set access_key and secret_key in the provider's alicloud block, " +
			"or the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET")
	}
	if cfg.Tencent.AccessKey == "" || cfg.Tencent.SecretKey == "" {
		c.tcErr = fmt.Errorf("Tencent Cloud credentials are not configured: set secret_id and secret_key in the provider's tencentcloud block, " +
			"or the environment variables TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY")
	}
	return c
}

// Tuning returns the timings in force (waiters read PollInterval).
func (c *Client) Tuning() Tuning { return c.tuning }

// AlicloudRegion is the region calls are signed for.
func (c *Client) AlicloudRegion() string { return c.cfg.Alicloud.Region }

// alicloudDomain is the host a product's calls go to: the override from the
// provider's endpoints map, else the public endpoint. Always setting it keeps
// the SDK from consulting its endpoint tables or the Location service.
func (c *Client) alicloudDomain(product string) string {
	if ep := c.cfg.Alicloud.Endpoints[product]; ep != "" {
		return ep
	}
	region := c.cfg.Alicloud.Region
	switch product {
	case ProductActionTrail:
		return "actiontrail." + region + ".aliyuncs.com"
	case ProductSas:
		return "tds.aliyuncs.com"
	default:
		return product + ".aliyuncs.com"
	}
}

func (c *Client) alicloudConfig() (*sdk.Config, auth.Credential) {
	cfg := sdk.NewConfig()
	// Retries are ours (they also cover throttling, which the SDK never retries).
	cfg.AutoRetry = false
	cfg.Scheme = strings.ToUpper(c.cfg.Alicloud.Protocol)
	if cfg.Scheme == "" {
		cfg.Scheme = "HTTPS"
	}
	var cred auth.Credential
	if c.cfg.Alicloud.SecurityToken != "" {
		cred = credentials.NewStsTokenCredential(c.cfg.Alicloud.AccessKey, c.cfg.Alicloud.SecretKey, c.cfg.Alicloud.SecurityToken)
	} else {
		cred = credentials.NewAccessKeyCredential(c.cfg.Alicloud.AccessKey, c.cfg.Alicloud.SecretKey)
	}
	return cfg, cred
}

// cached builds a product client once.
func cached[T any](c *Client, key string, build func() (T, error)) (T, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.clients[key]; ok {
		return v.(T), nil //nolint:forcetypeassert // the key determines the type
	}
	v, err := build()
	if err != nil {
		var zero T
		return zero, err
	}
	c.clients[key] = v
	return v, nil
}

// sdkEndpointMaps guards the SDK's lazily built package-level endpoint maps,
// which it fills without a lock on first client construction.
var sdkEndpointMaps sync.Once

func initSDKEndpointMaps() {
	sdkEndpointMaps.Do(func() { actiontrail.GetEndpointMap() })
}

// ActionTrail returns the ActionTrail SDK client.
func (c *Client) ActionTrail() (*actiontrail.Client, error) {
	if c.aliErr != nil {
		return nil, c.aliErr
	}
	return cached(c, ProductActionTrail, func() (*actiontrail.Client, error) {
		initSDKEndpointMaps()
		cfg, cred := c.alicloudConfig()
		cl, err := actiontrail.NewClientWithOptions(c.cfg.Alicloud.Region, cfg, cred)
		if err != nil {
			return nil, fmt.Errorf("configuring the ActionTrail client: %w", err)
		}
		cl.Domain = c.alicloudDomain(ProductActionTrail)
		cl.SetReadTimeout(c.tuning.AttemptTimeout)
		return cl, nil
	})
}

// AlicloudCommon returns a plain SDK client for products without a typed
// package in the SDK (called with CommonRequest), pointed at product's host.
func (c *Client) AlicloudCommon(product string) (*sdk.Client, string, error) {
	if c.aliErr != nil {
		return nil, "", c.aliErr
	}
	cl, err := cached(c, "common/"+product, func() (*sdk.Client, error) {
		cfg, cred := c.alicloudConfig()
		cl, err := sdk.NewClientWithOptions(c.cfg.Alicloud.Region, cfg, cred)
		if err != nil {
			return nil, fmt.Errorf("configuring the %s client: %w", product, err)
		}
		cl.Domain = c.alicloudDomain(product)
		cl.SetReadTimeout(c.tuning.AttemptTimeout)
		return cl, nil
	})
	return cl, c.alicloudDomain(product), err
}

// TencentProfile returns the credential and client profile a Tencent Cloud
// product client is built from, with the endpoint override applied.
func (c *Client) TencentProfile(product string) (*tccommon.Credential, *profile.ClientProfile, string, error) {
	if c.tcErr != nil {
		return nil, nil, "", c.tcErr
	}
	var cred *tccommon.Credential
	if c.cfg.Tencent.SecurityToken != "" {
		cred = tccommon.NewTokenCredential(c.cfg.Tencent.AccessKey, c.cfg.Tencent.SecretKey, c.cfg.Tencent.SecurityToken)
	} else {
		cred = tccommon.NewCredential(c.cfg.Tencent.AccessKey, c.cfg.Tencent.SecretKey)
	}
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = product + ".tencentcloudapi.com"
	if ep := c.cfg.Tencent.Endpoints[product]; ep != "" {
		cpf.HttpProfile.Endpoint = ep
	}
	cpf.HttpProfile.Scheme = strings.ToUpper(c.cfg.Tencent.Protocol)
	if cpf.HttpProfile.Scheme == "" {
		cpf.HttpProfile.Scheme = "HTTPS"
	}
	cpf.HttpProfile.ReqTimeout = int(c.tuning.AttemptTimeout.Seconds())
	// Our retry loop owns retries and must not race the SDK's region breaker.
	cpf.DisableRegionBreaker = true
	cpf.NetworkFailureMaxRetries = 0
	cpf.RateLimitExceededMaxRetries = 0
	return cred, cpf, c.cfg.Tencent.Region, nil
}
