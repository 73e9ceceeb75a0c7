package cdn_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cdn"
)

// testProduct is one row of the product table every case runs for.
type testProduct struct {
	key       string // type-name prefix and mock product key
	code      string // mock/SDK product code, for call counts and faults
	infix     string // in action names
	r1, r2    int64  // report ids of the catalogue
	badReport int64  // a report id of the other product
}

var (
	pCDN  = testProduct{key: "cdn", code: mockcloud.CDNProduct, infix: "Cdn", r1: 1, r2: 19, badReport: 2}
	pDCDN = testProduct{key: "dcdn", code: mockcloud.DCDNProduct, infix: "Dcdn", r1: 2, r2: 26, badReport: 1}
)

var rfc3339 = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

func (p testProduct) taskType() string { return "cloudtrack_" + p.key + "_deliver_task" }
func (p testProduct) taskAddr() string { return p.taskType() + ".test" }
func (p testProduct) subType() string  { return "cloudtrack_" + p.key + "_report_subscription" }
func (p testProduct) subAddr() string  { return p.subType() + ".test" }
func (p testProduct) action(verb, noun string) string {
	return verb + p.infix + noun
}

// listCalls is how many DescribeDeliverList calls the mock has answered
// or refused.
func (p testProduct) listCalls(e *acctest.Env) int {
	return e.Mock().Calls(p.code, p.action("Describe", "DeliverList"))
}

// task is a deliver task configuration; each field is HCL.
type task struct {
	count    int
	name     string
	domains  string
	reports  string
	schedule string
	deliver  string
}

func (p testProduct) task(name string) task {
	return task{
		name:    strconv.Quote(name),
		domains: `["example.com", "www.example.com"]`,
		reports: fmt.Sprintf(`[
    { report_id = %d, conditions = [{ field = "prov", values = ["Beijing", "Heilongjiang"] }] },
    { report_id = %d },
  ]`, p.r1, p.r2),
		schedule: `{
    name           = "daily"
    description    = "every morning"
    crontab        = "0 0 8 * * ?"
    frequency      = "d"
    effective_from = "2030-01-01T08:00:00+08:00"
    effective_end  = "2031-01-01T00:00:00Z"
  }`,
		deliver: `{ email = { subject = "Ops report", to = ["ops@example.com"], copy = ["lead@example.com"] } }`,
	}
}

func (p testProduct) hcl(t task) string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource %q \"test\" {\n", p.taskType())
	if t.count > 0 {
		fmt.Fprintf(&b, "  count = %d\n", t.count)
	}
	fmt.Fprintf(&b, "  name = %s\n", t.name)
	if t.domains != "" {
		fmt.Fprintf(&b, "  domain_names = %s\n", t.domains)
	}
	fmt.Fprintf(&b, "  reports = %s\n  schedule = %s\n  deliver = %s\n}\n", t.reports, t.schedule, t.deliver)
	return b.String()
}

func (p testProduct) config(e *acctest.Env, t task) string { return e.Config(p.hcl(t)) }

// captureID stores the id of a resource from state.
func captureID(addr string, id *int64) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s not in state", addr)
		}
		n, err := strconv.ParseInt(rs.Primary.ID, 10, 64)
		*id = n
		return err
	}
}

// sameID fails if the resource's id is no longer *id: an in-place update
// must keep the task.
func sameID(addr string, id *int64) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		var now int64
		if err := captureID(addr, &now)(s); err != nil {
			return err
		}
		if now != *id {
			return fmt.Errorf("%s id changed from %d to %d", addr, *id, now)
		}
		return nil
	}
}

func (p testProduct) checkDestroy(e *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		c := e.Client()
		for _, rs := range s.RootModule().Resources {
			switch rs.Type {
			case p.taskType():
				id, _ := strconv.ParseInt(rs.Primary.ID, 10, 64)
				_, err := cdn.FindDeliverTaskByID(context.Background(), c, p.key, id)
				if err == nil {
					return fmt.Errorf("%s %d still exists", rs.Type, id)
				}
				if !conns.IsNotFound(err) {
					return err
				}
			case p.subType():
				_, err := cdn.FindSubscription(context.Background(), c, p.key)
				if err == nil {
					return fmt.Errorf("%s still exists", rs.Type)
				}
				if !conns.IsNotFound(err) {
					return err
				}
			}
		}
		return nil
	}
}

// mockTask returns the mock's only task of the product.
func (p testProduct) mockTask(t *testing.T, e *acctest.Env) mockcloud.DeliverTask {
	t.Helper()
	tasks := e.Mock().DeliverTasks(p.key)
	if len(tasks) != 1 {
		t.Fatalf("want 1 %s task in the mock, got %d", p.key, len(tasks))
	}
	return tasks[0]
}

func (p testProduct) seedTask(t *testing.T, e *acctest.Env, name, crontab string, enabled bool) int64 {
	t.Helper()
	status := "enable"
	if !enabled {
		status = "disable"
	}
	id, err := e.Mock().SeedDeliverTask(p.key, mockcloud.DeliverTask{
		Name:     name,
		Reports:  []mockcloud.TaskReport{{ReportID: int(p.r1)}},
		Schedule: mockcloud.Schedule{Crontab: crontab, Frequency: "d", Status: status},
		Deliver:  mockcloud.Deliver{Email: &mockcloud.Email{Subject: name, To: []string{"ops@example.com"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// stringsExact checks a list of strings, in order.
func stringsExact(v ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(v))
	for i, s := range v {
		checks[i] = knownvalue.StringExact(s)
	}
	return knownvalue.ListExact(checks)
}
