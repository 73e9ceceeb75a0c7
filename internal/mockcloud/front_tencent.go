package mockcloud

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/contract"
)

// The Tencent Cloud API 3.0 front. Requests are POST / with X-TC-Action and
// X-TC-Version headers, a JSON body and a TC3-HMAC-SHA256 Authorization
// header; every answer, errors included, is HTTP 200 with a
// {"Response":{...,"RequestId"}} envelope.

// tcSignatureWindow is how far X-TC-Timestamp may be from the base clock.
const tcSignatureWindow = 5 * time.Minute

const (
	codeTCThrottled = "RequestLimitExceeded"
	msgTCThrottled  = "Your current request times exceeds the frequency limit of this API. Please reduce the frequency of calls."
)

// tcKey identifies a Tencent API: the X-TC-Version names the product.
type tcKey struct{ version, action string }

type tcRoute struct {
	product string
	handler tcHandler
	// anonymous routes (sts AssumeRoleWithWebIdentity) accept
	// "Authorization: SKIP" (common@v1.3.212 client.go
	// sendWithoutSignature; the sts API doc says so for this action).
	anonymous bool
}

// tcHandler serves one Tencent action. It returns the response fields (the
// front adds RequestId) or an error, normally an *apiError whose Status is
// ignored: Tencent answers errors with HTTP 200.
type tcHandler func(c *tcCall) (any, error)

// tcCall is an authenticated Tencent request as a handler sees it.
type tcCall struct {
	Product     string
	Action      string
	AccountID   string
	AccessKeyID string // "" for an anonymous call
	Region      string
	Body        []byte
	// Flat holds the flattened API parameters of a signature v1 or GET
	// request ("Filters.0.Name"); decode converts them to the JSON body.
	Flat map[string]string
	Now  time.Time
}

// decode reads the JSON body into v; a field the API does not have is
// refused as the gateway does.
func (c *tcCall) decode(v any) error {
	if c.Flat != nil {
		body, err := flatToJSON(c.Flat, reflect.TypeOf(v))
		if err != nil {
			return err
		}
		c.Body, c.Flat = body, nil
	}
	if len(bytes.TrimSpace(c.Body)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(c.Body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return tcErr("InvalidParameterValue", "The value type of parameter `%s` is not valid.", typeErr.Field)
		}
		if strings.Contains(err.Error(), "unknown field") {
			return tcErr("UnknownParameter", "The parameter %s is not recognized.", strings.TrimPrefix(err.Error(), "json: unknown field "))
		}
		return tcErr("InvalidParameter", "The request body is not valid JSON: %v", err)
	}
	return nil
}

// tcErr builds a Tencent error (the HTTP status is irrelevant there).
func tcErr(code, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusOK, Code: code, Message: fmt.Sprintf(format, args...)}
}

// handleTC registers the handler of one (Version, Action).
func (s *Server) handleTC(product, version, action string, h tcHandler) {
	s.tc[tcKey{version, action}] = tcRoute{product: product, handler: h}
}

// handleAnonymousTC registers an action that may be called unsigned.
func (s *Server) handleAnonymousTC(product, version, action string, h tcHandler) {
	s.tc[tcKey{version, action}] = tcRoute{product: product, handler: h, anonymous: true}
}

// errTCTokenExpired is the answer for an expired temporary credential.
// ASSUMPTION: Tencent Cloud documents no code for an expired token; its
// common error list (e.g. https://tencentcloud.com/document/product/1209/56023)
// has only AuthFailure.TokenFailure ("Token error."), which the mock
// answers with a message saying the token expired. This is the one place
// that choice is made.
var errTCTokenExpired = tcErr("AuthFailure.TokenFailure", "The token has expired. Request new temporary credentials.")

// tcEnvelope is the success envelope.
type tcEnvelope struct {
	Response json.RawMessage `json:"Response"`
}

// tcError is the Tencent error envelope.
type tcError struct {
	Response struct {
		Error struct {
			Code    string `json:"Code"`
			Message string `json:"Message"`
		} `json:"Error"`
		RequestID string `json:"RequestId"`
	} `json:"Response"`
}

