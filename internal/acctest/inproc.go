package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/provider"
)

// InProcess is the provider's protocol server bound to the mock and driven
// in this process the way Terraform drives it (plan, then apply), without
// a CLI: for tests that explore many call sequences, each a fraction of a
// CLI run's cost. Everything below the protocol (framework, resources,
// conns, SDKs, HTTP, the mock) is the real thing.
type InProcess struct {
	t       testing.TB
	srv     tfprotov6.ProviderServer
	schemas map[string]*tfprotov6.Schema
}

// Planned is a resource's plan for a create, ready to apply.
type Planned struct {
	TypeName string
	config   *tfprotov6.DynamicValue
	planned  *tfprotov6.DynamicValue
	private  []byte
	typ      tftypes.Type
}

// InProcess configures a provider server of its own (its own pacers) with
// tuning adjusted by mods and max_retries = 3.
func (e *Env) InProcess(t testing.TB, mods ...func(*conns.Tuning)) *InProcess {
	t.Helper()
	tuning := Tuning()
	tuning.Pacing = conns.NewPacing()
	for _, m := range mods {
		m(&tuning)
	}
	srv, err := provider.NewServer("test", tuning)()
	if err != nil {
		t.Fatalf("building the provider server: %s", err)
	}
	ctx := context.Background()
	sch, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(sch.Diagnostics) > 0 {
		t.Fatalf("provider schema: %v %v", err, sch.Diagnostics)
	}
	p := &InProcess{t: t, srv: srv, schemas: sch.ResourceSchemas}
	eps := func(products []string) map[string]string {
		m := map[string]string{}
		for _, pr := range products {
			m[pr] = e.Addr
		}
		return m
	}
	cfg := map[string]any{
		"max_retries": 3,
		"alicloud": map[string]any{
			"access_key": mockcloud.DefaultAccessKeyID, "secret_key": mockcloud.DefaultAccessKeySecret,
			"region": "cn-hangzhou", "protocol": e.Protocol, "endpoints": eps(conns.AlicloudProducts),
		},
		"tencentcloud": map[string]any{
			"secret_id": mockcloud.DefaultSecretID, "secret_key": mockcloud.DefaultSecretKey,
			"region": "ap-guangzhou", "protocol": e.Protocol, "endpoints": eps(conns.TencentProducts),
		},
	}
	b, _ := json.Marshal(cfg)
	resp, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.16.4", Config: &tfprotov6.DynamicValue{JSON: b},
	})
	if err != nil || hasError(resp.Diagnostics) {
		t.Fatalf("configuring the provider: %v %s", err, DiagText(resp.Diagnostics))
	}
	return p
}

// Plan plans the create of typeName from config (attribute name to JSON
// value; absent attributes are null), as terraform plan would.
func (p *InProcess) Plan(typeName string, config map[string]any) Planned {
	p.t.Helper()
	s, ok := p.schemas[typeName]
	if !ok {
		p.t.Fatalf("no resource type %s", typeName)
	}
	typ := s.ValueType()
	b, err := json.Marshal(config)
	if err != nil {
		p.t.Fatal(err)
	}
	v, err := tftypes.ValueFromJSONWithOpts(b, typ, tftypes.ValueFromJSONOpts{})
	if err != nil {
		p.t.Fatalf("config of %s: %s", typeName, err)
	}
	cfg, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		p.t.Fatal(err)
	}
	null, _ := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
	resp, err := p.srv.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: typeName, PriorState: &null, ProposedNewState: &cfg, Config: &cfg,
	})
	if err != nil || hasError(resp.Diagnostics) {
		p.t.Fatalf("planning %s: %v %s", typeName, err, DiagText(resp.Diagnostics))
	}
	return Planned{TypeName: typeName, config: &cfg, planned: resp.PlannedState, private: resp.PlannedPrivate, typ: typ}
}

// Applied is what an apply left: the new state's attributes (nil when the
// state is empty) and the diagnostics.
type Applied struct {
	State       map[string]tftypes.Value
	Diagnostics []*tfprotov6.Diagnostic
}

// ID is the state's id, or "" when the apply left no state.
func (a Applied) ID() string {
	v, ok := a.State["id"]
	if !ok || !v.IsKnown() || v.IsNull() {
		return ""
	}
	var s string
	_ = v.As(&s)
	return s
}

// Err is the apply's error diagnostics as one text, or "".
func (a Applied) Err() string {
	var errs []*tfprotov6.Diagnostic
	for _, d := range a.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			errs = append(errs, d)
		}
	}
	return DiagText(errs)
}

// Create applies pl on ctx, as terraform apply does for a new resource.
func (p *InProcess) Create(ctx context.Context, pl Planned) Applied {
	null, _ := tfprotov6.NewDynamicValue(pl.typ, tftypes.NewValue(pl.typ, nil))
	resp, err := p.srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: pl.TypeName, PriorState: &null, PlannedState: pl.planned, Config: pl.config, PlannedPrivate: pl.private,
	})
	if err != nil {
		return Applied{Diagnostics: []*tfprotov6.Diagnostic{{Severity: tfprotov6.DiagnosticSeverityError, Summary: err.Error()}}}
	}
	out := Applied{Diagnostics: resp.Diagnostics}
	if resp.NewState != nil {
		v, err := resp.NewState.Unmarshal(pl.typ)
		if err == nil && !v.IsNull() {
			m := map[string]tftypes.Value{}
			if v.As(&m) == nil {
				out.State = m
			}
		}
	}
	return out
}

func hasError(ds []*tfprotov6.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

// DiagText is diagnostics as one text: "summary: detail" per line.
func DiagText(ds []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%s: %s\n", d.Summary, d.Detail)
	}
	return strings.TrimSpace(b.String())
}
