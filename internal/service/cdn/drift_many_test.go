package cdn_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// 200 deliver tasks, 50 of them changed in the console by three people: one
// plan attributes every drifted task to the right person, and the
// look-ups are shared: far fewer LookupEvents calls than drifted objects
// (printed; the bench rows measure the larger cases).
func TestAccCDNDeliverTask_driftAttributionMany(t *testing.T) {
	const objects, drifted = 200, 50
	p := pCDN
	e := acctest.New(t, acctest.WithHTTP())
	e.NeedsMock(t, "changes 50 tasks behind Terraform's back through the mock's admin API")
	if err := e.Mock().SetDeliverLimit(p.key, objects+10); err != nil {
		t.Fatal(err)
	}
	// Creating 200 tasks at CDN's documented 3 calls/s would take a minute;
	// the mock does not limit rates here.
	e.WithTuning(func(tu *conns.Tuning) { tu.RateLimits = map[string]float64{conns.ProductCDN: 1000} })
	cli := e.NewCLI(t, "")
	c := p.task("")
	c.name = fmt.Sprintf("\"%s-${count.index}\"", acctest.RandomName("many"))
	c.count = objects
	cli.Write("main.tf", p.config(e, c)+fmt.Sprintf("output \"ids\" { value = %s[*].id }\n", p.taskType()+".test"))
	cli.MustRun("init", "-input=false", "-no-color")
	t0 := time.Now()
	cli.MustRun("apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=20")
	t.Logf("apply of %d tasks: %s", objects, time.Since(t0))
	var ids []string
	if err := json.Unmarshal([]byte(cli.MustRun("output", "-json", "ids")), &ids); err != nil || len(ids) != objects {
		t.Fatalf("ids: %v %v", ids, err)
	}
	people := []string{"alice", "bob", "carol"}
	want := map[string]string{}
	for i := 0; i < drifted; i++ {
		id := ids[i*objects/drifted]
		who := people[i%len(people)]
		e.AdminChange(t, "PATCH", "/_mock/"+p.key+"/deliver_tasks/"+id, fmt.Sprintf(`{"name":"changed-by-%s"}`, who), who)
		want[id] = who
	}
	before := e.LookupCalls()
	t0 = time.Now()
	out, _ := cli.Run("plan", "-input=false", "-no-color", "-parallelism=20")
	t.Logf("plan: %s", time.Since(t0))
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
	t.Logf("one plan over %d tasks, %d drifted by %d people: %d LookupEvents calls", objects, drifted, len(people), calls)
	if calls == 0 || calls > drifted/5 {
		t.Errorf("LookupEvents calls = %d, want between 1 and %d", calls, drifted/5)
	}
}

var attributed = regexp.MustCompile(`^CDN deliver task (\d+) was changed outside Terraform .* console user (\w+) ran UpdateCdnDeliverTask at `)
