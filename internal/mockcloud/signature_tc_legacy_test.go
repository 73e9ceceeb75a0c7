package mockcloud_test

import (
	"crypto/hmac"
	"crypto/sha1" //nolint:gosec // signature v1's HmacSHA1, as the SDKs send it.
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// TestTencentSignatureVariants: the Go SDK's signature v1 (HmacSHA1,
// HmacSHA256) over GET and POST form, TC3 over GET and with an unsigned
// payload (X-TC-Content-SHA256: UNSIGNED-PAYLOAD), all reach the
// handler, with nested parameters (LookupAttributes.0.AttributeKey) and
// typed ones (MaxResults) converted; a wrong secret is refused in each.
func TestTencentSignatureVariants(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{})
	for _, v := range []struct {
		sign, method string
		unsigned     bool
	}{
		{"HmacSHA1", "GET", false}, {"HmacSHA1", "POST", false}, {"HmacSHA256", "GET", false}, {"HmacSHA256", "POST", false},
		{"TC3-HMAC-SHA256", "GET", false}, {"TC3-HMAC-SHA256", "POST", true},
	} {
		for _, secret := range []string{mockcloud.DefaultSecretKey, "wrong"} {
			cpf := tcProfile(host)
			cpf.SignMethod = v.sign
			cpf.HttpProfile.ReqMethod = v.method
			cpf.UnsignedPayload = v.unsigned
			c, err := ca.NewClient(common.NewCredential(mockcloud.DefaultSecretID, secret), "ap-guangzhou", cpf)
			if err != nil {
				t.Fatal(err)
			}
			req := ca.NewLookUpEventsRequest()
			now := time.Now().Unix()
			req.StartTime, req.EndTime = common.Int64Ptr(now-3600), common.Int64Ptr(now)
			req.MaxResults = common.Int64Ptr(5)
			req.LookupAttributes = []*ca.LookupAttribute{{AttributeKey: common.StringPtr("EventName"), AttributeValue: common.StringPtr("x")}}
			_, err = c.LookUpEvents(req)
			if secret == "wrong" {
				wantTCError(t, err, "AuthFailure.SignatureFailure")
			} else if err != nil {
				t.Errorf("%s %s: %v", v.sign, v.method, err)
			}
		}
	}
}

// TestTencentEndpointForms: a TC3 request signed the way the Node SDK signs
// it for an IP or localhost endpoint (scope service "127" or
// "localhost:PORT", host without its port) is accepted; a service that is
// neither that nor the product is refused.
func TestTencentEndpointForms(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{})
	_, port, _ := strings.Cut(host, ":")
	for _, tc := range []struct {
		host, service, signedHost, code string
	}{
		{"127.0.0.1:" + port, "127", "127.0.0.1", ""},
		{"localhost:" + port, "localhost:" + port, "localhost", ""},
		{"127.0.0.1:" + port, "cloudaudit", "127.0.0.1:" + port, ""},
		{"127.0.0.1:" + port, "cvm", "127.0.0.1", "AuthFailure.InvalidAuthorization"},
	} {
		code := tc3Call(t, tc.host, tc.service, tc.signedHost)
		if code != tc.code {
			t.Errorf("%+v: got %q", tc, code)
		}
	}
}

