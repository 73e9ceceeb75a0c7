package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// validateEnvRegions checks a region taken from an environment variable as
// the schema's validator checks a configured one, naming the variable.
func validateEnvRegions(ali, tc types.String, diags *diag.Diagnostics) {
	for _, r := range []struct {
		v   types.String
		env []string
		at  path.Path
	}{
		{ali, conns.EnvAlicloudRegion, path.Root("alicloud").AtName("region")},
		{tc, conns.EnvTencentRegion, path.Root("tencentcloud").AtName("region")},
	} {
		if !r.v.IsNull() && r.v.ValueString() != "" {
			continue // configured: the schema validated it
		}
		if name, v := conns.LookupEnv(r.env); name != "" {
			if err := conns.ValidateRegion(v, "environment variable "+name); err != nil {
				diags.AddAttributeError(r.at, "Invalid region", err.Error())
			}
		}
	}
}
