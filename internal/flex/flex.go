// Package flex converts between wire values and Terraform values in one
// place: times to RFC 3339, optional strings to null.
package flex

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// StringOrNull maps "" to null.
func StringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// TimeToRFC3339 parses a wire time in layout (interpreted in loc when the
// layout carries no zone) and renders it as RFC 3339; "" becomes null and an
// unparsable value is passed through so nothing is silently lost.
func TimeToRFC3339(s, layout string, loc *time.Location) types.String {
	if s == "" {
		return types.StringNull()
	}
	t, err := time.ParseInLocation(layout, s, loc)
	if err != nil {
		return types.StringValue(s)
	}
	return types.StringValue(t.Format(time.RFC3339))
}

// MillisToRFC3339 renders Unix milliseconds as RFC 3339 UTC; 0 is null.
func MillisToRFC3339(ms int64) types.String {
	if ms == 0 {
		return types.StringNull()
	}
	return types.StringValue(time.UnixMilli(ms).UTC().Format(time.RFC3339))
}
