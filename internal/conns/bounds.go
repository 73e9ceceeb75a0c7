package conns

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Bounds of one call. Every call ends, whatever the vendor answers:
//   - 5xx and transport failures are retried up to max_retries;
//   - throttling answers are retried for at most the throttle budget
//     (the provider's throttle_budget, counted from the call's first
//     refusal), with or without a deadline: Read, data sources and list
//     resources have none, so without the budget a call the vendor keeps
//     refusing would wait for ever;
//   - the caller's context ends it at once: the operation's timeout, or
//     Terraform's cancellation on Ctrl-C. The error is then the context's
//     (StoppedError), not the last answer, so waiters and CreateOnce see
//     the context ended and the user reads which timeout to raise.

// defaultThrottleBudget is the budget when neither throttle_budget nor the
// tuning sets one.
const defaultThrottleBudget = 10 * time.Minute

// throttleBudget is how long one call may be throttled before it fails.
func (c *Client) throttleBudget() time.Duration {
	switch {
	case c.cfg.ThrottleBudget > 0:
		return c.cfg.ThrottleBudget
	case c.tuning.ThrottleBudget > 0:
		return c.tuning.ThrottleBudget
	}
	return defaultThrottleBudget
}

// timeoutGuidance is what to change when an operation's timeout ended a call.
const timeoutGuidance = "raise the timeout (the resource's timeouts block: create, update or delete; timeouts.invoke of an action)"

// StoppedError is a call ended by its caller's context: the operation's
// timeout, or Terraform cancelling the operation (Ctrl-C). errors.Is finds
// the context's error in it (IsContextDone holds); the last answer is kept
// for the message, not as the cause, so a deadline reached while throttled
// is not mistaken for the throttling.
type StoppedError struct {
	Product, Action string
	// Cause is context.DeadlineExceeded or context.Canceled.
	Cause error
	// Stage says what the call was doing: "throttled", "backing off",
	// "waiting for the rate limiter", "waiting for credentials", "in flight".
	Stage string
	// Attempts made so far.
	Attempts int
	// Throttled is how long since the call's first refusal, Refusals how
	// many there were.
	Throttled time.Duration
	Refusals  int
	// Last is the last answer of an earlier attempt, if any.
	Last *APIError
	// Unknown says an attempt was in flight when the context ended: a
	// write may have taken effect, as when an answer is lost.
	Unknown bool
}

func (e *StoppedError) Error() string {
	var b strings.Builder
	if e.Product != "" {
		fmt.Fprintf(&b, "%s %s: ", e.Product, e.Action)
	}
	if errors.Is(e.Cause, context.Canceled) {
		b.WriteString("cancelled")
	} else {
		b.WriteString("the operation's timeout was reached")
	}
	fmt.Fprintf(&b, " while %s", e.Stage)
	if e.Refusals > 0 {
		fmt.Fprintf(&b, " (throttled for %s, %d refusals)", e.Throttled.Round(100*time.Millisecond), e.Refusals)
	}
	if e.Attempts > 0 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	if e.Unknown {
		b.WriteString("; the last attempt's outcome is unknown")
	}
	if e.Last != nil {
		fmt.Fprintf(&b, "; last answer: %s", e.Last.brief())
	}
	if !errors.Is(e.Cause, context.Canceled) {
		b.WriteString(" — " + timeoutGuidance)
		if e.Refusals > 0 {
			b.WriteString(", or run when the account is less busy")
		}
	}
	fmt.Fprintf(&b, ": %s", e.Cause)
	return b.String()
}

func (e *StoppedError) Unwrap() error { return e.Cause }

// brief is the code, message and request id of an answer, without the
// product and action a StoppedError already names.
func (e *APIError) brief() string {
	s := e.Code
	if s == "" {
		s = e.logMessage()
	} else if e.Message != "" {
		s += ": " + e.Message
	}
	s = truncate(s, 200)
	if e.RequestID != "" {
		s += " (request id " + e.RequestID + ")"
	}
	return s
}

