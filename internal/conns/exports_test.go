package conns

import (
	"net/http"
	"reflect"
)

// RedactForTest exposes the redaction of an error to the external tests.
func RedactForTest(c *Client, err error) error { return c.redactErr(err) }

// TencentTransportUsesEnvironmentProxy reports whether the transport the
// Tencent clients get takes its proxy from the environment.
func TencentTransportUsesEnvironmentProxy() bool {
	t, ok := New(Config{}, DefaultTuning()).newTencentTransport().base.(*http.Transport)
	return ok && t.Proxy != nil && reflect.ValueOf(t.Proxy).Pointer() == reflect.ValueOf(http.ProxyFromEnvironment).Pointer()
}

// TransportHintForTest exposes the transport hints.
func TransportHintForTest(vendor, product, host string, err error) string {
	return transportHint(vendor, product, host, err, "30s")
}

// AuthHintForTest exposes the auth hints.
func AuthHintForTest(vendor, code string) string { return authHint(vendor, code) }

// HTMLPageTitleForTest exposes how an HTML error page is summarised.
func HTMLPageTitleForTest(msg string) (string, bool) { return htmlPageTitle(msg) }
