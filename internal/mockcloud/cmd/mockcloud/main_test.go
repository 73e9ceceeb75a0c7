// The command is package main, so its test is an internal one.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to read while run writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	addrFile := filepath.Join(dir, "addr")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{
			"-addr", "127.0.0.1:0", "-addr-file", addrFile, "-quiet",
			"-seed-trail", "trail-a", "-seed-trail", "trail-b",
			"-credential", "ak2:sk2:999", "-credential", "ak3:sk3::Sas,Cdn", "-state", filepath.Join(dir, "state.json"),
			"-rate-limit", "Actiontrail.ListDeliveryHistoryJobs=5",
		}, &stdout, &stderr)
	}()

	var addr string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if data, err := os.ReadFile(addrFile); err == nil && strings.HasSuffix(string(data), "\n") {
			addr = strings.TrimSpace(string(data))
			break
		}
	}
	if addr == "" {
		t.Fatalf("no address written; stderr: %s", stderr.String())
	}

	resp, err := http.Get("http://" + addr + "/_mock/actiontrail/trails")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var trails struct{ Trails []struct{ Name string } }
	if err := json.Unmarshal(body, &trails); err != nil || len(trails.Trails) != 2 {
		t.Errorf("trails = %s (%v)", body, err)
	}

	// The built-in Security Center subtasks are there by default.
	resp, err = http.Get("http://" + addr + "/_mock/sas/subtasks")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	var subtasks struct {
		Subtasks []struct {
			TaskID int64 `json:"task_id"`
		}
	}
	if err := json.Unmarshal(body, &subtasks); err != nil || len(subtasks.Subtasks) != 5 || subtasks.Subtasks[0].TaskID != 4001 {
		t.Errorf("subtasks = %s (%v)", body, err)
	}

	resp, err = http.Get("http://" + addr + "/_mock/ratelimits")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"per_second": 5`) {
		t.Errorf("rate limits = %s", body)
	}

	out := stdout.String()
	for _, want := range []string{addr, "(HTTP)", "ALIBABA_CLOUD_ACCESS_KEY_ID=mock-access-key-id", "TENCENTCLOUD_SECRET_ID=AKIDmockcloud", "/_mock/"} {
		if !strings.Contains(out, want) {
			t.Errorf("banner lacks %q:\n%s", want, out)
		}
	}

	if strings.Contains(stderr.String(), "WARNING") {
		t.Errorf("a loopback mock warns:\n%s", stderr.String())
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no shutdown")
	}
	if _, err := os.Stat(filepath.Join(dir, "state.json")); err != nil {
		t.Errorf("state file: %v", err)
	}
}

// A mock bound to every interface warns; its admin API still refuses a
// request addressed to a non-loopback name.
func TestRunNonLoopbackWarns(t *testing.T) {
	t.Parallel()
	addrFile := filepath.Join(t.TempDir(), "addr")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "0.0.0.0:0", "-addr-file", addrFile, "-quiet", "-seed-subtasks=false"}, &stdout, &stderr)
	}()
	var addr string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if data, err := os.ReadFile(addrFile); err == nil && strings.HasSuffix(string(data), "\n") {
			addr = strings.TrimSpace(string(data))
			break
		}
	}
	if addr == "" {
		t.Fatalf("no address written; stderr: %s", stderr.String())
	}
	if msg := stderr.String(); !strings.Contains(msg, "WARNING") || !strings.Contains(msg, "not a loopback address") {
		t.Errorf("no warning on stderr:\n%s", msg)
	}
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest("GET", "http://127.0.0.1:"+port+"/_mock/health", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = "mock.example:" + port
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("admin request with Host %s: HTTP %d, want 403", req.Host, resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("run: %v", err)
	}
}

func TestRunBadFlags(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"-credential", "only-ak"}, {"-nope"}, {"extra"}, {"-rate-limit", "Cdn"}, {"-rate-limit", "Cdn=-1"}, {"-ca-file", "x.pem"}, {"-role", "not-an-arn"}, {"-role", `{"arn":1}`}, {"-instance-role", "alibaba"}} {
		if err := run(context.Background(), args, io.Discard, io.Discard); err == nil {
			t.Errorf("run(%v) succeeded", args)
		}
	}
	// A malformed credential is refused without its secret in the error.
	if err := run(context.Background(), []string{"-credential", ":s3cret-value"}, io.Discard, io.Discard); err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("run(-credential :SECRET) = %v", err)
	}
}

func TestRunTLSProxyRoles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	addrFile, caFile, proxyFile := filepath.Join(dir, "addr"), filepath.Join(dir, "ca.pem"), filepath.Join(dir, "proxy")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{
			"-addr", "127.0.0.1:0", "-addr-file", addrFile, "-quiet", "-tls", "-ca-file", caFile,
			"-proxy-addr", "127.0.0.1:0", "-proxy-addr-file", proxyFile,
			"-role", "acs:ram::1234567890:role/auditor",
			"-role", `{"arn":"qcs::cam::uin/1234567890:roleName/auditor","trusted":["AKIDmockcloud"],"max_session_duration":7200}`,
			"-oidc-token", "tok", "-instance-role", "alibaba=acs:ram::1234567890:role/auditor",
		}, &stdout, &stderr)
	}()
	var addr string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if data, err := os.ReadFile(addrFile); err == nil && strings.HasSuffix(string(data), "\n") {
			addr = strings.TrimSpace(string(data))
			break
		}
	}
	if addr == "" {
		t.Fatalf("no address written; stderr: %s", stderr.String())
	}
	pemData, err := os.ReadFile(caFile)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pemData) {
		t.Fatalf("CA file: %q", pemData)
	}
	out := stdout.String()
	m := regexp.MustCompile(`Forward proxy on (\S+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no proxy in the banner:\n%s", out)
	}
	for _, want := range []string{
		"(HTTPS)", "export SSL_CERT_FILE=" + caFile, "export NODE_EXTRA_CA_CERTS=" + caFile,
		"export HTTPS_PROXY=http://" + m[1], "export http_proxy=http://" + m[1], `proxy: "http://` + m[1],
		"https://" + addr + "/_mock/health", `endpoint: "` + addr + `" }`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("banner lacks %q:\n%s", want, out)
		}
	}
	if data, err := os.ReadFile(proxyFile); err != nil || strings.TrimSpace(string(data)) != m[1] {
		t.Errorf("-proxy-addr-file: %q (%v), banner %s", data, err, m[1])
	}

	direct := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	resp, err := direct.Get("https://" + addr + "/_mock/sts/roles")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var roles struct {
		Roles []struct {
			ARN     string   `json:"arn"`
			Trusted []string `json:"trusted"`
		}
	}
	if err := json.Unmarshal(body, &roles); err != nil || len(roles.Roles) != 2 || roles.Roles[0].Trusted[0] != "account:1234567890" {
		t.Errorf("roles = %s (%v)", body, err)
	}

	// Vendor host names and the metadata address through the proxy.
	proxyURL, _ := url.Parse("http://" + m[1])
	proxied := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxyURL), TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	resp, err = proxied.Get("https://sts.aliyuncs.com/_mock/health")
	if err != nil {
		t.Fatalf("HTTPS through the proxy: %v", err)
	}
	resp.Body.Close()
	resp, err = proxied.Get("http://100.100.100.200/latest/meta-data/ram/security-credentials/")
	if err != nil {
		t.Fatalf("metadata through the proxy: %v", err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "auditor" {
		t.Errorf("ECS role name: %d %q", resp.StatusCode, body)
	}
	// Plain HTTP inside a CONNECT tunnel, as tencentcloud-sdk-nodejs's
	// https-proxy-agent sends http:// requests: the proxy speaks TLS to
	// the HTTPS-only mock for it.
	if got := plainHTTPThroughTunnel(t, m[1], "100.100.100.200:80", "/latest/meta-data/ram/security-credentials/"); got != "auditor" {
		t.Errorf("plain HTTP through a CONNECT tunnel: %q", got)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no shutdown")
	}
}

// plainHTTPThroughTunnel opens a CONNECT tunnel to target through the proxy,
// sends a plain HTTP GET of path inside it and returns the answer's body.
func plainHTTPThroughTunnel(t *testing.T, proxy, target, path string) string {
	t.Helper()
	conn, err := net.Dial("tcp", proxy)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(conn, "CONNECT %[1]s HTTP/1.1\r\nHost: %[1]s\r\n\r\n", target)
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, &http.Request{Method: http.MethodConnect})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("CONNECT: %v %v", resp, err)
	}
	host, _, _ := net.SplitHostPort(target)
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, host)
	resp, err = http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("GET in the tunnel: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}
