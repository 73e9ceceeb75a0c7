package conns_test

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

const (
	testAliRole = "acs:ram::1234567890:role/auditor"
	testTCRole  = "qcs::cam::uin/1234567890:roleName/auditor"
)

// roleClient is a client of the mock whose identity is a role assumed with
// the mock's default keys.
func roleClient(e *acctest.Env) *conns.Client { return roleClientRetrying(e, 2) }

// roleClientRetrying is roleClient with max_retries maxRetries.
func roleClientRetrying(e *acctest.Env, maxRetries int) *conns.Client {
	eps := func(products []string) map[string]string {
		m := map[string]string{}
		for _, p := range products {
			m[p] = e.Addr
		}
		return m
	}
	role := func(arn string) *conns.AssumeRole {
		return &conns.AssumeRole{RoleARN: arn, SessionName: "unit", Duration: 15 * time.Minute}
	}
	return conns.New(conns.Config{
		Alicloud: conns.VendorConfig{
			AccessKey: mockcloud.DefaultAccessKeyID, SecretKey: mockcloud.DefaultAccessKeySecret,
			Region: "cn-hangzhou", Endpoints: eps(conns.AlicloudProducts), AssumeRole: role(testAliRole),
		},
		Tencent: conns.VendorConfig{
			AccessKey: mockcloud.DefaultSecretID, SecretKey: mockcloud.DefaultSecretKey,
			Region: "ap-guangzhou", Endpoints: eps(conns.TencentProducts), AssumeRole: role(testTCRole),
		},
		MaxRetries: maxRetries,
	}, acctest.Tuning())
}

// roleEnv is a mock whose default keys may assume testAliRole and
// testTCRole; why says what the test does that only the mock allows.
func roleEnv(t *testing.T, why string) *acctest.Env {
	t.Helper()
	e := acctest.New(t, func(o *mockcloud.Options) {
		o.Roles = []mockcloud.Role{
			{ARN: testAliRole, Trusted: []string{mockcloud.DefaultAccessKeyID}},
			{ARN: testTCRole, Trusted: []string{mockcloud.DefaultSecretID}},
		}
	})
	e.NeedsMock(t, why)
	return e
}

func sessionsOf(m *mockcloud.Server, role string) int {
	n := 0
	for _, s := range m.Sessions() {
		if s.RoleARN == role {
			n++
		}
	}
	return n
}

// Concurrent calls share one role session, and when the cloud refuses it as
// expired, one renewal serves them all.
func TestAssumeRole_oneRenewalForConcurrentCalls(t *testing.T) {
	e := roleEnv(t, "seeds roles and moves the mock's clock to expire sessions")
	c := roleClient(e)
	ctx := context.Background()
	burst := func() {
		t.Helper()
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for range 20 {
			wg.Add(2)
			go func() {
				defer wg.Done()
				errs <- listJobs(ctx, c)
			}()
			go func() {
				defer wg.Done()
				errs <- listTracks(ctx, c)
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
	}

	burst()
	if a, tc := sessionsOf(e.Mock(), testAliRole), sessionsOf(e.Mock(), testTCRole); a != 1 || tc != 1 {
		t.Fatalf("40 concurrent calls assumed the roles %d (Alibaba) and %d (Tencent) times; want once each", a, tc)
	}
	// Two hours on, both sessions have expired on the mock's clock.
	e.Mock().SetClock(0, 2*time.Hour)
	burst()
	if a, tc := sessionsOf(e.Mock(), testAliRole), sessionsOf(e.Mock(), testTCRole); a != 2 || tc != 2 {
		t.Fatalf("after the sessions expired, the roles were assumed %d (Alibaba) and %d (Tencent) times in all; want twice each", a, tc)
	}
	if n := e.RefusedAs("Actiontrail.ListDeliveryHistoryJobs", "InvalidSecurityToken.Expired") + e.RefusedAs("cloudaudit.DescribeAuditTracks", "AuthFailure.TokenFailure"); n == 0 {
		t.Fatal("no call met an expired session")
	}
}

// A profile file that does not parse is quoted by credentials-go; the
// secret in it must not reach the error.
func TestCredentialErrors_brokenProfileRedacted(t *testing.T) {
	const secret = "leaky-profile-secret-0123456789"
	file := t.TempDir() + "/config.json"
	if err := os.WriteFile(file, []byte(`{"profiles": [{"name": "x", "mode": "AK", "access_key_id": "id", "access_key_secret": "`+secret+`"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	c := conns.New(conns.Config{Alicloud: conns.VendorConfig{
		Profile: "x", ProfileFile: file, Region: "cn-hangzhou",
		Endpoints: map[string]string{conns.ProductActionTrail: "127.0.0.1:1"},
	}}, acctest.Tuning())
	_, err := conns.ActionTrail(context.Background(), c, "ListDeliveryHistoryJobs", func(cl *sdk.Client) (*sdk.ListDeliveryHistoryJobsResponse, error) {
		return cl.ListDeliveryHistoryJobs(sdk.CreateListDeliveryHistoryJobsRequest())
	})
	if err == nil {
		t.Fatal("a broken profile file gave no error")
	}
	msg := err.Error()
	if strings.Contains(msg, secret) {
		t.Fatalf("the error quotes the secret: %s", msg)
	}
	if !strings.Contains(msg, `alicloud.profile ("x" in `+file+`)`) || !strings.Contains(msg, "check the profile name") {
		t.Fatalf("the error does not name the source and what to check: %s", msg)
	}
}
