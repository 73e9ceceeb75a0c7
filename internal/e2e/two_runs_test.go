package e2e_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// twoRunsObjects are the addresses of twoRunsConfig.
var twoRunsObjects = []string{
	"cloudtrack_actiontrail_trail.shared",
	"cloudtrack_cloudaudit_track.shared",
	"cloudtrack_cdn_deliver_task.shared",
	"cloudtrack_dcdn_deliver_task.shared",
}

// twoRunsConfig is one configuration that two pipelines apply by mistake
// to one account: a trail, a track and a CDN and a DCDN deliver task.
func twoRunsConfig(e *acctest.Env) string {
	task := func(kind string, report int) string {
		return fmt.Sprintf(`
resource "cloudtrack_%s_deliver_task" "shared" {
  name         = "shared-report"
  domain_names = ["example.com"]
  reports      = [{ report_id = %d }]
  schedule     = { crontab = "0 0 8 * * ?", frequency = "d" }
  deliver      = { email = { subject = "Ops report", to = ["ops@example.com"] } }
}
`, kind, report)
	}
	return e.ProviderConfig() + `
resource "cloudtrack_actiontrail_trail" "shared" {
  name            = "shared-trail"
  sls_project_arn = "acs:log:cn-hangzhou:1234567890:project/audit-logs"
}

resource "cloudtrack_cloudaudit_track" "shared" {
  name          = "shared-track"
  action_type   = "Write"
  resource_type = "cos"
  event_names   = ["PutObject", "DeleteObject"]
  storage = {
    type   = "cos"
    region = "ap-guangzhou"
    name   = "audit-bucket"
    prefix = "cloudaudit"
  }
}
` + task("cdn", 1) + task("dcdn", 2)
}

// twoRuns starts one mock and two Terraform working directories (two
// states) with the same configuration.
func twoRuns(t *testing.T) (*acctest.Env, *acctest.CLI, *acctest.CLI) {
	e := acctest.New(t)
	e.NeedsMock(t, "injects throttling and counts the objects in the mock")
	var clis [2]*acctest.CLI
	for i := range clis {
		clis[i] = e.NewCLI(t, "", tfversion.SkipBelow(tfversion.Version1_5_0))
		clis[i].Write("main.tf", twoRunsConfig(e))
	}
	return e, clis[0], clis[1]
}

func stateList(t *testing.T, c *acctest.CLI) []string {
	out, err := c.Run("state", "list", "-no-color")
	if err != nil && !strings.Contains(out, "No state file") {
		t.Fatalf("state list: %s", err)
	}
	var addrs []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if slices.Contains(twoRunsObjects, strings.TrimSpace(l)) {
			addrs = append(addrs, strings.TrimSpace(l))
		}
	}
	return addrs
}

// checkOwnedOnce checks that each object exists once in the mock and is in
// exactly one of the two states, and that a run missing an object failed
// with the import command for it.
func checkOwnedOnce(t *testing.T, e *acctest.Env, outs [2]string, states [2][]string) {
	t.Helper()
	m := e.Mock()
	counts := map[string]int{}
	for _, tr := range m.Trails() {
		if tr.Name == "shared-trail" {
			counts[twoRunsObjects[0]]++
		}
	}
	for _, tr := range m.AuditTracks() {
		if tr.Name == "shared-track" {
			counts[twoRunsObjects[1]]++
		}
	}
	for i, key := range []string{"cdn", "dcdn"} {
		for _, task := range m.DeliverTasks(key) {
			if task.Name == "shared-report" {
				counts[twoRunsObjects[2+i]]++
			}
		}
	}
	for _, addr := range twoRunsObjects {
		if counts[addr] != 1 {
			t.Errorf("%s: %d objects in the cloud, want 1", addr, counts[addr])
		}
		owners := 0
		for i := range states {
			if slices.Contains(states[i], addr) {
				owners++
				continue
			}
			typ := strings.Split(addr, ".")[0]
			// Terraform wraps diagnostics at 80 columns.
			if !strings.Contains(acctest.FlatOutput(outs[i]), "terraform import "+typ+".<name>") {
				t.Errorf("run %c does not hold %s and did not name its import command", 'A'+i, addr)
			}
		}
		if owners != 1 {
			t.Errorf("%s is in %d states, want 1", addr, owners)
		}
	}
}

// Run B applies after run A, its first create of each object throttled
// (nothing made): B refuses every object, naming the import command, and
// each object stays in A's state alone (issue 16: B used to adopt all 4).
func TestAccE2E_twoRunsSequential(t *testing.T) {
	e, a, b := twoRuns(t)
	a.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
	for _, f := range []mockcloud.Fault{
		{Product: "Actiontrail", Action: "CreateTrail", Code: "Throttling.User", Count: 1},
		{Product: "cloudaudit", Action: "CreateAuditTrack", Code: "RequestLimitExceeded", Count: 1},
		{Product: "Cdn", Action: "CreateCdnDeliverTask", Code: "Throttling.User", Count: 1},
		{Product: "dcdn", Action: "CreateDcdnDeliverTask", Code: "Throttling.User", Count: 1},
	} {
		if e.Mock().AddFault(f) == "" {
			t.Fatalf("fault %+v refused", f)
		}
	}
	outB, err := b.Run("apply", "-auto-approve", "-input=false", "-no-color")
	if err == nil {
		t.Fatal("run B succeeded; want it to refuse the objects run A made")
	}
	if n := len(e.Mock().Faults()); n != 0 {
		t.Errorf("%d throttling faults did not fire", n)
	}
	checkOwnedOnce(t, e, [2]string{"", outB}, [2][]string{stateList(t, a), stateList(t, b)})
}

// Runs A and B apply at the same moment: each object ends in exactly one
// state, and the run that lost it names the import command.
func TestAccE2E_twoRunsAtOnce(t *testing.T) {
	e, a, b := twoRuns(t)
	var outs [2]string
	var wg sync.WaitGroup
	for i, c := range []*acctest.CLI{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], _ = c.Run("apply", "-auto-approve", "-input=false", "-no-color")
		}()
	}
	wg.Wait()
	checkOwnedOnce(t, e, outs, [2][]string{stateList(t, a), stateList(t, b)})
}
