package conns

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Invoke makes one vendor call the way every call is made: it waits for the
// pacer of the account's API (ratelimit.go), which every throttling answer
// slows down and every success lets speed up again, retries throttling (for
// at most the throttle budget, ThrottledTooLongError) and 5xx/transport
// failures (up to max_retries) with exponential backoff and jitter, logs one
// line per attempt, and returns errors as *APIError, redacted and with a
// hint where one helps. The caller's context ends it at any point
// (StoppedError, bounds.go).
// call must be safe to repeat: creates pass an idempotency token or are
// reconciled by their caller.
func Invoke[T any](ctx context.Context, c *Client, product, action string, call func() (T, error)) (T, error) {
	return invoke(ctx, c, c.sessionFor(product), product, action, func(context.Context) (T, error) { return call() })
}

// sessionFor is the credential session a product's calls are signed with.
func (c *Client) sessionFor(product string) *session {
	if product == ProductCloudAudit {
		return c.tcSess
	}
	return c.aliSess
}

// maxCredentialRefreshes bounds how often one call fetches new credentials
// after the cloud refused the current ones as expired.
const maxCredentialRefreshes = 2

// invoke is Invoke for calls that take the attempt's context (the Tencent
// SDK's ...WithContext methods) and name their credential session (STS
// calls are signed by the base identity): it carries the log masks and the
// record the transport fills with the answer's status and request id.
// Fresh credentials are fetched (or renewed) before every attempt, and a
// refusal as expired renews them once for everybody and retries at once.
func invoke[T any](ctx context.Context, c *Client, sess *session, product, action string, call func(context.Context) (T, error)) (T, error) {
	var zero T
	refreshes := 0
	ctx = c.maskLogs(ctx)
	// Retries of 5xx and transport failures end after the budget too when
	// the context has no deadline (with max_retries they always end).
	budgetEnd := time.Now().Add(c.throttleBudget())
	if d, ok := ctx.Deadline(); ok {
		budgetEnd = d
	}
	bounds := &callBounds{product: product, action: action, budget: c.throttleBudget()}
	retries := 0
	var last *APIError
	for attempt := 1; ; attempt++ {
		// Credentials first: the account they belong to picks the pacer.
		var gen uint64
		if sess != nil {
			var err error
			if gen, err = sess.get(ctx); err != nil {
				if ctx.Err() != nil {
					return zero, bounds.stopped(ctx, "waiting for credentials", attempt-1, last, false)
				}
				// A credential library may quote what it read (a
				// profile file that does not parse).
				return zero, c.redactErr(err)
			}
		}
		pc := c.pacerOf(sess, product, action)
		if err := pc.wait(ctx, bounds.limit()); err != nil {
			// The pacer refuses a wait that would outlast the deadline
			// (or the throttle budget) before it ends; a deadline is
			// reported as the context's, whatever the last answer was.
			if ctx.Err() == nil && !bounds.deadlineFirst(ctx) {
				return zero, bounds.tooLong(time.Now(), last, true)
			}
			return zero, bounds.stopped(ctx, "", attempt-1, last, false)
		}
		rec := &attemptRecord{}
		start := time.Now()
		out, err := call(withAttemptRecord(ctx, rec))
		latency := time.Since(start)
		if err != nil && ctx.Err() != nil && !answered(err) {
			// Cancelled or timed out in flight: the request may have
			// reached the vendor, so its outcome is unknown.
			return zero, bounds.stopped(ctx, "in flight", attempt, last, true)
		}

		fields := map[string]any{
			"product":    product,
			"action":     action,
			"attempt":    attempt,
			"latency_ms": latency.Milliseconds(),
		}
		if err == nil {
			pc.onAnswer()
			fields["request_id"] = requestIDOf(out)
			tflog.Debug(ctx, "vendor API call", fields)
			return out, nil
		}
		apiErr := classify(product, action, err)
		c.finish(apiErr, rec, out)
		if apiErr.Kind != KindThrottled {
			pc.onAnswer() // any answer but a refusal says the rate is fine
		}
		apiErr.Attempt = attempt
		noteAttempt(ctx, apiErr) // for CreateOnce: may this attempt have taken effect?
		retryGarbledRead(action, apiErr)
		last = apiErr
		fields["request_id"] = apiErr.RequestID
		fields["error_code"] = apiErr.Code
		fields["error_kind"] = apiErr.Kind.String()
		fields["error_message"] = apiErr.logMessage()
		if apiErr.HTTPStatus != 0 {
			fields["http_status"] = apiErr.HTTPStatus
		}

		if sess != nil && expiredCredentialCodes[apiErr.Code] && refreshes < maxCredentialRefreshes {
			refreshes++
			sess.invalidate(gen)
			next, err := sess.get(ctx)
			switch {
			case err == nil && next != gen:
				fields["renewed_credentials"] = true
				tflog.Debug(ctx, "vendor API call refused: credentials expired; renewed, retrying", fields)
				continue // signed again with the new session, at once
			case err != nil && ctx.Err() != nil:
				return zero, bounds.stopped(ctx, "waiting for credentials", attempt, apiErr, false)
			case err != nil:
				// The user needs the renewal's cause (a refused
				// AssumeRole, a missing token file), not "expired".
				tflog.Debug(ctx, "vendor API call refused: credentials expired; renewing them failed", fields)
				return zero, c.redactErr(fmt.Errorf("%s %s: the credentials expired and renewing them failed: %w", product, action, err))
			}
		}

		// Decide before logging, so the line says what happens next.
		var stop string
		switch apiErr.Kind {
		case KindThrottled:
			pc.onThrottle()
			if st := pc.status(); st.Paced {
				fields["pace_rate"] = st.Rate
			}
			bounds.refused(time.Now())
			if bounds.overBudget(time.Now()) {
				stop = fmt.Sprintf("throttled for the whole throttle budget (%s)", bounds.budget)
			}
		case KindRetryable:
			retries++
			if retries > c.cfg.MaxRetries {
				stop = fmt.Sprintf("max_retries (%d) used up", c.cfg.MaxRetries)
			}
		default:
			stop = "not retryable"
		}
		var wait time.Duration
		// A throttled call waits for its pacer alone: onThrottle has
		// lowered the rate and paused it for the vendor's window, and the
		// retry queues behind the process's other calls of the API.
		pastDeadline := false
		if stop == "" && apiErr.Kind != KindThrottled {
			wait = backoff(c.tuning, attempt)
			if time.Now().Add(wait).After(budgetEnd) {
				stop = "the next attempt would end after the deadline"
				_, pastDeadline = ctx.Deadline()
			}
		}
		if stop != "" {
			fields["giving_up"] = stop
			tflog.Debug(ctx, "vendor API call failed; giving up", fields)
			switch {
			case apiErr.Kind == KindOther || apiErr.Kind == KindNotFound:
				return zero, apiErr
			case apiErr.Kind == KindThrottled:
				return zero, bounds.tooLong(time.Now(), apiErr, false)
			case pastDeadline:
				return zero, bounds.stopped(ctx, "backing off", attempt, apiErr, false)
			}
			return zero, giveUp(apiErr, attempt)
		}
		fields["backoff_ms"] = wait.Milliseconds()
		tflog.Debug(ctx, "vendor API call failed; retrying after backoff", fields)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return zero, bounds.stopped(ctx, "backing off", attempt, apiErr, false)
		case <-t.C:
		}
	}
}

