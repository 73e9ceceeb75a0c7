// Package acctest binds acceptance tests to a mock cloud of their own: each
// test starts a mockcloud server on loopback and gets provider factories and
// HCL pointed at it.
package acctest

import (
	"fmt"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/provider"
)

// Tuning is the provider timing used in tests: short backoffs and polls so
// no test sleeps for real minutes.
func Tuning() conns.Tuning {
	if Real() {
		return realTuning()
	}
	return conns.Tuning{
		MinBackoff:     10 * time.Millisecond,
		MaxBackoff:     200 * time.Millisecond,
		ThrottleBudget: time.Minute,
		AttemptTimeout: 10 * time.Second,
		PollInterval:   20 * time.Millisecond,
	}
}

// Env is one test's mock cloud and the provider bound to it. Under the
// real target (target.go) there is no mock: the provider and Client read
// the environment.
type Env struct {
	T     *testing.T
	Addr  string
	Clock *Clock

	// mock is reached through Mock, which checks NeedsMock was called.
	mock         *mockcloud.Server
	mockUnlocked atomic.Bool
	mockScope    atomic.Int32
}

// Option adjusts the mock's options before it starts.
type Option func(*mockcloud.Options)

// WithFrozenClock gives the mock a clock that moves only when the test
// advances it, so job states are deterministic.
func WithFrozenClock(c *Clock) Option {
	return func(o *mockcloud.Options) { o.Now = c.Now }
}

// WithJobStep sets how long a history delivery job spends in each state.
func WithJobStep(d time.Duration) Option {
	return func(o *mockcloud.Options) { o.JobStep = d }
}

// WithRateLimits turns on the vendors' documented rate limits in the mock.
func WithRateLimits() Option {
	return func(o *mockcloud.Options) { o.RateLimits = true }
}

// New starts a mock cloud for t, stopped when t ends.
func New(t *testing.T, opts ...Option) *Env {
	t.Helper()
	if Real() {
		return newReal(t)
	}
	e := start(t, opts...)
	e.T = t
	return e
}

// NewForBenchmark starts a mock cloud for a benchmark.
func NewForBenchmark(b *testing.B, opts ...Option) *Env {
	b.Helper()
	e := start(b, opts...)
	e.mockUnlocked.Store(true) // benchmarks measure the mock; the target does not apply
	return e
}

func start(t testing.TB, opts ...Option) *Env {
	t.Helper()
	o := mockcloud.Options{JobStep: 30 * time.Millisecond}
	for _, f := range opts {
		f(&o)
	}
	m, err := mockcloud.New(o)
	if err != nil {
		t.Fatalf("starting the mock cloud: %s", err)
	}
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	return &Env{mock: m, Addr: strings.TrimPrefix(srv.URL, "http://")}
}

// Factories returns provider factories for resource.TestCase.
func (e *Env) Factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"cloudtrack": providerserver.NewProtocol6WithError(provider.NewWithTuning("test", Tuning())()),
	}
}

// ProviderConfig is a provider block with the mock's credentials and
// endpoints for every product.
func (e *Env) ProviderConfig() string {
	if e.mock == nil {
		return realProviderConfig
	}
	var eps []string
	for _, p := range conns.AlicloudProducts {
		eps = append(eps, fmt.Sprintf("%s = %q", p, e.Addr))
	}
	var tcEps []string
	for _, p := range conns.TencentProducts {
		tcEps = append(tcEps, fmt.Sprintf("%s = %q", p, e.Addr))
	}
	return fmt.Sprintf(`
provider "cloudtrack" {
  alicloud {
    access_key = %q
    secret_key = %q
    region     = "cn-hangzhou"
    protocol   = "HTTP"
    endpoints  = { %s }
  }
  tencentcloud {
    secret_id  = %q
    secret_key = %q
    region     = "ap-guangzhou"
    protocol   = "HTTP"
    endpoints  = { %s }
  }
}
`, mockcloud.DefaultAccessKeyID, mockcloud.DefaultAccessKeySecret, strings.Join(eps, ", "),
		mockcloud.DefaultSecretID, mockcloud.DefaultSecretKey, strings.Join(tcEps, ", "))
}

// Config prepends the provider block to body.
func (e *Env) Config(body string) string { return e.ProviderConfig() + body }

// Client is a vendor client bound to the mock, for CheckDestroy and checks
// that go through the services' finders; mods adjust its tuning.
func (e *Env) Client(mods ...func(*conns.Tuning)) *conns.Client {
	tuning := Tuning()
	for _, m := range mods {
		m(&tuning)
	}
	if e.mock == nil {
		return realClient(e.T, tuning)
	}
	eps := map[string]string{}
	for _, p := range conns.AlicloudProducts {
		eps[p] = e.Addr
	}
	tcEps := map[string]string{}
	for _, p := range conns.TencentProducts {
		tcEps[p] = e.Addr
	}
	return conns.New(conns.Config{
		Alicloud: conns.VendorConfig{
			AccessKey: mockcloud.DefaultAccessKeyID, SecretKey: mockcloud.DefaultAccessKeySecret,
			Region: "cn-hangzhou", Protocol: "HTTP", Endpoints: eps,
		},
		Tencent: conns.VendorConfig{
			AccessKey: mockcloud.DefaultSecretID, SecretKey: mockcloud.DefaultSecretKey,
			Region: "ap-guangzhou", Protocol: "HTTP", Endpoints: tcEps,
		},
		MaxRetries: 3,
	}, tuning)
}

// TotalCalls is the number of vendor API calls the mock received.
func (e *Env) TotalCalls() int {
	n := 0
	for _, c := range e.Mock().CallCounts() {
		n += c
	}
	return n
}

// Clock is a test clock for the mock: it starts at a fixed real-looking
// time and moves only when advanced.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock set to the current time, truncated to seconds.
func NewClock() *Clock { return &Clock{now: time.Now().UTC().Truncate(time.Second)} }

// Now reports the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// ExpectError compiles an error pattern in which every space matches any
// run of white space, since Terraform wraps diagnostics at 80 columns.
func ExpectError(pattern string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)` + strings.ReplaceAll(pattern, " ", `\s+`))
}
