package cdn

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// SweepDeliverTasks deletes every deliver task of the product ("cdn" or
// "dcdn") whose name starts with prefix, logging each; the errors of all
// tasks are returned together. The list is read afresh, not from the
// provider's shared list result.
//
// Report subscriptions are not swept: there is one per account and it has
// no name, so nothing tells one a test left behind from the account's own.
func SweepDeliverTasks(ctx context.Context, c *conns.Client, productKey, prefix string) error {
	var p *product
	for _, q := range products {
		if q.key == productKey {
			p = q
		}
	}
	if p == nil {
		return fmt.Errorf("sweeping deliver tasks: no product %q", productKey)
	}
	if prefix == "" {
		return fmt.Errorf("sweeping %s deliver tasks: an empty prefix would match every task", p.display)
	}
	tasks, err := p.fetchDeliverTasks(ctx, c)
	if err != nil {
		return fmt.Errorf("listing %s deliver tasks: %w", p.display, err)
	}
	var errs []string
	for _, t := range tasks {
		if !strings.HasPrefix(t.Name, prefix) {
			continue
		}
		id := formatID(int64(t.DeliverID))
		log.Printf("[INFO] sweeper: deleting %s deliver task %s (%s)", p.display, id, t.Name)
		if _, err := p.write(ctx, c, "Delete", map[string]string{"DeliverId": id}, nil); err != nil && !conns.IsNotFound(err) {
			errs = append(errs, fmt.Sprintf("task %s (%s): %s", id, t.Name, err))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("sweeping %s deliver tasks: %s", p.display, strings.Join(errs, "; "))
	}
	return nil
}
