package validators_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/validators"
)

func TestQuartz(t *testing.T) {
	p := path.Root("schedule").AtName("crontab")
	for _, tc := range []struct {
		value types.String
		want  []string // in the error's detail; none: valid
	}{
		{types.StringValue("0 0 8 ? * 7"), nil},
		{types.StringValue("0 0 8 ? * MON#1"), nil},
		{types.StringValue("0 0 8 L * ?"), nil},
		{types.StringNull(), nil},
		{types.StringUnknown(), nil},
		{types.StringValue("0 0 8 * * *"), []string{"schedule.crontab", "one of them must be '?'", `"0 0 8 ? * MON"`}},
		{types.StringValue("0 0 25 * * ?"), []string{"schedule.crontab", `the hour field "25" is not valid`, `"0 0 8 * * ?"`}},
	} {
		resp := &validator.StringResponse{}
		validators.Quartz().ValidateString(context.Background(), validator.StringRequest{Path: p, ConfigValue: tc.value}, resp)
		if len(tc.want) == 0 {
			if resp.Diagnostics.HasError() {
				t.Errorf("%s: unexpected error %v", tc.value, resp.Diagnostics)
			}
			continue
		}
		if resp.Diagnostics.ErrorsCount() != 1 {
			t.Fatalf("%s: want one error, got %v", tc.value, resp.Diagnostics)
		}
		detail := resp.Diagnostics.Errors()[0].Detail()
		for _, w := range tc.want {
			if !strings.Contains(detail, w) {
				t.Errorf("%s: the error %q does not contain %q", tc.value, detail, w)
			}
		}
	}
	if err := validators.QuartzCrontab("0 0 8 * * *"); err == nil {
		t.Error(`QuartzCrontab("0 0 8 * * *") = nil; Quartz refuses it`)
	}
}
