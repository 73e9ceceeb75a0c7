package contract_test

import (
	"strings"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/contract"
)

// The lenient reading of documented samples repairs only what keeps every
// stated value (raw control characters, dropped outer braces, brackets left
// open) and names any other defect instead of guessing.
func TestLenientJSON(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"a": 1}`, `{"a": 1}`},
		{"\"data\": [{\"crontab\": \"0 0 0 \\\\\t- ?\"}]}", `{"data": [{"crontab": "0 0 0 \\\t- ?"}]}`},
		{`"data": [{"reportId":2,"deliver":{"report":{"header":["ds"]}}}`, `{"data": [{"reportId":2,"deliver":{"report":{"header":["ds"]}}}]}`},
		{"\"a\": \"x\ny\"", `{"a": "x\ny"}`},
		{"\"a\": \"\x01\"", `{"a": "\u0001"}`},
	} {
		got, err := contract.LenientJSON(c.in)
		if err != nil || string(got) != c.want {
			t.Errorf("LenientJSON(%q) = %s, %v; want %s", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{`{"domains"["a"]}`, `{"a": 1}}`, `{"a" 1`} {
		if got, err := contract.LenientJSON(bad); err == nil || !strings.Contains(err.Error(), "not JSON") {
			t.Errorf("LenientJSON(%q) = %s, %v; want an error", bad, got, err)
		}
	}
}
