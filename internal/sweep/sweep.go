// Package sweep deletes what acceptance tests left behind on real
// accounts: every object whose name starts with acctest.NamePrefix, found
// through the services' finders and deleted through the resources' own
// delete code. `SWEEP=cn-hangzhou make sweep` runs it through
// terraform-plugin-testing's sweeper runner (resource.TestMain and the
// -sweep flag), as terraform-provider-aws does.
package sweep

import (
	"context"
	"fmt"
	"log"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/provider"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/actiontrail"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cdn"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cloudaudit"
)

// Vendors a sweeper's region belongs to.
const (
	Alicloud = "alicloud"
	Tencent  = "tencentcloud"
)

// Sweeper is one kind of leftover.
type Sweeper struct {
	// Name is the resource type, as terraform-provider-aws names sweepers.
	Name string
	// Vendor is whose region the -sweep flag's region is: Alibaba Cloud's.
	// CloudAudit tracks belong to the whole account, so the Tencent sweeper
	// takes its region from TENCENTCLOUD_REGION like the provider.
	Vendor string
	// Sweep deletes the objects named with prefix that c can see.
	Sweep func(ctx context.Context, c *conns.Client, prefix string) error
}

// All is every sweeper. They run in this order. Not swept:
// CDN/DCDN report subscriptions (one per account, no name: a test's cannot
// be told from the account's own, and the tests that manage one need the
// mock), Security Center subtasks (read only). Trails come after the
// history delivery jobs, which are found by their trail's name.
func All() []Sweeper {
	return []Sweeper{
		{Name: "cloudtrack_cloudaudit_track", Vendor: Tencent, Sweep: cloudaudit.SweepTracks},
		{Name: "cloudtrack_cdn_deliver_task", Vendor: Alicloud, Sweep: func(ctx context.Context, c *conns.Client, prefix string) error {
			return cdn.SweepDeliverTasks(ctx, c, conns.ProductCDN, prefix)
		}},
		{Name: "cloudtrack_dcdn_deliver_task", Vendor: Alicloud, Sweep: func(ctx context.Context, c *conns.Client, prefix string) error {
			return cdn.SweepDeliverTasks(ctx, c, conns.ProductDCDN, prefix)
		}},
		{Name: "cloudtrack_actiontrail_history_delivery_job", Vendor: Alicloud, Sweep: actiontrail.SweepJobs},
		{Name: "cloudtrack_actiontrail_trail", Vendor: Alicloud, Sweep: actiontrail.SweepTrails},
	}
}

// Client is the provider's client for a sweep of region, configured by the
// provider's own Configure from the vendors' environment variables.
func Client(ctx context.Context, s Sweeper, region string) (*conns.Client, error) {
	o := provider.EnvOverrides{}
	if s.Vendor == Alicloud {
		o.AlicloudRegion = region
	}
	c, err := provider.ClientFromEnvironment(ctx, conns.DefaultTuning(), o)
	if err != nil {
		return nil, fmt.Errorf("configuring the provider from the environment: %w", err)
	}
	return c, nil
}

// hasCredentials reports whether the environment holds an access key for
// vendor, so an account with one vendor only can be swept.
func hasCredentials(vendor string) bool {
	if vendor == Tencent {
		return conns.Getenv(conns.EnvTencentSecretID) != ""
	}
	return conns.Getenv(conns.EnvAlicloudAccessKey) != ""
}

// Register adds every sweeper to terraform-plugin-testing's runner; call it
// once, from TestMain, before resource.TestMain.
func Register() {
	for _, s := range All() {
		resource.AddTestSweepers(s.Name, &resource.Sweeper{
			Name: s.Name,
			F: func(region string) error {
				if !hasCredentials(s.Vendor) {
					log.Printf("[WARN] sweeper %s: no %s credentials in the environment; nothing swept", s.Name, s.Vendor)
					return nil
				}
				ctx := context.Background()
				c, err := Client(ctx, s, region)
				if err != nil {
					return err
				}
				return s.Sweep(ctx, c, acctest.NamePrefix)
			},
		})
	}
}
