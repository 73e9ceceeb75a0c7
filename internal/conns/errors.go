package conns

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"

	aliErrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	tcErrors "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
)

// Kind is the one classification of vendor errors used by every resource.
type Kind int

const (
	// KindOther is an error that retrying will not fix (bad input, auth, conflicts).
	KindOther Kind = iota
	// KindNotFound means the object asked for does not exist (any more).
	KindNotFound
	// KindThrottled means the vendor's flow control refused the call.
	KindThrottled
	// KindRetryable is a server-side (5xx) or transport failure.
	KindRetryable
)

func (k Kind) String() string {
	switch k {
	case KindNotFound:
		return "NotFound"
	case KindThrottled:
		return "Throttled"
	case KindRetryable:
		return "Retryable"
	default:
		return "Other"
	}
}

// APIError carries what the vendor said, so diagnostics can quote the code,
// the message and the request id a support ticket needs.
type APIError struct {
	Product    string
	Action     string
	Code       string
	Message    string
	RequestID  string
	HTTPStatus int
	Kind       Kind
	// Attempt is which attempt of Invoke drew this error (1 = the first).
	Attempt int
	// Hint says which setting to check, when the failure is one the user
	// can fix (hints.go).
	Hint string
	// Err is the SDK's error behind a redacting wrapper: its text is
	// redacted, its chain intact for errors.Is/As.
	Err error
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", e.Product, e.Action)
	if e.Code != "" {
		fmt.Fprintf(&b, ": %s", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	} else if e.Err != nil && e.Code == "" {
		fmt.Fprintf(&b, ": %s", e.Err)
	}
	if e.HTTPStatus != 0 {
		fmt.Fprintf(&b, " (HTTP %d", e.HTTPStatus)
		if e.RequestID != "" {
			fmt.Fprintf(&b, ", request id %s", e.RequestID)
		}
		b.WriteString(")")
	} else if e.RequestID != "" {
		fmt.Fprintf(&b, " (request id %s)", e.RequestID)
	}
	if e.Hint != "" {
		fmt.Fprintf(&b, " — %s", e.Hint)
	}
	return b.String()
}

func (e *APIError) Unwrap() error { return e.Err }

// notFoundCodes are the vendor codes that mean "this object is gone". Codes
// about the caller (an unknown access key) are deliberately absent.
var notFoundCodes = map[string]bool{
	"DeliveryHistoryJobNotFound":     true,
	"TrailNotFoundException":         true, // ActionTrail (API-NOTES: ActionTrail trails)
	"ResourceNotFound.AuditNotExist": true,
	"SubscriptionNotFound":           true,
	"InvalidDeliverId.NotFound":      true,
	"DeliverTaskNotFound":            true,
}

// expiredCredentialCodes mean the temporary credentials a call was signed
// with have expired: the call is signed again with a new session.
// Alibaba Cloud: InvalidSecurityToken.Expired (API-NOTES, Alibaba RPC auth
// errors). Tencent Cloud: see API-NOTES, sts.
var expiredCredentialCodes = map[string]bool{
	"InvalidSecurityToken.Expired": true,
	"AuthFailure.TokenFailure":     true,
}

// throttledCodes are flow-control refusals: paced and retried. The
// documented ones of each product are listed, with their source, in
// internal/contract (kind "throttling"); a test checks every one is here.
// Tencent Cloud's common errors (API 3.0 "公共错误码", in the contract's
// common_errors): RequestLimitExceeded, .UinLimitExceeded,
// .IPLimitExceeded, .GlobalRegionUinLimitExceeded.
var throttledCodes = map[string]bool{
	"Throttling":                                        true,
	"Throttling.User":                                   true,
	"Throttling.Api":                                    true,
	"Throttling.Tps":                                    true,
	"Rejected.Throttling":                               true,
	"RequestLimitExceeded":                              true,
	"RequestLimitExceeded.UinLimitExceeded":             true,
	"RequestLimitExceeded.IPLimitExceeded":              true,
	"RequestLimitExceeded.GlobalRegionUinLimitExceeded": true,
}

// productThrottledCodes are throttling codes whose names do not say so,
// by product: Tencent sts InvalidParameter.OverLimit "超过频率限制" (over
// the frequency limit; tencentcloud-sdk-go sts/v20180813/errors.go,
// internal/contract/sts_tencent.json).
var productThrottledCodes = map[string]map[string]bool{
	ProductSTS: {"InvalidParameter.OverLimit": true},
}

// actionRetryableCodes are refusals that clear by themselves on the
// listed actions, retried with backoff like a server error:
// ActionTrail InsufficientBucketPolicyException (a bucket or role made in
// the same apply is not yet usable), retried on CreateTrail, UpdateTrail,
// StartLogging and StopLogging as the vendor's own provider does
// (aliyun/terraform-provider-alicloud
// alicloud/resource_alicloud_actiontrail_trail.go at
// 81c43b6727a09e9da37b3d88818c3ba5fa17fa14).
var actionRetryableCodes = map[string]map[string]bool{
	"InsufficientBucketPolicyException": {"CreateTrail": true, "UpdateTrail": true, "StartLogging": true, "StopLogging": true},
}

var retryableCodes = map[string]bool{
	"ServiceUnavailable":              true,
	"InternalError":                   true,
	"InternalFailure":                 true,
	"ServerError":                     true,
	"UnknownError":                    true,
	"ClientError.NetworkError":        true,
	"ClientError.HttpStatusCodeError": true,
	"SDK.ServerUnreachable":           true,
	"SDK.TimeoutError":                true,
	"SDK.ServerUnreachableError":      true,
}

// classify turns whatever an SDK returned into an *APIError.
func classify(product, action string, err error) *APIError {
	if err == nil {
		return nil
	}
	var already *APIError
	if errors.As(err, &already) {
		return already
	}
	e := &APIError{Product: product, Action: action, Err: err}

	var aliServer *aliErrors.ServerError
	var aliClient *aliErrors.ClientError
	var tc *tcErrors.TencentCloudSDKError
	switch {
	case errors.As(err, &aliServer):
		e.Code = aliServer.ErrorCode()
		e.Message = aliServer.Message()
		e.RequestID = aliServer.RequestId()
		e.HTTPStatus = aliServer.HttpStatus()
	case errors.As(err, &tc):
		e.Code = tc.Code
		e.Message = tc.Message
		e.RequestID = tc.RequestId
	case errors.As(err, &aliClient):
		e.Code = aliClient.ErrorCode()
		e.Message = aliClient.Message()
		if orig := aliClient.OriginError(); orig != nil && isTransport(orig) {
			e.Kind = KindRetryable
			return e
		}
	}

	switch {
	case e.Code != "" && notFoundCodes[e.Code]:
		e.Kind = KindNotFound
	case e.Code != "" && (throttledCodes[e.Code] || productThrottledCodes[product][e.Code]):
		e.Kind = KindThrottled
	case e.Code != "" && (retryableCodes[e.Code] || actionRetryableCodes[e.Code][action]):
		e.Kind = KindRetryable
	case e.HTTPStatus >= 500:
		e.Kind = KindRetryable
	case e.Code == "" && isTransport(err):
		e.Kind = KindRetryable
	}
	return e
}

func isTransport(err error) bool {
	var urlErr *url.Error
	// An attempt's own timeout (http.Client.Timeout) also wraps
	// DeadlineExceeded, but it is the connection's failure, not the
	// caller's context ending: retry it like a dropped connection. When
	// the caller's context did end, Invoke's next limiter wait stops.
	if errors.As(err, &urlErr) && urlErr.Timeout() && !errors.Is(err, context.Canceled) {
		return true
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var netErr net.Error
	return errors.As(err, &urlErr) || errors.As(err, &netErr) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

func kindOf(err error) Kind {
	var e *APIError
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindOther
}

// IsNotFound reports whether err means the object does not exist.
func IsNotFound(err error) bool { return kindOf(err) == KindNotFound }

// IsThrottled reports whether err is the vendor's flow control.
func IsThrottled(err error) bool { return kindOf(err) == KindThrottled }

// IsRetryable reports whether err is a 5xx or transport failure.
func IsRetryable(err error) bool { return kindOf(err) == KindRetryable }

// ErrorCode returns the vendor's error code, or "".
func ErrorCode(err error) string {
	var e *APIError
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// NotFoundError builds a NotFound error for finders that learn of absence
// from an empty result rather than from an error code.
func NotFoundError(product, action, what string) error {
	return &APIError{Product: product, Action: action, Code: "NotFound", Message: what, Kind: KindNotFound}
}

// Classify is classify for the contract tests outside conns
// (internal/contract), which check every documented throttling, not-found
// and retryable code against it.
func Classify(product, action string, err error) *APIError { return classify(product, action, err) }
