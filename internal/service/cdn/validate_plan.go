package cdn

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Plan-time checks of domain names and effective-time order (kept apart
// from validate.go, whose crontab check is being replaced).

// hostNameRE is a domain name as CDN and DCDN accelerate them: dotted
// labels of letters, digits and inner hyphens, optionally a leading "*."
// wildcard; no spaces, no scheme, no port, no trailing dot.
var hostNameRE = regexp.MustCompile(`^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)

// domainNameValidator accepts a domain name such as www.example.com or
// *.example.com. A value with surrounding space (" example.com") would be
// sent trimmed and read back different, replacing the object on every
// apply; it is refused at plan time instead.
func domainNameValidator() validator.String {
	return stringCheck{
		desc: "must be a domain name such as www.example.com or *.example.com (dotted labels of letters, digits and hyphens, nothing around it)",
		check: func(s string) error {
			switch {
			case strings.TrimSpace(s) != s:
				return fmt.Errorf("remove the surrounding white space")
			case !noCommaRE.MatchString(s):
				return fmt.Errorf("one domain per element: the API separates domains with commas")
			case len(s) > 253:
				return fmt.Errorf("longer than 253 characters")
			case !hostNameRE.MatchString(s):
				return fmt.Errorf("not a host name")
			}
			return nil
		},
	}
}

// timeOrderValidator checks at plan time that the time at end is after the
// time at from, when both are set.
type timeOrderValidator struct{ from, end path.Path }

func timeOrder(from, end path.Path) resource.ConfigValidator { return timeOrderValidator{from, end} }

func (v timeOrderValidator) Description(context.Context) string {
	return fmt.Sprintf("%s must be after %s", v.end, v.from)
}

func (v timeOrderValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v timeOrderValidator) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var from, end types.String
	if d := req.Config.GetAttribute(ctx, v.from, &from); d.HasError() {
		return // the parent is unknown or null
	}
	if d := req.Config.GetAttribute(ctx, v.end, &end); d.HasError() {
		return
	}
	if from.IsNull() || from.IsUnknown() || end.IsNull() || end.IsUnknown() {
		return
	}
	f, err1 := time.Parse(time.RFC3339, from.ValueString())
	e, err2 := time.Parse(time.RFC3339, end.ValueString())
	if err1 != nil || err2 != nil {
		return // the attributes' own validators report it
	}
	if !e.After(f) {
		resp.Diagnostics.AddAttributeError(v.end, "Invalid "+v.end.String(),
			fmt.Sprintf("%s (%s) must be after %s (%s).", v.end, end.ValueString(), v.from, from.ValueString()))
	}
}

// uniqueDomains refuses a domain listed twice, in one pass (the
// framework-validators' listvalidator.UniqueValues compares every pair).
// domain_names is a list for speed (see the README's Performance notes),
// but means a set: a repeated domain is a mistake, reported at plan time
// with both positions.
type uniqueDomains struct{}

func (uniqueDomains) Description(context.Context) string {
	return "each domain name at most once"
}

func (v uniqueDomains) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (uniqueDomains) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	first := make(map[string]int, len(req.ConfigValue.Elements()))
	for i, e := range req.ConfigValue.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		if j, dup := first[s.ValueString()]; dup {
			resp.Diagnostics.AddAttributeError(req.Path.AtListIndex(i), "Duplicate domain name",
				fmt.Sprintf("%s lists %q twice (elements %d and %d): list each domain once; the order does not matter.",
					req.Path, s.ValueString(), j, i))
			continue
		}
		first[s.ValueString()] = i
	}
}
