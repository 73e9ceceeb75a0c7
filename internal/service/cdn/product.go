// Package cdn implements the operations-report tracking tasks (deliver
// tasks), report subscriptions and report catalogues of Alibaba Cloud CDN
// and DCDN. The two products have the same APIs but for names and report
// ids, so every resource and data source here is built from a product
// descriptor: one code path serves both.
package cdn

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// product describes one of the two products: everything that differs
// between CDN and DCDN.
type product struct {
	// key is the conns product key (endpoints, rate limits, client pool)
	// and the type-name prefix: cloudtrack_<key>_deliver_task.
	key string
	// display names the product in messages and documentation.
	display string
	// code and version are the API's product code and version.
	code    string
	version string
	// infix sits in the action names: Create<infix>DeliverTask.
	infix string
	// reportIDs is the product's report catalogue, for plan-time checks.
	reportIDs []int64
}

var (
	productCDN = &product{
		key: conns.ProductCDN, display: "CDN", code: "Cdn", version: "2018-05-10", infix: "Cdn",
		reportIDs: []int64{1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23},
	}
	productDCDN = &product{
		key: conns.ProductDCDN, display: "DCDN", code: "dcdn", version: "2018-01-15", infix: "Dcdn",
		reportIDs: []int64{2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 27},
	}
	products = []*product{productCDN, productDCDN}
)

// action is the API name of verb+noun for this product, e.g.
// ("Create", "DeliverTask") -> CreateDcdnDeliverTask.
func (p *product) action(verb, noun string) string { return verb + p.infix + noun }

// typeName is the Terraform type name for suffix, e.g. cloudtrack_cdn_<suffix>.
func (p *product) typeName(providerTypeName, suffix string) string {
	return providerTypeName + "_" + p.key + "_" + suffix
}

// Resources lists the resource types of this service, for both products.
func Resources() []func() resource.Resource {
	var out []func() resource.Resource
	for _, p := range products {
		out = append(out,
			func() resource.Resource { return &deliverTaskResource{p: p} },
			func() resource.Resource { return &reportSubscriptionResource{p: p} },
		)
	}
	return out
}

// DataSources lists the data source types of this service, for both products.
func DataSources() []func() datasource.DataSource {
	var out []func() datasource.DataSource
	for _, p := range products {
		out = append(out,
			func() datasource.DataSource { return &deliverTasksDataSource{p: p} },
			func() datasource.DataSource { return &reportsDataSource{p: p} },
		)
	}
	return out
}
