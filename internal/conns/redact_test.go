package conns_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// STS credentials with the characters that get percent-encoded (+ / =), so
// every encoding the SDKs use is exercised.
const (
	stsAccessKeyID = "STS.NTrackAKmock01"
	stsSecret      = "StsSecret+Value/With=Signs9"
	stsToken       = "CAIS8gF1q6Ft5B2yfSjIr5bSEuLwir1p+/a4bEXnj2YoaNh=TokenTail"
	tcSecretID     = "AKIDstsmockcloud01"
	tcSecretKey    = "TcSecret+Key/Value=9abc"
	tcToken        = "tcToken+Session/Value==TokenTail77"
	wrongSecret    = "Wrong+Secret/Value=42x"
)

// recorder wraps the mock and keeps what must never leak: the signatures
// the SDKs computed, and the User-Agent they sent.
type recorder struct {
	mu         sync.Mutex
	signatures []string
	userAgents []string
}

var tc3SignatureRE = regexp.MustCompile(`Signature=([0-9a-f]+)`)

func (rc *recorder) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc.mu.Lock()
		if s := r.URL.Query().Get("Signature"); s != "" {
			rc.signatures = append(rc.signatures, s)
		}
		if m := tc3SignatureRE.FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
			rc.signatures = append(rc.signatures, m[1])
		}
		rc.userAgents = append(rc.userAgents, r.Header.Get("User-Agent"))
		rc.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

func (rc *recorder) secrets() []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]string{stsSecret, stsToken, tcSecretKey, tcToken, wrongSecret}, rc.signatures...)
}

func newSTSMock(t *testing.T) (*mockcloud.Server, string, *recorder) {
	t.Helper()
	m, err := mockcloud.New(mockcloud.Options{JobStep: time.Hour, Credentials: []mockcloud.Credential{
		{AccessKeyID: stsAccessKeyID, AccessKeySecret: stsSecret, SecurityToken: stsToken},
		{AccessKeyID: tcSecretID, AccessKeySecret: tcSecretKey, SecurityToken: tcToken},
	}})
	if err != nil {
		t.Fatal(err)
	}
	rc := &recorder{}
	srv := httptest.NewServer(rc.wrap(m))
	t.Cleanup(srv.Close)
	return m, strings.TrimPrefix(srv.URL, "http://"), rc
}

func stsClient(addr, aliSecret, tcKey string, attemptTimeout time.Duration) *conns.Client {
	return conns.New(conns.Config{
		Alicloud: conns.VendorConfig{
			AccessKey: stsAccessKeyID, SecretKey: aliSecret, SecurityToken: stsToken,
			Region: "cn-hangzhou", Protocol: "HTTP", Endpoints: map[string]string{conns.ProductActionTrail: addr},
		},
		Tencent: conns.VendorConfig{
			AccessKey: tcSecretID, SecretKey: tcKey, SecurityToken: tcToken,
			Region: "ap-guangzhou", Protocol: "HTTP", Endpoints: map[string]string{conns.ProductCloudAudit: addr},
		},
		Version: "1.2.3-test",
	}, conns.Tuning{
		MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
		ThrottleBudget: 10 * time.Second, AttemptTimeout: attemptTimeout, PollInterval: 10 * time.Millisecond,
	})
}

// stsClientWith is stsClient with the configuration changed by mod.
func stsClientWith(addr string, mod func(*conns.Config)) *conns.Client {
	cfg := conns.Config{
		Alicloud: conns.VendorConfig{
			AccessKey: stsAccessKeyID, SecretKey: stsSecret, SecurityToken: stsToken,
			Region: "cn-hangzhou", Protocol: "HTTP", Endpoints: map[string]string{conns.ProductActionTrail: addr},
		},
		Tencent: conns.VendorConfig{
			AccessKey: tcSecretID, SecretKey: tcSecretKey, SecurityToken: tcToken,
			Region: "ap-guangzhou", Protocol: "HTTP", Endpoints: map[string]string{conns.ProductCloudAudit: addr},
		},
	}
	mod(&cfg)
	return conns.New(cfg, conns.Tuning{MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, ThrottleBudget: 10 * time.Second, AttemptTimeout: 5 * time.Second})
}

