package conns

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Clock skews the vendors accept in a request's signed timestamp: a
// create time is compared with our clock only this loosely, since a
// client whose clock is off by up to this much is still served.
// Alibaba Cloud RPC: Timestamp within 15 minutes (the mock's
// timestampWindow, internal/mockcloud/signature.go); Tencent Cloud TC3:
// X-TC-Timestamp within 5 minutes (AuthFailure.SignatureExpire, the mock's
// tcSignatureWindow).
const (
	AlicloudClockSkew = 15 * time.Minute
	TencentClockSkew  = 5 * time.Minute
)

// DefaultFindTimeout bounds the look-up a create makes after its own
// deadline ran out with its outcome unknown (Create.FindTimeout).
const DefaultFindTimeout = 30 * time.Second

// CancelFindTimeout bounds that look-up when the create was cancelled
// (Ctrl-C) rather than timed out: Ctrl-C returns within 2 s. What it
// cannot find in time, the error names with the import command.
const CancelFindTimeout = 1500 * time.Millisecond

// errFindCancelled ends the look-up after a create's deadline when
// Ctrl-C comes during it (Create.Stop).
var errFindCancelled = errors.New("cancelled (Ctrl-C) while looking for it")

// Candidate is what Create.Find saw under the natural key.
type Candidate[ID comparable] struct {
	ID ID
	// Found: an object holds the natural key.
	Found bool
	// Same: it has the settings asked for.
	Same bool
	// Created is its create time as the API states it; zero when the API
	// gives none (then the rule is the one the resource documents).
	Created time.Time
}

// Create describes one create call so that CreateOnce can make it safe
// against an answer that was lost, timed out or garbled: the object may
// exist although the call failed, and is then found by its natural key and
// adopted only when this create may have made it.
type Create[ID comparable] struct {
	// What names the object in errors and logs: "CloudAudit track (audit)".
	What string
	// Call makes the create (through Invoke, which already retries
	// throttling, 5xx and transport failures) and returns the new id.
	Call func(ctx context.Context) (ID, error)
	// Find looks the object up by its natural key (name; the account's one
	// subscription; the create's idempotency token).
	Find func(ctx context.Context) (Candidate[ID], error)
	// Taken reports whether err says the natural key is taken (the
	// vendor's "already exists" code).
	Taken func(err error) bool
	// Import is how to import the object, for the error when the key is
	// taken by a different object: "terraform import <address> <id>". It
	// gets the zero ID when the look-up failed and must then name the id
	// in words ("<track id>").
	Import func(id ID) string
	// Recall makes the call once more when Find shows that a lost or
	// garbled answer made nothing (a 2xx body mangled on its way, the
	// request dropped before it arrived), instead of failing with "applying
	// again is safe": for APIs whose Find reads what the create wrote.
	Recall bool
	// Skew is how far the cloud's clock may be from ours (AlicloudClockSkew,
	// TencentClockSkew); 0 means AlicloudClockSkew, the larger.
	Skew time.Duration
	// FindTimeout bounds the look-up made after ctx ran out; 0 means
	// DefaultFindTimeout.
	FindTimeout time.Duration
	// Stop is what Ctrl-C cancels: the Terraform request's context, which
	// ctx (the create timeout) was derived from. Once ctx's deadline has
	// passed, ctx no longer shows a later cancel, so the look-up after the
	// deadline watches Stop: Ctrl-C cuts it to CancelFindTimeout. nil: only
	// ctx is watched (a Ctrl-C after the deadline waits for FindTimeout).
	Stop context.Context
}

// outcomeRecord notes, for one create, whether any attempt of any call it
// made ended with an unknown outcome (Invoke fills it through the context).
type outcomeRecord struct {
	mu    sync.Mutex
	cause string // the first such attempt's error; "" when none
}

type outcomeKey struct{}

func withOutcomeRecord(ctx context.Context, r *outcomeRecord) context.Context {
	return context.WithValue(ctx, outcomeKey{}, r)
}

