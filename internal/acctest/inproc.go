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
	act     tfprotov6.ActionServer // the same server's action RPCs
	schemas map[string]*tfprotov6.Schema
	actions map[string]*tfprotov6.ActionSchema
}

// Planned is a resource's plan for a create, or an action's for an
// invocation, ready to apply.
type Planned struct {
	TypeName string
	config   *tfprotov6.DynamicValue
	planned  *tfprotov6.DynamicValue
	private  []byte
	typ      tftypes.Type
	action   bool
}

// seq role ARNs: the roles an InProcess provider with assumeRole signs
// with (their sessions, from the mock's STS), in the mock's default
// account, so that what they create is where the other run's objects are.
const (
	seqAlicloudRole = "acs:ram::" + mockcloud.DefaultAccountID + ":role/cloudtrack-seq"
	seqTencentRole  = "qcs::cam::uin/" + mockcloud.DefaultAccountID + ":roleName/cloudtrack-seq"
)

// withSeqRoles lets the mock's default keys assume seqAlicloudRole and
// seqTencentRole.
func withSeqRoles(o *mockcloud.Options) {
	o.Roles = append(o.Roles,
		mockcloud.Role{ARN: seqAlicloudRole, Trusted: []string{mockcloud.DefaultAccessKeyID}},
		mockcloud.Role{ARN: seqTencentRole, Trusted: []string{mockcloud.DefaultSecretID}})
}

// InProcess configures a provider server of its own (its own pacers) with
// tuning adjusted by mods and max_retries = 3.
func (e *Env) InProcess(t testing.TB, mods ...func(*conns.Tuning)) *InProcess {
	t.Helper()
	p, err := e.newInProcess(t, false, mods...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// newInProcess is InProcess without failing t (for worker goroutines);
// with assumeRole both vendors sign with role sessions (STS AssumeRole on
// the mock, as the assume_role blocks configure it) instead of the keys.
func (e *Env) newInProcess(t testing.TB, assumeRole bool, mods ...func(*conns.Tuning)) (*InProcess, error) {
	tuning := Tuning()
	tuning.Pacing = conns.NewPacing()
	for _, m := range mods {
		m(&tuning)
	}
	srv, err := provider.NewServer("test", tuning)()
	if err != nil {
		return nil, fmt.Errorf("building the provider server: %w", err)
	}
	ctx := context.Background()
	sch, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(sch.Diagnostics) > 0 {
		return nil, fmt.Errorf("provider schema: %v %v", err, sch.Diagnostics)
	}
	p := &InProcess{t: t, srv: srv, schemas: sch.ResourceSchemas, actions: sch.ActionSchemas}
	p.act, _ = srv.(tfprotov6.ActionServer)
	eps := func(products []string) map[string]string {
		m := map[string]string{}
		for _, pr := range products {
			m[pr] = e.Addr
		}
		return m
	}
	ali := map[string]any{
		"access_key": mockcloud.DefaultAccessKeyID, "secret_key": mockcloud.DefaultAccessKeySecret,
		"region": "cn-hangzhou", "protocol": e.Protocol, "endpoints": eps(conns.AlicloudProducts),
	}
	tc := map[string]any{
		"secret_id": mockcloud.DefaultSecretID, "secret_key": mockcloud.DefaultSecretKey,
		"region": "ap-guangzhou", "protocol": e.Protocol, "endpoints": eps(conns.TencentProducts),
	}
	if assumeRole {
		ali["assume_role"] = map[string]any{"role_arn": seqAlicloudRole}
		tc["assume_role"] = map[string]any{"role_arn": seqTencentRole}
	}
	cfg := map[string]any{"max_retries": 3, "alicloud": ali, "tencentcloud": tc}
	b, _ := json.Marshal(cfg)
	resp, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.16.4", Config: &tfprotov6.DynamicValue{JSON: b},
	})
	if err != nil || hasError(resp.Diagnostics) {
		return nil, fmt.Errorf("configuring the provider: %v %s", err, diagText(resp.Diagnostics))
	}
	return p, nil
}

