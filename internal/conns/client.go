package conns

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
	tccommon "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
)

// Client is built once in the provider's Configure and shared by every
// resource and data source of the provider process: one set of SDK clients,
// one retry policy, and pacers shared by the whole process (ratelimit.go).
type Client struct {
	cfg     Config
	tuning  Tuning
	aliErr  error    // why Alibaba Cloud calls cannot be made, or nil
	tcErr   error    // same for Tencent Cloud
	aliSess *session // the identity Alibaba Cloud calls are signed with
	tcSess  *session // same for Tencent Cloud
	mu      sync.Mutex
	clients map[string]any
	secrets secretSet // values redact hides (redact.go)
}

// New validates the configuration and prepares the clients. Missing
// credentials are not an error here: only resources of that vendor fail.
// No call is made: credentials are fetched on the first call.
func New(cfg Config, tuning Tuning) *Client {
	if cfg.MaxRetries < 0 {
		cfg.MaxRetries = 0
	}
	c := &Client{cfg: cfg, tuning: tuning, clients: map[string]any{}}
	c.registerConfiguredSecrets()
	c.aliSess, c.aliErr = c.vendorSession(vendorAlicloud, cfg.Alicloud, c.alicloudBase, c.alicloudAssumeRole)
	c.tcSess, c.tcErr = c.vendorSession(vendorTencent, cfg.Tencent, c.tencentBase, c.tencentAssumeRole)
	return c
}

// vendorSession builds a vendor's session: its base identity, with the
// assume_role block's role assumed on top when there is one.
// A session that assumes a role counts against the role's account, which
// its ARN names (pacing, ratelimit.go).
func (c *Client) vendorSession(vendor string, v VendorConfig, base func(VendorConfig) (credSource, error), assume func(*session, AssumeRole) credSource) (*session, error) {
	src, err := base(v)
	if err != nil {
		return nil, err
	}
	account := ""
	if v.OIDC != nil {
		account = roleAccount(v.OIDC.RoleARN)
	}
	s := newSession(src, c.secretsIssued, vendor, account)
	if v.AssumeRole != nil && v.AssumeRole.RoleARN != "" {
		s = newSession(assume(s, *v.AssumeRole), c.secretsIssued, vendor, roleAccount(v.AssumeRole.RoleARN))
	}
	return s, nil
}

// secretsIssued hears of every credential set a session obtains.
func (c *Client) secretsIssued(cr Credentials) {
	c.registerSecret(cr.AccessKeySecret)
	c.registerSecret(cr.SecurityToken)
}

// Tuning returns the timings in force (waiters read PollInterval).
func (c *Client) Tuning() Tuning { return c.tuning }

// AlicloudRegion is the region calls are signed for.
func (c *Client) AlicloudRegion() string { return c.cfg.Alicloud.Region }

// alicloudDomain is the host a product's calls go to: the override from the
// provider's endpoints map, else the site's public endpoint (sites.go).
// Always setting it keeps the SDK from consulting its endpoint tables or the
// Location service.
func (c *Client) alicloudDomain(product string) string {
	return c.cfg.Alicloud.endpoint(vendorAlicloud, product).Host
}

// alicloudSigningRegion is the RegionId a product's calls are signed for.
func (c *Client) alicloudSigningRegion(product string) string {
	return c.cfg.Alicloud.endpoint(vendorAlicloud, product).RegionID
}

func (c *Client) alicloudScheme() string {
	if p := strings.ToUpper(c.cfg.Alicloud.Protocol); p != "" {
		return p
	}
	return "HTTPS"
}

// alicloudConfig is the SDK configuration of every Alibaba Cloud client.
func (c *Client) alicloudConfig() *sdk.Config {
	cfg := sdk.NewConfig()
	// Retries are ours (they also cover throttling, which the SDK never retries).
	cfg.AutoRetry = false
	cfg.Scheme = c.alicloudScheme()
	return cfg
}

// sdkEndpointMaps guards the SDK's lazily built package-level endpoint maps,
// which it fills without a lock on first client construction.
var sdkEndpointMaps sync.Once

func initSDKEndpointMaps() {
	sdkEndpointMaps.Do(func() { actiontrail.GetEndpointMap() })
}

// sdkPool lends SDK clients. The Alibaba SDK client mutates itself on every
// call (timeouts, transport settings), so one client must not serve two
// calls at once; Terraform runs up to ten, and a large read MaxInFlight.
// Each Alibaba client owns the http.Transport the SDK gives it (its
// setTimeout), so its connections go with it: the pool keeps up to
// maxPooledClients clients for the life of the process. A sync.Pool, which
// drops its items at every garbage collection, made a large read (which
// collects often) open a new TLS connection after each collection and
// leave the old one open.
type sdkPool[T any] struct {
	free  chan T
	build func() (T, error)
}

// maxPooledClients is how many idle clients a pool keeps: Terraform's
// parallelism and a read's calls in flight. More at once are built and,
// returned, dropped.
const maxPooledClients = 10 + MaxInFlight

func (p *sdkPool[T]) get() (T, error) {
	select {
	case v := <-p.free:
		return v, nil
	default:
		return p.build()
	}
}

