package conns

import (
	"context"
	"net/http"
	"reflect"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"
	tcsts "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sts/v20180813"
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

// AlicloudAssumedCredentialsForTest reads an Alibaba AssumeRole answer as
// alicloud.assume_role does, asked for at start for dur.
func AlicloudAssumedCredentialsForTest(resp *sts.AssumeRoleResponse, start time.Time, dur time.Duration) (Credentials, error) {
	return alicloudAssumedCredentials(resp, start, dur)
}

// TencentAssumedCredentialsForTest reads a Tencent AssumeRole answer as
// tencentcloud.assume_role does, asked for at start for dur.
func TencentAssumedCredentialsForTest(resp *tcsts.AssumeRoleResponse, start time.Time, dur time.Duration) (Credentials, error) {
	return tencentAssumedCredentials(resp, start, dur)
}

// RoleAccountForTest exposes how a role ARN names the account pacing
// counts against.
func RoleAccountForTest(arn string) string { return roleAccount(arn) }

// EnterRefreshMarginForTest makes a vendor's role session due for renewal
// now while it stays valid (its end is unchanged): the refresh margin.
func EnterRefreshMarginForTest(c *Client, vendor string) {
	s := c.aliSess
	if vendor == vendorTencent {
		s = c.tcSess
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cur.Expires = time.Now().Add(-time.Second)
}

// PauseMaxForTest is the pause cap of the pacer product.action of c's
// account goes through (0: none made yet, or the production cap).
func PauseMaxForTest(c *Client, product, action string) time.Duration {
	pc := c.pacing().lookup(c.paceKeyFor(c.sessionFor(product), product, action))
	if pc == nil {
		return 0
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	return pc.pauseMax
}

// MarginRenewalLinger is how long a renewal started in the refresh margin
// outlives the operations that needed it.
const MarginRenewalLinger = marginRenewalLinger

// SessionForTest is a credential session fetching through the test's
// function, as a vendor library's provider: asked on every call.
type SessionForTest struct{ s *session }

func NewSessionForTest(fetch func(ctx context.Context, force bool) (Credentials, error)) SessionForTest {
	return SessionForTest{newSession(credSource{name: "test", fetch: fetch}, nil, vendorAlicloud, "")}
}

func (t SessionForTest) Get(ctx context.Context) (uint64, error) { return t.s.get(ctx) }
func (t SessionForTest) Invalidate(gen uint64)                   { t.s.invalidate(gen) }
func (t SessionForTest) Current() Credentials                    { return t.s.current() }
