package conns

import (
	"context"
	"errors"
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
			return fmt.Errorf("%s waiting for %s to be deleted: %w", stoppedBy(err), what, err)
		}
		if err != nil {
			return err
		}
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%s waiting for %s to be deleted: %w", stoppedBy(ctx.Err()), what, Stopped(ctx, "", "", "polling"))
		case <-t.C:
		}
		pause = min(2*pause, max(c.tuning.PollInterval, pause))
	}
}

// stoppedBy says what ended a wait: Ctrl-C or the timeout.
func stoppedBy(err error) string {
	if errors.Is(err, context.Canceled) {
		return "cancelled"
	}
	return "timed out"
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