// serveTencent checks, in this order: method and path, the action, the
// Authorization header's shape, the SecretId, the timestamp window, the
// signature, the STS token; then counts the call, applies faults, the rate
// limit and the handler.
func (s *Server) serveTencent(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	action, version, region := r.Header.Get("X-TC-Action"), r.Header.Get("X-TC-Version"), r.Header.Get("X-TC-Region")
	reqID := newTencentRequestID()
	product, code, secretID := "", "", ""
	httpStatus := http.StatusOK
	message := ""
	var audit *callEvent // set once the caller is known
	defer func() {
		s.finishCallEvent(audit, code, message, region)
		api := product + "." + action
		if product == "" {
			api = version + "/" + action
		}
		s.logf("tencent %s %s id=%s -> %d %s (%s)", r.Method, api, secretID, httpStatus, code, time.Since(start).Round(time.Microsecond))
		status := httpStatus
		if (strings.HasPrefix(code, "fault:") && code != "fault:html") || code == "ClientClosedRequest" {
			status = 0
		}
		s.reqlog.add(RequestRecord{
			Time: start, Front: VendorTencent, Host: r.Host, Product: product, Action: action,
			UserAgent: r.UserAgent(), RequestClient: r.Header.Get("X-TC-RequestClient"),
			AccessKeyID: secretID, Status: status, Code: code,
		})
	}()
	injected := false
	fail := func(e *apiError) {
		code, message = e.Code, e.Message
		if product != "" && !injected {
			s.checkErrorCode(product, action, e.Code)
		}
		s.writeTencentError(w, reqID, e.Code, e.Message)
	}

	// Signature v3 sends the action in X-TC-Action, signature v1 in the
	// Action parameter (and no X-TC-* header).
	legacy := action == "" && r.Header.Get("Authorization") == ""
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		fail(tcErr("UnsupportedProtocol", "Only GET and POST are supported by this API front."))
		return
	}
	var body []byte
	var flat map[string]string
	if legacy {
		params, err := rpcParams(r) // query and POST form, as for Alibaba RPC
		if err != nil {
			fail(tcErr("InvalidParameter", "The request parameters could not be parsed: %v", err))
			return
		}
		action, version, region = params["Action"], params["Version"], params["Region"]
		flat = params
	} else {
		var err error
		body, err = io.ReadAll(http.MaxBytesReader(nil, r.Body, 1<<20))
		if err != nil {
			fail(tcErr("InvalidParameter", "The request body could not be read: %v", err))
			return
		}
		if r.Method == http.MethodGet {
			if flat, err = rpcParams(r); err != nil { // the query
				fail(tcErr("InvalidParameter", "The request parameters could not be parsed: %v", err))
				return
			}
		}
	}
	if action == "" {
		fail(tcErr("MissingParameter", "The request is missing a required parameter `Action` (the X-TC-Action header, or the Action parameter of signature v1)."))
		return
	}
	route, ok := s.tc[tcKey{version, action}]
	if !ok {
		fail(tcErr("InvalidAction", "The action `%s` (version %s) is not supported.", action, version))
		return
	}
	product = route.product

	var cred Credential
	var e *apiError
	switch {
	case legacy:
		cred, e = s.authenticateTCLegacy(r, flat, &secretID)
	case route.anonymous && r.Header.Get("Authorization") == "SKIP":
		e = s.checkTCTimestamp(r.Header.Get("X-TC-Timestamp"))
	default:
		cred, e = s.authenticateTC(r, route.product, body, &secretID)
	}
	if e != nil {
		fail(e)
		return
	}
	if cred.AccessKeyID != "" {
		audit = s.beginCallEvent(VendorTencent, cred, product, version, action, reqID, r)
		audit.body = body
		if flat != nil {
			audit.params = flat
		}
	}

	s.calls.call(product, action)
	commitThenDrop, commitThenGarble := false, false
	if f, hit := s.faults.pick(product, action); hit {
		if !sleep(r.Context(), f.Latency) {
			code = "ClientClosedRequest"
			return
		}
		switch f.Mode {
		case FaultError:
			msg := f.Message
			if f.Code == codeTCThrottled && strings.HasPrefix(msg, "Injected fault") {
				msg = msgTCThrottled
			}
			injected = true
			fail(tcErr(f.Code, "%s", msg))
			return
		case FaultDrop:
			code = "fault:drop"
			dropConnection(w)
			return
		case FaultGarble:
			_, code = writeGarbled(w, true, reqID)
			return
		case FaultHTML:
			httpStatus, code = writeHTMLError(w, f.HTTPStatus)
			return
		case FaultCommitThenDrop:
			commitThenDrop = true
		case FaultCommitThenGarble:
			commitThenGarble = true
		}
	}
	if !s.limits.allow(cred.AccountID, product, action) {
		s.calls.throttle(product, action)
		fail(tcErr(codeTCThrottled, "%s", msgTCThrottled))
		return
	}

	call := &tcCall{
		Product:     product,
		Action:      action,
		AccountID:   cred.AccountID,
		AccessKeyID: cred.AccessKeyID,
		Region:      region,
		Body:        body,
		Flat:        flat,
		Now:         s.Now(),
	}
	result, err := route.handler(call)
	// A signature v1 or GET request's parameters are in Flat until the
	// handler's decode turns them into the JSON body that is checked; still
	// in Flat, they were refused before that (a value not of its type):
	// there is no JSON to judge, only the error code.
	var request func(*contract.Product) []string
	if call.Flat == nil {
		request = func(c *contract.Product) []string { return c.CheckJSONRequest(action, call.Body) }
	}
	s.checkContract(product, action, request, result, err)
	if commitThenDrop {
		code = "fault:commit_then_drop"
		dropConnection(w)
		return
	}
	if commitThenGarble {
		_, _ = writeGarbled(w, true, reqID)
		code = "fault:commit_then_garble"
		return
	}
	if err != nil {
		var ae *apiError
		if !errors.As(err, &ae) {
			s.logf("tencent %s.%s: %v", product, action, err)
			ae = tcErr("InternalError", "An internal error has occurred. Retry your request.")
		}
		fail(ae)
		return
	}
	data, err := withRequestID(result, reqID)
	if err != nil {
		s.logf("tencent %s.%s: encoding response: %v", product, action, err)
		fail(tcErr("InternalError", "The response could not be encoded."))
		return
	}
	out, _ := json.Marshal(tcEnvelope{Response: data})
	if audit != nil {
		audit.result = result
	}
	s.calls.success(product, action)
	s.calls.answered(product, action, len(out))
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-TC-RequestId", reqID)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(out)
}

