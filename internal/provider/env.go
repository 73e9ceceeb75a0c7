package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// EnvOverrides are the provider block arguments ClientFromEnvironment sets;
// everything else comes from the environment, as for an empty block.
type EnvOverrides struct {
	// AlicloudRegion and TencentRegion, when set, are each block's region.
	AlicloudRegion string
	TencentRegion  string
	// Endpoint, when set, is the host[:port] of every product of both
	// vendors (a mock cloud), reached with Protocol.
	Endpoint string
	Protocol string
}

// ClientFromEnvironment configures the provider as Terraform would with
// `provider "cloudtrack" {}` plus o, and returns its client: credentials,
// regions and defaults are read by Configure itself, so sweepers and tests
// against real accounts see the environment exactly as the provider does.
func ClientFromEnvironment(ctx context.Context, tuning conns.Tuning, o EnvOverrides) (*conns.Client, error) {
	p := &cloudtrackProvider{version: "env", tuning: tuning}
	var sresp provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &sresp)
	if sresp.Diagnostics.HasError() {
		return nil, diagError(sresp.Diagnostics.Errors())
	}
	typ, ok := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		return nil, errors.New("the provider schema is not an object")
	}
	endpoints := func(products []string) map[string]string {
		if o.Endpoint == "" {
			return nil
		}
		m := map[string]string{}
		for _, k := range products {
			m[k] = o.Endpoint
		}
		return m
	}
	blocks := map[string]map[string]any{
		"alicloud":     {"region": o.AlicloudRegion, "protocol": o.Protocol, "endpoints": endpoints(conns.AlicloudProducts)},
		"tencentcloud": {"region": o.TencentRegion, "protocol": o.Protocol, "endpoints": endpoints(conns.TencentProducts)},
	}
	top := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		set, isBlock := blocks[name]
		bt, isObject := at.(tftypes.Object)
		if !isBlock || !isObject {
			top[name] = tftypes.NewValue(at, nil)
			continue
		}
		attrs := map[string]tftypes.Value{}
		for an, aty := range bt.AttributeTypes {
			attrs[an] = tftypes.NewValue(aty, nil)
			switch v := set[an].(type) {
			case string:
				if v != "" {
					attrs[an] = tftypes.NewValue(aty, v)
				}
			case map[string]string:
				if v != nil {
					mt, ok := aty.(tftypes.Map)
					if !ok {
						return nil, fmt.Errorf("%s.%s is not a map", name, an)
					}
					elems := map[string]tftypes.Value{}
					for k, s := range v {
						elems[k] = tftypes.NewValue(mt.ElementType, s)
					}
					attrs[an] = tftypes.NewValue(aty, elems)
				}
			}
		}
		top[name] = tftypes.NewValue(bt, attrs)
	}
	req := provider.ConfigureRequest{Config: tfsdk.Config{Raw: tftypes.NewValue(typ, top), Schema: sresp.Schema}}
	var resp provider.ConfigureResponse
	p.Configure(ctx, req, &resp)
	if resp.Diagnostics.HasError() {
		return nil, diagError(resp.Diagnostics.Errors())
	}
	c, ok := resp.ResourceData.(*conns.Client)
	if !ok {
		return nil, fmt.Errorf("the provider configured %T, not a client", resp.ResourceData)
	}
	return c, nil
}

// diagError joins error diagnostics into one error.
func diagError(ds diag.Diagnostics) error {
	var errs []error
	for _, d := range ds {
		errs = append(errs, fmt.Errorf("%s: %s", d.Summary(), d.Detail()))
	}
	return errors.Join(errs...)
}
