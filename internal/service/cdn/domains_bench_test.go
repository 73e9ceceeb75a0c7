package cdn_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/provider"
)

// The protocol calls Terraform makes of a deliver task with many
// domain_names, against the provider server in process: validate, plan a
// create, and re-plan an unchanged task from its state (what every plan
// after the first does). No API call is made.
func BenchmarkDomainNames(b *testing.B) {
	for _, n := range []int{100, 500} { // 500: the API's most (MaxDomainNames)
		h := newPlanHarness(b, n)
		b.Run(fmt.Sprintf("validate/%d", n), func(b *testing.B) {
			for b.Loop() {
				h.validate(b)
			}
		})
		b.Run(fmt.Sprintf("plan_create/%d", n), func(b *testing.B) {
			for b.Loop() {
				h.plan(b, h.null, h.config)
			}
		})
		b.Run(fmt.Sprintf("plan_unchanged/%d", n), func(b *testing.B) {
			for b.Loop() {
				h.plan(b, h.state, h.state)
			}
		})
	}
}

type planHarness struct {
	srv                 tfprotov6.ProviderServer
	typ                 tftypes.Type
	null, config, state *tfprotov6.DynamicValue
	configVal           tftypes.Value
	typeName            string
}

func newPlanHarness(tb testing.TB, n int) *planHarness {
	tb.Helper()
	ctx := context.Background()
	srv, err := providerserver.NewProtocol6WithError(provider.New("bench")())()
	if err != nil {
		tb.Fatal(err)
	}
	h := &planHarness{srv: srv, typeName: "cloudtrack_cdn_deliver_task"}
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		tb.Fatalf("schema: %v %v", err, schemas.Diagnostics)
	}
	h.typ = schemas.ResourceSchemas[h.typeName].ValueType()
	domains := make([]string, n)
	for i := range domains {
		domains[i] = fmt.Sprintf("d%d.example.com", i)
	}
	cfg := map[string]any{
		"name":         "bench",
		"domain_names": domains,
		"reports":      []any{map[string]any{"report_id": 1, "conditions": []any{map[string]any{"field": "prov", "values": []string{"Beijing"}}}}},
		"schedule":     map[string]any{"crontab": "0 0 8 * * ?", "frequency": "d"},
		"deliver":      map[string]any{"email": map[string]any{"subject": "s", "to": []string{"ops@example.com"}}},
	}
	h.config, h.configVal = h.dynamic(tb, cfg)
	st := cfg
	st["id"], st["create_time"] = "1001", "2026-12-01T00:00:00Z"
	st["reports"] = []any{map[string]any{"report_id": 1, "conditions": []any{map[string]any{"field": "prov", "op": "in", "values": []string{"Beijing"}}}}}
	st["schedule"] = map[string]any{"crontab": "0 0 8 * * ?", "frequency": "d", "enabled": true}
	h.state, _ = h.dynamic(tb, st)
	h.null, _ = h.dynamic(tb, nil)
	return h
}

func (h *planHarness) dynamic(tb testing.TB, v map[string]any) (*tfprotov6.DynamicValue, tftypes.Value) {
	tb.Helper()
	val := tftypes.NewValue(h.typ, nil)
	if v != nil {
		js, err := json.Marshal(v)
		if err != nil {
			tb.Fatal(err)
		}
		if val, err = (&tfprotov6.RawState{JSON: js}).UnmarshalWithOpts(h.typ, tfprotov6.UnmarshalOpts{}); err != nil {
			tb.Fatal(err)
		}
	}
	dv, err := tfprotov6.NewDynamicValue(h.typ, val)
	if err != nil {
		tb.Fatal(err)
	}
	return &dv, val
}

func (h *planHarness) validate(tb testing.TB) {
	resp, err := h.srv.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{TypeName: h.typeName, Config: h.config})
	if err != nil || len(resp.Diagnostics) > 0 {
		tb.Fatalf("validate: %v %v", err, resp.Diagnostics)
	}
}

func (h *planHarness) plan(tb testing.TB, prior, proposed *tfprotov6.DynamicValue) {
	resp, err := h.srv.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: h.typeName, PriorState: prior, ProposedNewState: proposed, Config: h.config,
	})
	if err != nil || len(resp.Diagnostics) > 0 {
		tb.Fatalf("plan: %v %v", err, resp.Diagnostics)
	}
}