// closedAddr is a loopback address nothing listens on.
func closedAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return addr
}

// texts is everything of err a caller may print: its text in every verb,
// and the text of the SDK error behind the APIError.
func texts(err error) []string {
	out := []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)}
	var apiErr *conns.APIError
	if errors.As(err, &apiErr) {
		out = append(out, apiErr.Message, apiErr.Hint)
		if apiErr.Err != nil {
			out = append(out, apiErr.Err.Error())
		}
	}
	return out
}

// signedValueRE finds a signature or token parameter whose value was not
// redacted, in any encoding.
var signedValueRE = regexp.MustCompile(`(?i)(Signature|SecurityToken)(=|%3D|%253D)([^\[\s&"]|\[[^R])`)

func assertNoSecrets(t *testing.T, where, text string, secrets []string) {
	t.Helper()
	for _, s := range secrets {
		for _, form := range []string{s, strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(s, "+", "%2B"), "/", "%2F"), "=", "%3D")} {
			if strings.Contains(text, form) {
				t.Errorf("%s contains a secret %q:\n%s", where, form, text)
			}
		}
	}
	if m := signedValueRE.FindString(text); m != "" {
		t.Errorf("%s contains an unredacted %q:\n%s", where, m, text)
	}
	if strings.Contains(text, "string to sign is:") {
		t.Errorf("%s quotes the string to sign:\n%s", where, text)
	}
}

