package conns

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Create describes one create call so that CreateOnce can make it safe
// against an answer that was lost, timed out or garbled: the object may
// exist although the call failed, and is then found by its natural key and
// adopted only when it is the one asked for.
type Create[ID comparable] struct {
	// What names the object in errors and logs: "CloudAudit track (audit)".
	What string
	// Call makes the create (through Invoke, which already retries
	// throttling, 5xx and transport failures) and returns the new id.
	Call func(ctx context.Context) (ID, error)
	// Find looks the object up by its natural key (name; the account's one
	// subscription; the create's idempotency token): found is false when
	// there is none, and same says whether it is the one asked for.
	Find func(ctx context.Context) (id ID, found, same bool, err error)
	// Taken reports whether err says the natural key is taken (the
	// vendor's "already exists" code).
	Taken func(err error) bool
	// Import is how to import the object, for the error when the key is
	// taken by a different object: "terraform import <address> <id>".
	Import func(id ID) string
	// Recall makes the call once more when Find shows that a lost or
	// garbled answer made nothing (a 2xx body mangled on its way, the
	// request dropped before it arrived), instead of failing with "applying
	// again is safe": for APIs whose Find reads what the create wrote.
	Recall bool
}

// CreateOnce makes c.Call and, when its outcome is unknown (a lost or
// garbled answer, a timeout, or "already exists" after a retry of this very
// call), finds the object by its natural key: the one asked for is adopted,
// so one object ends in state however the answer went; anything else is an
// error that says what holds the key and how to import it. adopted tells
// the caller the id came from Find.
func CreateOnce[ID comparable](ctx context.Context, c Create[ID]) (id ID, adopted bool, err error) {
	id, err = c.Call(ctx)
	if err == nil {
		return id, false, nil
	}
	taken := c.Taken != nil && c.Taken(err)
	if !taken && !OutcomeUnknown(err) {
		return id, false, err
	}
	if IsContextDone(err) && ctx.Err() != nil {
		return id, false, err // no time left to look
	}
	found, ok, same, ferr := c.Find(ctx)
	how := ""
	if ok && c.Import != nil {
		how = "; if it is meant to be managed here, import it: " + c.Import(found)
	}
	switch {
	case ferr != nil && !IsNotFound(ferr):
		return id, false, fmt.Errorf("%w; then looking for the %s it may have created: %w", err, c.What, ferr)
	case ok && same && (!taken || AfterRetry(err)):
		tflog.Info(ctx, "create answer lost or garbled; adopted the object it made", map[string]any{"what": c.What, "cause": err.Error()})
		return found, true, nil
	case ok && taken && same:
		// Refused at the first attempt: somebody else made it.
		return id, false, fmt.Errorf("%w: the %s already exists, made outside this configuration%s", err, c.What, how)
	case ok && taken:
		return id, false, fmt.Errorf("%w: another %s already holds this name, with different settings%s", err, c.What, how)
	case ok:
		return id, false, fmt.Errorf("%w; a %s with this name exists but differs from the one asked for%s", err, c.What, how)
	case taken:
		return id, false, err
	case c.Recall:
		tflog.Info(ctx, "create answer lost or garbled and nothing was made; calling again", map[string]any{"what": c.What, "cause": err.Error()})
		c.Recall = false
		return CreateOnce(ctx, c)
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