// authenticateTC checks a TC3-HMAC-SHA256 request, in this order: the
// Authorization header's shape, a known SecretId, the timestamp window, the
// credential scope and the signature, the token (missing or wrong) and, for
// temporary credentials, their expiry on the server clock. It sets
// *secretID as soon as it is known, for the log.
//
// The SDKs disagree on what they sign when the endpoint is not
// <service>.tencentcloudapi.com, and the mock accepts each (API-NOTES.md,
// "Tencent Cloud signatures"):
//   - the scope's service: the product (Go common@v1.3.212
//     request.GetService(), Python abstract_client _service) or the
//     endpoint's first dot-separated label (Node 4.1.313 abstract_client
//     doRequestWithSign3: this.endpoint.split(".")[0], so "127" for
//     127.0.0.1:PORT and "localhost:PORT" for localhost:PORT);
//   - the host: as sent, port included (Go, Python), or without the port
//     (Node sign.js: urlObj.hostname), while all send it with the port;
//   - the canonical URI: the path as sent (Node, Python) or always "/" (Go).
func (s *Server) authenticateTC(r *http.Request, product string, body []byte, secretID *string) (Credential, *apiError) {
	auth, err := parseTC3Authorization(r.Header.Get("Authorization"))
	if err != nil {
		return Credential{}, tcErr("AuthFailure.InvalidAuthorization", "The Authorization header is not valid: %v.", err)
	}
	*secretID = auth.secretID
	cred, expires, ok := s.lookupCredential(auth.secretID)
	if !ok {
		return cred, tcErr("AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that your SecretId is correct.")
	}
	tsRaw := r.Header.Get("X-TC-Timestamp")
	if e := s.checkTCTimestamp(tsRaw); e != nil {
		return cred, e
	}
	ts, _ := strconv.ParseInt(tsRaw, 10, 64)
	date := time.Unix(ts, 0).UTC().Format("2006-01-02")
	services := tcServices(product, r.Host)
	if auth.date != date || !slices.Contains(services, auth.service) || auth.signedHeaders != "content-type;host" {
		return cred, tcErr("AuthFailure.InvalidAuthorization", "The credential scope %s/%s/tc3_request or SignedHeaders %q does not match the request: want the date %s, the service %s and SignedHeaders content-type;host.",
			auth.date, auth.service, auth.signedHeaders, date, strings.Join(quoteAll(services), " or "))
	}
	payload := body
	if r.Method == http.MethodGet {
		payload = nil // GET signs the empty payload; the parameters are the query
	}
	if r.Header.Get("X-TC-Content-SHA256") == "UNSIGNED-PAYLOAD" {
		payload = []byte("UNSIGNED-PAYLOAD") // the SDKs' unsignedPayload option
	}
	valid := false
	for _, host := range hostForms(r.Host) {
		for _, uri := range pathForms(r.URL.EscapedPath()) {
			want := tc3Signature(cred.AccessKeySecret, auth.service, r.Method, uri, r.URL.RawQuery, r.Header.Get("Content-Type"), host, tsRaw, payload)
			if hmac.Equal([]byte(want), []byte(auth.signature)) {
				valid = true
			}
		}
	}
	if !valid {
		return cred, tcErr("AuthFailure.SignatureFailure", "The provided credentials could not be validated. Please check your signature is correct.")
	}
	return cred, s.checkTCToken(cred, expires, r.Header.Get("X-TC-Token"))
}

