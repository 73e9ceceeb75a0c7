package mockcloud_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// acs3Request is a signature V3 RPC call built the way @alicloud/openapi-core
// 1.0.8 builds it (utils getAuthorization): the test's own signer, so each
// field can be broken on purpose. The Node suite (tests/node-sdk) drives
// the same checks with the SDKs themselves.
type acs3Request struct {
	algorithm, action, version, secret, accessKeyID string
	query                                           url.Values
	form                                            url.Values
	jsonBody                                        string // sent instead of the form when set
	date                                            time.Time
	nonce                                           string
	contentHash                                     string // "" = the right one
	token                                           string
	unsigned                                        string // a header sent but left out of SignedHeaders
}

func acs3HashFunc(alg string) func() hash.Hash {
	if alg == "ACS3-HMAC-SM3" {
		return mockcloud.NewSM3
	}
	return sha256.New
}

func (a acs3Request) send(t *testing.T, host string) (int, struct{ Code, Message string }) {
	t.Helper()
	if a.algorithm == "" {
		a.algorithm = "ACS3-HMAC-SHA256"
	}
	if a.date.IsZero() {
		a.date = time.Now().UTC()
	}
	if a.nonce == "" {
		a.nonce = hex.EncodeToString([]byte(time.Now().String()))
	}
	body, contentType := a.form.Encode(), "application/x-www-form-urlencoded"
	if a.jsonBody != "" {
		body, contentType = a.jsonBody, "application/json; charset=utf-8"
	}
	hf := acs3HashFunc(a.algorithm)
	sum := func(b []byte) string { h := hf(); h.Write(b); return hex.EncodeToString(h.Sum(nil)) }
	headers := map[string]string{
		"host": host, "x-acs-action": a.action, "x-acs-version": a.version,
		"x-acs-date": a.date.Format("2006-01-02T15:04:05Z"), "x-acs-signature-nonce": a.nonce,
		"x-acs-content-sha256": sum([]byte(body)), "content-type": contentType,
	}
	if a.contentHash != "" {
		headers["x-acs-content-sha256"] = a.contentHash
	}
	if a.token != "" {
		headers["x-acs-security-token"] = a.token
	}
	var names []string
	for k := range headers {
		if k != a.unsigned {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	var canonHeaders strings.Builder
	for _, k := range names {
		canonHeaders.WriteString(k + ":" + headers[k] + "\n")
	}
	keys := make([]string, 0, len(a.query))
	for k := range a.query {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var q []string
	for _, k := range keys {
		q = append(q, k+"="+strings.ReplaceAll(url.QueryEscape(a.query.Get(k)), "+", "%20"))
	}
	canonical := "POST\n/\n" + strings.Join(q, "&") + "\n" + canonHeaders.String() + "\n" + strings.Join(names, ";") + "\n" + headers["x-acs-content-sha256"]
	sts := a.algorithm + "\n" + sum([]byte(canonical))
	mac := hmac.New(hf, []byte(a.secret))
	mac.Write([]byte(sts))
	headers["authorization"] = a.algorithm + " Credential=" + a.accessKeyID + ",SignedHeaders=" + strings.Join(names, ";") + ",Signature=" + hex.EncodeToString(mac.Sum(nil))

	req, err := http.NewRequest(http.MethodPost, "http://"+host+"/?"+a.query.Encode(), strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		if k != "host" {
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out struct{ Code, Message string }
	_ = json.Unmarshal(data, &out)
	return resp.StatusCode, out
}

func defaultACS3(action string) acs3Request {
	return acs3Request{
		action: action, version: "2020-07-06",
		accessKeyID: mockcloud.DefaultAccessKeyID, secret: mockcloud.DefaultAccessKeySecret,
		query: url.Values{}, form: url.Values{},
	}
}

// TestSM3Vectors: the SM3 behind ACS3-HMAC-SM3 gives GB/T 32905's example
// digests, and the HMAC Node's crypto gives (createHmac('sm3','k') of "abc").
func TestSM3Vectors(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"abc":                      "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
		strings.Repeat("abcd", 16): "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
	} {
		h := mockcloud.NewSM3()
		h.Write([]byte(in))
		if got := hex.EncodeToString(h.Sum(nil)); got != want {
			t.Errorf("SM3(%q) = %s, want %s", in, got, want)
		}
	}
	mac := hmac.New(mockcloud.NewSM3, []byte("k"))
	mac.Write([]byte("abc"))
	if got := hex.EncodeToString(mac.Sum(nil)); got != "af684d81732e81f6a9c5dd0aa68f27667b36debcebe29e094a654c3d496a898a" {
		t.Errorf("HMAC-SM3 = %s", got)
	}
}

// TestACS3Accepts: both HMAC algorithms of signature V3 reach the handler,
// with parameters in the query, a form body and a JSON body.
func TestACS3Accepts(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{})
	for _, alg := range []string{"ACS3-HMAC-SHA256", "ACS3-HMAC-SM3"} {
		a := defaultACS3("ListDeliveryHistoryJobs")
		a.algorithm = alg
		a.query.Set("PageSize", "5")
		if st, body := a.send(t, host); st != 200 {
			t.Errorf("%s query: %d %+v", alg, st, body)
		}
		c := defaultACS3("DescribeTrails")
		c.algorithm = alg
		c.form.Set("NameList", "t")
		if st, body := c.send(t, host); st != 200 {
			t.Errorf("%s form: %d %+v", alg, st, body)
		}
		// A JSON body is read as the SDKs flatten forms: PageSize 0 is
		// out of range, so a refusal naming it proves the body was read.
		j := defaultACS3("ListDeliveryHistoryJobs")
		j.algorithm = alg
		j.jsonBody = `{"PageSize":0}`
		if st, body := j.send(t, host); st != 400 || !strings.Contains(body.Message, "PageSize") {
			t.Errorf("%s JSON body: %d %+v", alg, st, body)
		}
	}
}

// TestACS3Refusals: each broken part of a V3 request is refused with the
// vendor's code, before any handler runs.
func TestACS3Refusals(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{})
	cases := []struct {
		name   string
		mutate func(*acs3Request)
		code   string
		inMsg  string
	}{
		{"wrong secret", func(a *acs3Request) { a.secret = "wrong" }, "SignatureDoesNotMatch", "server StringToSign is [ACS3-HMAC-SHA256\n"},
		{"wrong secret sm3", func(a *acs3Request) { a.secret, a.algorithm = "wrong", "ACS3-HMAC-SM3" }, "SignatureDoesNotMatch", "ACS3-HMAC-SM3"},
		{"stale date", func(a *acs3Request) { a.date = time.Now().Add(-20 * time.Minute) }, "InvalidTimeStamp.Expired", ""},
		{"future date", func(a *acs3Request) { a.date = time.Now().Add(20 * time.Minute) }, "InvalidTimeStamp.Expired", ""},
		{"wrong content hash", func(a *acs3Request) { a.contentHash = strings.Repeat("0", 64) }, "SignatureDoesNotMatch", "x-acs-content-sha256"},
		{"unknown key", func(a *acs3Request) { a.accessKeyID = "nobody" }, "InvalidAccessKeyId.NotFound", ""},
		{"rsa", func(a *acs3Request) { a.algorithm = "ACS3-RSA-SHA256" }, "InvalidSignatureMethod", "ACS3-HMAC-SHA256"},
		{"unsigned nonce", func(a *acs3Request) { a.unsigned = "x-acs-signature-nonce" }, "IncompleteSignature", "x-acs-signature-nonce"},
		{"unknown action", func(a *acs3Request) { a.action = "NoSuchAction" }, "InvalidAction.NotFound", ""},
	}
	for _, tc := range cases {
		a := defaultACS3("ListDeliveryHistoryJobs")
		tc.mutate(&a)
		st, body := a.send(t, host)
		if st/100 != 4 || body.Code != tc.code || !strings.Contains(body.Message, tc.inMsg) {
			t.Errorf("%s: got %d %+v, want %s containing %q", tc.name, st, body, tc.code, tc.inMsg)
		}
	}
}

// TestACS3NonceReuse: a replayed x-acs-signature-nonce is refused.
func TestACS3NonceReuse(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{})
	a := defaultACS3("ListDeliveryHistoryJobs")
	a.nonce = "fixed-nonce"
	if st, body := a.send(t, host); st != 200 {
		t.Fatalf("first: %d %+v", st, body)
	}
	if st, body := a.send(t, host); st != 400 || body.Code != "SignatureNonceUsed" {
		t.Errorf("replay: %d %+v", st, body)
	}
}

// TestNoSignatureNamesVersions: a request with no signature at all is told
// which signatures the mock accepts.
func TestNoSignatureNamesVersions(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{})
	for _, h := range []map[string]string{nil, {"x-acs-action": "ListDeliveryHistoryJobs", "x-acs-version": "2020-07-06"}} {
		req, _ := http.NewRequest(http.MethodGet, "http://"+host+"/?Action=ListDeliveryHistoryJobs&Version=2020-07-06", nil)
		if h != nil {
			req.URL.RawQuery = ""
		}
		for k, v := range h {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body struct{ Code, Message string }
		_ = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode != 400 || body.Code != "MissingParameter" || !strings.Contains(body.Message, "ACS3-HMAC-SHA256") || !strings.Contains(body.Message, "HMAC-SHA1") {
			t.Errorf("headers %v: %d %+v", h, resp.StatusCode, body)
		}
	}
}
