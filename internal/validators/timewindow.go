package validators

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// RFC3339 checks a string is a time in RFC 3339 form
// ("2026-12-01T08:00:00Z", "2026-12-01T16:00:00+08:00").
func RFC3339() validator.String { return rfc3339{} }

type rfc3339 struct{}

func (rfc3339) Description(context.Context) string {
	return "value must be a time in RFC 3339 form, such as 2026-12-01T08:00:00Z"
}

func (v rfc3339) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v rfc3339) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := time.Parse(time.RFC3339, req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid time",
			fmt.Sprintf("Attribute %s %s, got %q.", req.Path, v.Description(ctx), req.ConfigValue.ValueString()))
	}
}

// CheckTimeWindow checks a start_time/end_time pair (RFC 3339, each
// optional) against a look-up API's window: the start no earlier than
// retention before now, the end not before the start, and, if maxSpan > 0,
// the two at most maxSpan apart (an unset end is now; an unset start is
// the API's default and not checked). Unknown values are skipped.
func CheckTimeWindow(start, end types.String, retention, maxSpan time.Duration, now time.Time, diags *diag.Diagnostics) {
	parse := func(v types.String) (time.Time, bool) {
		if v.IsNull() || v.IsUnknown() {
			return time.Time{}, false
		}
		t, err := time.Parse(time.RFC3339, v.ValueString())
		return t, err == nil
	}
	s, hasStart := parse(start)
	e, hasEnd := parse(end)
	if hasStart && s.Before(now.Add(-retention)) {
		diags.AddAttributeError(path.Root("start_time"), "Invalid time window",
			fmt.Sprintf("Attribute start_time %s is more than %d days ago; the API searches only the last %d days.",
				start.ValueString(), int(retention.Hours()/24), int(retention.Hours()/24)))
	}
	if hasStart && hasEnd && e.Before(s) {
		diags.AddAttributeError(path.Root("end_time"), "Invalid time window",
			fmt.Sprintf("Attribute end_time %s is before start_time %s.", end.ValueString(), start.ValueString()))
	}
	if maxSpan > 0 && hasStart && !end.IsUnknown() {
		if !hasEnd {
			e = now
		}
		if e.Sub(s) > maxSpan {
			diags.AddAttributeError(path.Root("start_time"), "Invalid time window",
				fmt.Sprintf("Attributes start_time and end_time span more than %d days; the API searches at most %d days at once.",
					int(maxSpan.Hours()/24), int(maxSpan.Hours()/24)))
		}
	}
}