// Stopped is the error of a caller whose context ended while it waited
// for something on a call's behalf (another caller's list call it joined):
// the context's error with what the call was and which timeout to raise.
// Callers use it only when ctx.Err() != nil.
func Stopped(ctx context.Context, product, action, stage string) error {
	cause := ctx.Err()
	if cause == nil {
		cause = context.DeadlineExceeded
	}
	return &StoppedError{Product: product, Action: action, Cause: cause, Stage: stage}
}

// ThrottledTooLongError is a call the vendor kept refusing for the whole
// throttle budget. It wraps the last throttling answer (IsThrottled holds).
type ThrottledTooLongError struct {
	Product, Action string
	For             time.Duration
	Refusals        int
	Budget          time.Duration
	Last            *APIError
	// Early: the budget would end before the pacer lets the next attempt
	// out, so the call ended without waiting for that.
	Early bool
}

func (e *ThrottledTooLongError) Error() string {
	used := "is used up"
	if e.Early {
		used = "ends before the next attempt may go out"
	}
	return fmt.Sprintf("%s %s: throttled for %s (%d refusals) without getting through: the throttle budget (%s) %s — "+
		"raise throttle_budget in the provider block, or lower the load on the account (parallelism, other runs); last answer: %s",
		e.Product, e.Action, e.For.Round(100*time.Millisecond), e.Refusals, e.Budget, used, e.Last.brief())
}

func (e *ThrottledTooLongError) Unwrap() error { return e.Last }

// callBounds tracks one call's throttling against its budget and deadline.
type callBounds struct {
	product, action string
	budget          time.Duration
	firstRefusal    time.Time
	refusals        int
}

// refused records a throttling answer.
func (b *callBounds) refused(now time.Time) {
	if b.refusals == 0 {
		b.firstRefusal = now
	}
	b.refusals++
}

// throttledFor is how long since the first refusal (0 if none).
func (b *callBounds) throttledFor(now time.Time) time.Duration {
	if b.refusals == 0 {
		return 0
	}
	return now.Sub(b.firstRefusal)
}

// limit is when the throttle budget ends (zero while never refused).
func (b *callBounds) limit() time.Time {
	if b.refusals == 0 {
		return time.Time{}
	}
	return b.firstRefusal.Add(b.budget)
}

// overBudget reports whether the budget is used up at now.
func (b *callBounds) overBudget(now time.Time) bool {
	return b.refusals > 0 && !now.Before(b.limit())
}

func (b *callBounds) tooLong(now time.Time, last *APIError, early bool) error {
	return &ThrottledTooLongError{Product: b.product, Action: b.action, For: b.throttledFor(now), Refusals: b.refusals, Budget: b.budget, Last: last, Early: early}
}

// stopped is the call's error when ctx ended (or its deadline would pass
// before the next attempt: cause DeadlineExceeded with ctx still live).
func (b *callBounds) stopped(ctx context.Context, stage string, attempts int, last *APIError, unknown bool) error {
	cause := ctx.Err()
	if cause == nil {
		cause = context.DeadlineExceeded
	}
	if stage == "" {
		switch {
		case last != nil && last.Kind == KindThrottled:
			stage = "throttled"
		case last != nil:
			stage = "backing off"
		default:
			stage = "waiting for the rate limiter"
		}
	}
	return &StoppedError{
		Product: b.product, Action: b.action, Cause: cause, Stage: stage, Attempts: attempts,
		Throttled: b.throttledFor(time.Now()), Refusals: b.refusals, Last: last, Unknown: unknown,
	}
}

// deadlineFirst reports whether ctx's deadline comes no later than the
// throttle budget's end: a wait cut short is then the deadline's.
func (b *callBounds) deadlineFirst(ctx context.Context) bool {
	d, ok := ctx.Deadline()
	lim := b.limit()
	return ok && (lim.IsZero() || !d.After(lim))
}