// noteAttempt is called by Invoke with every failed attempt's error: an
// attempt that may have taken effect is remembered for CreateOnce.
func noteAttempt(ctx context.Context, e *APIError) {
	r, _ := ctx.Value(outcomeKey{}).(*outcomeRecord)
	if r == nil || !mayHaveMade(e) {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cause == "" {
		r.cause = fmt.Sprintf("attempt %d: %s", e.Attempt, e.Error())
	}
}

func (r *outcomeRecord) unknown() (string, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.cause, r.cause != ""
}

// mayHaveMade reports whether a failed attempt may have made the object a
// create is after. Only the create's own writes may have: not a read
// inside Call (a wait, a read-back), not a credential renewal (AssumeRole)
// made on the create's behalf, whose failure the create's error wraps.
func mayHaveMade(e *APIError) bool {
	return e.Product != ProductSTS && !isReadAction(e.Action) && attemptOutcomeUnknown(e)
}

// attemptOutcomeUnknown reports whether one failed attempt may have taken
// effect: a transport failure or attempt timeout, a 5xx (the server may
// have failed after the write), a garbled or HTML answer. A throttling
// answer, an expired or refused signature, a permission or validation
// refusal are the API's own answers that it did nothing.
func attemptOutcomeUnknown(e *APIError) bool {
	return e.Kind == KindRetryable || OutcomeUnknown(e)
}

// CreateOnce makes c.Call and, when "already exists" comes back or the
// outcome is unknown, finds the object by its natural key. The object
// found is adopted only when this create may have made it: an attempt of
// this very create had an unknown outcome (transport failure, attempt
// timeout, 5xx, garbled or lost answer), the object has the settings asked
// for, and it was not created before the first attempt (allowing Skew).
// After attempts that the API refused outright (throttled, expired token,
// signature or permission refused), "already exists" means somebody
// else's object: the error names it and how to import it. When ctx ran out
// after an unknown outcome, the look-up still runs, on a context detached
// from ctx and bounded by FindTimeout, so what was made is not orphaned.
// adopted tells the caller the id came from Find.
func CreateOnce[ID comparable](ctx context.Context, c Create[ID]) (id ID, adopted bool, err error) {
	return createOnce(ctx, c, time.Now())
}

func createOnce[ID comparable](ctx context.Context, c Create[ID], start time.Time) (id ID, adopted bool, err error) {
	rec := &outcomeRecord{}
	id, err = c.Call(withOutcomeRecord(ctx, rec))
	if err == nil {
		return id, false, nil
	}
	taken := c.Taken != nil && c.Taken(err)
	unknownCause, unknown := rec.unknown()
	// The final error counts too, for calls not made through Invoke. A
	// bare context error does not: no attempt was in flight (an attempt
	// cut short by the context is an APIError that Invoke noted).
	var apiErr *APIError
	if !unknown && errors.As(err, &apiErr) && mayHaveMade(apiErr) {
		unknown, unknownCause = true, err.Error()
	}
	// A call its deadline or a cancel stopped while an attempt was in
	// flight (StoppedError.Unknown): that attempt may have made it.
	var stopped *StoppedError
	if !unknown && errors.As(err, &stopped) && OutcomeUnknown(stopped) && stopped.Product != ProductSTS && !isReadAction(stopped.Action) {
		unknown, unknownCause = true, err.Error()
	}
	if !taken && !unknown {
		return id, false, err
	}
	// The deadline may be gone; the look-up must still run, or an object
	// made by a lost answer is orphaned and the next run meets "already
	// exists".
	findCtx := ctx
	expired := ctx.Err() != nil
	if expired {
		bound := c.FindTimeout
		if bound <= 0 {
			bound = DefaultFindTimeout
		}
		// Ctrl-C: the user is waiting for the provider to stop, which
		// it promises within 2 s; the look-up gets what is left of that.
		if errors.Is(ctx.Err(), context.Canceled) && bound > CancelFindTimeout {
			bound = CancelFindTimeout
		}
		var cancel context.CancelCauseFunc
		findCtx, cancel = context.WithCancelCause(context.WithoutCancel(ctx))
		defer cancel(nil)
		var tcancel context.CancelFunc
		findCtx, tcancel = context.WithTimeout(findCtx, bound)
		defer tcancel()
		if c.Stop != nil && bound > CancelFindTimeout {
			// The deadline came first; a Ctrl-C during the look-up
			// still ends it within CancelFindTimeout.
			stopped := context.AfterFunc(c.Stop, func() {
				time.AfterFunc(CancelFindTimeout, func() { cancel(errFindCancelled) })
			})
			defer stopped()
		}
		if !errors.Is(ctx.Err(), context.Canceled) {
			err = fmt.Errorf("%w (the timeout ran out: raise timeouts.create if the API is slow)", err)
		}
	}
	cand, ferr := c.Find(findCtx)
	if ferr != nil && errors.Is(context.Cause(findCtx), errFindCancelled) {
		ferr = fmt.Errorf("%w: %w", errFindCancelled, ferr)
	}
	how := ""
	if cand.Found && c.Import != nil {
		how = "; if it is meant to be managed here, import it: " + c.Import(cand.ID)
	}
	skew := c.Skew
	if skew <= 0 {
		skew = AlicloudClockSkew
	}
	older := !cand.Created.IsZero() && cand.Created.Before(start.Add(-skew))
	switch {
	case ferr != nil && !IsNotFound(ferr) && taken && !unknown:
		// Refused, and nothing this create sent may have made it: it is
		// somebody else's, whatever the look-up says.
		var zero ID
		if c.Import != nil {
			how = "; if it is meant to be managed here, import it: " + c.Import(zero)
		}
		return id, false, fmt.Errorf("%w: the %s already exists, made outside this configuration%s (looking it up failed: %w)", err, c.What, how, ferr)
	case ferr != nil && !IsNotFound(ferr):
		// Not known whether it exists: say how to take it over if the
		// next apply meets "already exists", rather than leave it unnamed.
		var zero ID
		if c.Import != nil {
			how = "; if the next apply says it already exists, it is the one this apply made: import it: " + c.Import(zero)
		}
		return id, false, fmt.Errorf("%w; then looking for the %s it may have created: %w; the %s may have been created%s", err, c.What, ferr, c.What, how)
	case cand.Found && cand.Same && unknown && !older:
		tflog.Info(ctx, "create answer lost, garbled or timed out; adopted the object it made",
			map[string]any{"what": c.What, "cause": err.Error(), "unknown_outcome": unknownCause})
		return cand.ID, true, nil
	case cand.Found && cand.Same && unknown:
		return id, false, fmt.Errorf("%w: the %s found was created at %s, before this create started (%s, allowing %s of clock skew), "+
			"so it is not this run's: made outside this configuration%s",
			err, c.What, cand.Created.UTC().Format(time.RFC3339), start.UTC().Format(time.RFC3339), skew, how)
	case cand.Found && taken && cand.Same:
		// Refused without any attempt that may have made it: somebody
		// else made it (another run, a copied workspace, the console).
		return id, false, fmt.Errorf("%w: the %s already exists, made outside this configuration%s", err, c.What, how)
	case cand.Found && taken:
		return id, false, fmt.Errorf("%w: another %s already holds this name, with different settings%s", err, c.What, how)
	case cand.Found:
		return id, false, fmt.Errorf("%w; a %s with this name exists but differs from the one asked for%s", err, c.What, how)
	case taken:
		return id, false, err
	case c.Recall && !expired:
		tflog.Info(ctx, "create answer lost or garbled and nothing was made; calling again", map[string]any{"what": c.What, "cause": err.Error()})
		c.Recall = false
		return createOnce(ctx, c, start)
	}
	return id, false, fmt.Errorf("%w; no %s was found afterwards, so none was created: applying again is safe", err, c.What)
}

// OutcomeUnknown reports whether a failed call may nonetheless have taken
// effect: the answer was lost (transport failure, timeout) or garbled (not
// the API's JSON, a gateway's HTML page included).
func OutcomeUnknown(err error) bool {
	// A call its context ended: unknown only if an attempt was in flight
	// or the last answer was itself lost (a throttled attempt made nothing).
	var s *StoppedError
	if errors.As(err, &s) {
		return s.Unknown || (s.Last != nil && OutcomeUnknown(s.Last))
	}
	var e *APIError
	if !errors.As(err, &e) {
		return IsContextDone(err)
	}
	if malformedCodes[e.Code] || strings.HasPrefix(e.Message, htmlPageMessage) {
		return true // a gateway's page says nothing of what the API did
	}
	return e.Kind == KindRetryable && e.HTTPStatus == 0
}

// retryGarbledRead makes a read's garbled answer (truncated JSON, a
// gateway's page) retryable like a 5xx, counted against max_retries: a read
// may be repeated, and failing it fails whatever needed it (a create's
// read-back taints a healthy object). A write's garbled answer is left to
// its caller (CreateOnce), since repeating a write may repeat its effect.
func retryGarbledRead(action string, e *APIError) {
	if e.Kind != KindOther || (!malformedCodes[e.Code] && !strings.HasPrefix(e.Message, htmlPageMessage)) {
		return
	}
	if isReadAction(action) {
		e.Kind = KindRetryable
	}
}

// isReadAction reports whether an action only reads, by the vendors'
// naming: Describe*, Get*, List*, Lookup*, Query* change nothing (Alibaba
// Cloud and Tencent Cloud API naming conventions).
func isReadAction(action string) bool {
	for _, p := range []string{"Describe", "Get", "List", "Lookup", "Query"} {
		if strings.HasPrefix(action, p) {
			return true
		}
	}
	return false
}