func (p *sdkPool[T]) put(v T) {
	select {
	case p.free <- v:
	default:
	}
}

// pooled returns the pool of key, creating it on first use.
func pooled[T any](c *Client, key string, build func() (T, error)) *sdkPool[T] {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.clients[key]; ok {
		return v.(*sdkPool[T]) //nolint:forcetypeassert // the key determines the type
	}
	p := &sdkPool[T]{build: build, free: make(chan T, maxPooledClients)}
	c.clients[key] = p
	return p
}

// lend runs one Invoke with a client of the pool held for its duration,
// its requests bound to each attempt's context (aliTransport).
func lend[C, T any](ctx context.Context, c *Client, p *sdkPool[aliPooled[C]], product, action string, call func(C) (T, error)) (T, error) {
	pc, err := p.get()
	if err != nil {
		var zero T
		return zero, c.redactErr(err)
	}
	defer p.put(pc)
	return invoke(ctx, c, c.sessionFor(product), product, action, func(actx context.Context) (T, error) {
		pc.tr.bind(actx)
		defer pc.tr.unbind()
		return call(pc.cl)
	})
}

// aliClient finishes an Alibaba SDK client the way every one is set up:
// the endpoint, the User-Agent, the attempt timeout and the transport that
// carries each call's context.
func (c *Client) aliClient(cl *sdk.Client, product string) *aliTransport {
	cl.Domain = c.alicloudDomain(product)
	cl.AppendUserAgent(userAgentName, c.userAgentVersion())
	cl.SetReadTimeout(c.tuning.AttemptTimeout)
	tr := newAliTransport()
	cl.SetTransport(tr)
	return tr
}

func (c *Client) actionTrailPool() *sdkPool[aliPooled[*actiontrail.Client]] {
	return pooled(c, ProductActionTrail, func() (aliPooled[*actiontrail.Client], error) {
		initSDKEndpointMaps()
		cl, err := actiontrail.NewClientWithOptions(c.cfg.Alicloud.Region, c.alicloudConfig(), aliProvider{c.aliSess})
		if err != nil {
			return aliPooled[*actiontrail.Client]{}, fmt.Errorf("configuring the ActionTrail client: %w", err)
		}
		tr := c.aliClient(&cl.Client, ProductActionTrail)
		return aliPooled[*actiontrail.Client]{cl, tr}, nil
	})
}

// ActionTrail makes one ActionTrail call (see Invoke) with a pooled client.
func ActionTrail[T any](ctx context.Context, c *Client, action string, call func(*actiontrail.Client) (T, error)) (T, error) {
	if c.aliErr != nil {
		var zero T
		return zero, c.aliErr
	}
	return lend(ctx, c, c.actionTrailPool(), ProductActionTrail, action, call)
}

func (c *Client) commonPool(product string) *sdkPool[aliPooled[*sdk.Client]] {
	return pooled(c, "common/"+product, func() (aliPooled[*sdk.Client], error) {
		cl, err := sdk.NewClientWithOptions(c.alicloudSigningRegion(product), c.alicloudConfig(), aliProvider{c.aliSess})
		if err != nil {
			return aliPooled[*sdk.Client]{}, fmt.Errorf("configuring the %s client: %w", product, err)
		}
		tr := c.aliClient(cl, product)
		return aliPooled[*sdk.Client]{cl, tr}, nil
	})
}

// AlicloudCommon makes one call of a product the SDK has no typed package
// for (CommonRequest), with a pooled plain SDK client pointed at it.
func AlicloudCommon[T any](ctx context.Context, c *Client, product, action string, call func(*sdk.Client) (T, error)) (T, error) {
	if c.aliErr != nil {
		var zero T
		return zero, c.aliErr
	}
	return lend(ctx, c, c.commonPool(product), product, action, call)
}

// TencentProfile returns the credential and client profile a Tencent Cloud
// product client is built from, with the endpoint override applied.
func (c *Client) TencentProfile(product string) (tccommon.CredentialIface, *profile.ClientProfile, string, error) {
	if c.tcErr != nil {
		return nil, nil, "", c.tcErr
	}
	return tcCredential{c.tcSess}, c.tencentClientProfile(product), c.cfg.Tencent.Region, nil
}

func (c *Client) tencentClientProfile(product string) *profile.ClientProfile {
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = c.tencentHost(product)
	cpf.HttpProfile.Scheme = strings.ToUpper(c.cfg.Tencent.Protocol)
	if cpf.HttpProfile.Scheme == "" {
		cpf.HttpProfile.Scheme = "HTTPS"
	}
	cpf.HttpProfile.ReqTimeout = int(c.tuning.AttemptTimeout.Seconds())
	// Our retry loop owns retries and must not race the SDK's region breaker.
	cpf.DisableRegionBreaker = true
	cpf.NetworkFailureMaxRetries = 0
	cpf.RateLimitExceededMaxRetries = 0
	return cpf
}

// tencentHost is the host a Tencent Cloud product's calls go to: the
// override from the endpoints map, else the site's public host (sites.go).
func (c *Client) tencentHost(product string) string {
	return c.cfg.Tencent.endpoint(vendorTencent, product).Host
}
