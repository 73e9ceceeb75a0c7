package conns

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// FromProviderData is what every resource and data source calls in its
// Configure: nil data means the provider is not configured yet (validate).
func FromProviderData(data any, diags *diag.Diagnostics) *Client {
	if data == nil {
		return nil
	}
	c, ok := data.(*Client)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("expected *conns.Client, got %T; please report this issue to the provider developers", data))
		return nil
	}
	return c
}
