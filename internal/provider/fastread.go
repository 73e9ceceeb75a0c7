package provider

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/flex"
)

// The fast read path. After a data source's Read, terraform-plugin-framework
// (v1.19, internal/fwserver/server_readdatasource.go and
// internal/toproto6/dynamic_value.go) runs three passes over the state
// before it is encoded: a deep copy of the configuration and of the state
// for SchemaSemanticEquality, which then converts every attribute back
// into framework values (ValueAtPath) to compare them; and
// ReifyNullCollectionBlocks, a transform of the whole value that looks up
// the schema of every null value. For the 10,000-job list these passes
// cost about two thirds of the provider's CPU and allocations, and each
// holds another tree of the list.
//
// For the data sources of fastReadTypes the passes have nothing to do:
// their schemas have no blocks (nothing to reify) and only the
// framework's base types, which define no semantic equality (checked by
// checkFastReadSchema when the server is built). fastReadServer serves
// their ReadDataSource itself: it decodes the configuration with the
// data source's schema, configures the data source with the provider's
// client and calls its Read, exactly as the framework does, then encodes
// the state Read set. The data source's code is the same on both paths;
// everything else, and any read it cannot serve, goes to the framework.

// fastReadTypes are the data sources whose reads fastReadServer serves:
// the ones that return thousands of objects.
var fastReadTypes = []string{
	"cloudtrack_actiontrail_history_delivery_jobs",
	"cloudtrack_sas_operation_subtasks",
}

// frameworkServer is what the framework's protocol 6 server implements:
// the optional interfaces (list resources, actions) must stay visible to
// tf6server through the wrapper.
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
}

// fastReadServer is the framework's server with ReadDataSource of
// fastReadTypes served directly.
type fastReadServer struct {
	frameworkServer

	p    *cloudtrackProvider
	fast map[string]fastDataSource

	// served counts the reads the fast path served (tests check that it
	// was taken).
	served atomic.Int64
}

type fastDataSource struct {
	new    func() datasource.DataSource
	schema schema.Schema
	typ    tftypes.Type
}

// NewServer returns a factory of the provider's protocol 6 server: the
// framework's (providerserver.NewProtocol6WithError) with the fast read
// path. main serves it, and the acceptance tests' factories are it.
func NewServer(version string, tuning conns.Tuning) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		p := &cloudtrackProvider{version: version, tuning: tuning}
		fw, err := providerserver.NewProtocol6WithError(p)()
		if err != nil {
			return nil, err
		}
		return newFastReadServer(context.Background(), p, fw)
	}
}

func newFastReadServer(ctx context.Context, p *cloudtrackProvider, fw tfprotov6.ProviderServer) (*fastReadServer, error) {
	full, ok := fw.(frameworkServer)
	if !ok {
		return nil, fmt.Errorf("the framework's server %T lacks list resources or actions", fw)
	}
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)
	want := map[string]bool{}
	for _, t := range fastReadTypes {
		want[t] = true
	}
	s := &fastReadServer{frameworkServer: full, p: p, fast: map[string]fastDataSource{}}
	for _, f := range p.DataSources(ctx) {
		ds := f()
		var mresp datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &mresp)
		if !want[mresp.TypeName] {
			continue
		}
		var sresp datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &sresp)
		if sresp.Diagnostics.HasError() {
			return nil, fmt.Errorf("the schema of %s: %v", mresp.TypeName, sresp.Diagnostics)
		}
		if err := checkFastReadSchema(sresp.Schema); err != nil {
			return nil, fmt.Errorf("%s cannot be read on the fast path: %w", mresp.TypeName, err)
		}
		s.fast[mresp.TypeName] = fastDataSource{new: f, schema: sresp.Schema, typ: sresp.Schema.Type().TerraformType(ctx)}
		delete(want, mresp.TypeName)
	}
	for t := range want {
		return nil, fmt.Errorf("fast read type %s is not a data source of the provider", t)
	}
	return s, nil
}

