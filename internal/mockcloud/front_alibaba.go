package mockcloud

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// rpcTimestampLayout is the Timestamp parameter format and the format of
// every time the Alibaba Cloud APIs here return.
const rpcTimestampLayout = "2006-01-02T15:04:05Z"

// apiError is a vendor error answer. Handlers return it; any other error
// becomes InternalError.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%s (HTTP %d): %s", e.Code, e.Status, e.Message)
}

func errBadRequest(code, message string) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: code, Message: message}
}

func errNotFound(code, message string) *apiError {
	return &apiError{Status: http.StatusNotFound, Code: code, Message: message}
}

func errInvalidParameter(format string, args ...any) *apiError {
	return errBadRequest("InvalidParameter", fmt.Sprintf(format, args...))
}

// errMissingParameter is the answer for a missing API parameter; common
// parameters use the plain code "MissingParameter".
func errMissingParameter(name string) *apiError {
	return errBadRequest("MissingParameter."+name, fmt.Sprintf("The input parameter %q that is mandatory for processing this request is not supplied.", name))
}

var (
	errActionNotFound    = errNotFound("InvalidAction.NotFound", "Specified api is not found, please check your url and method.")
	errAccessKeyNotFound = errNotFound("InvalidAccessKeyId.NotFound", "Specified access key is not found.")
	errTimestampExpired  = errBadRequest("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")
	errTimestampFormat   = errBadRequest("InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.")
	errNonceUsed         = errBadRequest("SignatureNonceUsed", "Specified signature nonce was used already.")
	errSignatureMethod   = errBadRequest("InvalidSignatureMethod", "Specified signature method is not supported, use HMAC-SHA1.")
	errTokenMalformed    = errBadRequest("InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed.")
	errTokenMissing      = errBadRequest("MissingSecurityToken", "SecurityToken is mandatory for this access key.")
	// errTokenExpired: the code is in Alibaba Cloud's common ("Public")
	// error list (https://error-center.alibabacloud.com/status/product/Public,
	// as quoted by terraform-provider-alicloud's common error constants);
	// ASSUMPTION: HTTP 400 like the other security token errors, and the
	// message.
	errTokenExpired = errBadRequest("InvalidSecurityToken.Expired", "Specified SecurityToken is expired.")
	errThrottled    = errBadRequest(codeThrottling, msgThrottling)
)

// rpcKey identifies an RPC API: the Version parameter names the product.
type rpcKey struct{ version, action string }

type rpcRoute struct {
	product string
	handler rpcHandler
	// anonymous routes (Sts AssumeRoleWithOIDC) accept requests without
	// AccessKeyId, SignatureNonce and Signature.
	anonymous bool
}

// rpcHandler serves one RPC action. It returns the response fields (a
// struct or map marshalled to a JSON object; the front adds RequestId) or
// an error, normally an *apiError.
type rpcHandler func(c *rpcCall) (any, error)

// rpcCall is an authenticated request as a handler sees it.
type rpcCall struct {
	Product     string
	Action      string
	AccountID   string
	AccessKeyID string
	Params      map[string]string
	Now         time.Time
}

func (c *rpcCall) param(name string) string { return c.Params[name] }

// handleRPC registers the handler of one (Version, Action).
//
//nolint:unparam // only ActionTrail so far; Cdn, dcdn and Sas come next.
func (s *Server) handleRPC(product, version, action string, h rpcHandler) {
	s.rpc[rpcKey{version, action}] = rpcRoute{product: product, handler: h}
}

// handleAnonymousRPC registers an action that may be called unsigned.
func (s *Server) handleAnonymousRPC(product, version, action string, h rpcHandler) {
	s.rpc[rpcKey{version, action}] = rpcRoute{product: product, handler: h, anonymous: true}
}

// requiredCommonParams are checked, in this order, before anything else;
// anonymousCommonParams instead for an unsigned call of an anonymous
// action.
var (
	requiredCommonParams  = []string{"AccessKeyId", "Signature", "SignatureNonce", "Timestamp", "Action", "Version"}
	anonymousCommonParams = []string{"Timestamp", "Action", "Version"}
)

