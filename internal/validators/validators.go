// Package validators holds plan-time validators shared by the provider and
// the services, beyond those of terraform-plugin-framework-validators.
package validators

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// RegionRE is the shape of a region id on both vendors (conns.ValidateRegion
// applies the same rule to values from environment variables).
var RegionRE = conns.RegionRE

type hostPort struct{}

// HostPort validates an endpoint override: host[:port], no scheme.
func HostPort() validator.String { return hostPort{} }

func (hostPort) Description(context.Context) string {
	return "must be host[:port] without a scheme, for example 127.0.0.1:8080"
}

func (v hostPort) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v hostPort) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := conns.ValidateEndpoint(req.ConfigValue.ValueString()); err != nil {
		// Terraform shows provider-block errors without the nested path, so
		// the detail names it.
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid endpoint",
			fmt.Sprintf("%s: %s. Example: 127.0.0.1:8080.", req.Path, err))
	}
}
