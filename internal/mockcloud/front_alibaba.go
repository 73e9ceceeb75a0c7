package mockcloud

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/contract"
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

	// errNoSignature answers a request that carries neither signature the
	// mock verifies. ASSUMPTION: the code is the one the RPC gateway gives
	// a request without AccessKeyId (MissingParameter); the message is the
	// mock's, naming what it accepts.
	errNoSignature = errBadRequest("MissingParameter", "The request carries no signature this endpoint recognises. Accepted: "+
		"signature V3 (Authorization: ACS3-HMAC-SHA256 or ACS3-HMAC-SM3 with x-acs-action, x-acs-version, x-acs-date, "+
		"x-acs-signature-nonce and x-acs-content-sha256 headers; the default of the current SDKs) and the RPC signature V2 "+
		"(HMAC-SHA1, SignatureVersion 1.0: AccessKeyId, SignatureNonce, Timestamp and Signature parameters).")
	// errIncompleteSignature: a malformed ACS3 Authorization header, or a
	// common header sent but not signed. The code and message are in
	// Alibaba Cloud's common error list (error-center "Public" product, as
	// the provider's hints quote it); ASSUMPTION: the gateway uses it for
	// these two cases, with the reason appended here.
	errIncompleteSignature = func(reason string) *apiError {
		return errBadRequest("IncompleteSignature", "The request signature does not conform to Aliyun standards. "+reason)
	}
	// ASSUMPTION: an ACS3 algorithm the mock cannot verify (ACS3-RSA-SHA256
	// needs a registered key) is answered with V2's InvalidSignatureMethod;
	// no V3 code is documented (API-NOTES.md, signatures).
	errACS3Method = errBadRequest("InvalidSignatureMethod", "Specified signature method is not supported. Accepted: ACS3-HMAC-SHA256, ACS3-HMAC-SM3 (signature V3), HMAC-SHA1 (RPC signature V2).")
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
	accessKeyID := "" // for the log, once known
	status, code, message := http.StatusOK, "", ""
	var audit *callEvent // set once the caller is known
	defer func() {
		s.finishCallEvent(audit, code, message, params["RegionId"])
		api := product + "." + action
		if product == "" {
			api = params["Version"] + "/" + action // not a known API
		}
		if accessKeyID == "" {
			accessKeyID = params["AccessKeyId"]
		}
		s.logf("alibaba %s %s ak=%s -> %d %s (%s)", r.Method, api, accessKeyID, status, code, time.Since(start).Round(time.Microsecond))
		s.reqlog.add(RequestRecord{
			Time: start, Front: VendorAlibaba, Host: r.Host, Product: product, Action: action,
			UserAgent: r.UserAgent(), AccessKeyID: accessKeyID, Status: status, Code: code,
		})
	}()
	injected := false
	fail := func(e *apiError) {
		status, code, message = e.Status, e.Code, e.Message
		if product != "" && !injected {
			s.checkErrorCode(product, action, e.Code)
		}
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
	acs3 := isACS3Request(r)
	var body []byte
	var err error
	if acs3 {
		params, body, err = acs3Params(r)
	} else {
		params, err = rpcParams(r)
	}
	if err != nil {
		fail(errInvalidParameter("The request body could not be parsed: %v", err))
		return
	}
	action = params["Action"]
	route, known := s.rpc[rpcKey{params["Version"], action}]
	var cred Credential
	var anonymous bool
	if acs3 {
		anonymous = known && route.anonymous && r.Header.Get("Authorization") == ""
		if !anonymous && r.Header.Get("Authorization") == "" {
			fail(errNoSignature)
			return
		}
		if !known {
			fail(errActionNotFound)
			return
		}
		product = route.product
		var e *apiError
		if anonymous {
			e = s.checkACS3Date(r.Header.Get("x-acs-date"))
		} else {
			cred, e = s.authenticateACS3(r, body, &accessKeyID)
		}
		if e != nil {
			fail(e)
			return
		}
	} else {
		anonymous = known && route.anonymous && params["AccessKeyId"] == ""
		required := requiredCommonParams
		if anonymous {
			required = anonymousCommonParams
		} else if params["AccessKeyId"] == "" && params["Signature"] == "" {
			fail(errNoSignature)
			return
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
		var e *apiError
		if anonymous {
			// Only the timestamp is checked; the caller is nobody.
			e = s.checkRPCTimestamp(params["Timestamp"])
		} else {
			cred, e = s.authenticateRPC(r.Method, params)
		}
		if e != nil {
			fail(e)
			return
		}
	}
	if !anonymous {
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
			injected = true
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
	s.checkContract(product, action, func(c *contract.Product) []string { return c.CheckRPCRequest(action, params) }, result, err)
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
	out, err := withRequestID(result, reqID)
	if err != nil {
		s.logf("alibaba %s.%s: encoding response: %v", product, action, err)
		fail(&apiError{Status: http.StatusInternalServerError, Code: "InternalError", Message: "The response could not be encoded."})
		return
	}
	if audit != nil {
		audit.result = result
	}
	s.calls.success(product, action)
	s.calls.answered(product, action, len(out))
	writeBody(w, http.StatusOK, reqID, out)
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
	return cred, s.checkAlibabaToken(cred, expires, params["SecurityToken"])
}

// isACS3Request tells a signature V3 request from an RPC V2 one: an ACS3
// Authorization header, or (an anonymous V3 call) the x-acs-action header
// without the Action parameter. The SDKs' V2 path sends x-acs-action too
// (openapi-core doRPCRequest), but always with Action in the query.
func isACS3Request(r *http.Request) bool {
	if strings.HasPrefix(r.Header.Get("Authorization"), "ACS3-") {
		return true
	}
	return r.Header.Get("x-acs-action") != "" && r.URL.Query().Get("Action") == ""
}

// acs3Params collects a V3 request's API parameters: the query and a form
// body as for V2 (rpcParams; the SDKs send RPC parameters in the query and,
// per API, in a form body), then a JSON body flattened as the SDKs flatten
// forms, then Action and Version from x-acs-action and x-acs-version. It
// returns the body for the content hash.
func acs3Params(r *http.Request) (map[string]string, []byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, 1<<20))
	if err != nil {
		return nil, nil, err
	}
	// Read once for the hash, then given back for rpcParams' form parsing.
	r.Body = io.NopCloser(bytes.NewReader(body))
	params, err := rpcParams(r)
	if err != nil {
		return nil, nil, err
	}
	if mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mediaType == "application/json" && len(bytes.TrimSpace(body)) > 0 {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var v map[string]any
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		flattenJSONParams(params, "", v)
	}
	if params["Action"] == "" {
		params["Action"] = r.Header.Get("x-acs-action")
	}
	if params["Version"] == "" {
		params["Version"] = r.Header.Get("x-acs-version")
	}
	return params, body, nil
}

