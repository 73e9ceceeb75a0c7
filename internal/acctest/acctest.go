// Package acctest binds acceptance tests to a mock cloud of their own: each
// test starts a mockcloud server on loopback and gets provider factories and
// HCL pointed at it. The mocks serve HTTPS with certificates from one CA per
// test process, trusted through SSL_CERT_FILE, so every acceptance test
// uses the provider's default HTTPS path; WithHTTP keeps plain HTTP for a
// test that wants it.
package acctest

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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
		FirstPoll:      5 * time.Millisecond,
		// Pacers climb back within a call or two after injected throttling
		// (production takes seconds; conns tests cover that).
		PaceScale: 1e4,
	}
}

// Env is one test's mock cloud and the provider bound to it. Under the
// real target (target.go) there is no mock: the provider and Client read
// the environment.
type Env struct {
	T     *testing.T
	Addr  string
	Clock *Clock
	// Protocol is "HTTPS" (the default) or "HTTP" (WithHTTP).
	Protocol string

	// pacing is the pacer registry of every provider and client of the
	// test: a provider process's own, not shared with other tests (whose
	// mocks may reuse a closed mock's port).
	pacing *conns.Pacing

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

// WithHTTP serves the mock over plain HTTP and configures the provider with
// protocol = "HTTP".
func WithHTTP() Option { return httpOption }

// httpOption changes no mock option; start recognises it by identity, which
// keeps Option a plain func(*mockcloud.Options).
var httpOption Option = func(*mockcloud.Options) {}

func isHTTPOption(f Option) bool {
	return reflect.ValueOf(f).Pointer() == reflect.ValueOf(httpOption).Pointer()
}

// linuxRootBundles are the system root bundles crypto/x509 reads on Linux
// (root_linux.go).
var linuxRootBundles = []string{
	"/etc/ssl/certs/ca-certificates.crt",
	"/etc/pki/tls/certs/ca-bundle.crt",
	"/etc/ssl/ca-bundle.pem",
	"/etc/pki/tls/cacert.pem",
	"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
	"/etc/ssl/cert.pem",
}

var (
	caOnce sync.Once
	testCA *mockcloud.CA
	caErr  error
)

// processCA is the one CA of this test process. The first call writes it to
// a file and points SSL_CERT_FILE at it (keeping any bundle SSL_CERT_FILE
// named before, such as a corporate CA), before any TLS connection: Go
// loads the system roots once per process, and on Linux honours
// SSL_CERT_FILE.
func processCA() (*mockcloud.CA, error) {
	caOnce.Do(func() {
		testCA, caErr = mockcloud.NewCA()
		if caErr != nil {
			return
		}
		// SSL_CERT_FILE replaces the system roots: keep them (or the
		// bundle it already named) next to the mock's CA, for terraform
		// and anything else of the process that talks to real hosts.
		bundle := testCA.PEM()
		for _, prev := range append([]string{os.Getenv("SSL_CERT_FILE")}, linuxRootBundles...) {
			if data, err := os.ReadFile(prev); prev != "" && err == nil {
				bundle = append(append(bundle, '\n'), data...)
				break
			}
		}
		dir, err := os.MkdirTemp("", "cloudtrack-acctest-ca-")
		if err != nil {
			caErr = err
			return
		}
		path := filepath.Join(dir, "ca.pem")
		if caErr = os.WriteFile(path, bundle, 0o600); caErr != nil {
			return
		}
		caErr = os.Setenv("SSL_CERT_FILE", path)
	})
	return testCA, caErr
}

// New starts a mock cloud for t, stopped when t ends.
func New(t *testing.T, opts ...Option) *Env {
	t.Helper()
	if Real() {
		return newReal(t)
	}
	e := start(t, append([]Option{withContractCheck}, opts...)...)
	e.T = t
	// Runs before the server closes (cleanups run last-in first-out).
	t.Cleanup(func() { e.failOnContractViolations(t) })
	return e
}

// withContractCheck switches on the mock's fidelity check for every
// acceptance test (mockcloud fidelity.go): the vendors' published
// definitions (internal/contract) judge each request the provider sends
// and each answer the mock gives.
func withContractCheck(o *mockcloud.Options) { o.ContractCheck = true }

// WithoutContractCheck turns the fidelity check off for a test that
// makes the mock answer outside the vendors' definitions on purpose; say
// why at the call.
func WithoutContractCheck() Option {
	return func(o *mockcloud.Options) { o.ContractCheck = false }
}

// failOnContractViolations fails t for each difference between its
// traffic and the vendors' definitions.
func (e *Env) failOnContractViolations(t *testing.T) {
	t.Helper()
	for _, v := range e.mock.ContractViolations() {
		t.Errorf("mock fidelity: %s (internal/contract; README, Mock fidelity)", v)
	}
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
	protocol := "HTTPS"
	for _, f := range opts {
		if isHTTPOption(f) {
			protocol = "HTTP"
		}
		f(&o)
	}
	m, err := mockcloud.New(o)
	if err != nil {
		t.Fatalf("starting the mock cloud: %s", err)
	}
	srv := httptest.NewUnstartedServer(m)
	if protocol == "HTTP" {
		srv.Start()
	} else {
		ca, err := processCA()
		if err != nil {
			t.Fatalf("the mock cloud's CA: %s", err)
		}
		srv.TLS = ca.ServerTLSConfig()
		srv.StartTLS()
	}
	t.Cleanup(srv.Close)
	addr := strings.TrimPrefix(strings.TrimPrefix(srv.URL, "http://"), "https://")
	return &Env{mock: m, Addr: addr, Protocol: protocol, pacing: conns.NewPacing()}
}

// protocolHCL is the provider's protocol line: none for HTTPS, the
// provider's default.
func (e *Env) protocolHCL() string {
	if e.Protocol == "HTTP" {
		return `protocol   = "HTTP"`
	}
	return ""
}

// tuning is Tuning with the test's own pacer registry.
func (e *Env) tuning() conns.Tuning {
	t := Tuning()
	t.Pacing = e.pacing
	return t
}

// Factories returns provider factories for resource.TestCase.
func (e *Env) Factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"cloudtrack": provider.NewServer("test", e.tuning()),
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
    %s
    endpoints  = { %s }
  }
  tencentcloud {
    secret_id  = %q
    secret_key = %q
    region     = "ap-guangzhou"
    %s
    endpoints  = { %s }
  }
}
`, mockcloud.DefaultAccessKeyID, mockcloud.DefaultAccessKeySecret, e.protocolHCL(), strings.Join(eps, ", "),
		mockcloud.DefaultSecretID, mockcloud.DefaultSecretKey, e.protocolHCL(), strings.Join(tcEps, ", "))
}

// Config prepends the provider block to body.
func (e *Env) Config(body string) string { return e.ProviderConfig() + body }

// Client is a vendor client bound to the mock, for CheckDestroy and checks
// that go through the services' finders; mods adjust its tuning.
func (e *Env) Client(mods ...func(*conns.Tuning)) *conns.Client {
	tuning := e.tuning()
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
			Region: "cn-hangzhou", Protocol: e.Protocol, Endpoints: eps,
		},
		Tencent: conns.VendorConfig{
			AccessKey: mockcloud.DefaultSecretID, SecretKey: mockcloud.DefaultSecretKey,
			Region: "ap-guangzhou", Protocol: e.Protocol, Endpoints: tcEps,
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