// serveAlibaba is the Alibaba Cloud RPC front. The order of the checks
// follows the real gateway: parameters, API, access key, signature,
// timestamp, nonce, STS token; then faults, rate limit and the handler.
func (s *Server) serveAlibaba(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	reqID := newRequestID()
	params, product, action := map[string]string{}, "", ""
	status, code, message := http.StatusOK, "", ""
	var audit *callEvent // set once the caller is known
	defer func() {
		s.finishCallEvent(audit, code, message, params["RegionId"])
		api := product + "." + action
		if product == "" {
			api = params["Version"] + "/" + action // not a known API
		}
		s.logf("alibaba %s %s ak=%s -> %d %s (%s)", r.Method, api, params["AccessKeyId"], status, code, time.Since(start).Round(time.Microsecond))
		s.reqlog.add(RequestRecord{
			Time: start, Front: VendorAlibaba, Host: r.Host, Product: product, Action: action,
			UserAgent: r.UserAgent(), AccessKeyID: params["AccessKeyId"], Status: status, Code: code,
		})
	}()
	fail := func(e *apiError) {
		status, code, message = e.Status, e.Code, e.Message
		s.writeRPCError(w, r, reqID, product, e)
	}

	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		fail(&apiError{Status: http.StatusMethodNotAllowed, Code: "UnsupportedHTTPMethod", Message: "Specified http method is not supported, use GET or POST."})
		return
	}
	if r.URL.Path != "/" {
		fail(errActionNotFound)
		return
	}
	params, err := rpcParams(r)
	if err != nil {
		fail(errInvalidParameter("The request body could not be parsed: %v", err))
		return
	}
	action = params["Action"]
	route, known := s.rpc[rpcKey{params["Version"], action}]
	anonymous := known && route.anonymous && params["AccessKeyId"] == ""
	required := requiredCommonParams
	if anonymous {
		required = anonymousCommonParams
	}
	for _, name := range required {
		if params[name] == "" {
			fail(errBadRequest("MissingParameter", fmt.Sprintf("The input parameter %q that is mandatory for processing this request is not supplied.", name)))
			return
		}
	}
	if !known {
		fail(errActionNotFound)
		return
	}
	product = route.product

	var cred Credential
	if anonymous {
		// Only the timestamp is checked; the caller is nobody.
		if e := s.checkRPCTimestamp(params["Timestamp"]); e != nil {
			fail(e)
			return
		}
	} else {
		var e *apiError
		if cred, e = s.authenticateRPC(r.Method, params); e != nil {
			fail(e)
			return
		}
		audit = s.beginCallEvent(VendorAlibaba, cred, product, params["Version"], action, reqID, r)
		audit.params = params
	}

	s.calls.call(product, action)
	commitThenDrop, commitThenGarble := false, false
	if f, hit := s.faults.pick(product, action); hit {
		if !sleep(r.Context(), f.Latency) {
			status, code = 499, "ClientClosedRequest"
			return
		}
		switch f.Mode {
		case FaultError:
			fail(&apiError{Status: f.HTTPStatus, Code: f.Code, Message: f.Message})
			return
		case FaultDrop:
			status, code = 0, "fault:drop"
			dropConnection(w)
			return
		case FaultGarble:
			status, code = writeGarbled(w, false, reqID)
			return
		case FaultHTML:
			status, code = writeHTMLError(w, f.HTTPStatus)
			return
		case FaultCommitThenDrop:
			commitThenDrop = true
		case FaultCommitThenGarble:
			commitThenGarble = true
		}
	}
	if e := deniedError(cred, product); !anonymous && e != nil {
		fail(e)
		return
	}
	if !s.limits.allow(cred.AccountID, product, action) { // "" for anonymous calls
		s.calls.throttle(product, action)
		fail(errThrottled)
		return
	}

	result, err := route.handler(&rpcCall{
		Product:     product,
		Action:      action,
		AccountID:   cred.AccountID,
		AccessKeyID: cred.AccessKeyID,
		Params:      params,
		Now:         s.Now(), // not now: a latency fault may have slept
	})
	s.checkContract(product, action, params, nil, result, err)
	if commitThenDrop {
		status, code = 0, "fault:commit_then_drop"
		dropConnection(w)
		return
	}
	if commitThenGarble {
		status, code = writeGarbled(w, false, reqID)
		code = "fault:commit_then_garble"
		return
	}
	if err != nil {
		var ae *apiError
		if !errors.As(err, &ae) {
			s.logf("alibaba %s.%s: %v", product, action, err)
			ae = &apiError{Status: http.StatusInternalServerError, Code: "InternalError", Message: "The request processing has failed due to some unknown error, exception or failure."}
		}
		fail(ae)
		return
	}
	body, err := withRequestID(result, reqID)
	if err != nil {
		s.logf("alibaba %s.%s: encoding response: %v", product, action, err)
		fail(&apiError{Status: http.StatusInternalServerError, Code: "InternalError", Message: "The response could not be encoded."})
		return
	}
	if audit != nil {
		audit.result = result
	}
	s.calls.success(product, action)
	s.calls.answered(product, action, len(body))
	writeBody(w, http.StatusOK, reqID, body)
}