// tc3Call sends DescribeAuditTracks signed with the given scope service and
// signed host (the rest as the SDKs do) and returns the error code, "" for
// success.
func tc3Call(t *testing.T, host, service, signedHost string) string {
	t.Helper()
	body := `{"PageNumber":1,"PageSize":10}`
	req, err := http.NewRequest(http.MethodPost, "http://"+host+"/", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	ts := nowUnix()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Action", "DescribeAuditTracks")
	req.Header.Set("X-TC-Version", "2019-03-19")
	req.Header.Set("X-TC-Timestamp", ts)
	req.Header.Set("Authorization", mockcloud.TC3Authorization(mockcloud.DefaultSecretID, mockcloud.DefaultSecretKey, service, signedHost, ts, []byte(body)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out struct {
		Response struct{ Error struct{ Code string } }
	}
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	return out.Response.Error.Code
}

// TestTencentStyleErrors: requests carrying Tencent headers or parameters
// get Tencent's envelope (HTTP 200, Response.Error), never Alibaba's.
func TestTencentStyleErrors(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{})
	for name, build := range map[string]func() *http.Request{
		"v1 GET": func() *http.Request {
			r, _ := http.NewRequest(http.MethodGet, "http://"+host+"/?Action=DescribeAuditTracks&Version=2019-03-19&SecretId=AKIDmockcloud&Timestamp=1&Nonce=1&Signature=x", nil)
			return r
		},
		"v1 POST form": func() *http.Request {
			form := url.Values{"Action": {"DescribeAuditTracks"}, "Version": {"2019-03-19"}, "SecretId": {"AKIDmockcloud"}}
			r, _ := http.NewRequest(http.MethodPost, "http://"+host+"/", strings.NewReader(form.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return r
		},
		"X-TC header without action": func() *http.Request {
			r, _ := http.NewRequest(http.MethodPost, "http://"+host+"/", strings.NewReader("{}"))
			r.Header.Set("X-TC-Version", "2019-03-19")
			r.Header.Set("Authorization", "TC3-HMAC-SHA256 Credential=AKIDmockcloud/2026-01-01/cloudaudit/tc3_request")
			return r
		},
	} {
		resp, err := http.DefaultClient.Do(build())
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var out struct {
			Response struct {
				Error struct{ Code, Message string }
			}
		}
		_ = json.Unmarshal(data, &out)
		if resp.StatusCode != 200 || out.Response.Error.Code == "" {
			t.Errorf("%s: %d %s", name, resp.StatusCode, data)
		}
	}
}

func nowUnix() string { return strconv.FormatInt(time.Now().Unix(), 10) }

// TestTencentV1TypedParameters: signature v1 parameters are converted to
// the API's JSON types, so a value of the wrong type is InvalidParameterValue
// and a name the API lacks UnknownParameter, as for a JSON body.
func TestTencentV1TypedParameters(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	now := time.Now().Unix()
	base := func() url.Values {
		return url.Values{
			"Action": {"LookUpEvents"}, "Version": {"2019-03-19"}, "Region": {"ap-guangzhou"},
			"SecretId": {mockcloud.DefaultSecretID}, "Timestamp": {strconv.FormatInt(now, 10)}, "Nonce": {"7"},
			"StartTime": {strconv.FormatInt(now-60, 10)}, "EndTime": {strconv.FormatInt(now, 10)},
		}
	}
	for _, tc := range []struct {
		name, key, value, code string
	}{
		{"typed", "MaxResults", "5", ""},
		{"nested", "LookupAttributes.0.AttributeKey", "EventName", ""},
		{"wrong type", "MaxResults", "five", "InvalidParameterValue"},
		{"unknown", "Bogus", "1", "UnknownParameter"},
	} {
		v := base()
		v.Set(tc.key, tc.value)
		if got := v1Get(t, host, v); got != tc.code {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.code)
		}
	}
	// The fidelity check judges the converted request: the unknown name
	// only, not the one refused for its type (never converted).
	var diffs []string
	for _, v := range s.ContractViolations() {
		if v.Kind == "request" {
			diffs = append(diffs, v.Detail)
		}
	}
	if len(diffs) != 1 || !strings.Contains(diffs[0], "parameter Bogus is not documented") {
		t.Errorf("contract differences %q, want only Bogus named", diffs)
	}
}

// v1Get sends a signature v1 (HmacSHA1) GET and returns the error code.
func v1Get(t *testing.T, host string, v url.Values) string {
	t.Helper()
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pairs := make([]string, len(keys))
	for i, k := range keys {
		pairs[i] = k + "=" + v.Get(k)
	}
	mac := hmac.New(sha1.New, []byte(mockcloud.DefaultSecretKey))
	mac.Write([]byte("GET" + host + "/?" + strings.Join(pairs, "&")))
	v.Set("Signature", base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	resp, err := http.Get("http://" + host + "/?" + v.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Response struct {
			Error struct{ Code, Message string }
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out.Response.Error.Code
}