// checkTCToken checks the security token of temporary credentials and
// their expiry.
func (s *Server) checkTCToken(cred Credential, expires time.Time, token string) *apiError {
	if cred.SecurityToken != "" && token != cred.SecurityToken {
		return tcErr("AuthFailure.TokenFailure", "The token is missing or does not belong to this SecretId.")
	}
	if s.expired(expires) {
		return errTCTokenExpired
	}
	return nil
}

// authenticateTCLegacy checks a signature v1 request (signature_tc_legacy.go):
// the common parameters, a known SecretId, the timestamp window, the
// signature method and signature, the token.
func (s *Server) authenticateTCLegacy(r *http.Request, params map[string]string, secretID *string) (Credential, *apiError) {
	for _, name := range []string{"SecretId", "Signature", "Timestamp", "Nonce"} {
		if params[name] == "" {
			return Credential{}, tcErr("MissingParameter", "The request is missing a required parameter `%s`.", name)
		}
	}
	*secretID = params["SecretId"]
	cred, expires, ok := s.lookupCredential(params["SecretId"])
	if !ok {
		return cred, tcErr("AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that your SecretId is correct.")
	}
	if e := s.checkTCTimestamp(params["Timestamp"]); e != nil {
		return cred, e
	}
	method := params["SignatureMethod"]
	if method == "" {
		method = "HmacSHA1" // the v1 default (Go sign.go: anything but HmacSHA256 is HmacSHA1)
	}
	if tcLegacyHashes[method] == nil {
		// ASSUMPTION: Tencent documents the two methods, not the code for
		// a third; the mock answers as for a bad signature, naming them.
		return cred, tcErr("AuthFailure.SignatureFailure", "SignatureMethod %q is not supported: use HmacSHA1 or HmacSHA256 (signature v1), or TC3-HMAC-SHA256 (signature v3).", method)
	}
	if !tcLegacyVerify(r, method, cred.AccessKeySecret, params) {
		return cred, tcErr("AuthFailure.SignatureFailure", "The provided credentials could not be validated. Please check your signature is correct.")
	}
	return cred, s.checkTCToken(cred, expires, params["Token"])
}

// tcServices are the credential scope services accepted for a product
// reached at host (authenticateTC).
func tcServices(product, host string) []string {
	out := []string{product}
	label, _, _ := strings.Cut(host, ".")
	if label != product {
		out = append(out, label)
	}
	// Node's endpoint may carry a default port its URL drops from Host.
	if !strings.Contains(host, ".") && !strings.Contains(host, ":") {
		out = append(out, host+":80", host+":443")
	}
	return out
}

// hostForms are the signed host forms accepted: as sent, and without port.
func hostForms(host string) []string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		return []string{host, h}
	}
	return []string{host}
}

// pathForms are the canonical URIs accepted: as sent, and "/".
func pathForms(path string) []string {
	if path == "/" || path == "" {
		return []string{"/"}
	}
	return []string{path, "/"}
}

func quoteAll(list []string) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = strconv.Quote(v)
	}
	return out
}

