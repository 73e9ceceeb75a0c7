package sweep_test

import (
	"context"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/provider"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/sweep"
)

// TestMain runs the sweepers when the -sweep flag is given (make sweep)
// and the tests below otherwise.
func TestMain(m *testing.M) {
	sweep.Register()
	resource.TestMain(m)
}

// leftovers is what the mock holds before the sweep: for each kind, names
// with the prefix (to be deleted) and without it (to be kept). The
// "tf-accounting" names start like the prefix without being prefixed.
var leftovers = struct {
	trails, tracks, cdnTasks, dcdnTasks []string
}{
	// The "-sh" trails were made with another alicloud.region: DescribeTrails
	// lists them only as shadows.
	trails:    []string{acctest.NamePrefix + "trail-a", acctest.NamePrefix + "trail-b", acctest.NamePrefix + "trail-sh", "audit-trail", "audit-trail-sh", "tf-accounting"},
	tracks:    []string{acctest.NamePrefix + "track-1", acctest.NamePrefix + "track-2", "prod-audit", "tf-accounting"},
	cdnTasks:  []string{acctest.NamePrefix + "task-1", acctest.NamePrefix + "task-2", "ops-report", "tf-accounting"},
	dcdnTasks: []string{acctest.NamePrefix + "task-1", "ops-report"},
}

