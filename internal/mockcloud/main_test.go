package mockcloud_test

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
	alists "github.com/aliyun/alibaba-cloud-sdk-go/services/sts"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

var (
	// testCA signs every TLS mock of this package. Its PEM is the
	// process's SSL_CERT_FILE, set before any TLS connection: Go loads the
	// system roots once per process.
	testCA *mockcloud.CA
	// envProxy is the process's HTTP_PROXY and HTTPS_PROXY (Go reads the
	// proxy environment once per process too). Clients that take no proxy
	// option (the Tencent CVM role provider uses http.Get) reach a mock's
	// vendor host names through it. Tests that use it point it at their
	// mock with SetTarget and therefore must not run in parallel. Loopback
	// addresses are not proxied (NO_PROXY), so other tests do not notice it.
	envProxy *mockcloud.Proxy
)

func TestMain(m *testing.M) {
	// actiontrail.NewClientWithOptions fills the package's EndpointMap
	// lazily without a lock, a data race when parallel tests build clients;
	// filling it once up front avoids it. The same for Sts.
	actiontrail.GetEndpointMap()
	alists.GetEndpointMap()
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "mockcloud-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	testCA, err = mockcloud.NewCA()
	if err == nil {
		err = testCA.WriteFile(filepath.Join(dir, "ca.pem"))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "CA:", err)
		return 1
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	envProxy = mockcloud.NewProxy("127.0.0.1:1")
	go func() { _ = http.Serve(ln, envProxy) }() //nolint:gosec // a test proxy on loopback
	defer ln.Close()
	for k, v := range map[string]string{
		"SSL_CERT_FILE": filepath.Join(dir, "ca.pem"),
		"HTTP_PROXY":    "http://" + ln.Addr().String(),
		"HTTPS_PROXY":   "http://" + ln.Addr().String(),
		// The classic Alibaba SDK reads HTTPS_PROXY itself and, unlike
		// Go's ProxyFromEnvironment, proxies loopback unless NO_PROXY
		// says otherwise.
		"NO_PROXY": "127.0.0.1,localhost",
	} {
		os.Setenv(k, v)
	}
	return m.Run()
}

// newTLSMock starts a mock behind an HTTPS httptest server whose
// certificates come from testCA; it returns the server and its host:port.
func newTLSMock(t *testing.T, opts mockcloud.Options) (*mockcloud.Server, string) {
	t.Helper()
	s, err := mockcloud.New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	hs := httptest.NewUnstartedServer(s)
	hs.TLS = testCA.ServerTLSConfig()
	hs.StartTLS()
	t.Cleanup(hs.Close)
	return s, strings.TrimPrefix(hs.URL, "https://")
}

// newProxy starts a proxy to target for one test and returns its URL.
func newProxy(t *testing.T, target string) (*mockcloud.Proxy, string) {
	t.Helper()
	p := mockcloud.NewProxy(target)
	hs := httptest.NewServer(p)
	t.Cleanup(hs.Close)
	return p, hs.URL
}
