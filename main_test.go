// The command's helpers cannot be reached from outside package main, so
// its test is in the package (as internal/bench's are).
package main

import (
	"os"
	"testing"
)

var quietVars = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_CLOUDTRACK"}

// Without TF_LOG or TF_LOG_PROVIDER Terraform drops the provider's log
// lines, so the SDK's and the provider's loggers are switched off; a level
// the user set stays.
func TestQuietUnlessLogged(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want map[string]string // "" = unset
	}{
		{"no logging asked for", nil,
			map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "OFF", "TF_LOG_PROVIDER_CLOUDTRACK": "OFF"}},
		{"a level the user set stays", map[string]string{"TF_LOG_SDK_FRAMEWORK": "debug"},
			map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "debug", "TF_LOG_PROVIDER_CLOUDTRACK": "OFF"}},
		{"TF_LOG", map[string]string{"TF_LOG": "trace"}, map[string]string{}},
		{"TF_LOG_PROVIDER", map[string]string{"TF_LOG_PROVIDER": "debug"}, map[string]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, k := range append([]string{"TF_LOG", "TF_LOG_PROVIDER"}, quietVars...) {
				t.Setenv(k, "") // restored after the test
				_ = os.Unsetenv(k)
			}
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			quietUnlessLogged()
			for _, k := range quietVars {
				if got := os.Getenv(k); got != tc.want[k] {
					t.Errorf("%s = %q, want %q", k, got, tc.want[k])
				}
			}
		})
	}
}