// checkTCTimestamp checks X-TC-Timestamp against the base clock: clients
// sign with their real clock, not the admin-shifted one.
func (s *Server) checkTCTimestamp(raw string) *apiError {
	ts, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return tcErr("AuthFailure.InvalidAuthorization", "X-TC-Timestamp %q is not a Unix time in seconds.", raw)
	}
	now := s.baseNow()
	if d := now.Sub(time.Unix(ts, 0)); d > tcSignatureWindow || d < -tcSignatureWindow {
		return tcErr("AuthFailure.SignatureExpire", "Signature expired. Timestamp is %d, server time is %d, the allowed gap is 300 seconds.", ts, now.Unix())
	}
	return nil
}

type tc3Auth struct {
	secretID, date, service, signedHeaders, signature string
}

// parseTC3Authorization reads
// "TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=..., Signature=...".
func parseTC3Authorization(h string) (tc3Auth, error) {
	var a tc3Auth
	rest, ok := strings.CutPrefix(h, "TC3-HMAC-SHA256 ")
	if !ok {
		return a, errors.New("the algorithm must be TC3-HMAC-SHA256")
	}
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "Credential":
			fields := strings.Split(v, "/")
			if len(fields) != 4 || fields[3] != "tc3_request" || fields[0] == "" {
				return a, fmt.Errorf("malformed Credential %q", v)
			}
			a.secretID, a.date, a.service = fields[0], fields[1], fields[2]
		case "SignedHeaders":
			a.signedHeaders = v
		case "Signature":
			a.signature = v
		}
	}
	if a.secretID == "" || a.signature == "" {
		return a, errors.New("Credential and Signature are required") //nolint:staticcheck // names of header fields
	}
	return a, nil
}

func hmacSHA256(key []byte, msg string) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(msg))
	return mac.Sum(nil)
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// tc3Signature computes the TC3-HMAC-SHA256 signature of a request.
func tc3Signature(secretKey, service, method, uri, query, contentType, host, timestamp string, payload []byte) string {
	canonical := method + "\n" + uri + "\n" + query + "\ncontent-type:" + contentType + "\nhost:" + host + "\n\ncontent-type;host\n" + sha256Hex(payload)
	ts, _ := strconv.ParseInt(timestamp, 10, 64)
	date := time.Unix(ts, 0).UTC().Format("2006-01-02")
	stringToSign := "TC3-HMAC-SHA256\n" + timestamp + "\n" + date + "/" + service + "/tc3_request\n" + sha256Hex([]byte(canonical))
	kDate := hmacSHA256([]byte("TC3"+secretKey), date)
	kService := hmacSHA256(kDate, service)
	kSign := hmacSHA256(kService, "tc3_request")
	return hex.EncodeToString(hmacSHA256(kSign, stringToSign))
}

func (s *Server) writeTencentError(w http.ResponseWriter, reqID, code, message string) {
	var e tcError
	e.Response.Error.Code = code
	e.Response.Error.Message = message
	e.Response.RequestID = reqID
	body, _ := json.Marshal(e)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-TC-RequestId", reqID)
	w.WriteHeader(http.StatusOK) // Tencent reports errors in the body only
	_, _ = w.Write(body)
}

// newTencentRequestID returns a lower-case UUID, as Tencent's RequestId
// looks.
func newTencentRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// isTencentRequest tells a Tencent Cloud request from an Alibaba Cloud one,
// so that every request carrying Tencent headers or parameters gets a
// Tencent-style answer: an X-TC-* header or a TC3 Authorization (signature
// v3), or the SecretId parameter of signature v1 in the query or a form body.
func isTencentRequest(r *http.Request) bool {
	for k := range r.Header {
		if strings.HasPrefix(k, "X-Tc-") {
			return true
		}
	}
	if strings.HasPrefix(r.Header.Get("Authorization"), "TC3-") {
		return true
	}
	if r.URL.Query().Get("SecretId") != "" {
		return true
	}
	if r.Method == http.MethodPost && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") &&
		!isACS3Request(r) {
		// ParseForm keeps the body in r.PostForm for whichever front reads
		// it next (rpcParams reads r.PostForm).
		r.Body = http.MaxBytesReader(nil, r.Body, 1<<20)
		if r.ParseForm() == nil && r.PostForm.Get("SecretId") != "" {
			return true
		}
	}
	return false
}
