package provider_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/provider"
)

// The schemas Terraform 1.12+ and 1.14+ read, checked without a CLI: every
// resource has an identity, and the five listable types a list resource
// named like the managed type. The framework validates both when it
// serves them.
func TestProviderSchema_identityAndListResources(t *testing.T) {
	ctx := context.Background()
	srv, err := provider.NewServer("test", conns.DefaultTuning())()
	if err != nil {
		t.Fatal(err)
	}
	schema, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range schema.Diagnostics {
		t.Errorf("provider schema: %s: %s", d.Summary, d.Detail)
	}
	ids, err := srv.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ids.Diagnostics {
		t.Errorf("identity schemas: %s: %s", d.Summary, d.Detail)
	}
	want := map[string]string{
		"cloudtrack_actiontrail_history_delivery_job": "job_id",
		"cloudtrack_actiontrail_trail":                "name",
		"cloudtrack_cloudaudit_track":                 "track_id",
		"cloudtrack_cdn_deliver_task":                 "deliver_id",
		"cloudtrack_dcdn_deliver_task":                "deliver_id",
		"cloudtrack_cdn_report_subscription":          "id",
		"cloudtrack_dcdn_report_subscription":         "id",
	}
	for typ := range schema.ResourceSchemas {
		attr, ok := want[typ]
		if !ok {
			t.Errorf("resource %s is not expected here; add it to the test", typ)
			continue
		}
		is := ids.IdentitySchemas[typ]
		if is == nil || len(is.IdentityAttributes) != 1 || is.IdentityAttributes[0].Name != attr || !is.IdentityAttributes[0].RequiredForImport {
			t.Errorf("%s: identity schema %+v, want one attribute %s required for import", typ, is, attr)
		}
	}
	var lists []string
	for typ := range schema.ListResourceSchemas {
		lists = append(lists, typ)
		if _, ok := schema.ResourceSchemas[typ]; !ok {
			t.Errorf("list resource %s has no managed resource of its name", typ)
		}
	}
	slices.Sort(lists)
	if want := []string{
		"cloudtrack_actiontrail_history_delivery_job", "cloudtrack_actiontrail_trail", "cloudtrack_cdn_deliver_task",
		"cloudtrack_cloudaudit_track", "cloudtrack_dcdn_deliver_task",
	}; !slices.Equal(lists, want) {
		t.Errorf("list resources %v, want %v", lists, want)
	}
}
