package conns

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"
)

// aliTransport gives an Alibaba SDK client's requests the context of the
// call it is making. The classic SDK's DoAction takes no context: it
// builds each request with http.NewRequest, so a cancelled call (Ctrl-C)
// would wait for its read timeout (30 s) and a write could still be sent
// after the caller gave up. With the call's context on the request, the
// transport aborts the dial, the send and the read the moment the context
// ends, and nothing more is sent after the call returns; a write that was
// in flight is reported as of unknown outcome (StoppedError.Unknown) and
// reconciled like a lost answer. An SDK client serves one call at a time
// (sdkPool), so the context is bound per call.
//
// Because this is not an *http.Transport, the SDK's per-call transport
// settings (its dial timeout, its own reading of HTTP(S)_PROXY and
// NO_PROXY) do not apply: the base transport dials with the SDK's default
// connect timeout and takes the proxy from the environment as Go does,
// as the Tencent clients do (API-NOTES: proxies).
type aliTransport struct {
	base http.RoundTripper
	mu   sync.Mutex
	ctx  context.Context
}

// aliConnectTimeout is the classic SDK's default connect timeout
// (sdk/client.go, defaultConnectTimeout).
const aliConnectTimeout = 5 * time.Second

func newAliTransport() *aliTransport {
	base := http.DefaultTransport
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		clone := t.Clone()
		clone.DialContext = (&net.Dialer{Timeout: aliConnectTimeout, KeepAlive: 30 * time.Second}).DialContext
		base = clone
	}
	return &aliTransport{base: base}
}

// bind makes ctx the context of the client's requests until unbind.
func (t *aliTransport) bind(ctx context.Context) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.ctx = ctx
}

// unbind ends bind: the client is back in its pool.
func (t *aliTransport) unbind() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.ctx = nil
}

func (t *aliTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.mu.Lock()
	ctx := t.ctx
	t.mu.Unlock()
	if ctx != nil {
		// The attempt timeout (http.Client.Timeout, which the SDK sets)
		// still applies: for a RoundTripper it does not know, the client
		// cancels through req.Cancel, which WithContext keeps
		// (net/http setRequestCancel); TestAlicloud_attemptTimeoutIsRetried
		// covers it.
		req = req.WithContext(ctx)
	}
	resp, err := t.base.RoundTrip(req)
	if ctx != nil {
		if rec := attemptRecordFrom(ctx); rec != nil && resp != nil {
			rec.status = resp.StatusCode
			rec.requestID = resp.Header.Get("X-Acs-Request-Id")
		}
	}
	return resp, err
}

// aliPooled is a pooled Alibaba SDK client with its transport.
type aliPooled[C any] struct {
	cl C
	tr *aliTransport
}
