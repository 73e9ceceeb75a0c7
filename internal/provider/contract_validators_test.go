package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/contract"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/provider"
)

// contractLimits binds resource attributes to the API parameters they are
// sent as; TestContractValidators checks each attribute's plan-time rules
// against the parameter's limits in the vendors' definitions.
var contractLimits = []struct {
	resource, attribute    string
	product, action, param string
}{
	{"cloudtrack_actiontrail_trail", "name", "actiontrail", "CreateTrail", "Name"},
	{"cloudtrack_actiontrail_trail", "oss_bucket_name", "actiontrail", "CreateTrail", "OssBucketName"},
	{"cloudtrack_actiontrail_trail", "oss_key_prefix", "actiontrail", "CreateTrail", "OssKeyPrefix"},
	{"cloudtrack_actiontrail_trail", "event_rw", "actiontrail", "CreateTrail", "EventRW"},
	{"cloudtrack_cdn_deliver_task", "domain_names", "cdn", "CreateCdnDeliverTask", "DomainName"},
	{"cloudtrack_dcdn_deliver_task", "domain_names", "dcdn", "CreateDcdnDeliverTask", "DomainName"},
	{"cloudtrack_cdn_report_subscription", "domain_names", "cdn", "CreateCdnSubTask", "DomainName"},
	{"cloudtrack_dcdn_report_subscription", "domain_names", "dcdn", "CreateDcdnSubTask", "DomainName"},
	{"cloudtrack_cdn_report_subscription", "report_ids", "cdn", "CreateCdnSubTask", "ReportIds"},
	{"cloudtrack_dcdn_report_subscription", "report_ids", "dcdn", "CreateDcdnSubTask", "ReportIds"},
	{"cloudtrack_cloudaudit_track", "name", "cloudaudit", "CreateAuditTrack", "Name"},
	{"cloudtrack_cloudaudit_track", "event_names", "cloudaudit", "CreateAuditTrack", "EventNames"},
	{"cloudtrack_cloudaudit_track", "action_type", "cloudaudit", "CreateAuditTrack", "ActionType"},
	// Nested attributes (a dot per level; a list of objects is crossed to
	// its object) and the nested parameters they are sent as.
	{"cloudtrack_cloudaudit_track", "storage.type", "cloudaudit", "CreateAuditTrack", "Storage.StorageType"},
	{"cloudtrack_cloudaudit_track", "storage.type", "cloudaudit", "ModifyAuditTrack", "Storage.StorageType"},
	{"cloudtrack_cloudaudit_track", "filters.action_type", "cloudaudit", "CreateEventsAuditTrack", "Filters.ResourceFields.ActionType"},
	{"cloudtrack_cloudaudit_track", "filters.event_names", "cloudaudit", "CreateEventsAuditTrack", "Filters.ResourceFields.EventNames"},
	{"cloudtrack_cloudaudit_track", "filters.event_names", "cloudaudit", "ModifyEventsAuditTrack", "Filters.ResourceFields.EventNames"},
	// A deliver task's reports[].report_id travels inside the Reports
	// JSON, which the models leave opaque; the report catalogue it must
	// name is the one the sub-task APIs enumerate (ReportIds).
	{"cloudtrack_cdn_deliver_task", "reports.report_id", "cdn", "CreateCdnSubTask", "ReportIds"},
	{"cloudtrack_dcdn_deliver_task", "reports.report_id", "dcdn", "CreateDcdnSubTask", "ReportIds"},
}

// Nested attributes whose parameters the contract gives no limit to
// compare (so they are not in contractLimits), and why:
//   - storage.name, storage.prefix: the text gives one rule per storage
//     type (overrides.json notes); the provider checks each type's rule
//     (validateStorage), the mock too.
//   - storage.region, storage.account_id, storage.app_id,
//     filters.resource_type: the definitions state no value list, length
//     or pattern.
//   - storage.compress, enabled, track_for_all_members: booleans sent as
//     the integer enums 1/2 and 0/1 (TestContractIntegerEnums_switches in
//     internal/service/cloudaudit).
//   - reports.conditions, schedule.*, deliver.email.* (CDN, DCDN): inside
//     the Reports, Schedule and Deliver JSON parameters, which the models
//     type as opaque strings.

// contractParam resolves a dotted parameter path (Storage.StorageType).
func contractParam(a *contract.Action, dotted string) *contract.Param {
	names := strings.Split(dotted, ".")
	p := a.Param(names[0])
	for _, n := range names[1:] {
		if p == nil {
			return nil
		}
		p = p.Member(n)
	}
	return p
}

