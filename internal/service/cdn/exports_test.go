package cdn

import (
	"context"
	"fmt"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

func productByKey(key string) *product {
	for _, p := range products {
		if p.key == key {
			return p
		}
	}
	panic(fmt.Sprintf("no product %q", key))
}

// FindDeliverTaskByID is the resource's finder, for CheckDestroy.
func FindDeliverTaskByID(ctx context.Context, c *conns.Client, productKey string, id int64) (*wireTask, error) {
	return productByKey(productKey).findDeliverTaskByID(ctx, c, id)
}

// FindSubscription is the subscription's finder, for CheckDestroy.
func FindSubscription(ctx context.Context, c *conns.Client, productKey string) (*wireSub, error) {
	return productByKey(productKey).findSubscription(ctx, c)
}

// DeleteDeliverTask deletes a task through the API, as the resource does,
// for tests that delete one behind Terraform's back.
func DeleteDeliverTask(ctx context.Context, c *conns.Client, productKey string, id int64) error {
	_, err := productByKey(productKey).write(ctx, c, "Delete", map[string]string{"DeliverId": formatID(id)}, nil)
	return err
}

// ReportIDs is a product's catalogue as the provider knows it.
func ReportIDs(productKey string) []int64 { return productByKey(productKey).reportIDs }