// finish completes an error classify built: the HTTP status and request id
// the SDK's error lacks (from the transport's record or the SDK response),
// the redacted message and cause, and the hint. An error that is already
// finished (a nested Invoke's) is left alone.
func (c *Client) finish(e *APIError, rec *attemptRecord, out any) {
	if _, done := e.Err.(*redactedError); done || e.Err == nil {
		return
	}
	if e.HTTPStatus == 0 || e.RequestID == "" {
		status, reqID := rec.status, rec.requestID
		if status == 0 {
			status, reqID = httpInfoOf(out)
		}
		if e.HTTPStatus == 0 {
			e.HTTPStatus = status
		}
		if e.RequestID == "" {
			e.RequestID = reqID
		}
	}
	e.Message = c.redact(e.Message)
	// A gateway's HTML page says what failed in its title; the page itself
	// (the Alibaba SDK's message, quoted by Tencent's) is noise.
	if title, ok := htmlPageTitle(e.Message); ok && (e.Code == "" || malformedCodes[e.Code]) {
		e.Message = htmlPageMessage + title
	}
	// A transport failure's SDK message ("Fail to get response") says
	// nothing of why; the cause does.
	if e.Message != "" && isTransport(e.Err) {
		cause := e.Err
		if u := errors.Unwrap(e.Err); u != nil {
			cause = u
		}
		e.Message += ": " + c.redact(stripURLQuery(cause))
	}
	e.Message = truncate(e.Message, maxMessageLen)
	e.Hint = c.hintFor(e)
	e.Err = c.redactErr(e.Err)
	// A gateway's 5xx page (HTML, not the API's JSON) is a server error:
	// retried like any 5xx. The status is known only now for Tencent.
	if malformedCodes[e.Code] && e.HTTPStatus >= 500 {
		e.Kind = KindRetryable
	}
}

