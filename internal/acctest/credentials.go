package acctest

import (
	"crypto/tls"
	"fmt"
	"strings"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// StaticAlicloudKeys and StaticTencentKeys are the mock's default key pairs
// as provider block lines, the base identity of most credential tests.
var (
	StaticAlicloudKeys = fmt.Sprintf("access_key = %q\n    secret_key = %q", mockcloud.DefaultAccessKeyID, mockcloud.DefaultAccessKeySecret)
	StaticTencentKeys  = fmt.Sprintf("secret_id = %q\n    secret_key = %q", mockcloud.DefaultSecretID, mockcloud.DefaultSecretKey)
)

// ProviderBlock is a provider block whose products (STS included) all point
// at the mock, with the given credential lines in each vendor block, and
// nothing else (regions are the defaults): tests of credential sources say
// exactly what they use.
func (e *Env) ProviderBlock(alicloud, tencent string) string {
	return fmt.Sprintf(`
provider "cloudtrack" {
  alicloud {
    endpoints = { %s }
    %s
  }
  tencentcloud {
    endpoints = { %s }
    %s
  }
}
`, e.endpoints(conns.AlicloudProducts), alicloud, e.endpoints(conns.TencentProducts), tencent)
}

func (e *Env) endpoints(products []string) string {
	eps := make([]string, 0, len(products))
	for _, p := range products {
		eps = append(eps, fmt.Sprintf("%s = %q", p, e.Addr))
	}
	return strings.Join(eps, ", ")
}

// WhenCalled runs f once the mock has served n calls of api ("Product.Action"
// as CallCounts names it), from a goroutine that ends with the test: for
// changes that must land in the middle of one Terraform operation, such as
// moving the mock's clock past a role session's end during a wait.
func (e *Env) WhenCalled(api string, n int, f func()) {
	done := make(chan struct{})
	e.T.Cleanup(func() { close(done) })
	go func() {
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if e.mock.CallCounts()[api] >= n {
					f()
					return
				}
			}
		}
	}()
}

// RefusedAs counts the calls of api the mock refused with code.
func (e *Env) RefusedAs(api, code string) int {
	n := 0
	for _, r := range e.mock.Requests() {
		if r.Product+"."+r.Action == api && r.Code == code {
			n++
		}
	}
	return n
}

// UpstreamTLS is a TLS client configuration that trusts the mocks of this
// test process, for a forward proxy that relays plain HTTP requests (the
// instance metadata) to an HTTPS-only mock.
func UpstreamTLS() (*tls.Config, error) {
	ca, err := processCA()
	if err != nil {
		return nil, err
	}
	return &tls.Config{RootCAs: ca.Pool(), MinVersion: tls.VersionTLS12}, nil
}
