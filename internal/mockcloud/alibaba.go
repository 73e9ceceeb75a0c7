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
	errThrottled         = errBadRequest(codeThrottling, msgThrottling)
)

// rpcKey identifies an RPC API: the Version parameter names the product.
type rpcKey struct{ version, action string }

type rpcRoute struct {
	product string
	handler rpcHandler
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

// requiredCommonParams are checked, in this order, before anything else.
var requiredCommonParams = []string{"AccessKeyId", "Signature", "SignatureNonce", "Timestamp", "Action", "Version"}

// serveAlibaba is the Alibaba Cloud RPC front. The order of the checks
// follows the real gateway: parameters, API, access key, signature,
// timestamp, nonce, STS token; then faults, rate limit and the handler.
func (s *Server) serveAlibaba(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	reqID := newRequestID()
	params, product, action := map[string]string{}, "", ""
	status, code := http.StatusOK, ""
	defer func() {
		api := product + "." + action
		if product == "" {
			api = params["Version"] + "/" + action // not a known API
		}
		s.logf("alibaba %s %s ak=%s -> %d %s (%s)", r.Method, api, params["AccessKeyId"], status, code, time.Since(start).Round(time.Microsecond))
	}()
	fail := func(e *apiError) {
		status, code = e.Status, e.Code
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
	for _, name := range requiredCommonParams {
		if params[name] == "" {
			fail(errBadRequest("MissingParameter", fmt.Sprintf("The input parameter %q that is mandatory for processing this request is not supplied.", name)))
			return
		}
	}
	route, ok := s.rpc[rpcKey{params["Version"], action}]
	if !ok {
		fail(errActionNotFound)
		return
	}
	product = route.product

	cred, ok := s.credential(params["AccessKeyId"])
	if !ok {
		fail(errAccessKeyNotFound)
		return
	}
	if m := params["SignatureMethod"]; m != "" && m != "HMAC-SHA1" {
		fail(errSignatureMethod)
		return
	}
	stringToSign := rpcStringToSign(r.Method, params)
	if !signatureValid(cred.AccessKeySecret, stringToSign, params["Signature"]) {
		// The SDK compares the text after "server string to sign is:" with
		// its own to tell a wrong secret from a signing bug.
		fail(errBadRequest("SignatureDoesNotMatch", "Specified signature is not matched with our calculation. server string to sign is:"+stringToSign))
		return
	}
	now := s.Now()
	ts, err := time.Parse(rpcTimestampLayout, params["Timestamp"])
	if err != nil {
		fail(errTimestampFormat)
		return
	}
	if d := now.Sub(ts); d > timestampWindow || d < -timestampWindow {
		fail(errTimestampExpired)
		return
	}
	if !s.nonces.use(cred.AccessKeyID, params["SignatureNonce"], now) {
		fail(errNonceUsed)
		return
	}
	if token, has := params["SecurityToken"]; cred.SecurityToken != "" {
		if !has || token == "" {
			fail(errTokenMissing)
			return
		}
		if token != cred.SecurityToken {
			fail(errTokenMalformed)
			return
		}
	}

	s.calls.call(product, action)
	commitThenDrop := false
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
		case FaultCommitThenDrop:
			commitThenDrop = true
		}
	}
	if e := deniedError(cred, product); e != nil {
		fail(e)
		return
	}
	if !s.limits.allow(cred.AccountID, product, action) {
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
	if commitThenDrop {
		status, code = 0, "fault:commit_then_drop"
		dropConnection(w)
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
	s.calls.success(product, action)
	writeBody(w, http.StatusOK, reqID, body)
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