// htmlPageMessage starts the message of an answer that was an HTML page.
const htmlPageMessage = "an HTML page: "

// htmlPageTitle finds an HTML page in an error message and returns its
// title (or its start, without tags, when it has none).
func htmlPageTitle(msg string) (string, bool) {
	lower := strings.ToLower(msg)
	start := strings.Index(lower, "<html")
	if i := strings.Index(lower, "<!doctype html"); i >= 0 && (start < 0 || i < start) {
		start = i
	}
	if start < 0 {
		return "", false
	}
	page := msg[start:]
	lowerPage := lower[start:]
	if i := strings.Index(lowerPage, "<title>"); i >= 0 {
		if j := strings.Index(lowerPage[i:], "</title>"); j >= 0 {
			return strings.Join(strings.Fields(page[i+len("<title>"):i+j]), " "), true
		}
	}
	var b strings.Builder
	inTag := false
	for _, r := range page {
		switch {
		case r == '<':
			inTag = true
			b.WriteByte(' ')
		case r == '>':
			inTag = false
		case !inTag:
			b.WriteRune(r)
		}
	}
	return truncate(strings.Join(strings.Fields(b.String()), " "), 120), true
}

// maxMessageLen bounds a message that quotes a whole answer body (a
// garbled answer, an HTML error page from a proxy).
const maxMessageLen = 600

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "… (truncated)"
}

// logMessage is the redacted text for the log line: the vendor's message,
// else the cause.
func (e *APIError) logMessage() string {
	if e.Message != "" {
		return e.Message
	}
	if e.Err != nil {
		return e.Err.Error()
	}
	return ""
}

// httpInfoOf reads the status and request id header of an Alibaba SDK
// response, which the typed calls return alongside their error.
func httpInfoOf(v any) (status int, requestID string) {
	r, ok := v.(interface {
		GetHttpStatus() int
		GetHttpHeaders() map[string][]string
	})
	if !ok {
		return 0, ""
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && rv.IsNil() {
		return 0, ""
	}
	defer func() {
		// A response whose embedded BaseResponse is nil panics here;
		// it has nothing to tell anyway.
		if recover() != nil {
			status, requestID = 0, ""
		}
	}()
	status = r.GetHttpStatus()
	for k, vals := range r.GetHttpHeaders() {
		if strings.EqualFold(k, "X-Acs-Request-Id") && len(vals) > 0 {
			requestID = vals[0]
		}
	}
	return status, requestID
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

// answered reports whether err is the vendor's answer (a code from the
// API), as opposed to a request that got none.
func answered(err error) bool {
	var e *APIError
	if errors.As(err, &e) {
		return e.Code != "" && !malformedCodes[e.Code]
	}
	c := classify("", "", err)
	return c.Code != "" && !malformedCodes[c.Code] && c.Kind != KindRetryable
}

// IsContextDone reports whether err came from the caller's context ending.
func IsContextDone(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)
}
