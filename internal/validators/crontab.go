package validators

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/validators/quartz"
)

// QuartzCrontab returns nil when Quartz's CronExpression accepts s, else
// the rule s breaks. The mock cloud applies the same rule (it calls
// quartz.Validate, this package's leaf, so as not to import the provider).
func QuartzCrontab(s string) error { return quartz.Validate(s) }

type quartzValidator struct{}

// Quartz validates a Quartz crontab (seconds first, '?' in exactly one of
// the two day fields), as the CDN/DCDN deliver task's schedule takes it.
func Quartz() validator.String { return quartzValidator{} }

func (quartzValidator) Description(context.Context) string {
	return fmt.Sprintf("must be a Quartz crontab: second minute hour day-of-month month day-of-week [year], "+
		"with '?' in exactly one of the two day fields, for example %q (every Monday at 08:00)", quartz.Example)
}

func (v quartzValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (quartzValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if err := quartz.Validate(s); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Quartz crontab",
			fmt.Sprintf("%s %q is not a Quartz crontab: %s. Quartz takes second minute hour day-of-month month "+
				"day-of-week [year], with '?' in exactly one of the two day fields: for example %q "+
				"(every Monday at 08:00) or \"0 0 8 * * ?\" (every day at 08:00).", req.Path, s, err, quartz.Example))
	}
}