func TestRedaction_everyFailureClass(t *testing.T) {
	t.Parallel()
	type call func(ctx context.Context, c *conns.Client) error
	ali := func(ctx context.Context, c *conns.Client) error { _, err := getJob(ctx, c, 1); return err }
	tc := func(ctx context.Context, c *conns.Client) error { _, err := describeTracks(ctx, c); return err }

	for _, tt := range []struct {
		name string
		// setup returns the client, after arranging the failure.
		setup func(t *testing.T, m *mockcloud.Server, addr string) *conns.Client
		call  call
		// want must all appear in the error text.
		want []string
	}{
		{
			name: "alicloud/wrong secret",
			setup: func(_ *testing.T, _ *mockcloud.Server, addr string) *conns.Client {
				return stsClient(addr, wrongSecret, tcSecretKey, 5*time.Second)
			},
			call: ali,
			want: []string{"SignatureDoesNotMatch", "Specified signature is not matched", "HTTP 400", "request id ", "alicloud.secret_key", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"},
		},
		{
			name: "tencentcloud/wrong secret",
			setup: func(_ *testing.T, _ *mockcloud.Server, addr string) *conns.Client {
				return stsClient(addr, stsSecret, wrongSecret, 5*time.Second)
			},
			call: tc,
			want: []string{"AuthFailure.SignatureFailure", "request id ", "tencentcloud.secret_key", "TENCENTCLOUD_SECRET_KEY"},
		},
		{
			name: "alicloud/wrong token",
			setup: func(_ *testing.T, _ *mockcloud.Server, addr string) *conns.Client {
				return stsClientWith(addr, func(c *conns.Config) { c.Alicloud.SecurityToken = wrongSecret })
			},
			call: ali,
			want: []string{"InvalidSecurityToken.Malformed", "HTTP 400", "request id ", "alicloud.security_token", "ALIBABA_CLOUD_SECURITY_TOKEN"},
		},
		{
			name: "tencentcloud/wrong token",
			setup: func(_ *testing.T, _ *mockcloud.Server, addr string) *conns.Client {
				return stsClientWith(addr, func(c *conns.Config) { c.Tencent.SecurityToken = wrongSecret })
			},
			call: tc,
			want: []string{"AuthFailure.TokenFailure", "request id ", "tencentcloud.security_token", "TENCENTCLOUD_SECURITY_TOKEN"},
		},
		{
			name: "alicloud/unknown access key",
			setup: func(_ *testing.T, _ *mockcloud.Server, addr string) *conns.Client {
				return stsClientWith(addr, func(c *conns.Config) { c.Alicloud.AccessKey = "LTAIunknown" })
			},
			call: ali,
			want: []string{"InvalidAccessKeyId.NotFound", "request id ", "alicloud.access_key", "ALIBABA_CLOUD_ACCESS_KEY_ID"},
		},
		{
			name: "tencentcloud/unknown secret id",
			setup: func(_ *testing.T, _ *mockcloud.Server, addr string) *conns.Client {
				return stsClientWith(addr, func(c *conns.Config) { c.Tencent.AccessKey = "AKIDunknown" })
			},
			call: tc,
			want: []string{"AuthFailure.SecretIdNotFound", "request id ", "tencentcloud.secret_id", "TENCENTCLOUD_SECRET_ID"},
		},
		{
			name: "alicloud/closed port",
			setup: func(t *testing.T, _ *mockcloud.Server, _ string) *conns.Client {
				return stsClient(closedAddr(t), stsSecret, tcSecretKey, 5*time.Second)
			},
			call: ali,
			want: []string{"giving up after 1 attempts", "connection refused", "refused the connection", "set alicloud.endpoints.actiontrail to override the host"},
		},
		{
			name: "tencentcloud/closed port",
			setup: func(t *testing.T, _ *mockcloud.Server, _ string) *conns.Client {
				return stsClient(closedAddr(t), stsSecret, tcSecretKey, 5*time.Second)
			},
			call: tc,
			want: []string{"ClientError.NetworkError", "connection refused", "set tencentcloud.endpoints.cloudaudit to override the host"},
		},
		{
			name: "alicloud/timeout",
			setup: func(_ *testing.T, m *mockcloud.Server, addr string) *conns.Client {
				m.AddFault(mockcloud.Fault{Product: mockcloud.ActionTrailProduct, Mode: mockcloud.FaultLatency, Latency: 2 * time.Second})
				return stsClient(addr, stsSecret, tcSecretKey, 200*time.Millisecond)
			},
			call: ali,
			want: []string{"giving up after 1 attempts", "Client.Timeout", "within the attempt timeout (200ms)", "alicloud.endpoints.actiontrail"},
		},
		{
			name: "tencentcloud/timeout",
			setup: func(_ *testing.T, m *mockcloud.Server, addr string) *conns.Client {
				m.AddFault(mockcloud.Fault{Product: mockcloud.CloudAuditProduct, Mode: mockcloud.FaultLatency, Latency: 3 * time.Second})
				return stsClient(addr, stsSecret, tcSecretKey, time.Second) // the SDK counts whole seconds
			},
			call: tc,
			want: []string{"giving up after 1 attempts", "ClientError.NetworkError", "within the attempt timeout (1s)", "tencentcloud.endpoints.cloudaudit"},
		},
		{
			name: "alicloud/500",
			setup: func(_ *testing.T, m *mockcloud.Server, addr string) *conns.Client {
				m.AddFault(mockcloud.Fault{Product: mockcloud.ActionTrailProduct, Code: "InternalError", HTTPStatus: 500})
				return stsClient(addr, stsSecret, tcSecretKey, 5*time.Second)
			},
			call: ali,
			want: []string{"giving up after 1 attempts", "InternalError", "The request processing has failed", "HTTP 500", "request id "},
		},
		{
			name: "tencentcloud/500",
			setup: func(_ *testing.T, m *mockcloud.Server, addr string) *conns.Client {
				m.AddFault(mockcloud.Fault{Product: mockcloud.CloudAuditProduct, Code: "InternalError"})
				return stsClient(addr, stsSecret, tcSecretKey, 5*time.Second)
			},
			call: tc,
			want: []string{"giving up after 1 attempts", "InternalError", "HTTP 200", "request id "},
		},
		{
			name: "alicloud/garbled answer",
			setup: func(_ *testing.T, m *mockcloud.Server, addr string) *conns.Client {
				m.AddFault(mockcloud.Fault{Product: mockcloud.ActionTrailProduct, Mode: mockcloud.FaultGarble})
				return stsClient(addr, stsSecret, tcSecretKey, 5*time.Second)
			},
			call: ali,
			want: []string{"SDK.JsonUnmarshalError", "HTTP 200", "request id ", "was not the API's JSON", "alicloud.endpoints.actiontrail"},
		},
		{
			name: "tencentcloud/garbled answer",
			setup: func(_ *testing.T, m *mockcloud.Server, addr string) *conns.Client {
				m.AddFault(mockcloud.Fault{Product: mockcloud.CloudAuditProduct, Mode: mockcloud.FaultGarble})
				return stsClient(addr, stsSecret, tcSecretKey, 5*time.Second)
			},
			call: tc,
			want: []string{"ClientError.ParseJsonError", "HTTP 200", "request id ", "was not the API's JSON", "tencentcloud.endpoints.cloudaudit"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, addr, rc := newSTSMock(t)
			c := tt.setup(t, m, addr)
			var logs bytes.Buffer
			ctx := tflogtest.RootLogger(context.Background(), &logs)

			err := tt.call(ctx, c)
			if err == nil {
				t.Fatal("want an error")
			}
			t.Logf("error: %s", err)
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not mention %q:\n%s", w, err)
				}
			}
			for i, text := range texts(err) {
				assertNoSecrets(t, fmt.Sprintf("error text %d", i), text, rc.secrets())
			}
			assertNoSecrets(t, "log", logs.String(), rc.secrets())
			if !strings.Contains(logs.String(), `"@message":"vendor API call failed; giving up"`) {
				t.Errorf("no failure line in the log:\n%s", logs.String())
			}
		})
	}
}

