package cdn

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// stringSetType is a set of strings that checks itself in linear time: the
// deliver-tasks data sources' domain_names (the resources' domain_names is
// a list, which Terraform itself checks in linear time too; README,
// Performance notes).
//
// The framework's own set type (terraform-plugin-framework v1.19.0,
// basetypes.SetType.Validate) looks for duplicate elements by comparing
// every pair with tftypes.Value.Equal, and the framework calls it each time
// it reads the set: every ValueAtPath, every Get of the model, every
// SetAttribute, several times per plan and apply. With 3,000 domain names
// that is 4.5 million deep comparisons per read, seconds of CPU each
// time (the README's Performance notes give the figures). The same check,
// keyed by the string, costs one map insert per element; equality of two
// values likewise.
type stringSetType struct {
	basetypes.SetType
}

var (
	_ basetypes.SetTypable                    = stringSetType{}
	_ basetypes.SetValuableWithSemanticEquals = stringSetValue{}
)

func newStringSetType() stringSetType {
	return stringSetType{SetType: basetypes.SetType{ElemType: types.StringType}}
}

func (t stringSetType) Equal(o attr.Type) bool {
	other, ok := o.(stringSetType)
	return ok && t.SetType.Equal(other.SetType)
}

func (t stringSetType) String() string { return "cdn.stringSetType" }

func (t stringSetType) ValueType(context.Context) attr.Value {
	return stringSetValue{SetValue: basetypes.NewSetNull(types.StringType)}
}

func (t stringSetType) ValueFromSet(_ context.Context, in basetypes.SetValue) (basetypes.SetValuable, diag.Diagnostics) {
	return stringSetValue{SetValue: in}, nil
}

func (t stringSetType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.SetType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	set, ok := v.(basetypes.SetValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return stringSetValue{SetValue: set}, nil
}

// Validate reports duplicate elements as the framework's set type does,
// in one pass.
//
//nolint:staticcheck // xattr.TypeWithValidate is deprecated but is what the framework calls on every read.
func (t stringSetType) Validate(_ context.Context, in tftypes.Value, p path.Path) diag.Diagnostics {
	var diags diag.Diagnostics
	if in.Type() == nil || !in.IsKnown() || in.IsNull() {
		return diags
	}
	var elems []tftypes.Value
	if err := in.As(&elems); err != nil {
		diags.AddAttributeError(p, "Set Type Validation Error",
			"An unexpected error was encountered trying to validate an attribute value. This is always an error in the provider. Please report the following to the provider developer:\n\n"+err.Error())
		return diags
	}
	seen := make(map[string]struct{}, len(elems))
	nulls := 0
	for _, e := range elems {
		if !e.IsKnown() {
			continue
		}
		if e.IsNull() {
			if nulls++; nulls == 2 {
				diags.AddAttributeError(p, "Duplicate Set Element", fmt.Sprintf("This attribute contains duplicate values of: %s", e))
			}
			continue
		}
		var s string
		if err := e.As(&s); err != nil {
			diags.AddAttributeError(p, "Set Type Validation Error", "An unexpected error was encountered trying to validate an attribute value: "+err.Error())
			return diags
		}
		if _, dup := seen[s]; dup {
			diags.AddAttributeError(p, "Duplicate Set Element", fmt.Sprintf("This attribute contains duplicate values of: %s", e))
			continue
		}
		seen[s] = struct{}{}
	}
	return diags
}

// stringSetValue is a value of stringSetType.
type stringSetValue struct {
	basetypes.SetValue
}

func (v stringSetValue) Type(context.Context) attr.Type { return newStringSetType() }

func (v stringSetValue) ToSetValue(context.Context) (basetypes.SetValue, diag.Diagnostics) {
	return v.SetValue, nil
}

// SetSemanticEquals reports whether the two sets hold the same strings,
// in one pass. It is plain equality, nothing looser: when it is true the
// framework keeps the prior value, which is then the same value. It saves
// the framework's own element walk (fwschemadata
// ValueSemanticEqualitySetElements, every element against every prior
// element) after each Read, Create and Update when nothing changed.
func (v stringSetValue) SetSemanticEquals(_ context.Context, prior basetypes.SetValuable) (bool, diag.Diagnostics) {
	return v.Equal(prior), nil
}

// Equal compares as sets, in one pass.
func (v stringSetValue) Equal(o attr.Value) bool {
	other, ok := o.(stringSetValue)
	if !ok {
		return false
	}
	if v.IsNull() || v.IsUnknown() || other.IsNull() || other.IsUnknown() {
		return v.IsNull() == other.IsNull() && v.IsUnknown() == other.IsUnknown()
	}
	a, b := v.Elements(), other.Elements()
	if len(a) != len(b) {
		return false
	}
	in := make(map[basetypes.StringValue]struct{}, len(a))
	for _, e := range a {
		s, ok := e.(basetypes.StringValue)
		if !ok {
			return v.SetValue.Equal(other.SetValue)
		}
		in[s] = struct{}{}
	}
	for _, e := range b {
		s, ok := e.(basetypes.StringValue)
		if !ok {
			return v.SetValue.Equal(other.SetValue)
		}
		if _, found := in[s]; !found {
			return false
		}
	}
	return true
}
