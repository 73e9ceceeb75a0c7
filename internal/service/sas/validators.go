package sas

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// parseTime reads a user time: RFC 3339, not before the Unix epoch (the
// wire carries unsigned milliseconds).
func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("must be an RFC 3339 timestamp such as 2024-05-01T00:00:00Z or 2024-05-01T08:00:00+08:00, got: %q", s)
	}
	if t.Before(time.Unix(0, 0)) {
		return time.Time{}, fmt.Errorf("must not be before 1970-01-01T00:00:00Z, got: %q", s)
	}
	return t, nil
}

type rfc3339Validator struct{}

func (rfc3339Validator) Description(context.Context) string {
	return "must be an RFC 3339 timestamp, not before 1970"
}

func (v rfc3339Validator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (rfc3339Validator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := parseTime(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid time", fmt.Sprintf("%s %s", req.Path, err))
	}
}

// timeWindowValidator refuses a start_time after end_time at plan time.
type timeWindowValidator struct{}

var _ datasource.ConfigValidator = timeWindowValidator{}

func (timeWindowValidator) Description(context.Context) string {
	return "start_time must not be after end_time"
}

func (v timeWindowValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (timeWindowValidator) ValidateDataSource(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var start, end types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("start_time"), &start)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("end_time"), &end)...)
	if resp.Diagnostics.HasError() || start.IsNull() || start.IsUnknown() || end.IsNull() || end.IsUnknown() {
		return
	}
	s, err1 := parseTime(start.ValueString())
	e, err2 := parseTime(end.ValueString())
	if err1 != nil || err2 != nil {
		return // reported by the attribute validators
	}
	if s.After(e) {
		resp.Diagnostics.AddAttributeError(path.Root("end_time"), "Invalid time window",
			fmt.Sprintf("end_time (%s) is before start_time (%s): the window must not be empty.", end.ValueString(), start.ValueString()))
	}
}