// The failure line carries the vendor's message, the HTTP status and the
// backoff before the next attempt.
func TestInvoke_failureLogLine(t *testing.T) {
	t.Parallel()
	m, addr, _ := newSTSMock(t)
	m.AddFault(mockcloud.Fault{Product: mockcloud.ActionTrailProduct, Code: "ServiceUnavailable", Count: 1})
	c := conns.New(conns.Config{Alicloud: conns.VendorConfig{
		AccessKey: stsAccessKeyID, SecretKey: stsSecret, SecurityToken: stsToken, Region: "cn-hangzhou", Protocol: "HTTP",
		Endpoints: map[string]string{conns.ProductActionTrail: addr},
	}, MaxRetries: 2}, conns.Tuning{MinBackoff: 40 * time.Millisecond, MaxBackoff: 40 * time.Millisecond, ThrottleBudget: time.Second, AttemptTimeout: 5 * time.Second})
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	if _, err := getJob(ctx, c, 4242); !conns.IsNotFound(err) {
		t.Fatalf("want NotFound after one retry, got %v", err)
	}
	entries, err := tflogtest.MultilineJSONDecode(&logs)
	if err != nil {
		t.Fatal(err)
	}
	var retry, final map[string]any
	for _, e := range entries {
		switch e["@message"] {
		case "vendor API call failed; retrying after backoff":
			retry = e
		case "vendor API call failed; giving up":
			final = e
		}
	}
	if retry == nil || final == nil {
		t.Fatalf("want a retry line and a give-up line, got %v", entries)
	}
	for k, want := range map[string]any{"error_code": "ServiceUnavailable", "http_status": float64(503), "attempt": float64(1)} {
		if retry[k] != want {
			t.Errorf("retry line %s = %v, want %v", k, retry[k], want)
		}
	}
	if b, ok := retry["backoff_ms"].(float64); !ok || b < 20 || b > 40 {
		t.Errorf("retry line backoff_ms = %v, want 20-40", retry["backoff_ms"])
	}
	if msg, _ := retry["error_message"].(string); !strings.Contains(msg, "temporary failure") {
		t.Errorf("retry line error_message = %q, want the vendor's message", msg)
	}
	if final["giving_up"] != "not retryable" || final["error_code"] != "DeliveryHistoryJobNotFound" || final["http_status"] != float64(404) {
		t.Errorf("give-up line = %v", final)
	}
}

