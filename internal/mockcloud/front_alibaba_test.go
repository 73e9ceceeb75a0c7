package mockcloud_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

func TestAuthWrongSecret(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{})
	c := newClient(t, host, credentials.NewAccessKeyCredential(mockcloud.DefaultAccessKeyID, "wrong-secret"))

	_, err := listJobs(c, 1, 10)
	se := asServerError(t, err, "SignatureDoesNotMatch", 400)
	if !strings.Contains(se.Message(), "server string to sign is:POST&%2F&") {
		t.Errorf("message = %q", se.Message())
	}
	// The SDK compares the server's StringToSign with its own; equal
	// strings mean the mock canonicalises exactly like the SDK, and the
	// SDK then blames the secret.
	if !strings.Contains(se.Recommend(), "InvalidAccessKeySecret") {
		t.Errorf("Recommend = %q; the server StringToSign differs from the SDK's", se.Recommend())
	}
}

func TestAuthUnknownAccessKey(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{})
	c := newClient(t, host, credentials.NewAccessKeyCredential("nobody", "x"))
	_, err := listJobs(c, 1, 10)
	se := asServerError(t, err, "InvalidAccessKeyId.NotFound", 404)
	if se.Message() != "Specified access key is not found." {
		t.Errorf("message = %q", se.Message())
	}
}

func TestAuthStaleTimestamp(t *testing.T) {
	t.Parallel()
	for _, offset := range []time.Duration{20 * time.Minute, -20 * time.Minute} {
		_, host := newMock(t, mockcloud.Options{Now: func() time.Time { return time.Now().Add(offset) }})
		c := newClient(t, host, defaultCred())
		_, err := listJobs(c, 1, 10)
		wantServerError(t, err, "InvalidTimeStamp.Expired", 400)
	}
}

// replayTransport sends every request twice and returns the second answer,
// as a replaying attacker (or a broken proxy) would.
type replayTransport struct {
	mu          sync.Mutex
	firstStatus []int
}

func (rt *replayTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
		req.Body.Close()
	}
	send := func() (*http.Response, error) {
		r := req.Clone(req.Context())
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		return http.DefaultTransport.RoundTrip(r)
	}
	first, err := send()
	if err != nil {
		return nil, err
	}
	_, _ = io.Copy(io.Discard, first.Body)
	first.Body.Close()
	rt.mu.Lock()
	rt.firstStatus = append(rt.firstStatus, first.StatusCode)
	rt.mu.Unlock()
	return send()
}

func TestAuthNonceReplay(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	rt := &replayTransport{}
	c := newClient(t, host, defaultCred(), func(cfg *sdk.Config) { cfg.Transport = rt })

	_, err := listJobs(c, 1, 10)
	wantServerError(t, err, "SignatureNonceUsed", 400)
	if len(rt.firstStatus) != 1 || rt.firstStatus[0] != http.StatusOK {
		t.Errorf("first sends answered %v, want [200]", rt.firstStatus)
	}
	// The replay was refused before dispatch: one call counted.
	if n := s.Calls(mockcloud.ActionTrailProduct, "ListDeliveryHistoryJobs"); n != 1 {
		t.Errorf("Calls = %d, want 1", n)
	}
}

func TestAuthSecurityToken(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{Credentials: []mockcloud.Credential{
		{AccessKeyID: "STS.key", AccessKeySecret: "sts-secret", SecurityToken: "token-1"},
	}})

	ok := newClient(t, host, credentials.NewStsTokenCredential("STS.key", "sts-secret", "token-1"))
	if _, err := listJobs(ok, 1, 10); err != nil {
		t.Errorf("STS call: %v", err)
	}
	bad := newClient(t, host, credentials.NewStsTokenCredential("STS.key", "sts-secret", "token-2"))
	_, err := listJobs(bad, 1, 10)
	wantServerError(t, err, "InvalidSecurityToken.Malformed", 400)
	none := newClient(t, host, credentials.NewAccessKeyCredential("STS.key", "sts-secret"))
	_, err = listJobs(none, 1, 10)
	wantServerError(t, err, "MissingSecurityToken", 400)
}

var requestIDPattern = regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`)

func TestAuthMissingParameter(t *testing.T) {
	t.Parallel()
	_, host := newMock(t, mockcloud.Options{})
	resp, err := http.Get("http://" + host + "/?Action=ListDeliveryHistoryJobs&Version=2020-07-06&AccessKeyId=x")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct{ RequestID, HostID, Code, Message, Recommend string }
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 400 || body.Code != "MissingParameter" || !strings.Contains(body.Message, `"Signature"`) {
		t.Errorf("got %d %+v", resp.StatusCode, body)
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Errorf("Content-Type = %q", resp.Header.Get("Content-Type"))
	}
	if !requestIDPattern.MatchString(resp.Header.Get("X-Acs-Request-Id")) {
		t.Errorf("request id %q", resp.Header.Get("X-Acs-Request-Id"))
	}
}

// TestCommonRequest drives the front with the SDK's generic client: an
// unknown action, a GET, and parameters in the form body.
func TestCommonRequest(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	seedTrail(t, s, mockcloud.Trail{Name: "t"})
	cfg := sdk.NewConfig()
	cfg.Scheme = "HTTP"
	c, err := sdk.NewClientWithOptions("cn-hangzhou", cfg, defaultCred())
	if err != nil {
		t.Fatal(err)
	}
	common := func(method, action string) *requests.CommonRequest {
		req := requests.NewCommonRequest()
		req.Method = method
		req.Scheme = "http"
		req.Domain = host
		req.Product = mockcloud.ActionTrailProduct
		req.Version = mockcloud.ActionTrailVersion
		req.ApiName = action
		return req
	}

	_, err = c.ProcessCommonRequest(common("POST", "NoSuchAction"))
	se := asServerError(t, err, "InvalidAction.NotFound", 404)
	if se.Message() != "Specified api is not found, please check your url and method." {
		t.Errorf("message = %q", se.Message())
	}

	get := common("GET", "ListDeliveryHistoryJobs")
	get.QueryParams["PageSize"] = "5"
	resp, err := c.ProcessCommonRequest(get)
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	var list struct {
		RequestID           string `json:"RequestId"`
		PageSize            int
		DeliveryHistoryJobs []any
	}
	if err := json.Unmarshal(resp.GetHttpContentBytes(), &list); err != nil || list.PageSize != 5 || list.DeliveryHistoryJobs == nil || !requestIDPattern.MatchString(list.RequestID) {
		t.Errorf("GET answered %s (%v)", resp.GetHttpContentString(), err)
	}

	// The body wins over the query, as the SDK signs it.
	post := common("POST", "CreateDeliveryHistoryJob")
	post.QueryParams["TrailName"] = "not-this-one"
	post.FormParams["TrailName"] = "t"
	if _, err := c.ProcessCommonRequest(post); err != nil {
		t.Errorf("POST with a form body: %v", err)
	}
}

func TestRequestLog(t *testing.T) {
	t.Parallel()
	var buf syncBuffer
	_, host := newMock(t, mockcloud.Options{Logger: log.New(&buf, "", 0)})
	mustList(t, newClient(t, host, defaultCred()), 1, 10)
	_, _ = listJobs(newClient(t, host, credentials.NewAccessKeyCredential("nobody", "x")), 1, 10)
	out := buf.String()
	for _, want := range []string{
		"alibaba POST Actiontrail.ListDeliveryHistoryJobs ak=mock-access-key-id -> 200",
		"ak=nobody -> 404 InvalidAccessKeyId.NotFound",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, mockcloud.DefaultAccessKeySecret) {
		t.Errorf("the log shows a secret")
	}
}
