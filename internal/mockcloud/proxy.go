package mockcloud

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// Proxy is a loopback forward proxy for tests and the standalone mock: set
// as HTTPS_PROXY/HTTP_PROXY (or a client's proxy option), it lets clients
// keep the vendors' default host names (sts.aliyuncs.com, the metadata
// addresses 100.100.100.200 and metadata.tencentyun.com, ...) while every
// connection reaches the mock. It serves CONNECT tunnels (HTTPS; the mock's
// CA mints a certificate for the requested name) and absolute-URI plain
// HTTP requests, sends each to the target whatever host was asked for, and
// records the requested host[:port].
type Proxy struct {
	mu          sync.Mutex
	target      string
	upstreamTLS *tls.Config
	hosts       []string
	transport   *http.Transport
}

// NewProxy returns a proxy that sends every connection to target
// ("127.0.0.1:PORT", the mock's listener).
func NewProxy(target string) *Proxy {
	p := &Proxy{target: target}
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	p.transport = &http.Transport{
		Proxy: nil, // never chain to the environment's proxy
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return dialer.DialContext(ctx, "tcp", p.Target())
		},
		MaxIdleConns:    10,
		IdleConnTimeout: 30 * time.Second,
	}
	return p
}

// SetTarget changes where new connections go.
func (p *Proxy) SetTarget(target string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.target = target
	p.transport.CloseIdleConnections()
}

// Target is where connections go.
func (p *Proxy) Target() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.target
}

// SetUpstreamTLS makes the proxy forward plain HTTP requests over TLS with
// cfg (for a mock that serves HTTPS only, e.g. cfg.RootCAs = CA.Pool());
// nil forwards them in plain HTTP. CONNECT tunnels are raw bytes either
// way.
func (p *Proxy) SetUpstreamTLS(cfg *tls.Config) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.upstreamTLS = cfg
	p.transport.CloseIdleConnections()
}

// Hosts lists the host[:port] of every request, in order: CONNECT targets
// and plain requests' URL hosts.
func (p *Proxy) Hosts() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.hosts...)
}

func (p *Proxy) record(host string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.hosts = append(p.hosts, host)
}

// dialTunnel connects a CONNECT tunnel to the target. A tunnel whose
// client speaks TLS first (a handshake record starts with 0x16) is passed
// through; one that carries plain HTTP (tencentcloud-sdk-nodejs sends every
// request through https-proxy-agent's CONNECT, the CVM metadata's http://
// ones too) reaches a mock that serves HTTPS only over TLS spoken by the
// proxy itself.
func (p *Proxy) dialTunnel(clientTLS bool) (net.Conn, error) {
	p.mu.Lock()
	upstreamTLS := p.upstreamTLS
	p.mu.Unlock()
	if upstreamTLS == nil || clientTLS {
		return net.DialTimeout("tcp", p.Target(), 10*time.Second)
	}
	cfg := upstreamTLS.Clone()
	if cfg.ServerName == "" {
		cfg.ServerName, _, _ = net.SplitHostPort(p.Target())
	}
	d := &tls.Dialer{Config: cfg, NetDialer: &net.Dialer{Timeout: 10 * time.Second}}
	return d.Dial("tcp", p.Target())
}

// ServeHTTP serves CONNECT and absolute-URI requests; anything else is 400.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodConnect {
		p.serveConnect(w, r)
		return
	}
	if !r.URL.IsAbs() {
		http.Error(w, "mockcloud proxy: want CONNECT or an absolute URI", http.StatusBadRequest)
		return
	}
	p.record(r.URL.Host)

	out := r.Clone(r.Context())
	out.RequestURI = ""
	out.Header.Del("Proxy-Connection")
	out.Header.Del("Proxy-Authorization")
	p.mu.Lock()
	upstreamTLS := p.upstreamTLS
	p.mu.Unlock()
	var rt http.RoundTripper = p.transport
	if upstreamTLS != nil {
		// The URL keeps its http scheme (the mock routes on Host), but the
		// bytes go over TLS to a mock that serves only HTTPS.
		rt = &tlsUpstream{p: p, cfg: upstreamTLS}
	}
	resp, err := rt.RoundTrip(out)
	if err != nil {
		http.Error(w, "mockcloud proxy: "+err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	for k, vs := range resp.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body)
}

// tlsUpstream sends one plain-HTTP request to the target over TLS.
type tlsUpstream struct {
	p   *Proxy
	cfg *tls.Config
}

func (u *tlsUpstream) RoundTrip(r *http.Request) (*http.Response, error) {
	t := &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			target := u.p.Target()
			cfg := u.cfg.Clone()
			if cfg.ServerName == "" {
				// The target's own name: an IP such as 100.100.100.200
				// sends no SNI, so the mock would answer its 127.0.0.1 leaf.
				cfg.ServerName, _, _ = net.SplitHostPort(target)
			}
			d := &tls.Dialer{Config: cfg, NetDialer: &net.Dialer{Timeout: 10 * time.Second}}
			return d.DialContext(ctx, "tcp", target)
		},
		DisableKeepAlives: true,
	}
	resp, err := t.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

func (p *Proxy) serveConnect(w http.ResponseWriter, r *http.Request) {
	p.record(r.Host)
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, "mockcloud proxy: cannot hijack the connection", http.StatusInternalServerError)
		return
	}
	client, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	if _, err := client.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n")); err != nil {
		client.Close()
		return
	}
	// The client speaks first in both HTTP and TLS; its first byte tells
	// which (dialTunnel).
	_ = client.SetReadDeadline(time.Now().Add(30 * time.Second))
	first, err := buf.Peek(1)
	_ = client.SetReadDeadline(time.Time{})
	if err != nil {
		client.Close()
		return
	}
	upstream, err := p.dialTunnel(first[0] == 0x16)
	if err != nil {
		client.Close()
		return
	}
	// Bytes the server already buffered belong to the tunnel.
	if n := buf.Reader.Buffered(); n > 0 {
		pending, _ := buf.Peek(n)
		if _, err := upstream.Write(pending); err != nil {
			client.Close()
			upstream.Close()
			return
		}
	}
	done := make(chan struct{}, 2)
	pipe := func(dst, src net.Conn) {
		_, _ = io.Copy(dst, src)
		if c, ok := dst.(interface{ CloseWrite() error }); ok {
			_ = c.CloseWrite()
		}
		done <- struct{}{}
	}
	go pipe(upstream, client)
	go pipe(client, upstream)
	<-done
	<-done
	client.Close()
	upstream.Close()
}
