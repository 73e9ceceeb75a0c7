package mockcloud

import (
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// adminGuard refuses admin requests a web page could make the browser of
// someone running the mock send, since the admin API has no credentials:
//   - a Host that is not a loopback name or address (403): DNS rebinding, a
//     name of the attacker's resolving to 127.0.0.1, sends the attacker's
//     name as Host;
//   - an Origin that is not loopback (403): a cross-site request, even one
//     without a body (POST /_mock/reset);
//   - a Content-Type other than application/json (415), and a body without
//     one: an HTML form can post only form, multipart or text bodies.
//
// The vendor fronts are not guarded: through the forward proxy they are
// reached by the vendors' host names.
func (s *Server) adminGuard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		status, err := checkAdminRequest(r)
		if err != nil {
			writeAdmin(w, status, adminError(err))
			s.logf("admin %s %s -> %d (%v)", r.Method, r.URL.Path, status, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func checkAdminRequest(r *http.Request) (int, error) {
	if !loopbackHost(r.Host) {
		return http.StatusForbidden, fmt.Errorf("the admin API answers only requests addressed to a loopback host "+
			"(localhost, 127.0.0.0/8 or [::1]), not %q: a browser sends a foreign name there after DNS rebinding", r.Host)
	}
	if origin := r.Header.Get("Origin"); origin != "" {
		u, err := url.Parse(origin)
		if err != nil || !loopbackHost(u.Host) {
			return http.StatusForbidden, fmt.Errorf("the admin API refuses cross-site requests: Origin %q is not a loopback origin", origin)
		}
	}
	ct := r.Header.Get("Content-Type")
	hasBody := r.ContentLength != 0 // -1: unknown length (chunked), a body
	if ct == "" && !hasBody {
		return 0, nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		if ct == "" {
			ct = "none"
		}
		return http.StatusUnsupportedMediaType, fmt.Errorf("the admin API takes JSON bodies only: "+
			"send Content-Type: application/json (got %s), e.g. curl -H 'Content-Type: application/json' -d '{...}'", ct)
	}
	return 0, nil
}

// loopbackHost reports whether host (a Host header: name or address, with or
// without a port) is localhost, in 127.0.0.0/8 or ::1.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// LoopbackAddr reports whether a listen address (host:port) accepts only
// loopback connections; ":8080" and "0.0.0.0:8080" do not.
func LoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	return loopbackHost(host)
}
