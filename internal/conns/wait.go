package conns

import (
	"context"
	"fmt"
	"time"
)

// defaultFirstPoll is the first pause of WaitGone when Tuning.FirstPoll is 0.
const defaultFirstPoll = time.Second

// WaitGone polls find until it reports NotFound, as a delete is confirmed;
// what names the object in the timeout error. Most deletes are visible at
// once or within a second or two, a few take long: the first pause is
// short (Tuning.FirstPoll) and each next one doubles, up to PollInterval,
// so a delete visible after N seconds costs about log2(N/FirstPoll) polls.
func WaitGone(ctx context.Context, c *Client, what string, find func(context.Context) error) error {
	pause := c.tuning.firstPoll()
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
		case <-time.After(pause):
		}
		pause = min(2*pause, max(c.tuning.PollInterval, pause))
	}
}

// firstPoll is the first pause of WaitGone: FirstPoll, else a second, and
// never longer than PollInterval.
func (t Tuning) firstPoll() time.Duration {
	d := t.FirstPoll
	if d <= 0 {
		d = defaultFirstPoll
	}
	if t.PollInterval > 0 && d > t.PollInterval {
		d = t.PollInterval
	}
	return d
}
