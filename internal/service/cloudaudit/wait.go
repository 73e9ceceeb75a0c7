package cloudaudit

import (
	"context"
	"fmt"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// waitTrackGone polls until the track is no longer found after a delete.
func waitTrackGone(ctx context.Context, c *conns.Client, id uint64) error {
	interval := c.Tuning().PollInterval
	for {
		_, err := findTrackByID(ctx, c, id)
		if conns.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("timed out waiting for CloudAudit track %d to be deleted: %w", id, ctx.Err())
		case <-time.After(interval):
		}
	}
}