// authenticateACS3 checks a signature V3 request, in the V2 order: the
// Authorization header and the common headers, a known access key, the
// content hash, the signature, the date window, the nonce, the security
// token and, for temporary credentials, their expiry.
func (s *Server) authenticateACS3(r *http.Request, body []byte, accessKeyID *string) (Credential, *apiError) {
	auth, err := parseACS3Authorization(r.Header.Get("Authorization"))
	if err != nil {
		return Credential{}, errIncompleteSignature(err.Error() + ".")
	}
	*accessKeyID = auth.accessKeyID
	if acs3Hashes[auth.algorithm] == nil {
		return Credential{}, errACS3Method
	}
	for _, h := range acs3Required {
		if r.Header.Get(h) == "" {
			return Credential{}, errBadRequest("MissingParameter", fmt.Sprintf("The input parameter %q that is mandatory for processing this request is not supplied.", h))
		}
	}
	if h := acs3MissingSigned(r, auth); h != "" {
		return Credential{}, errIncompleteSignature(fmt.Sprintf("The header %q must be in SignedHeaders.", h))
	}
	cred, expires, ok := s.lookupCredential(auth.accessKeyID)
	if !ok {
		return cred, errAccessKeyNotFound
	}
	claimed := strings.ToLower(r.Header.Get("x-acs-content-sha256"))
	actual := acs3Hash(auth.algorithm, body)
	if claimed != actual {
		// ASSUMPTION: the gateway signs the hash of the body it received, so
		// a wrong x-acs-content-sha256 fails as a signature mismatch; the
		// message says which part differs.
		return cred, errBadRequest("SignatureDoesNotMatch", fmt.Sprintf("Specified signature does not match our calculation: x-acs-content-sha256 %q is not the %s hash of the request body (%s).", claimed, auth.algorithm, actual))
	}
	valid, stringToSign, err := acs3Verify(r, auth, cred.AccessKeySecret, actual)
	if err != nil {
		return cred, errInvalidParameter("The query string could not be parsed: %v", err)
	}
	if !valid {
		// The gateway's V3 message quotes its string to sign in brackets
		// (as users report it: https://developer.aliyun.com/ask/678646).
		return cred, errBadRequest("SignatureDoesNotMatch", "Specified signature does not match our calculation. server StringToSign is ["+stringToSign+"]")
	}
	if e := s.checkACS3Date(r.Header.Get("x-acs-date")); e != nil {
		return cred, e
	}
	if !s.nonces.use(cred.AccessKeyID, r.Header.Get("x-acs-signature-nonce"), s.baseNow()) {
		return cred, errNonceUsed
	}
	return cred, s.checkAlibabaToken(cred, expires, r.Header.Get("x-acs-security-token"))
}

// checkACS3Date checks x-acs-date: the V2 Timestamp format and window
// (the V3 reference: "yyyy-MM-ddTHH:mm:ssZ", within 15 minutes).
func (s *Server) checkACS3Date(raw string) *apiError {
	return s.checkRPCTimestamp(raw)
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

// checkAlibabaToken checks what both Alibaba signature versions check of
// temporary credentials: their security token (RPC parameter
// SecurityToken, V3 header x-acs-security-token) and their expiry.
func (s *Server) checkAlibabaToken(cred Credential, expires time.Time, token string) *apiError {
	if cred.SecurityToken != "" {
		if token == "" {
			return errTokenMissing
		}
		if token != cred.SecurityToken {
			return errTokenMalformed
		}
	}
	if s.expired(expires) {
		return errTokenExpired
	}
	return nil
}
