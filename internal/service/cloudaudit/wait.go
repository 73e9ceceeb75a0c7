package cloudaudit

import (
	"context"
	"fmt"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// waitTrackGone polls until the track is no longer found after a delete.
func waitTrackGone(ctx context.Context, c *conns.Client, id uint64) error {
	return conns.WaitGone(ctx, c, fmt.Sprintf("CloudAudit track %d", id), func(ctx context.Context) error {
		_, err := findTrackByID(ctx, c, id)
		return err
	})
}
