package flex

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// A data source that returns thousands of objects builds its list straight
// as the terraform value the state holds (ObjectType, TerraformAttrs,
// tftypes.NewValue) and stores it with SetStateWithLarge. The framework's
// own path (an object value per element, then State.Set converting the
// model by reflection and each value once more to check it) holds two to
// three trees of the list at once and spends most of a large read's CPU
// converting between them.

// ObjectType is the terraform type of an object type, for building its
// values.
func ObjectType(ctx context.Context, t attr.Type) (tftypes.Object, error) {
	o, ok := t.TerraformType(ctx).(tftypes.Object)
	if !ok {
		return tftypes.Object{}, fmt.Errorf("%s is not an object type", t)
	}
	return o, nil
}

// TerraformAttrs converts the attribute values of one object of type typ.
// A null value takes its type from typ: a framework value builds its type
// afresh (a nested list's object type is a new map), which for thousands
// of objects adds up.
func TerraformAttrs(ctx context.Context, typ tftypes.Object, attrs map[string]attr.Value) (map[string]tftypes.Value, error) {
	out := make(map[string]tftypes.Value, len(attrs))
	for name, v := range attrs {
		t, ok := typ.AttributeTypes[name]
		if !ok {
			return nil, fmt.Errorf("attribute %q is not part of %s", name, typ)
		}
		if v.IsNull() {
			out[name] = tftypes.NewValue(t, nil)
			continue
		}
		tv, err := v.ToTerraformValue(ctx)
		if err != nil {
			return nil, fmt.Errorf("attribute %q: %w", name, err)
		}
		out[name] = tv
	}
	return out, nil
}

// SetStateWithLarge stores model in state as State.Set does, then puts
// large in place of the top-level attribute name (which the model should
// hold as null: it is replaced).
func SetStateWithLarge(ctx context.Context, state *tfsdk.State, model any, name string, large tftypes.Value) diag.Diagnostics {
	diags := state.Set(ctx, model)
	if diags.HasError() {
		return diags
	}
	var attrs map[string]tftypes.Value
	if err := state.Raw.As(&attrs); err != nil {
		diags.AddError("Value Conversion Error", fmt.Sprintf("reading the state: %s; please report this issue to the provider developers", err))
		return diags
	}
	if _, ok := attrs[name]; !ok {
		diags.AddError("Value Conversion Error", fmt.Sprintf("the state has no attribute %q; please report this issue to the provider developers", name))
		return diags
	}
	attrs[name] = large
	if err := tftypes.ValidateValue(state.Raw.Type(), attrs); err != nil {
		diags.AddError("Value Conversion Error", fmt.Sprintf("setting %s: %s; please report this issue to the provider developers", name, err))
		return diags
	}
	state.Raw = tftypes.NewValue(state.Raw.Type(), attrs)
	return diags
}

// LargeList is a list attribute of thousands of objects as a read keeps
// it: Len elements of list type Type, element i made by Elem(i) from what
// the read kept of it in its own compact form (a wire struct is a tenth
// of the size of the object's terraform value). SetStateWithLargeList
// stores it.
type LargeList struct {
	Type tftypes.List
	Len  int
	Elem func(i int) (tftypes.Value, error)
}

// Value builds the whole list.
func (l LargeList) Value() (tftypes.Value, error) {
	elems := make([]tftypes.Value, l.Len)
	for i := range elems {
		v, err := l.Elem(i)
		if err != nil {
			return tftypes.Value{}, fmt.Errorf("element %d: %w", i, err)
		}
		elems[i] = v
	}
	if err := tftypes.ValidateValue(l.Type, elems); err != nil {
		return tftypes.Value{}, err
	}
	return tftypes.NewValue(l.Type, elems), nil
}

// LargeSink takes the large list of a read in place of its state: a
// server that encodes the state itself (the provider's fast read path)
// puts a sink in the read's context (WithLargeSink), and encodes each
// element as it is made, so the list never exists whole as terraform
// values.
type LargeSink struct {
	// Name is the attribute the list is of ("" when the read stored
	// none); the state holds it as null, and the read must leave that
	// attribute alone after storing the list.
	Name string
	List LargeList
}

type largeSinkKey struct{}

// WithLargeSink returns a context whose reads hand their large list to
// the returned sink.
func WithLargeSink(ctx context.Context) (context.Context, *LargeSink) {
	s := &LargeSink{}
	return context.WithValue(ctx, largeSinkKey{}, s), s
}

// SetStateWithLargeList stores model in state as State.Set does, with
// large as the top-level attribute name (which the model should hold as
// null). Without a sink in ctx it is SetStateWithLarge of the whole list;
// with one (WithLargeSink), the state keeps the null and the sink gets
// the list.
func SetStateWithLargeList(ctx context.Context, state *tfsdk.State, model any, name string, large LargeList) diag.Diagnostics {
	sink, ok := ctx.Value(largeSinkKey{}).(*LargeSink)
	if !ok {
		v, err := large.Value()
		if err != nil {
			var diags diag.Diagnostics
			diags.AddError("Value Conversion Error", fmt.Sprintf("building %s: %s; please report this issue to the provider developers", name, err))
			return diags
		}
		return SetStateWithLarge(ctx, state, model, name, v)
	}
	diags := state.Set(ctx, model)
	if diags.HasError() {
		return diags
	}
	typ, ok := state.Raw.Type().(tftypes.Object)
	at, has := typ.AttributeTypes[name]
	if !ok || !has || !at.Equal(large.Type) {
		diags.AddError("Value Conversion Error", fmt.Sprintf("the state has no attribute %q of type %s; please report this issue to the provider developers", name, large.Type))
		return diags
	}
	sink.Name, sink.List = name, large
	return diags
}