// A token the client never saw (issued to someone else, quoted by a
// server) is caught by its shape.
func TestRedaction_patterns(t *testing.T) {
	t.Parallel()
	c := conns.New(conns.Config{}, conns.DefaultTuning())
	for _, in := range []string{
		`Post "https://actiontrail.cn-hangzhou.aliyuncs.com/?AccessKeyId=STS.x&Signature=abc%2Bdef%3D&SecurityToken=CAISabc%2Fdef&Timestamp=1": EOF`,
		`server string to sign is:POST&%2F&AccessKeyId%3DSTS.x%26SecurityToken%3DCAIS%252Bxyz%26SignatureMethod%3DHMAC-SHA1`,
		`map[Authorization:[TC3-HMAC-SHA256 Credential=AKIDx/2026-12-01/cloudaudit/tc3_request, SignedHeaders=content-type;host, Signature=0123abcd] X-Tc-Token:[sessiontoken123]]`,
		`Fail to parse json content: {"Credentials":{"AccessKeySecret":"leaked1","SecurityToken":"leaked2","TmpSecretKey":"leaked3","Token":"leaked4"}}`,
	} {
		err := conns.RedactForTest(c, errors.New(in))
		out := err.Error()
		for _, leak := range []string{"abc%2Bdef", "CAISabc", "CAIS%252Bxyz", "0123abcd", "sessiontoken123", "leaked1", "leaked2", "leaked3", "leaked4", "string to sign is:"} {
			if strings.Contains(out, leak) {
				t.Errorf("redact(%q) = %q still contains %q", in, out, leak)
			}
		}
		if strings.Contains(in, "AccessKeyId=STS.x") && !strings.Contains(out, "AccessKeyId=STS.x") && !strings.Contains(out, "actiontrail.cn-hangzhou.aliyuncs.com") {
			t.Errorf("redact(%q) = %q lost the host", in, out)
		}
	}
}

// Every vendor call names the provider and its version.
func TestUserAgent(t *testing.T) {
	t.Parallel()
	_, addr, rc := newSTSMock(t)
	c := stsClient(addr, stsSecret, tcSecretKey, 5*time.Second)
	_, _ = getJob(context.Background(), c, 1)
	if _, err := describeTracks(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if len(rc.userAgents) != 2 {
		t.Fatalf("want 2 calls, got %d", len(rc.userAgents))
	}
	for i, ua := range rc.userAgents {
		if !strings.Contains(ua, "terraform-provider-cloudtrack/1.2.3-test") {
			t.Errorf("call %d: User-Agent %q does not name the provider", i, ua)
		}
	}
	if !strings.HasPrefix(rc.userAgents[0], "AlibabaCloud (") {
		t.Errorf("Alibaba User-Agent %q lost the SDK's own product token", rc.userAgents[0])
	}
	if got := c.UserAgent(); got != "terraform-provider-cloudtrack/1.2.3-test" {
		t.Errorf("UserAgent() = %q", got)
	}
}

// The Tencent transport keeps the environment's proxy settings
// (HTTP(S)_PROXY, NO_PROXY) as the SDK's own transport does.
func TestTencentTransportHonoursProxyEnvironment(t *testing.T) {
	t.Parallel()
	if !conns.TencentTransportUsesEnvironmentProxy() {
		t.Error("the Tencent transport does not use http.ProxyFromEnvironment")
	}
}

// Lines written under MaskLogs (Invoke's, and any service's that uses it)
// hide the registered secrets in the message and in every field.
func TestMaskLogs(t *testing.T) {
	t.Parallel()
	c := stsClient("127.0.0.1:9", stsSecret, tcSecretKey, time.Second)
	var logs bytes.Buffer
	ctx := c.MaskLogs(tflogtest.RootLogger(context.Background(), &logs))
	tflog.Debug(ctx, "token "+stsToken+" and secret "+tcSecretKey, map[string]any{"token": tcToken, "url": "https://x/?Signature=abc%2B&AccessKeyId=STS.x"})
	assertNoSecrets(t, "log", logs.String(), []string{stsToken, tcSecretKey, tcToken, "abc%2B"})
	if !strings.Contains(logs.String(), "STS.x") {
		t.Errorf("the AccessKey id should stay readable:\n%s", logs.String())
	}
}

func TestTransportHint_dns(t *testing.T) {
	t.Parallel()
	err := &url.Error{Op: "Post", URL: "https://actiontrail.cn-hangzhou.aliyuncs.com/", Err: &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "actiontrail.cn-hangzhou.aliyuncs.com"}}}
	got := conns.TransportHintForTest("alicloud", conns.ProductActionTrail, "actiontrail.cn-hangzhou.aliyuncs.com", err)
	for _, want := range []string{"actiontrail.cn-hangzhou.aliyuncs.com could not be resolved (no such host)", "set alicloud.endpoints.actiontrail to override the host"} {
		if !strings.Contains(got, want) {
			t.Errorf("hint %q does not say %q", got, want)
		}
	}
}
