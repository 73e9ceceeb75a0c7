package cdn

import (
	"context"
	"fmt"
	"net/mail"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/validators"
)

var noCommaRE = regexp.MustCompile(`^[^,]*$`)

// MaxDomainNames is how many domain names DomainName of the deliver-task
// and sub-task APIs takes: "You can specify up to 500 domain names. If you
// want to specify more than 500 domain names, submit a ticket"
// (alibabacloud-go-sdk cdn-20180510/dcdn-20180115 request models;
// internal/contract/cdn.json, dcdn.json; a test compares).
const MaxDomainNames = 500

// stringCheck is a plan-time string validator from a check function.
type stringCheck struct {
	desc  string
	check func(string) error
}

func (v stringCheck) Description(context.Context) string             { return v.desc }
func (v stringCheck) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
			fmt.Sprintf("%s %s; got %q: %s.", req.Path, v.desc, req.ConfigValue.ValueString(), err))
	}
}

// crontabValidator checks a crontab as Quartz does (the API's scheduler).
func crontabValidator() validator.String { return validators.Quartz() }

// emailValidator accepts a bare address such as ops@example.com.
func emailValidator() validator.String {
	return stringCheck{
		desc: "must be an e-mail address such as ops@example.com",
		check: func(s string) error {
			a, err := mail.ParseAddress(s)
			if err != nil {
				return err
			}
			if a.Address != s {
				return fmt.Errorf("write the bare address %s", a.Address)
			}
			return nil
		},
	}
}

// rfc3339Validator accepts times such as 2030-01-01T00:00:00Z or
// 2030-01-01T08:00:00+08:00 (whole seconds: the API keeps no more).
func rfc3339Validator() validator.String {
	return stringCheck{
		desc: "must be an RFC 3339 time such as 2030-01-01T00:00:00Z",
		check: func(s string) error {
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				return err
			}
			if t.Nanosecond() != 0 {
				return fmt.Errorf("fractions of a second are not kept by the API")
			}
			return nil
		},
	}
}