func unprefixed(names []string) []string {
	var out []string
	for _, n := range names {
		if !strings.HasPrefix(n, acctest.NamePrefix) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// startMock starts a plain-HTTP mock of its own, whatever the acceptance
// tests' target: the sweepers are tested against it, not against a real
// account.
func startMock(t *testing.T) (*mockcloud.Server, string) {
	t.Helper()
	m, err := mockcloud.New(mockcloud.Options{JobStep: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	return m, strings.TrimPrefix(srv.URL, "http://")
}

func seed(t *testing.T, m *mockcloud.Server) {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for i, name := range leftovers.trails {
		tr := mockcloud.Trail{Name: name}
		if strings.HasSuffix(name, "-sh") {
			tr.HomeRegion = "cn-shanghai"
		}
		must(m.SeedTrail(tr))
		_, err := m.SeedJobs(name, 2, mockcloud.JobComplete)
		must(err)
		if i == 0 {
			// A running job (for two job steps): the sweeper waits for it to
			// finish, as a running job cannot be deleted.
			_, err = m.SeedJobs(name, 1, mockcloud.JobInitializing)
			must(err)
		}
	}
	for _, name := range leftovers.tracks {
		_, err := m.SeedAuditTrack(mockcloud.AuditTrack{
			Name: name, Status: 1, ActionType: "*", ResourceType: "*", EventNames: []string{"*"},
			Storage: mockcloud.AuditStorage{Type: "cos", Region: "ap-guangzhou", Name: "audit-bucket", Prefix: "cloudaudit"},
		})
		must(err)
	}
	task := func(product, name string, report int) {
		_, err := m.SeedDeliverTask(product, mockcloud.DeliverTask{
			Name:     name,
			Reports:  []mockcloud.TaskReport{{ReportID: report}},
			Schedule: mockcloud.Schedule{Crontab: "0 0 8 * * ?", Frequency: "d", Status: "enable"},
			Deliver:  mockcloud.Deliver{Email: &mockcloud.Email{Subject: name, To: []string{"ops@example.com"}}},
		})
		must(err)
	}
	for _, name := range leftovers.cdnTasks {
		task("cdn", name, 1)
	}
	for _, name := range leftovers.dcdnTasks {
		task("dcdn", name, 2)
	}
	// The account's subscription is never swept.
	must(m.SetSubscription("cdn", mockcloud.Subscription{ReportIDs: []int{1}}))
}

func remaining(m *mockcloud.Server) (trailsOfJobs, tracks, cdnTasks, dcdnTasks []string) {
	for _, j := range m.Jobs() {
		if !slices.Contains(trailsOfJobs, j.TrailName) {
			trailsOfJobs = append(trailsOfJobs, j.TrailName)
		}
	}
	for _, tr := range m.AuditTracks() {
		tracks = append(tracks, tr.Name)
	}
	for _, d := range m.DeliverTasks("cdn") {
		cdnTasks = append(cdnTasks, d.Name)
	}
	for _, d := range m.DeliverTasks("dcdn") {
		dcdnTasks = append(dcdnTasks, d.Name)
	}
	for _, s := range [][]string{trailsOfJobs, tracks, cdnTasks, dcdnTasks} {
		slices.Sort(s)
	}
	return trailsOfJobs, tracks, cdnTasks, dcdnTasks
}

// envClient is the client a sweeper builds, with the credentials in the
// vendors' environment variables, pointed at the mock.
func envClient(t *testing.T, addr string) *conns.Client {
	t.Helper()
	for _, v := range [][]string{conns.EnvAlicloudSecurityToken, conns.EnvTencentSecurityToken, conns.EnvAlicloudRegion, conns.EnvTencentRegion} {
		for _, name := range v {
			t.Setenv(name, "")
		}
	}
	t.Setenv(conns.EnvAlicloudAccessKey[0], mockcloud.DefaultAccessKeyID)
	t.Setenv(conns.EnvAlicloudSecretKey[0], mockcloud.DefaultAccessKeySecret)
	t.Setenv(conns.EnvTencentSecretID[0], mockcloud.DefaultSecretID)
	t.Setenv(conns.EnvTencentSecretKey[0], mockcloud.DefaultSecretKey)
	c, err := provider.ClientFromEnvironment(context.Background(), acctest.Tuning(), provider.EnvOverrides{
		AlicloudRegion: "cn-hangzhou",
		Endpoint:       addr,
		Protocol:       "HTTP",
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A sweep of a mock holding leftovers of every kind deletes exactly the
// prefixed ones, and a second sweep finds nothing more to do.
func TestSweepers_deleteOnlyPrefixed(t *testing.T) {
	m, addr := startMock(t)
	seed(t, m)
	c := envClient(t, addr)
	ctx := context.Background()

	var names []string
	for _, s := range sweep.All() {
		names = append(names, s.Name)
		if err := s.Sweep(ctx, c, acctest.NamePrefix); err != nil {
			t.Fatalf("%s: %s", s.Name, err)
		}
	}
	want := []string{
		"cloudtrack_actiontrail_history_delivery_job", "cloudtrack_actiontrail_trail", "cloudtrack_cdn_deliver_task",
		"cloudtrack_cloudaudit_track", "cloudtrack_dcdn_deliver_task",
	}
	slices.Sort(names)
	if !slices.Equal(names, want) {
		t.Errorf("sweepers %v, want %v", names, want)
	}

	trails, tracks, cdnTasks, dcdnTasks := remaining(m)
	for _, c := range []struct {
		what      string
		got, want []string
	}{
		{"trails with jobs", trails, unprefixed(leftovers.trails)},
		{"tracks", tracks, unprefixed(leftovers.tracks)},
		{"CDN tasks", cdnTasks, unprefixed(leftovers.cdnTasks)},
		{"DCDN tasks", dcdnTasks, unprefixed(leftovers.dcdnTasks)},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s left: %v, want %v", c.what, c.got, c.want)
		}
	}
	if n, want := len(m.Jobs()), 2*len(unprefixed(leftovers.trails)); n != want {
		t.Errorf("want the %d jobs of the unprefixed trails, got %d", want, n)
	}
	if _, ok := m.SubscriptionOf("cdn"); !ok {
		t.Error("the CDN subscription was deleted")
	}
	var trailNames []string
	for _, tr := range m.Trails() {
		trailNames = append(trailNames, tr.Name)
	}
	if want := unprefixed(leftovers.trails); !slices.Equal(trailNames, want) {
		t.Errorf("trails left: %v, want %v", trailNames, want)
	}

	// Sweeping again deletes nothing and fails nothing.
	m.ResetCalls()
	for _, s := range sweep.All() {
		if err := s.Sweep(ctx, c, acctest.NamePrefix); err != nil {
			t.Fatalf("second sweep, %s: %s", s.Name, err)
		}
	}
	for action := range m.CallCounts() {
		if strings.Contains(action, "Delete") {
			t.Errorf("the second sweep called %s", action)
		}
	}
}

// An empty prefix would match everything in the account: refused.
func TestSweepers_emptyPrefix(t *testing.T) {
	_, addr := startMock(t)
	c := envClient(t, addr)
	for _, s := range sweep.All() {
		if err := s.Sweep(context.Background(), c, ""); err == nil || !strings.Contains(err.Error(), "empty prefix") {
			t.Errorf("%s with an empty prefix: %v", s.Name, err)
		}
	}
}