// schemaAttribute resolves a dotted attribute path: a single nested
// attribute's attributes, or a list/set of objects' object attributes.
func schemaAttribute(s rschema.Schema, dotted string) (rschema.Attribute, bool) {
	names := strings.Split(dotted, ".")
	attrs := s.Attributes
	for i, n := range names {
		a, ok := attrs[n]
		if !ok {
			return nil, false
		}
		if i == len(names)-1 {
			return a, true
		}
		switch a := a.(type) {
		case rschema.SingleNestedAttribute:
			attrs = a.Attributes
		case rschema.ListNestedAttribute:
			attrs = a.NestedObject.Attributes
		case rschema.SetNestedAttribute:
			attrs = a.NestedObject.Attributes
		default:
			return nil, false
		}
	}
	return nil, false
}

// Each validator's limit equals the contract's (internal/contract), for
// top-level and nested attributes (a nested attribute's own validators,
// which Terraform runs on each object's value): values
// at the contract's bounds pass the attribute's validators, values just
// past them are refused at plan time; every enum value passes, another
// does not.
func TestContractValidators(t *testing.T) {
	ctx := context.Background()
	schemas := resourceSchemas(t)
	for _, c := range contractLimits {
		t.Run(c.resource+"."+c.attribute+"/"+c.action, func(t *testing.T) {
			a := contract.MustLoad(c.product).Actions[c.action]
			prm := contractParam(a, c.param)
			if prm == nil {
				t.Fatalf("%s %s has no parameter %s", c.product, c.action, c.param)
			}
			attr, ok := schemaAttribute(schemas[c.resource], c.attribute)
			if !ok {
				t.Fatalf("%s has no attribute %s", c.resource, c.attribute)
			}
			probes := probesFor(prm)
			if len(probes) == 0 {
				t.Fatalf("the contract gives %s.%s no limit to check", c.action, c.param)
			}
			// An enum is equal both ways: the values the attribute's OneOf
			// declares are the contract's (its Description lists them).
			if declared, ok := declaredEnum(ctx, attr); ok && len(prm.Enum) > 0 {
				want := slices.Clone(prm.Enum)
				slices.Sort(want)
				if !slices.Equal(declared, want) {
					t.Errorf("the attribute allows %q, the contract %q (%s %s.%s)", declared, want, c.product, c.action, c.param)
				}
			}
			for _, p := range probes {
				refused := validate(ctx, t, attr, p.values)
				if refused == p.valid {
					t.Errorf("%s: %s (contract %s %s.%s)", p.what, map[bool]string{true: "refused", false: "accepted"}[refused], c.product, c.action, c.param)
				}
			}
		})
	}
}

type probe struct {
	what   string
	values []string
	valid  bool
}

func probesFor(p *contract.Param) []probe {
	var out []probe
	str := func(n int) string { return strings.Repeat("a", n) }
	if p.MinLength != nil && *p.MinLength > 1 {
		out = append(out, probe{fmt.Sprintf("%d characters", *p.MinLength-1), []string{str(*p.MinLength - 1)}, false})
		out = append(out, probe{fmt.Sprintf("%d characters", *p.MinLength), []string{str(*p.MinLength)}, true})
	}
	if p.MaxLength != nil {
		out = append(out, probe{fmt.Sprintf("%d characters", *p.MaxLength), []string{str(*p.MaxLength)}, true})
		out = append(out, probe{fmt.Sprintf("%d characters", *p.MaxLength+1), []string{str(*p.MaxLength + 1)}, false})
	}
	if p.MaxItems != nil {
		list := func(n int) []string {
			out := make([]string, n)
			for i := range out {
				out[i] = fmt.Sprintf("d%d.example.com", i)
			}
			return out
		}
		out = append(out, probe{fmt.Sprintf("%d items", *p.MaxItems), list(*p.MaxItems), true})
		out = append(out, probe{fmt.Sprintf("%d items", *p.MaxItems+1), list(*p.MaxItems + 1), false})
	}
	for _, e := range p.Enum {
		out = append(out, probe{"enum value " + e, []string{e}, true})
	}
	if len(p.Enum) > 0 {
		out = append(out, probe{"a value outside the enum", []string{"999999"}, false})
	}
	return out
}