// checkFastReadSchema makes sure the passes the fast path skips would do
// nothing: no blocks (ReifyNullCollectionBlocks only touches blocks) and
// only base types, which have no semantic equality (custom types may).
func checkFastReadSchema(s schema.Schema) error {
	if len(s.Blocks) > 0 {
		return fmt.Errorf("the schema has blocks")
	}
	for name, a := range s.Attributes {
		if err := checkBaseType(a.GetType()); err != nil {
			return fmt.Errorf("attribute %s: %w", name, err)
		}
	}
	return nil
}

func checkBaseType(t attr.Type) error {
	switch t := t.(type) {
	case basetypes.StringType, basetypes.BoolType, basetypes.Int64Type, basetypes.Int32Type,
		basetypes.Float64Type, basetypes.Float32Type, basetypes.NumberType:
		return nil
	case basetypes.ListType:
		return checkBaseType(t.ElemType)
	case basetypes.SetType:
		return checkBaseType(t.ElemType)
	case basetypes.MapType:
		return checkBaseType(t.ElemType)
	case basetypes.ObjectType:
		for name, at := range t.AttrTypes {
			if err := checkBaseType(at); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		return nil
	default:
		return fmt.Errorf("type %T is not a base type of the framework", t)
	}
}

// ReadDataSource serves the reads of fastReadTypes once the provider is
// configured; the framework serves the others, and any it cannot decode
// (to answer with its own diagnostics).
func (s *fastReadServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	fd, ok := s.fast[req.TypeName]
	client := s.p.client.Load()
	// Before a successful ConfigureProvider there is no client: the
	// framework answers as it would. The provider never defers its
	// configuration (unknown credentials are an error), so with a client
	// the framework would not defer the read either.
	if !ok || client == nil || req.Config == nil {
		return s.frameworkServer.ReadDataSource(ctx, req)
	}
	config, err := req.Config.Unmarshal(fd.typ)
	if err != nil {
		return s.frameworkServer.ReadDataSource(ctx, req)
	}
	s.served.Add(1)
	resp := &tfprotov6.ReadDataSourceResponse{}
	ctx, sink := flex.WithLargeSink(ctx)
	state, deferred, diags := fd.read(ctx, client, config, req.ClientCapabilities)
	resp.Diagnostics = protoDiagnostics(ctx, diags)
	if deferred != nil {
		resp.Deferred = &tfprotov6.Deferred{Reason: tfprotov6.DeferredReason(deferred.Reason)}
	}
	if state.Type() == nil {
		return resp, nil
	}
	b, err := encodeState(fd.typ, state, sink)
	if err != nil {
		resp.Diagnostics = append(resp.Diagnostics, &tfprotov6.Diagnostic{
			Severity: tfprotov6.DiagnosticSeverityError,
			Summary:  "Unable to Convert State",
			Detail:   "Encoding the state of " + req.TypeName + ": " + err.Error() + "; please report this issue to the provider developers.",
		})
		return resp, nil //nolint:nilerr // answered as a diagnostic, as the framework answers its encoding errors
	}
	resp.State = &tfprotov6.DynamicValue{MsgPack: b}
	return resp, nil
}

// encodeState is the msgpack of state, a value of typ, as
// tfprotov6.NewDynamicValue encodes it (an object is a map of its
// attributes in name order, tftypes/value_msgpack.go), with the large
// list the read handed to sink in place of its attribute: each element
// is made, encoded and dropped in turn, so the list is never whole as
// terraform values.
func encodeState(typ tftypes.Type, state tftypes.Value, sink *flex.LargeSink) ([]byte, error) {
	obj, ok := typ.(tftypes.Object)
	if sink.Name == "" || !ok || !state.IsKnown() || state.IsNull() {
		dv, err := tfprotov6.NewDynamicValue(typ, state)
		return dv.MsgPack, err
	}
	var attrs map[string]tftypes.Value
	if err := state.As(&attrs); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(obj.AttributeTypes))
	for name := range obj.AttributeTypes {
		names = append(names, name)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	enc := msgpack.NewEncoder(&buf)
	if err := enc.EncodeMapLen(len(names)); err != nil {
		return nil, err
	}
	for _, name := range names {
		if err := enc.EncodeString(name); err != nil {
			return nil, err
		}
		if name != sink.Name {
			dv, err := tfprotov6.NewDynamicValue(obj.AttributeTypes[name], attrs[name])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			buf.Write(dv.MsgPack)
			continue
		}
		l := sink.List
		if err := enc.EncodeArrayLen(l.Len); err != nil {
			return nil, err
		}
		for i := range l.Len {
			v, err := l.Elem(i)
			if err != nil {
				return nil, fmt.Errorf("%s[%d]: %w", name, i, err)
			}
			dv, err := tfprotov6.NewDynamicValue(l.Type.ElementType, v)
			if err != nil {
				return nil, fmt.Errorf("%s[%d]: %w", name, i, err)
			}
			buf.Write(dv.MsgPack)
		}
	}
	return buf.Bytes(), nil
}

// read is the framework's ReadDataSource up to the data source's Read
// (fwserver.Server.ReadDataSource): Configure with the provider's data,
// then Read with the configuration, the state starting as the
// configuration. tftypes values are not modified in place, so the state
// shares the configuration instead of copying it.
func (fd fastDataSource) read(ctx context.Context, client *conns.Client, config tftypes.Value, caps *tfprotov6.ReadDataSourceClientCapabilities) (tftypes.Value, *datasource.Deferred, diag.Diagnostics) {
	ds := fd.new()
	if c, ok := ds.(datasource.DataSourceWithConfigure); ok {
		var cresp datasource.ConfigureResponse
		c.Configure(ctx, datasource.ConfigureRequest{ProviderData: client}, &cresp)
		if cresp.Diagnostics.HasError() {
			return tftypes.Value{}, nil, cresp.Diagnostics
		}
	}
	readReq := datasource.ReadRequest{Config: tfsdk.Config{Schema: fd.schema, Raw: config}}
	if caps != nil {
		readReq.ClientCapabilities.DeferralAllowed = caps.DeferralAllowed
	}
	readResp := datasource.ReadResponse{State: tfsdk.State{Schema: fd.schema, Raw: config}}
	ds.Read(ctx, readReq, &readResp)
	return readResp.State.Raw, readResp.Deferred, readResp.Diagnostics
}

// protoDiagnostics converts diagnostics as the framework does
// (internal/toproto6/diagnostics.go), attribute paths included.
func protoDiagnostics(ctx context.Context, diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range diags {
		pd := &tfprotov6.Diagnostic{Summary: d.Summary(), Detail: d.Detail()}
		switch d.Severity() {
		case diag.SeverityError:
			pd.Severity = tfprotov6.DiagnosticSeverityError
		case diag.SeverityWarning:
			pd.Severity = tfprotov6.DiagnosticSeverityWarning
		default:
			pd.Severity = tfprotov6.DiagnosticSeverityInvalid
		}
		if dp, ok := d.(diag.DiagnosticWithPath); ok {
			ap, err := attributePath(ctx, dp.Path())
			if err != nil {
				out = append(out, &tfprotov6.Diagnostic{
					Severity: tfprotov6.DiagnosticSeverityError,
					Summary:  "Unable to Convert Attribute Path",
					Detail:   err.Error() + "; please report this issue to the provider developers.",
				})
			}
			pd.Attribute = ap
		}
		out = append(out, pd)
	}
	return out
}

// attributePath is p as a protocol path, as the framework's
// internal/totftypes makes it.
func attributePath(ctx context.Context, p path.Path) (*tftypes.AttributePath, error) {
	var out []tftypes.AttributePathStep
	for _, st := range p.Steps() {
		switch st := st.(type) {
		case path.PathStepAttributeName:
			out = append(out, tftypes.AttributeName(string(st)))
		case path.PathStepElementKeyInt:
			out = append(out, tftypes.ElementKeyInt(int64(st)))
		case path.PathStepElementKeyString:
			out = append(out, tftypes.ElementKeyString(string(st)))
		case path.PathStepElementKeyValue:
			v, err := st.ToTerraformValue(ctx)
			if err != nil {
				return nil, fmt.Errorf("path %s: %w", p, err)
			}
			out = append(out, tftypes.ElementKeyValue(v))
		default:
			return nil, fmt.Errorf("path %s: unknown step %T", p, st)
		}
	}
	return tftypes.NewAttributePathWithSteps(out), nil
}
