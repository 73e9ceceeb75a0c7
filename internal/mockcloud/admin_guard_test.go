package mockcloud_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// adminRaw sends one admin request with the given Host, headers and body
// and returns the status and the decoded JSON error (if any).
func adminRaw(t *testing.T, host, reqHost, method, path, body string, header map[string]string) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, "http://"+host+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if reqHost != "" {
		req.Host = reqHost
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s %s (Host %q): Content-Type %q, want application/json", method, path, reqHost, ct)
	}
	var answer struct {
		Error string `json:"error"`
	}
	data, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(data, &answer); err != nil {
		t.Errorf("%s %s: the answer is not JSON: %s", method, path, data)
	}
	return resp.StatusCode, answer.Error
}

func TestAdminGuard_host(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{})
	_, port, _ := strings.Cut(host, ":")
	for _, h := range []string{"", "localhost", "localhost:" + port, "LOCALHOST", "127.0.0.1:" + port, "127.1.2.3", "[::1]:" + port, "[::1]"} {
		if status, msg := adminRaw(t, host, h, "GET", "/_mock/health", "", nil); status != http.StatusOK {
			t.Errorf("Host %q: HTTP %d (%s), want 200", h, status, msg)
		}
	}
	for _, h := range []string{"evil.example", "evil.example:" + port, "10.0.0.1:" + port, "0.0.0.0:" + port, "localhost.evil.example", "127.0.0.1.nip.io", "[::2]"} {
		status, msg := adminRaw(t, host, h, "POST", "/_mock/reset", "", nil)
		if status != http.StatusForbidden || !strings.Contains(msg, "loopback host") || !strings.Contains(msg, h) {
			t.Errorf("Host %q: HTTP %d %q, want 403 naming the host and the rule", h, status, msg)
		}
	}
}

func TestAdminGuard_origin(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{})
	// A cross-site page posting an empty form or a no-cors fetch: no body
	// to refuse, but the browser says where it comes from.
	status, msg := adminRaw(t, host, "", "POST", "/_mock/reset", "", map[string]string{"Origin": "https://evil.example"})
	if status != http.StatusForbidden || !strings.Contains(msg, "cross-site") {
		t.Errorf("cross-site Origin: HTTP %d %q, want 403", status, msg)
	}
	for _, origin := range []string{"http://localhost:3000", "http://" + host} {
		if status, msg := adminRaw(t, host, "", "POST", "/_mock/reset", "", map[string]string{"Origin": origin}); status != http.StatusOK {
			t.Errorf("Origin %q: HTTP %d %q, want 200", origin, status, msg)
		}
	}
}

func TestAdminGuard_contentType(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	trail := `{"name":"t1"}`
	for _, c := range []struct {
		contentType string
		body        string
		want        int
	}{
		{"application/json", trail, http.StatusCreated},
		{"application/json; charset=utf-8", `{"name":"t2"}`, http.StatusCreated},
		{"", `{"name":"t3"}`, http.StatusUnsupportedMediaType},                                  // curl -d without -H sends a form type; none at all is refused too
		{"application/x-www-form-urlencoded", `{"name":"t4"}`, http.StatusUnsupportedMediaType}, // an HTML form, or curl -d
		{"multipart/form-data; boundary=x", "--x--", http.StatusUnsupportedMediaType},
		{"text/plain", `{"name":"t5"}`, http.StatusUnsupportedMediaType}, // a form with enctype=text/plain
		{"application/x-www-form-urlencoded", "", http.StatusUnsupportedMediaType},
	} {
		h := map[string]string{}
		if c.contentType != "" {
			h["Content-Type"] = c.contentType
		}
		status, msg := adminRaw(t, host, "", "POST", "/_mock/actiontrail/trails", c.body, h)
		if status != c.want {
			t.Errorf("Content-Type %q, body %q: HTTP %d %q, want %d", c.contentType, c.body, status, msg, c.want)
		}
		if status == http.StatusUnsupportedMediaType && !strings.Contains(msg, "Content-Type: application/json") {
			t.Errorf("the 415 answer %q does not say what to send", msg)
		}
	}
	if n := len(s.Trails()); n != 2 {
		t.Errorf("%d trails were created; only the two JSON posts may create one", n)
	}
	// Requests without a body need no Content-Type.
	for _, m := range []string{"GET", "DELETE"} {
		path := "/_mock/calls"
		if status, msg := adminRaw(t, host, "", m, path, "", nil); status != http.StatusOK {
			t.Errorf("%s %s without a body: HTTP %d %q", m, path, status, msg)
		}
	}
}

func TestLoopbackAddr(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "127.0.0.1:0": true, "localhost:8080": true, "[::1]:8080": true,
		":8080": false, "0.0.0.0:8080": false, "[::]:8080": false, "192.168.1.10:8080": false, "example.com:80": false,
	} {
		if got := mockcloud.LoopbackAddr(addr); got != want {
			t.Errorf("LoopbackAddr(%q) = %v, want %v", addr, got, want)
		}
	}
}
