package actiontrail

import (
	"context"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// CreateJob is the resource's create (conns.CreateOnce and the job queue),
// ctx standing for the request's context too (its cancel is Ctrl-C).
func CreateJob(ctx context.Context, c *conns.Client, trail, token string) (int64, bool, error) {
	return createJob(ctx, ctx, c, trail, token)
}