// Plan plans the create of typeName from config (attribute name to JSON
// value; absent attributes are null), as terraform plan would.
func (p *InProcess) Plan(typeName string, config map[string]any) Planned {
	p.t.Helper()
	pl, err := p.plan(typeName, config, false)
	if err != nil {
		p.t.Fatal(err)
	}
	return pl
}

func (p *InProcess) plan(typeName string, config map[string]any, action bool) (Planned, error) {
	var s *tfprotov6.Schema
	if action {
		if a, ok := p.actions[typeName]; ok {
			s = a.Schema
		}
	} else {
		s = p.schemas[typeName]
	}
	if s == nil || (action && p.act == nil) {
		return Planned{}, fmt.Errorf("no resource type or action %s", typeName)
	}
	typ := s.ValueType()
	b, err := json.Marshal(config)
	if err != nil {
		return Planned{}, err
	}
	v, err := tftypes.ValueFromJSONWithOpts(b, typ, tftypes.ValueFromJSONOpts{})
	if err != nil {
		return Planned{}, fmt.Errorf("config of %s: %w", typeName, err)
	}
	cfg, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		return Planned{}, err
	}
	ctx := context.Background()
	if action {
		vr, err := p.act.ValidateActionConfig(ctx, &tfprotov6.ValidateActionConfigRequest{ActionType: typeName, Config: &cfg})
		if err != nil || hasError(vr.Diagnostics) {
			return Planned{}, fmt.Errorf("validating %s: %v %s", typeName, err, diagText(vr.Diagnostics))
		}
		pr, err := p.act.PlanAction(ctx, &tfprotov6.PlanActionRequest{ActionType: typeName, Config: &cfg})
		if err != nil || hasError(pr.Diagnostics) {
			return Planned{}, fmt.Errorf("planning %s: %v %s", typeName, err, diagText(pr.Diagnostics))
		}
		return Planned{TypeName: typeName, config: &cfg, typ: typ, action: true}, nil
	}
	null, _ := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
	resp, err := p.srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: typeName, PriorState: &null, ProposedNewState: &cfg, Config: &cfg,
	})
	if err != nil || hasError(resp.Diagnostics) {
		return Planned{}, fmt.Errorf("planning %s: %v %s", typeName, err, diagText(resp.Diagnostics))
	}
	return Planned{TypeName: typeName, config: &cfg, planned: resp.PlannedState, private: resp.PlannedPrivate, typ: typ}, nil
}

// Applied is what an apply left: the new state's attributes (nil when the
// state is empty) and the diagnostics; for an action's invocation, its
// progress messages (in order) and the diagnostics it completed with.
type Applied struct {
	State       map[string]tftypes.Value
	Diagnostics []*tfprotov6.Diagnostic
	Progress    []string
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
	return diagText(errs)
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

// invoke invokes the action pl plans on ctx, as terraform apply does,
// reading its event stream to the end.
func (p *InProcess) invoke(ctx context.Context, pl Planned) Applied {
	stream, err := p.act.InvokeAction(ctx, &tfprotov6.InvokeActionRequest{ActionType: pl.TypeName, Config: pl.config})
	if err != nil {
		return Applied{Diagnostics: []*tfprotov6.Diagnostic{{Severity: tfprotov6.DiagnosticSeverityError, Summary: err.Error()}}}
	}
	var out Applied
	completed := false
	for ev := range stream.Events {
		switch e := ev.Type.(type) {
		case tfprotov6.ProgressInvokeActionEventType:
			out.Progress = append(out.Progress, e.Message)
		case tfprotov6.CompletedInvokeActionEventType:
			out.Diagnostics = append(out.Diagnostics, e.Diagnostics...)
			completed = true
		}
	}
	if !completed {
		out.Diagnostics = append(out.Diagnostics, &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityError, Summary: "the invocation's stream ended without a completed event"})
	}
	return out
}

// Apply is Create for a resource's plan and invoke for an action's.
func (p *InProcess) Apply(ctx context.Context, pl Planned) Applied {
	if pl.action {
		return p.invoke(ctx, pl)
	}
	return p.Create(ctx, pl)
}

func hasError(ds []*tfprotov6.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

// diagText is diagnostics as one text: "summary: detail" per line.
func diagText(ds []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%s: %s\n", d.Summary, d.Detail)
	}
	return strings.TrimSpace(b.String())
}
