package conns

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ListItem is one object a list resource found: its display name, its
// identity and, when the query asked for it (include_resource), the
// resource as Read would store it.
type ListItem struct {
	DisplayName string
	Identity    any
	// Resource returns the resource model; it is called only when the
	// request includes resources, so costs it adds (a detail call) are
	// paid only then. A nil model without an error is an object gone
	// since it was listed: it is left out.
	Resource func(ctx context.Context) (any, error)
}

// StreamList sets stream.Results to push the items next yields, at most
// req.Limit of them (0: no limit), each with its identity and, with
// include_resource, its resource. next is called once, when Terraform
// starts reading (with the List call's ctx), so the list calls happen inside the stream; an error
// from it or from an item's Resource ends the stream with a diagnostic
// summarised as summary.
func StreamList(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream, summary string, next func(ctx context.Context, yield func(ListItem) bool) error) {
	stream.Results = func(push func(list.ListResult) bool) {
		var n int64
		stopped := false
		err := next(ctx, func(it ListItem) bool {
			if req.Limit > 0 && n >= req.Limit {
				stopped = true
				return false
			}
			r := req.NewListResult(ctx)
			r.DisplayName = it.DisplayName
			r.Diagnostics.Append(r.Identity.Set(ctx, it.Identity)...)
			if req.IncludeResource && it.Resource != nil && !r.Diagnostics.HasError() {
				m, err := it.Resource(ctx)
				switch {
				case err != nil:
					r.Diagnostics.AddError(summary, err.Error())
				case m == nil:
					return true
				default:
					r.Diagnostics.Append(r.Resource.Set(ctx, m)...)
				}
			}
			n++
			if !push(r) || r.Diagnostics.HasError() {
				stopped = true
				return false
			}
			return true
		})
		if err != nil && !stopped {
			var diags diag.Diagnostics
			diags.AddError(summary, err.Error())
			push(list.ListResult{Diagnostics: diags})
		}
	}
}

// NullTimeouts is a null timeouts block of the resource schema s, for the
// resource of a list result (a found object has no configured timeouts).
func NullTimeouts(ctx context.Context, s interface {
	TypeAtPath(context.Context, path.Path) (attr.Type, diag.Diagnostics)
}) timeouts.Value {
	t, d := s.TypeAtPath(ctx, path.Root("timeouts"))
	if tt, ok := t.(timeouts.Type); ok && !d.HasError() {
		return timeouts.Value{Object: types.ObjectNull(tt.AttrTypes)}
	}
	return timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{})}
}
