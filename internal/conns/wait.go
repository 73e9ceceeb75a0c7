package conns

import (
	"context"
	"fmt"
	"time"
)

// WaitGone polls find every PollInterval until it reports NotFound, as a
// delete is confirmed; what names the object in the timeout error.
func WaitGone(ctx context.Context, c *Client, what string, find func(context.Context) error) error {
	for {
		err := find(ctx)
		if IsNotFound(err) {
			return nil
		}
		if IsContextDone(err) {
			return fmt.Errorf("timed out waiting for %s to be deleted: %w", what, err)
		}
		if err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("timed out waiting for %s to be deleted: %w", what, ctx.Err())
		case <-time.After(c.tuning.PollInterval):
		}
	}
}
