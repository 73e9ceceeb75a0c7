package drift

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// warning is the plan warning for o.
func warning(o Object, gone bool, since time.Time, out outcome, set VendorSettings) (string, string) {
	what := "changed"
	if gone {
		what = "deleted"
	}
	summary := fmt.Sprintf("%s %s was %s outside Terraform", o.Kind, o.Label, what)
	var b strings.Builder
	sinceText := since.UTC().Format(time.RFC3339)
	switch {
	case out.refused != "":
		fmt.Fprintf(&b, "Who made the change is not known: %s. The plan is not affected.", out.refused)
	case len(out.events) == 0:
		fmt.Fprintf(&b, "No write event on it by another identity since %s is listed yet: the vendors list an event some minutes after the call "+
			"(%s looked at %s). Plan again later to see who made the change.", sinceText, set.API, out.lookedAt.UTC().Format(time.RFC3339))
	default:
		fmt.Fprintf(&b, "Write events on it since Terraform last changed it (%s), by identities other than this provider's, newest first:", sinceText)
		for _, ev := range out.events {
			b.WriteString("\n  - " + describe(ev))
		}
	}
	if out.partial != "" {
		fmt.Fprintf(&b, "\n(The list may be incomplete: %s.)", out.partial)
	}
	return summary, b.String()
}

// describe is one change: who, action, time, source IP, key, request id.
func describe(ev Event) string {
	who := "user " + ev.User
	switch {
	case ev.IdentityType == "assumed-role" || strings.Contains(ev.User, ":"):
		who = "role session " + ev.User
	case ev.ConsoleOp || ev.AccessKey == "":
		who = "console user " + ev.User
	}
	key := "no access key (console)"
	if ev.AccessKey != "" {
		key = "access key " + ev.AccessKey
	}
	return fmt.Sprintf("%s ran %s at %s from %s with %s, request id %s",
		who, ev.Action, ev.Time.UTC().Format(time.RFC3339), orDash(ev.SourceIP), key, orDash(ev.RequestID))
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func budgetText(ve *vendorEngine) string {
	return fmt.Sprintf("look-up skipped: this plan already made %d %s calls, the most max_drift_lookups allows in the %s block",
		ve.used, ve.set.API, ve.vendor)
}

// refusal says why a look-up failed and what to do.
func refusal(ve *vendorEngine, err error) string {
	code := conns.ErrorCode(err)
	switch {
	case conns.IsThrottled(err) || wasThrottled(err):
		return fmt.Sprintf("%s was throttled past the look-up's %s budget of retries (%s)", ve.set.API, lookupTimeout, firstLine(err))
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("%s did not finish within the look-up's %s limit (%s)", ve.set.API, lookupTimeout, firstLine(err))
	case isPermission(code):
		return fmt.Sprintf("%s was refused (%s): grant the provider's identity %s", ve.set.API, code, ve.set.Permission)
	default:
		return fmt.Sprintf("%s failed: %s", ve.set.API, firstLine(err))
	}
}

// wasThrottled reports a call its deadline stopped after the vendor had
// throttled it (conns.StoppedError with refusals), as opposed to one that
// was only slow.
func wasThrottled(err error) bool {
	var stopped *conns.StoppedError
	return errors.As(err, &stopped) && (stopped.Refusals > 0 || (stopped.Last != nil && conns.IsThrottled(stopped.Last)))
}

// isPermission reports a permission refusal: Alibaba's RAM codes
// (Forbidden.RAM, NoPermission; internal/contract/actiontrail.json and the
// RAM error reference) and Tencent's (UnauthorizedOperation,
// AuthFailure.UnauthorizedOperation; tencentcloud-sdk-go common errors and
// internal/contract/cloudaudit.json). AccessDenied and NotAuthorized are
// ASSUMPTION: codes other gateways of either vendor answer.
func isPermission(code string) bool {
	for _, p := range []string{"Forbidden", "NoPermission", "UnauthorizedOperation", "AccessDenied", "NotAuthorized"} {
		if strings.Contains(code, p) {
			return true
		}
	}
	return false
}

func firstLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}
