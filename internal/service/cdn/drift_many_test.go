package cdn_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// manyTaskBody is the configuration of the seeded tasks (as the mock's
// seed below), so that adopting them changes nothing.
const manyTaskBody = `  domain_names = ["example.com"]
  reports      = [{ report_id = 1 }]
  schedule = {
    crontab   = "0 0 8 * * ?"
    frequency = "d"
  }
  deliver = {
    email = {
      subject = "Ops"
      to      = ["ops@example.com"]
    }
  }
`

// 200 deliver tasks adopted by import, 50 of them changed in the console
// by three people among 200 write events of the account: one plan
// attributes every drifted task to the right person, with a few shared
// LookupEvents calls (printed), not one per drifted task.
func TestAccCDNDeliverTask_driftAttributionMany(t *testing.T) {
	const objects, drifted, others = 200, 50, 3
	p := pCDN
	e := acctest.New(t, acctest.WithHTTP())
	e.NeedsMock(t, "seeds 200 tasks and changes 50 behind Terraform's back through the mock's admin API")
	m := e.Mock()
	if err := m.SetDeliverLimit(p.key, objects+10); err != nil {
		t.Fatal(err)
	}
	var seedTask mockcloud.DeliverTask
	if err := json.Unmarshal([]byte(`{"domains":["example.com"],"reports":[{"reportId":1}],
		"schedule":{"crontab":"0 0 8 * * ?","frequency":"d","status":"enable"},
		"deliver":{"email":{"subject":"Ops","to":["ops@example.com"]}}}`), &seedTask); err != nil {
		t.Fatal(err)
	}
	var ids []string
	var idMap strings.Builder
	for i := range objects {
		task := seedTask
		task.Name = fmt.Sprintf("many-%03d", i)
		id, err := m.SeedDeliverTask(p.key, task)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, fmt.Sprint(id))
		fmt.Fprintf(&idMap, "    %q = %q\n", task.Name, ids[i])
	}
	cli := e.NewCLI(t, "")
	cli.Write("main.tf", e.ProviderConfig()+"locals {\n  ids = {\n"+idMap.String()+`  }
}

import {
  for_each = local.ids
  to       = cloudtrack_cdn_deliver_task.t[each.key]
  id       = each.value
}

resource "cloudtrack_cdn_deliver_task" "t" {
  for_each = local.ids
  name     = each.key
`+manyTaskBody+"}\n")
	cli.MustRun("init", "-input=false", "-no-color")
	if out := cli.MustRun("apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=20"); !strings.Contains(out, fmt.Sprintf("%d imported, 0 added, 0 changed", objects)) {
		t.Fatalf("the adoption did more than import:\n%s", out)
	}
	// Events are whole seconds: the changes come after the import's second.
	time.Sleep(1100 * time.Millisecond)
	people := []string{"alice", "bob", "carol"}
	want := map[string]string{}
	for i := range drifted {
		for j := range others {
			if _, err := m.AddAuditEvent(mockcloud.AuditEvent{Vendor: mockcloud.VendorAlibaba, EventName: "ModifyInstanceAttribute", Product: "Ecs",
				UserName: "ops", ResourceType: "ACS::ECS::Instance", ResourceName: fmt.Sprintf("i-%d-%d", i, j)}); err != nil {
				t.Fatal(err)
			}
		}
		id := ids[i*objects/drifted]
		who := people[i%len(people)]
		e.AdminChange(t, "PATCH", "/_mock/"+p.key+"/deliver_tasks/"+id, fmt.Sprintf(`{"name":"changed-by-%s"}`, who), who)
		want[id] = who
	}
	before := e.LookupCalls()
	out, _ := cli.Run("plan", "-input=false", "-no-color", "-parallelism=20")
	plan := acctest.FlatOutput(out)
	if w := acctest.DriftWarnings(out); len(w) != drifted {
		t.Errorf("%d drift warnings, want %d", len(w), drifted)
	}
	got := map[string]string{}
	for _, w := range strings.Split(plan, "Warning: ")[1:] {
		if m := attributed.FindStringSubmatch(w); m != nil {
			got[m[1]] = m[2]
		}
	}
	for id, who := range want {
		if got[id] != who {
			t.Errorf("task %s attributed to %q, want %q", id, got[id], who)
		}
	}
	calls := e.LookupCalls() - before
	t.Logf("one plan over %d tasks, %d drifted by %d people among %d write events: %d LookupEvents calls",
		objects, drifted, len(people), drifted*(others+1), calls)
	if calls == 0 || calls > drifted*(others+1)/50+2 {
		t.Errorf("LookupEvents calls = %d, want 1 to %d (one per 50 write events and a constant)", calls, drifted*(others+1)/50+2)
	}
}

var attributed = regexp.MustCompile(`^CDN deliver task (\d+) was changed outside Terraform .* console user (\w+) ran UpdateCdnDeliverTask at `)