// authenticateRPC checks, in this order: a known access key, the signature
// method and signature, the timestamp window, the nonce, the security
// token (missing, wrong) and, for temporary credentials, their expiry on
// the server clock.
func (s *Server) authenticateRPC(method string, params map[string]string) (Credential, *apiError) {
	cred, expires, ok := s.lookupCredential(params["AccessKeyId"])
	if !ok {
		return cred, errAccessKeyNotFound
	}
	if m := params["SignatureMethod"]; m != "" && m != "HMAC-SHA1" {
		return cred, errSignatureMethod
	}
	stringToSign := rpcStringToSign(method, params)
	if !signatureValid(cred.AccessKeySecret, stringToSign, params["Signature"]) {
		// The SDK compares the text after "server string to sign is:" with
		// its own to tell a wrong secret from a signing bug.
		return cred, errBadRequest("SignatureDoesNotMatch", "Specified signature is not matched with our calculation. server string to sign is:"+stringToSign)
	}
	if e := s.checkRPCTimestamp(params["Timestamp"]); e != nil {
		return cred, e
	}
	if !s.nonces.use(cred.AccessKeyID, params["SignatureNonce"], s.baseNow()) {
		return cred, errNonceUsed
	}
	if token, has := params["SecurityToken"]; cred.SecurityToken != "" {
		if !has || token == "" {
			return cred, errTokenMissing
		}
		if token != cred.SecurityToken {
			return cred, errTokenMalformed
		}
	}
	if s.expired(expires) {
		return cred, errTokenExpired
	}
	return cred, nil
}

// checkRPCTimestamp checks the Timestamp parameter against the base clock:
// clients sign with their real clock, not the admin-shifted one.
func (s *Server) checkRPCTimestamp(raw string) *apiError {
	ts, err := time.Parse(rpcTimestampLayout, raw)
	if err != nil {
		return errTimestampFormat
	}
	if d := s.baseNow().Sub(ts); d > timestampWindow || d < -timestampWindow {
		return errTimestampExpired
	}
	return nil
}

// rpcParams merges the query and the form body; the body wins on a clash,
// as the SDK signs them.
func rpcParams(r *http.Request) (map[string]string, error) {
	params := map[string]string{}
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, err
	}
	for k, v := range query {
		params[k] = v[0]
	}
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(nil, r.Body, 1<<20)
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
		for k, v := range r.PostForm {
			params[k] = v[0]
		}
	}
	return params, nil
}

// withRequestID marshals a handler result and puts RequestId first.
func withRequestID(result any, reqID string) ([]byte, error) {
	idField, _ := marshalJSON(reqID)
	if result == nil {
		return append(append([]byte(`{"RequestId":`), idField...), '}'), nil
	}
	data, err := marshalJSON(result)
	if err != nil {
		return nil, err
	}
	if len(data) < 2 || data[0] != '{' {
		return nil, fmt.Errorf("handler result is not a JSON object: %.40s", data)
	}
	var b bytes.Buffer
	b.WriteString(`{"RequestId":`)
	b.Write(idField)
	if rest := bytes.TrimSpace(data[1:]); len(rest) > 0 && rest[0] != '}' {
		b.WriteByte(',')
	}
	b.Write(data[1:])
	return b.Bytes(), nil
}

type rpcErrorBody struct {
	RequestID string `json:"RequestId"`
	HostID    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	Recommend string `json:"Recommend"`
}

func (s *Server) writeRPCError(w http.ResponseWriter, r *http.Request, reqID, product string, e *apiError) {
	body, _ := marshalJSON(rpcErrorBody{
		RequestID: reqID,
		HostID:    r.Host,
		Code:      e.Code,
		Message:   e.Message,
		Recommend: fmt.Sprintf("https://api.aliyun.com/troubleshoot?q=%s&product=%s&requestId=%s", url.QueryEscape(e.Code), url.QueryEscape(product), reqID),
	})
	writeBody(w, e.Status, reqID, body)
}

// marshalJSON is json.Marshal without HTML escaping: the vendors send "&"
// in URLs as is.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSpace(b.Bytes()), nil
}

func writeBody(w http.ResponseWriter, status int, reqID string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json;charset=utf-8")
	h.Set("X-Acs-Request-Id", reqID)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
