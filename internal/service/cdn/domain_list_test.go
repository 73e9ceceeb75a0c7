package cdn_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/provider"
)

// domain_names is a list that means a set (README, Performance notes): the
// order written is kept whatever order the API answers in, a change of
// order alone is an update that calls no API, a domain added behind
// Terraform's back shows as one change, and a repeated domain is refused
// at plan time.
func TestAccCDNDeliverTask_domainOrder(t *testing.T)  { testDeliverTaskDomainOrder(t, pCDN) }
func TestAccDCDNDeliverTask_domainOrder(t *testing.T) { testDeliverTaskDomainOrder(t, pDCDN) }
func TestAccCDNReportSubscription_domainOrder(t *testing.T) {
	testSubscriptionDomainOrder(t, pCDN)
}
func TestAccDCDNReportSubscription_domainOrder(t *testing.T) {
	testSubscriptionDomainOrder(t, pDCDN)
}

func testDeliverTaskDomainOrder(t *testing.T, p testProduct) {
	e := acctest.New(t)
	e.NeedsMock(t, "counts update calls and changes the task's domains through the mock's admin API")
	addr := p.taskAddr()
	c := p.task(acctest.RandomName("ops-report"))
	c.domains = `["www.example.com", "example.com", "cdn.example.com"]`
	reordered := c
	reordered.domains = `["cdn.example.com", "www.example.com", "example.com"]`
	twice := c
	twice.domains = `["www.example.com", "example.com", "www.example.com"]`
	updates := func() int { return e.Mock().Calls(p.code, p.action("Update", "DeliverTask")) }
	var id int64
	var before int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: p.config(e, c),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("domain_names"), stringsExact("www.example.com", "example.com", "cdn.example.com")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(captureID(addr, &id), func(*terraform.State) error {
					// The API holds them sorted, as the provider sends them.
					if m := p.mockTask(t, e); !slices.Equal(m.Domains, []string{"cdn.example.com", "example.com", "www.example.com"}) {
						return fmt.Errorf("mock domains %v", m.Domains)
					}
					return nil
				}),
			},
			{
				Config:           p.config(e, c),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// The order alone: an update in the plan, no call to the API.
				PreConfig: func() { before = updates() },
				Config:    p.config(e, reordered),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("domain_names"), stringsExact("cdn.example.com", "www.example.com", "example.com")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(sameID(addr, &id), func(*terraform.State) error {
					if n := updates() - before; n != 0 {
						return fmt.Errorf("a change of order alone made %d update calls, want 0", n)
					}
					return nil
				}),
			},
			{
				// Behind Terraform's back: the API answers another order and
				// one more domain. The plan removes that domain, nothing else.
				PreConfig: func() {
					if err := e.Mock().UpdateDeliverTask(p.key, id, func(d *mockcloud.DeliverTask) {
						d.Domains = []string{"www.example.com", "intruder.example.com", "example.com", "cdn.example.com"}
					}); err != nil {
						t.Fatal(err)
					}
				},
				Config: p.config(e, reordered),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("domain_names"), stringsExact("cdn.example.com", "www.example.com", "example.com")),
				}},
				Check: func(*terraform.State) error {
					if m := p.mockTask(t, e); !slices.Equal(m.Domains, []string{"cdn.example.com", "example.com", "www.example.com"}) {
						return fmt.Errorf("the added domain was not removed: mock domains %v", m.Domains)
					}
					return nil
				},
			},
			{
				PreConfig: func() { before = updates() },
				Config:    p.config(e, twice),
				PlanOnly:  true,
				ExpectError: acctest.ExpectError(
					`Duplicate domain name.*domain_names lists "www.example.com" twice \(elements 0 and 2\): list each domain once`),
			},
			{
				Config:           p.config(e, reordered),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: func(*terraform.State) error {
					if n := updates() - before; n != 0 {
						return fmt.Errorf("the refused configuration made %d update calls", n)
					}
					return nil
				},
			},
		},
	})
}

func testSubscriptionDomainOrder(t *testing.T, p testProduct) {
	e := acctest.New(t)
	e.NeedsMock(t, "the account's one subscription, and counts update calls")
	addr := p.subAddr()
	body := func(domains string) string {
		return fmt.Sprintf("report_ids = [%d]\n  domain_names = %s", p.r1, domains)
	}
	updates := func() int { return e.Mock().Calls(p.code, p.action("Update", "SubTask")) }
	var before int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             p.checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: p.subConfig(e, body(`["www.example.com", "example.com"]`)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("domain_names"), stringsExact("www.example.com", "example.com")),
				},
			},
			{
				PreConfig: func() { before = updates() },
				Config:    p.subConfig(e, body(`["example.com", "www.example.com"]`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("domain_names"), stringsExact("example.com", "www.example.com")),
				},
				Check: func(*terraform.State) error {
					if n := updates() - before; n != 0 {
						return fmt.Errorf("a change of order alone made %d update calls, want 0", n)
					}
					return nil
				},
			},
			{
				Config:      p.subConfig(e, body(`["example.com", "example.com"]`)),
				PlanOnly:    true,
				ExpectError: acctest.ExpectError(`domain_names lists "example.com" twice \(elements 0 and 1\)`),
			},
			{
				// The destroy at the end runs with the last configuration.
				Config:           p.subConfig(e, body(`["example.com", "www.example.com"]`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// State written by earlier builds, where domain_names was a set (the same
// schema version), reads as a list in the set's order, with no upgrader: a set
// and a list of strings have the same JSON in the state.
func TestDeliverTask_domainNamesFromSetState(t *testing.T) {
	ctx := context.Background()
	srv, err := provider.NewServer("test", conns.Tuning{})()
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{pCDN.taskType(), pDCDN.subType()} {
		t.Run(typ, func(t *testing.T) {
			schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
			if err != nil {
				t.Fatal(err)
			}
			s, ok := schemas.ResourceSchemas[typ]
			if !ok {
				t.Fatalf("no schema for %s", typ)
			}
			state := map[string]any{"domain_names": []string{"a.example.com", "b.example.com", "c.example.com"}}
			for _, a := range s.Block.Attributes {
				if _, set := state[a.Name]; !set && a.Name != "domain_names" {
					state[a.Name] = nil
				}
			}
			for _, b := range s.Block.BlockTypes {
				state[b.TypeName] = nil
			}
			raw, err := json.Marshal(state)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := srv.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{
				TypeName: typ, Version: s.Version, RawState: &tfprotov6.RawState{JSON: raw},
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range resp.Diagnostics {
				t.Errorf("%s: %s: %s", d.Severity, d.Summary, d.Detail)
			}
			if resp.UpgradedState == nil {
				t.Fatal("no upgraded state")
			}
			v, err := resp.UpgradedState.Unmarshal(s.ValueType())
			if err != nil {
				t.Fatal(err)
			}
			var attrs map[string]tftypes.Value
			if err := v.As(&attrs); err != nil {
				t.Fatal(err)
			}
			dn := attrs["domain_names"]
			if !dn.Type().Is(tftypes.List{ElementType: tftypes.String}) {
				t.Fatalf("domain_names is %s, want a list of strings", dn.Type())
			}
			var elems []tftypes.Value
			if err := dn.As(&elems); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, el := range elems {
				var s string
				if err := el.As(&s); err != nil {
					t.Fatal(err)
				}
				got = append(got, s)
			}
			if want := []string{"a.example.com", "b.example.com", "c.example.com"}; !slices.Equal(got, want) {
				t.Errorf("domain_names %v, want %v", got, want)
			}
		})
	}
}
