package acctest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
)

func TestNewServesHTTPS(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.NeedsMock(t, "reads the mock it started")
	if e.Protocol != "HTTPS" || strings.Contains(e.ProviderConfig(), "protocol") {
		t.Errorf("protocol %q, config:\n%s", e.Protocol, e.ProviderConfig())
	}
	// The process CA is trusted through SSL_CERT_FILE.
	resp, err := http.Get("https://" + e.Addr + "/_mock/health")
	if err != nil {
		t.Fatalf("HTTPS: %v", err)
	}
	resp.Body.Close()
	resp, err = http.Get("http://" + e.Addr + "/_mock/health")
	if err == nil {
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			t.Errorf("plain HTTP answered by the HTTPS mock")
		}
	}
}

func TestWithHTTP(t *testing.T) {
	t.Parallel()
	e := acctest.New(t, acctest.WithHTTP(), acctest.WithRateLimits())
	e.NeedsMock(t, "reads the mock it started")
	if e.Protocol != "HTTP" || !strings.Contains(e.ProviderConfig(), `protocol   = "HTTP"`) {
		t.Errorf("protocol %q, config:\n%s", e.Protocol, e.ProviderConfig())
	}
	resp, err := http.Get("http://" + e.Addr + "/_mock/health")
	if err != nil {
		t.Fatalf("HTTP: %v", err)
	}
	resp.Body.Close()
	if !e.Mock().RateLimits().Enabled {
		t.Errorf("the other options were not applied")
	}
}
