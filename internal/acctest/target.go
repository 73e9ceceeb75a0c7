package acctest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	sdkacctest "github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/provider"
)

// EnvTarget selects where acceptance tests run: TargetMock (the default), a
// mock cloud per test, or TargetReal, the accounts whose credentials are in
// the vendors' environment variables.
const EnvTarget = "CLOUDTRACK_ACC_TARGET"

const (
	TargetMock = "mock"
	TargetReal = "real"
)

// NamePrefix starts the name of every object a test creates or seeds, so a
// sweeper can tell test leftovers from everything else in an account. It is
// valid at the start of every name the provider sends:
//   - CloudAudit track names: 3-48 of [A-Za-z0-9_-] (validate.go);
//   - ActionTrail trail names: 6-36, a lower-case letter first, then
//     [a-z0-9_-] (history_delivery_job.go);
//   - CDN/DCDN deliver task names: 1-128 characters (deliver_task.go).
const NamePrefix = "tf-acc-"

// randomLen is the length of RandomName's random part: 36^6 names, enough
// that concurrent runs on one account do not collide.
const randomLen = 6

// RandomName is NamePrefix, suffix and a random part: "tf-acc-<suffix>-<rand>".
// It is 14 characters longer than suffix; keep suffix within 22 characters
// for trail names, 34 for track names. suffix should be lower-case letters,
// digits and hyphens, which every vendor accepts.
func RandomName(suffix string) string {
	return NamePrefix + suffix + "-" + sdkacctest.RandStringFromCharSet(randomLen, sdkacctest.CharSetAlphaNum)
}

// Target is the value of CLOUDTRACK_ACC_TARGET, TargetMock when unset. Any
// other value is a mistake that must not silently fall back to the mock.
func Target() string {
	switch v := os.Getenv(EnvTarget); v {
	case "", TargetMock:
		return TargetMock
	case TargetReal:
		return TargetReal
	default:
		panic(fmt.Sprintf("%s=%q: want %q or %q", EnvTarget, v, TargetMock, TargetReal))
	}
}

// Real reports whether the tests run against the real clouds.
func Real() bool { return Target() == TargetReal }

// realTuning is the provider timing against the real clouds: the
// provider's own, polling a little more often than a user's run would so
// tests do not idle.
func realTuning() conns.Tuning {
	t := conns.DefaultTuning()
	t.PollInterval = 3 * time.Second
	return t
}

// newReal is New under the real target: no mock, the provider configured
// from the environment. opts configure a mock and are ignored.
func newReal(t *testing.T) *Env {
	t.Helper()
	return &Env{T: t}
}

// realProviderConfig is the provider block under the real target: empty,
// so the provider reads credentials and regions from the vendors'
// environment variables and uses the vendors' endpoints.
const realProviderConfig = "\nprovider \"cloudtrack\" {}\n"

// realClient is Client under the real target: the provider's own
// configuration from the environment.
func realClient(t testing.TB, tuning conns.Tuning) *conns.Client {
	c, err := provider.ClientFromEnvironment(context.Background(), tuning, provider.EnvOverrides{})
	if err != nil {
		t.Fatalf("configuring the provider from the environment: %s", err)
	}
	return c
}

// NeedsMock skips the test under the real target, saying why: call it
// before anything else in a test that seeds the mock, injects faults,
// counts calls, changes objects through the admin API or moves the mock's
// clock. Under the mock target it unlocks Mock.
func (e *Env) NeedsMock(t testing.TB, reason string) {
	t.Helper()
	if e.mock == nil {
		t.Skipf("needs the mock cloud (%s=%s): %s", EnvTarget, TargetMock, reason)
	}
	e.mockUnlocked.Store(true)
}

// Mock is the test's mock cloud. It fails the test unless NeedsMock was
// called first, under either target, so a test that would break on a real
// account breaks in the offline suite already. Assertions a test adds on
// top of what it checks through Terraform go through WhenMock or MockCheck
// instead, and are left out under the real target.
func (e *Env) Mock() *mockcloud.Server {
	if e.mock != nil && (e.mockUnlocked.Load() || e.mockScope.Load() > 0) {
		return e.mock
	}
	msg := "the test reaches the mock cloud without e.NeedsMock(t, reason) (or e.WhenMock / e.MockCheck for extra assertions); " +
		"it would fail with " + EnvTarget + "=" + TargetReal
	if e.T == nil {
		panic(msg)
	}
	e.T.Helper()
	e.T.Fatal(msg)
	return nil
}

// IsMock reports whether the test runs against a mock cloud.
func (e *Env) IsMock() bool { return e.mock != nil }

// WhenMock runs f with the mock cloud under the mock target and does
// nothing under the real one: for assertions on the mock's store or call
// counts that a test makes on top of its Terraform checks.
func (e *Env) WhenMock(f func(m *mockcloud.Server)) {
	if e.mock == nil {
		return
	}
	e.mockScope.Add(1)
	defer e.mockScope.Add(-1)
	f(e.mock)
}

// MockCheck is WhenMock for a step's Check: under the real target it
// passes.
func (e *Env) MockCheck(f func(m *mockcloud.Server) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var err error
		e.WhenMock(func(m *mockcloud.Server) { err = f(m) })
		return err
	}
}
