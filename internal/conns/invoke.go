package conns

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Invoke makes one vendor call the way every call is made: it waits for the
// API's rate limiter, retries throttling (until the context's deadline, or
// the throttle budget when there is none) and 5xx/transport failures (up to
// max_retries) with exponential backoff and jitter, logs one line per attempt,
// and returns errors as *APIError. call must be safe to repeat: creates pass
// an idempotency token or are reconciled by their caller.
func Invoke[T any](ctx context.Context, c *Client, product, action string, call func() (T, error)) (T, error) {
	sess := c.aliSess
	if product == ProductCloudAudit {
		sess = c.tcSess
	}
	return invokeWith(ctx, c, sess, product, action, call)
}

// maxCredentialRefreshes bounds how often one call fetches new credentials
// after the cloud refused the current ones as expired.
const maxCredentialRefreshes = 2

// invokeWith is Invoke with the credential session the call is signed
// with: fresh credentials are fetched (or refreshed) before every attempt,
// and a refusal as expired refreshes them once for everybody and retries.
func invokeWith[T any](ctx context.Context, c *Client, sess *session, product, action string, call func() (T, error)) (T, error) {
	var zero T
	refreshes := 0
	budgetEnd := time.Now().Add(c.tuning.ThrottleBudget)
	if d, ok := ctx.Deadline(); ok {
		budgetEnd = d
	}
	retries := 0
	var last *APIError
	for attempt := 1; ; attempt++ {
		if err := c.limits.wait(ctx, product, action); err != nil {
			if last != nil {
				return zero, giveUp(last, attempt-1)
			}
			// The limiter refuses a wait that would outlast the deadline
			// before the context itself ends; report both as the context's.
			cause := ctx.Err()
			if cause == nil {
				cause = context.DeadlineExceeded
			}
			return zero, fmt.Errorf("%s %s: waiting for the rate limiter: %w", product, action, cause)
		}
		var gen uint64
		if sess != nil {
			var err error
			if _, gen, err = sess.get(ctx); err != nil {
				return zero, err
			}
		}
		start := time.Now()
		out, err := call()
		latency := time.Since(start)
		apiErr := classify(product, action, err)
		if apiErr != nil {
			apiErr.Attempt = attempt
		}
		last = apiErr

		fields := map[string]any{
			"product":    product,
			"action":     action,
			"attempt":    attempt,
			"latency_ms": latency.Milliseconds(),
		}
		if err == nil {
			fields["request_id"] = requestIDOf(out)
			tflog.Debug(ctx, "vendor API call", fields)
			return out, nil
		}
		fields["request_id"] = apiErr.RequestID
		fields["error_code"] = apiErr.Code
		fields["error_kind"] = apiErr.Kind.String()
		tflog.Debug(ctx, "vendor API call failed", fields)

		if sess != nil && expiredCredentialCodes[apiErr.Code] && refreshes < maxCredentialRefreshes {
			refreshes++
			sess.invalidate(gen)
			if _, next, err := sess.get(ctx); err == nil && next != gen {
				continue // signed again with the new session, at once
			}
			return zero, apiErr
		}
		switch apiErr.Kind {
		case KindThrottled:
		case KindRetryable:
			retries++
			if retries > c.cfg.MaxRetries {
				return zero, giveUp(apiErr, attempt)
			}
		default:
			return zero, apiErr
		}
		wait := backoff(c.tuning, attempt)
		if time.Now().Add(wait).After(budgetEnd) {
			return zero, giveUp(apiErr, attempt)
		}
		select {
		case <-ctx.Done():
			return zero, giveUp(apiErr, attempt)
		case <-time.After(wait):
		}
	}
}

func giveUp(e *APIError, attempts int) error {
	return fmt.Errorf("giving up after %d attempts: %w", attempts, e)
}

// backoff is exponential with "equal jitter": half the step is fixed, half
// random, so parallel callers spread out but still back off.
func backoff(t Tuning, attempt int) time.Duration {
	d := t.MinBackoff
	for i := 1; i < attempt && d < t.MaxBackoff; i++ {
		d *= 2
	}
	if d > t.MaxBackoff {
		d = t.MaxBackoff
	}
	if d <= 0 {
		return 0
	}
	half := d / 2
	return half + rand.N(half+1) //nolint:gosec // jitter needs no crypto
}

// requestIDOf digs the request id out of an SDK response: Alibaba responses
// carry a RequestId string, Tencent ones a Response.RequestId pointer.
func requestIDOf(v any) string {
	rv := reflect.ValueOf(v)
	for i := 0; i < 3; i++ {
		for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
			if rv.IsNil() {
				return ""
			}
			rv = rv.Elem()
		}
		if rv.Kind() != reflect.Struct {
			return ""
		}
		if f := rv.FieldByName("RequestId"); f.IsValid() {
			if f.Kind() == reflect.Pointer && !f.IsNil() {
				f = f.Elem()
			}
			if f.Kind() == reflect.String {
				return f.String()
			}
		}
		rv = rv.FieldByName("Response")
		if !rv.IsValid() {
			return ""
		}
	}
	return ""
}

// IsContextDone reports whether err came from the caller's context ending.
func IsContextDone(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)
}
