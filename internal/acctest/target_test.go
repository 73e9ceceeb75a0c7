package acctest_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// The vendors' name rules, as the provider validates them (cloudaudit
// validate.go, actiontrail history_delivery_job.go, cdn deliver_task.go).
var (
	trackName = regexp.MustCompile(`^[A-Za-z0-9_-]{3,48}$`)
	trailName = regexp.MustCompile(`^[a-z][a-z0-9_-]{5,35}$`)
)

func TestRandomName(t *testing.T) {
	t.Parallel()
	a, b := acctest.RandomName("ops-report"), acctest.RandomName("ops-report")
	if a == b {
		t.Errorf("two random names are both %q", a)
	}
	if !regexp.MustCompile(`^tf-acc-ops-report-[a-z0-9]{6}$`).MatchString(a) {
		t.Errorf("RandomName(ops-report) = %q", a)
	}
	// The longest suffixes the comment on RandomName allows still fit.
	if n := acctest.RandomName(strings.Repeat("t", 22)); !trailName.MatchString(n) {
		t.Errorf("%q is not a valid trail name", n)
	}
	if n := acctest.RandomName(strings.Repeat("t", 34)); !trackName.MatchString(n) {
		t.Errorf("%q is not a valid track name", n)
	}
	if n := acctest.RandomName("x"); len(n) > 128 || !strings.HasPrefix(n, acctest.NamePrefix) {
		t.Errorf("%q is not a valid deliver task name", n)
	}
}

func TestTarget(t *testing.T) {
	for v, want := range map[string]string{"": acctest.TargetMock, "mock": acctest.TargetMock, "real": acctest.TargetReal} {
		t.Setenv(acctest.EnvTarget, v)
		if got := acctest.Target(); got != want {
			t.Errorf("%s=%q: target %q, want %q", acctest.EnvTarget, v, got, want)
		}
	}
	t.Setenv(acctest.EnvTarget, "staging")
	defer func() {
		if recover() == nil {
			t.Errorf("%s=staging was accepted", acctest.EnvTarget)
		}
	}()
	acctest.Target()
}

// Under the mock target, NeedsMock unlocks Mock and WhenMock runs.
func TestNeedsMock(t *testing.T) {
	t.Setenv(acctest.EnvTarget, acctest.TargetMock)
	e := acctest.New(t)
	ran := false
	e.WhenMock(func(m *mockcloud.Server) { ran = m != nil && e.Mock() != nil })
	if !ran || !e.IsMock() {
		t.Error("WhenMock did not run with the mock")
	}
	e.NeedsMock(t, "test")
	if e.Mock() == nil {
		t.Error("no mock after NeedsMock")
	}
}

// Under the real target there is no mock and no credentials in the
// provider block.
func TestRealTarget(t *testing.T) {
	t.Setenv(acctest.EnvTarget, acctest.TargetReal)
	e := acctest.New(t)
	if e.IsMock() {
		t.Fatal("a mock under the real target")
	}
	if got := strings.TrimSpace(e.ProviderConfig()); got != `provider "cloudtrack" {}` {
		t.Errorf("provider block %q", got)
	}
	e.WhenMock(func(*mockcloud.Server) { t.Error("WhenMock ran under the real target") })
	if e.Client() == nil {
		t.Error("no client from the environment")
	}
	t.Run("NeedsMock", func(t *testing.T) {
		e.NeedsMock(t, "reason")
		t.Error("not skipped")
	})
}
