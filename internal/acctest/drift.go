package acctest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// Helpers of the drift attribution tests (internal/service/drift).

// AdminChange makes a console-like change through the mock's admin API
// (method, path under the mock, JSON body or ""), recorded as made by
// who, and returns the time of the event the mock recorded for it (an
// event of who's from before the change does not count).
func (e *Env) AdminChange(t *testing.T, method, path, body, who string) time.Time {
	t.Helper()
	m := e.Mock()
	var before int64
	for _, ev := range m.AuditEvents("") {
		before = max(before, ev.Seq)
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	// Bounded: a mock that does not answer fails the test, not hangs it.
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, "http://"+e.Addr+path+sep+"who="+who, bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		t.Fatalf("admin %s %s: %d %s", method, path, resp.StatusCode, data)
	}
	var at time.Time
	for _, ev := range m.AuditEvents("") {
		if ev.Seq > before && ev.UserName == who && ev.Time.After(at) {
			at = ev.Time
		}
	}
	if at.IsZero() {
		t.Fatalf("admin %s %s recorded no event for %s", method, path, who)
	}
	return at
}

// LookupCalls is how many look-up calls (ActionTrail LookupEvents and
// CloudAudit LookUpEvents) the mock served.
func (e *Env) LookupCalls() int {
	c := e.Mock().CallCounts()
	n := 0
	for k, v := range c {
		if strings.HasSuffix(strings.ToLower(k), ".lookupevents") {
			n += v
		}
	}
	return n
}

// ExpectOwnChangesUnreported runs terraform plan in cli after Terraform's
// own changes only, and fails t if the plan warns of a change outside
// Terraform or the provider has looked events up.
func (e *Env) ExpectOwnChangesUnreported(t *testing.T, cli *CLI) {
	t.Helper()
	out := cli.MustRun("plan", "-input=false", "-no-color")
	if w := DriftWarnings(out); len(w) > 0 || e.LookupCalls() != 0 {
		t.Fatalf("own update reported (%v) or looked up (%d calls):\n%s", w, e.LookupCalls(), out)
	}
}

// WithCredential makes the mock accept one more key pair of the default
// account: a second identity signing real API calls.
func WithCredential(id, secret string) Option {
	return func(o *mockcloud.Options) {
		o.Credentials = append(o.Credentials, mockcloud.Credential{AccessKeyID: id, AccessKeySecret: secret})
	}
}

// FlatOutput removes the diagnostic frame and line wrapping from CLI
// output, so a sentence can be looked for whatever the terminal width.
func FlatOutput(out string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(out, "│", " ")), " ")
}

// DriftWarnings are the drift attribution warnings' summaries in CLI
// output.
func DriftWarnings(out string) []string {
	return driftWarningRE.FindAllString(FlatOutput(out), -1)
}

var driftWarningRE = regexp.MustCompile(`Warning: .{1,120}? was (changed|deleted) outside Terraform`)

// WithDriftAttributionOff is cfg (a ProviderConfig) with
// drift_attribution = false in both vendor blocks.
func WithDriftAttributionOff(cfg string) string {
	cfg = strings.Replace(cfg, "alicloud {", "alicloud {\n    drift_attribution = false", 1)
	return strings.Replace(cfg, "tencentcloud {", "tencentcloud {\n    drift_attribution = false", 1)
}
