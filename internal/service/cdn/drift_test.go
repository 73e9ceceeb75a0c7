package cdn_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
)

func TestAccCDNDeliverTask_driftAttribution(t *testing.T)  { testDriftAttribution(t, pCDN) }
func TestAccDCDNDeliverTask_driftAttribution(t *testing.T) { testDriftAttribution(t, pDCDN) }

// A deliver task renamed and the report subscription changed in the
// console: the plan names who, the action, the time and the source IP for
// each, from one shared LookupEvents call; Terraform's own update shows no
// warning and makes no look-up.
func testDriftAttribution(t *testing.T, p testProduct) {
	e := acctest.New(t, acctest.WithHTTP())
	e.NeedsMock(t, "changes the task and the subscription behind Terraform's back through the mock's admin API")
	cli := e.NewCLI(t, "")
	name := acctest.RandomName("drift")
	cfg := func(taskName string) string {
		return p.config(e, p.task(taskName)) + fmt.Sprintf(`
resource %q "test" {
  report_ids   = [%d]
  domain_names = ["example.com"]
}

output "task_id" { value = %s.id }
`, p.subType(), p.r1, p.taskAddr())
	}
	cli.Write("main.tf", cfg(name))
	cli.MustRun("init", "-input=false", "-no-color")
	cli.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
	id := strings.TrimSpace(cli.MustRun("output", "-raw", "task_id"))

	cli.Write("main.tf", cfg(name+"-2"))
	cli.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
	e.ExpectOwnChangesUnreported(t, cli)

	taskAt := e.AdminChange(t, "PATCH", "/_mock/"+p.key+"/deliver_tasks/"+id, `{"name":"renamed"}`, "dave")
	sub, _ := e.Mock().SubscriptionOf(p.key)
	sub.Domains = append(sub.Domains, "www.example.com")
	body, _ := json.Marshal(sub)
	subAt := e.AdminChange(t, "PUT", "/_mock/"+p.key+"/subscription", string(body), "erin")

	out, _ := cli.Run("plan", "-input=false", "-no-color")
	plan := acctest.FlatOutput(out)
	kind := strings.ToUpper(p.key)
	for _, want := range []string{
		"Warning: " + kind + " deliver task " + id + " was changed outside Terraform",
		"console user dave ran Update" + p.infix + "DeliverTask at " + taskAt.UTC().Format(time.RFC3339) + " from 127.0.0.1 with no access key (console)",
		"Warning: " + kind + " report subscription of the account was changed outside Terraform",
		"console user erin ran Update" + p.infix + "SubTask at " + subAt.UTC().Format(time.RFC3339) + " from 127.0.0.1",
	} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan lacks %q:\n%s", want, out)
		}
	}
	t.Logf("LookupEvents calls for two drifted objects: %d", e.LookupCalls())
	if n := e.LookupCalls(); n != 1 {
		t.Errorf("LookupEvents calls = %d, want 1 (one shared scan page in a quiet account)", n)
	}
}
