package cdn_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cdn"
)

func tfStringSet(elems ...any) tftypes.Value {
	vals := make([]tftypes.Value, len(elems))
	for i, e := range elems {
		vals[i] = tftypes.NewValue(tftypes.String, e)
	}
	return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, vals)
}

// The domain_names type finds duplicates and compares values as the
// framework's set type does, in linear time.
func TestStringSetType(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	typ := cdn.StringSetType()
	framework := basetypes.SetType{ElemType: types.StringType}
	for name, in := range map[string]tftypes.Value{
		"distinct":        tfStringSet("a", "b", "c"),
		"a duplicate":     tfStringSet("a", "b", "a"),
		"two nulls":       tfStringSet(nil, "b", nil),
		"unknowns":        tfStringSet(tftypes.UnknownValue, tftypes.UnknownValue, "a"),
		"null set":        tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, nil),
		"unknown set":     tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, tftypes.UnknownValue),
		"empty":           tfStringSet(),
		"three of a kind": tfStringSet("x", "x", "x"),
	} {
		p := path.Root("domain_names")
		got := validate(ctx, typ, in, p)
		want := validate(ctx, framework, in, p)
		if got != want {
			t.Errorf("%s: diagnostics %q, the framework's %q", name, got, want)
		}
		if dup := strings.Contains(got, "Duplicate Set Element"); dup != (name == "a duplicate" || name == "two nulls" || name == "three of a kind") {
			t.Errorf("%s: diagnostics %q", name, got)
		}
	}

	// Values: a type of their own, equal as sets whatever the order.
	val := func(elems ...any) attr.Value {
		v, err := typ.ValueFromTerraform(ctx, tfStringSet(elems...))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if !val("a", "b").Type(ctx).Equal(typ) {
		t.Fatalf("a value's type is %s, want %s", val("a", "b").Type(ctx), typ)
	}
	null, _ := typ.ValueFromTerraform(ctx, tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, nil))
	unknown, _ := typ.ValueFromTerraform(ctx, tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, tftypes.UnknownValue))
	for _, c := range []struct {
		a, b attr.Value
		want bool
	}{
		{val("a", "b"), val("b", "a"), true},
		{val("a", "b"), val("a", "c"), false},
		{val("a", "b"), val("a"), false},
		{val(), val(), true},
		{null, null, true},
		{unknown, unknown, true},
		{null, unknown, false},
		{null, val(), false},
		{val("a"), basetypes.NewSetValueMust(types.StringType, []attr.Value{types.StringValue("a")}), false}, // another type
	} {
		if got := c.a.Equal(c.b); got != c.want {
			t.Errorf("%s equal to %s: %v, want %v", c.a, c.b, got, c.want)
		}
	}
	sem, ok := val("a", "b").(basetypes.SetValuableWithSemanticEquals)
	if !ok {
		t.Fatal("no SetSemanticEquals")
	}
	same, ok1 := val("b", "a").(basetypes.SetValuable)
	other, ok2 := val("b").(basetypes.SetValuable)
	if !ok1 || !ok2 {
		t.Fatal("values are not SetValuable")
	}
	if eq, _ := sem.SetSemanticEquals(ctx, same); !eq {
		t.Error("SetSemanticEquals of the same strings: false")
	}
	if eq, _ := sem.SetSemanticEquals(ctx, other); eq {
		t.Error("SetSemanticEquals of other strings: true")
	}
}

// validate renders a type's Validate diagnostics.
func validate(ctx context.Context, typ attr.Type, in tftypes.Value, p path.Path) string {
	v, ok := typ.(interface {
		Validate(context.Context, tftypes.Value, path.Path) diag.Diagnostics
	})
	if !ok {
		return "no Validate"
	}
	return fmt.Sprint(v.Validate(ctx, in, p))
}
