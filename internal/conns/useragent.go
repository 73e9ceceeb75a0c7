package conns

import (
	"context"
	"net/http"
	"time"
)

// userAgentName is how the provider names itself to the vendors, so their
// API logs (and support) can tell its calls apart.
const userAgentName = "terraform-provider-cloudtrack"

// userAgentVersion is Config.Version, or "dev" when the provider was built
// without one.
func (c *Client) userAgentVersion() string {
	if c.cfg.Version == "" {
		return "dev"
	}
	return c.cfg.Version
}

// UserAgent is the product token every vendor call carries in its
// User-Agent header: terraform-provider-cloudtrack/<version>.
func (c *Client) UserAgent() string { return userAgentName + "/" + c.userAgentVersion() }

// attemptRecord collects what the transport saw of one attempt, for the
// error and the log line when the SDK's error does not carry it.
type attemptRecord struct {
	status    int
	requestID string
}

type attemptKey struct{}

func withAttemptRecord(ctx context.Context, r *attemptRecord) context.Context {
	return context.WithValue(ctx, attemptKey{}, r)
}

func attemptRecordFrom(ctx context.Context) *attemptRecord {
	r, _ := ctx.Value(attemptKey{}).(*attemptRecord)
	return r
}

// tencentTransport sets the User-Agent on every Tencent Cloud request (the
// SDK sends Go's default) and records the answer's status and request id.
// It wraps a clone of http.DefaultTransport, so HTTP(S)_PROXY and NO_PROXY
// from the environment keep working as with the SDK's own transport.
type tencentTransport struct {
	base      http.RoundTripper
	userAgent string
}

func (c *Client) newTencentTransport() *tencentTransport {
	base := http.DefaultTransport
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		clone := t.Clone()
		// The SDK's own default (common.Client.Init).
		clone.IdleConnTimeout = 30 * time.Second
		base = clone
	}
	return &tencentTransport{base: base, userAgent: c.UserAgent()}
}

func (t *tencentTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Header.Set("User-Agent", t.userAgent)
	resp, err := t.base.RoundTrip(r)
	if rec := attemptRecordFrom(req.Context()); rec != nil && resp != nil {
		rec.status = resp.StatusCode
		rec.requestID = resp.Header.Get("X-TC-RequestId")
	}
	return resp, err
}
