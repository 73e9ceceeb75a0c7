package drift

import (
	"context"
	"encoding/json"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// privateKey is the private state key holding when Terraform last changed
// the object (create, update, import): look-ups start there.
const privateKey = "cloudtrack_drift"

type privateData struct {
	Since time.Time `json:"since"`
}

// privateSetter and privateGetter are resp.Private / req.Private of the
// framework's requests (its type is internal to the framework).
type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// Mark records in private state that Terraform changed the object now:
// call it at the end of Create and Update (Read records an import).
func Mark(ctx context.Context, p privateSetter) {
	if p == nil {
		return
	}
	data, _ := json.Marshal(privateData{Since: time.Now().UTC()})
	if d := p.SetKey(ctx, privateKey, data); d.HasError() {
		tflog.Warn(ctx, "recording the time of the change in private state", map[string]any{"error": d})
	}
}

func since(ctx context.Context, p privateGetter) (time.Time, bool) {
	if p == nil {
		return time.Time{}, false
	}
	data, d := p.GetKey(ctx, privateKey)
	if d.HasError() || len(data) == 0 {
		return time.Time{}, false
	}
	var pd privateData
	if json.Unmarshal(data, &pd) != nil || pd.Since.IsZero() {
		return time.Time{}, false
	}
	return pd.Since, true
}

// AfterRead is the hook at the end of a resource's Read (defer it once
// the object is known): when the read found the object different from its
// prior state in a managed attribute, or gone, it asks the engine who
// changed it and adds the answer as a warning. A Read with errors, of a
// state without a recorded change (the first read after an import or
// after an upgrade, which records it) adds nothing.
func AfterRead(ctx context.Context, client *conns.Client, o Object, req resource.ReadRequest, resp *resource.ReadResponse) {
	if resp.Diagnostics.HasError() || req.State.Raw.IsNull() {
		return
	}
	t, ok := since(ctx, req.Private)
	if !ok {
		if resp.Private != nil {
			Mark(ctx, resp.Private)
		}
		return
	}
	gone := resp.State.Raw.IsNull()
	if !gone && !differs(req.State, resp.State) {
		return
	}
	e := For(client)
	if e == nil {
		return
	}
	out, ok := e.lookup(ctx, o, t.Truncate(time.Second))
	if !ok {
		return
	}
	summary, detail := warning(o, gone, t, out, e.vendors[o.Vendor].set)
	resp.Diagnostics.AddWarning(summary, detail)
}

// differs reports whether a managed (required or optional) attribute or a
// block differs between the states.
func differs(prior, cur tfsdk.State) bool {
	var a, b map[string]tftypes.Value
	if prior.Raw.As(&a) != nil || cur.Raw.As(&b) != nil || prior.Schema == nil {
		return !prior.Raw.Equal(cur.Raw)
	}
	for name, at := range prior.Schema.GetAttributes() {
		if !at.IsRequired() && !at.IsOptional() {
			continue
		}
		if !a[name].Equal(b[name]) {
			return true
		}
	}
	for name := range prior.Schema.GetBlocks() {
		if !a[name].Equal(b[name]) {
			return true
		}
	}
	return false
}