func resourceSchemas(t *testing.T) map[string]rschema.Schema {
	t.Helper()
	ctx := context.Background()
	p := provider.New("test")()
	out := map[string]rschema.Schema{}
	for _, f := range p.Resources(ctx) {
		r := f()
		var md resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "cloudtrack"}, &md)
		var sr resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sr)
		out[md.TypeName] = sr.Schema
	}
	return out
}

// standalone reports whether a validator judges the value alone (not
// through other attributes of the configuration, which the probe lacks).
func standalone(v any) bool {
	name := fmt.Sprintf("%T", v)
	for _, s := range []string{"AlsoRequires", "ConflictsWith", "ExactlyOneOf", "AtLeastOneOf", "alsoRequires", "conflictsWith", "exactlyOneOf", "atLeastOneOf"} {
		if strings.Contains(name, s) {
			return false
		}
	}
	return true
}

// validate runs the attribute's standalone validators on values (one
// string, or a list/set's elements) and reports whether any refused them.
func validate(ctx context.Context, t *testing.T, a rschema.Attribute, values []string) bool {
	t.Helper()
	p := path.Root("probe")
	switch a := a.(type) {
	case rschema.StringAttribute:
		req := validator.StringRequest{Path: p, ConfigValue: types.StringValue(values[0])}
		return anyRefuses(a.Validators, func(v validator.String) diag.Diagnostics {
			var resp validator.StringResponse
			v.ValidateString(ctx, req, &resp)
			return resp.Diagnostics
		})
	case rschema.ListAttribute:
		elems := make([]attr.Value, len(values))
		for i, s := range values {
			elems[i] = types.StringValue(s)
		}
		req := validator.ListRequest{Path: p, ConfigValue: types.ListValueMust(types.StringType, elems)}
		return anyRefuses(a.Validators, func(v validator.List) diag.Diagnostics {
			var resp validator.ListResponse
			v.ValidateList(ctx, req, &resp)
			return resp.Diagnostics
		})
	case rschema.SetAttribute:
		elems := make([]attr.Value, len(values))
		for i, s := range values {
			if a.ElementType == types.StringType {
				elems[i] = types.StringValue(s)
				continue
			}
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				t.Fatalf("set probe %q: %v", s, err)
			}
			elems[i] = types.Int64Value(n)
		}
		req := validator.SetRequest{Path: p, ConfigValue: types.SetValueMust(a.ElementType, elems)}
		return anyRefuses(a.Validators, func(v validator.Set) diag.Diagnostics {
			var resp validator.SetResponse
			v.ValidateSet(ctx, req, &resp)
			return resp.Diagnostics
		})
	case rschema.Int64Attribute:
		n, err := strconv.ParseInt(values[0], 10, 64)
		if err != nil {
			t.Fatalf("int64 probe %q: %v", values[0], err)
		}
		req := validator.Int64Request{Path: p, ConfigValue: types.Int64Value(n)}
		return anyRefuses(a.Validators, func(v validator.Int64) diag.Diagnostics {
			var resp validator.Int64Response
			v.ValidateInt64(ctx, req, &resp)
			return resp.Diagnostics
		})
	default:
		t.Fatalf("no probe for a %T", a)
	}
	return false
}

// anyRefuses reports whether a standalone validator of vs refuses the
// probe run reports on.
func anyRefuses[V any](vs []V, run func(V) diag.Diagnostics) bool {
	for _, v := range vs {
		if standalone(v) && run(v).HasError() {
			return true
		}
	}
	return false
}

var oneOfRE = regexp.MustCompile(`^value must be one of: \[(.*)\]$`)

// declaredEnum returns, sorted, the values a OneOf validator of the
// attribute declares (from its Description, the text users see).
func declaredEnum(ctx context.Context, a rschema.Attribute) ([]string, bool) {
	var descs []string
	switch a := a.(type) {
	case rschema.StringAttribute:
		for _, v := range a.Validators {
			descs = append(descs, v.Description(ctx))
		}
	case rschema.Int64Attribute:
		for _, v := range a.Validators {
			descs = append(descs, v.Description(ctx))
		}
	}
	for _, d := range descs {
		m := oneOfRE.FindStringSubmatch(d)
		if m == nil {
			continue
		}
		var out []string
		for _, f := range strings.Fields(m[1]) {
			if u, err := strconv.Unquote(f); err == nil {
				f = u
			}
			out = append(out, f)
		}
		slices.Sort(out)
		return out, true
	}
	return nil, false
}
