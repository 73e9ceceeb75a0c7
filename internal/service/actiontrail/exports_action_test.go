package actiontrail

import (
	"context"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// RunHistoryDelivery is the action's work (create through CreateOnce, wait,
// per-region failure) with every progress line sent to report; ctx is the
// request's too (its cancel is Ctrl-C).
func RunHistoryDelivery(ctx context.Context, c *conns.Client, trail, token string, report func(string)) error {
	return runHistoryDelivery(withProgress(ctx, report), ctx, c, trail, token)
}
