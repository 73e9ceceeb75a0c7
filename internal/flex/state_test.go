package flex_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/flex"
)

var itemType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"name": types.StringType,
	"tags": types.ListType{ElemType: types.StringType},
}}

type listModel struct {
	ID    types.String `tfsdk:"id"`
	Items types.List   `tfsdk:"items"`
}

func listSchema() schema.Schema {
	return schema.Schema{Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true},
		"items": schema.ListNestedAttribute{Computed: true, NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{Computed: true},
			"tags": schema.ListAttribute{Computed: true, ElementType: types.StringType},
		}}},
	}}
}

// A list built as terraform values and stored with SetStateWithLarge reads
// back as State.Set would have stored the same framework values.
func TestSetStateWithLarge(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	typ, err := flex.ObjectType(ctx, itemType)
	if err != nil {
		t.Fatal(err)
	}
	attrs := []map[string]attr.Value{
		{"name": types.StringValue("a"), "tags": types.ListNull(types.StringType)},
		{"name": types.StringNull(), "tags": types.ListValueMust(types.StringType, []attr.Value{types.StringValue("x")})},
	}
	var elems []tftypes.Value
	var objs []attr.Value
	for _, a := range attrs {
		m, err := flex.TerraformAttrs(ctx, typ, a)
		if err != nil {
			t.Fatal(err)
		}
		elems = append(elems, tftypes.NewValue(typ, m))
		objs = append(objs, types.ObjectValueMust(itemType.AttrTypes, a))
	}
	s := listSchema()
	empty := tftypes.NewValue(s.Type().TerraformType(ctx), nil)

	got := tfsdk.State{Schema: s, Raw: empty}
	if d := flex.SetStateWithLarge(ctx, &got, &listModel{ID: types.StringValue("r"), Items: types.ListNull(itemType)}, "items", tftypes.NewValue(tftypes.List{ElementType: typ}, elems)); d.HasError() {
		t.Fatal(d)
	}
	want := tfsdk.State{Schema: s, Raw: empty}
	if d := want.Set(ctx, &listModel{ID: types.StringValue("r"), Items: types.ListValueMust(itemType, objs)}); d.HasError() {
		t.Fatal(d)
	}
	if !got.Raw.Equal(want.Raw) {
		t.Fatalf("got %s\nwant %s", got.Raw, want.Raw)
	}

	bad := tfsdk.State{Schema: s, Raw: empty}
	d := flex.SetStateWithLarge(ctx, &bad, &listModel{Items: types.ListNull(itemType)}, "nope", tftypes.NewValue(tftypes.List{ElementType: typ}, elems))
	if !d.HasError() || !strings.Contains(d.Errors()[0].Detail(), `no attribute "nope"`) {
		t.Fatalf("want an error naming the missing attribute, got %v", d)
	}
	d = flex.SetStateWithLarge(ctx, &bad, &listModel{Items: types.ListNull(itemType)}, "id", tftypes.NewValue(tftypes.List{ElementType: typ}, elems))
	if !d.HasError() {
		t.Fatal("want an error for a value of the wrong type")
	}
}

func TestTerraformAttrs_unknownAttribute(t *testing.T) {
	t.Parallel()
	typ, err := flex.ObjectType(context.Background(), itemType)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := flex.TerraformAttrs(context.Background(), typ, map[string]attr.Value{"other": types.StringValue("x")}); err == nil || !strings.Contains(err.Error(), `"other"`) {
		t.Fatalf("want an error naming the attribute, got %v", err)
	}
}

// SetStateWithLargeList stores the whole list without a sink, and hands
// it to the sink with one, the state holding null in its place.
func TestSetStateWithLargeList(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	typ, err := flex.ObjectType(ctx, itemType)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"a", "b", "c"}
	made := 0
	large := flex.LargeList{
		Type: tftypes.List{ElementType: typ},
		Len:  len(names),
		Elem: func(i int) (tftypes.Value, error) {
			made++
			return tftypes.NewValue(typ, map[string]tftypes.Value{
				"name": tftypes.NewValue(tftypes.String, names[i]),
				"tags": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, nil),
			}), nil
		},
	}
	s := listSchema()
	empty := tftypes.NewValue(s.Type().TerraformType(ctx), nil)
	model := &listModel{ID: types.StringValue("r"), Items: types.ListNull(itemType)}

	whole := tfsdk.State{Schema: s, Raw: empty}
	if d := flex.SetStateWithLargeList(ctx, &whole, model, "items", large); d.HasError() {
		t.Fatal(d)
	}
	var items []listItem
	if d := whole.GetAttribute(ctx, path.Root("items"), &items); d.HasError() {
		t.Fatal(d)
	}
	if len(items) != 3 || items[2].Name.ValueString() != "c" || made != 3 {
		t.Fatalf("stored %v after making %d elements", items, made)
	}

	sinkCtx, sink := flex.WithLargeSink(ctx)
	sunk := tfsdk.State{Schema: s, Raw: empty}
	if d := flex.SetStateWithLargeList(sinkCtx, &sunk, model, "items", large); d.HasError() {
		t.Fatal(d)
	}
	var list types.List
	if d := sunk.GetAttribute(ctx, path.Root("items"), &list); d.HasError() {
		t.Fatal(d)
	}
	if !list.IsNull() || sink.Name != "items" || sink.List.Len != 3 || made != 3 {
		t.Fatalf("with a sink: items %s, sink %q of %d, %d elements made", list, sink.Name, sink.List.Len, made)
	}

	d := flex.SetStateWithLargeList(sinkCtx, &sunk, model, "id", large)
	if !d.HasError() {
		t.Fatal("want an error for a list stored as a string attribute")
	}
}

type listItem struct {
	Name types.String `tfsdk:"name"`
	Tags types.List   `tfsdk:"tags"`
}
