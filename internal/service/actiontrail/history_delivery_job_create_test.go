package actiontrail_test

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/actiontrail"
)

// exactlyOneJobInState checks that the mock holds exactly one job and that
// it is the one in state.
func exactlyOneJobInState(e *acctest.Env, res string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		jobs := e.Mock().Jobs()
		if len(jobs) != 1 {
			return fmt.Errorf("want exactly 1 job in the mock, got %d", len(jobs))
		}
		rs, ok := s.RootModule().Resources[res]
		if !ok {
			return fmt.Errorf("%s not in state", res)
		}
		if want := strconv.FormatInt(jobs[0].ID, 10); rs.Primary.ID != want {
			return fmt.Errorf("state holds job %s, the mock job %s", rs.Primary.ID, want)
		}
		return nil
	}
}

// testCreateFault applies one job with fault on its create and checks the
// outcome: one job, in state, complete, and an empty plan afterwards. With
// noRetries (max_retries = 0) nothing is retried: an unreadable answer is
// reconciled by conns.CreateOnce alone.
func testCreateFault(t *testing.T, fault mockcloud.Fault, noRetries bool) {
	e := acctest.New(t)
	e.NeedsMock(t, "injects a fault on the create through the mock's faults")
	trail := acctest.RandomName("trail")
	seedTrail(t, e, mockcloud.Trail{Name: trail})
	fault.Product, fault.Action, fault.Count = mockcloud.ActionTrailProduct, "CreateDeliveryHistoryJob", 1
	if e.Mock().AddFault(fault) == "" {
		t.Fatalf("fault %+v not installed", fault)
	}
	config := jobConfig(e, trail, "")
	if noRetries {
		config = strings.Replace(config, "provider \"cloudtrack\" {\n", "provider \"cloudtrack\" {\n  max_retries = 0\n", 1)
		if !strings.Contains(config, "max_retries = 0") {
			t.Fatalf("no provider block to set max_retries in:\n%s", config)
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("status"), knownvalue.StringExact("complete")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					exactlyOneJobInState(e, jobResource),
					func(*terraform.State) error {
						if n := e.Mock().Calls(mockcloud.ActionTrailProduct, "CreateDeliveryHistoryJob"); n < 2 {
							return fmt.Errorf("want at least 2 create calls (the faulty one and the one after), got %d", n)
						}
						if n := len(e.Mock().Faults()); n != 0 {
							return fmt.Errorf("the fault did not fire: %d faults left", n)
						}
						return nil
					},
				),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: exactlyOneJobInState(e, jobResource),
			},
		},
	})
}

// The create is carried out, its answer never arrives: the retry with the
// same client token answers the same job.
func TestAccActionTrailHistoryDeliveryJob_createLostAnswer(t *testing.T) {
	testCreateFault(t, mockcloud.Fault{Mode: mockcloud.FaultCommitThenDrop}, false)
}

// The create is carried out and its 2xx answer arrives truncated: not
// retried as such (the SDK cannot parse it), the job is found by repeating
// the call with the same token and adopted.
func TestAccActionTrailHistoryDeliveryJob_createGarbledAnswer(t *testing.T) {
	testCreateFault(t, mockcloud.Fault{Mode: mockcloud.FaultCommitThenGarble}, false)
}

// A truncated 2xx answer for a create that was not carried out: the same
// reconcile makes the job, once.
func TestAccActionTrailHistoryDeliveryJob_createGarbledAnswerNothingMade(t *testing.T) {
	testCreateFault(t, mockcloud.Fault{Mode: mockcloud.FaultGarble}, false)
}

// No answer within the attempt timeout (10 s in tests): the attempt is
// retried like any transport failure, with the same token.
func TestAccActionTrailHistoryDeliveryJob_createAttemptTimesOut(t *testing.T) {
	testCreateFault(t, mockcloud.Fault{Mode: mockcloud.FaultLatency, Latency: acctest.Tuning().AttemptTimeout + 2*time.Second}, false)
}

// A gateway's HTML 502 page instead of the API's JSON: retried as a 5xx.
func TestAccActionTrailHistoryDeliveryJob_createGatewayHTML502(t *testing.T) {
	testCreateFault(t, mockcloud.Fault{Mode: mockcloud.FaultHTML, HTTPStatus: 502}, false)
}

// The same five faults with max_retries = 0: the create is not retried, and
// conns.CreateOnce's reconcile (the call repeated with the same token)
// finds or makes the one job.
func TestAccActionTrailHistoryDeliveryJob_createLostAnswerNoRetries(t *testing.T) {
	testCreateFault(t, mockcloud.Fault{Mode: mockcloud.FaultCommitThenDrop}, true)
}

func TestAccActionTrailHistoryDeliveryJob_createGarbledAnswerNoRetries(t *testing.T) {
	testCreateFault(t, mockcloud.Fault{Mode: mockcloud.FaultCommitThenGarble}, true)
}

func TestAccActionTrailHistoryDeliveryJob_createGarbledAnswerNothingMadeNoRetries(t *testing.T) {
	testCreateFault(t, mockcloud.Fault{Mode: mockcloud.FaultGarble}, true)
}

func TestAccActionTrailHistoryDeliveryJob_createAttemptTimesOutNoRetries(t *testing.T) {
	testCreateFault(t, mockcloud.Fault{Mode: mockcloud.FaultLatency, Latency: acctest.Tuning().AttemptTimeout + 2*time.Second}, true)
}

func TestAccActionTrailHistoryDeliveryJob_createGatewayHTML502NoRetries(t *testing.T) {
	testCreateFault(t, mockcloud.Fault{Mode: mockcloud.FaultHTML, HTTPStatus: 502}, true)
}

// The documented example (examples/resources/cloudtrack_actiontrail_history_delivery_job):
// two jobs in one configuration, one waited for, one not. Only one job runs
// per account, so the second create waits for the first job and applies
// first time.
func TestAccActionTrailHistoryDeliveryJob_twoJobsQueue(t *testing.T) {
	e := acctest.New(t, acctest.WithJobStep(time.Second))
	e.NeedsMock(t, "seeds two trails and counts refused creates")
	audit, security := acctest.RandomName("audit"), acctest.RandomName("security")
	seedTrail(t, e, mockcloud.Trail{Name: audit})
	seedTrail(t, e, mockcloud.Trail{Name: security})
	config := e.Config(fmt.Sprintf(`
resource "cloudtrack_actiontrail_history_delivery_job" "audit" {
  trail_name = %q

  timeouts {
    create = "2h"
  }
}

resource "cloudtrack_actiontrail_history_delivery_job" "background" {
  trail_name          = %q
  wait_for_completion = false
}

output "delivered_regions" {
  value = [for r in cloudtrack_actiontrail_history_delivery_job.audit.region_statuses : r.region if r.status == "complete"]
}
`, audit, security))
	const auditRes, backgroundRes = "cloudtrack_actiontrail_history_delivery_job.audit", "cloudtrack_actiontrail_history_delivery_job.background"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(auditRes, tfjsonpath.New("status"), knownvalue.StringExact("complete")),
					statecheck.ExpectKnownValue(auditRes, tfjsonpath.New("trail_name"), knownvalue.StringExact(audit)),
					statecheck.ExpectKnownValue(backgroundRes, tfjsonpath.New("trail_name"), knownvalue.StringExact(security)),
					statecheck.ExpectKnownOutputValue("delivered_regions", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("cn-hangzhou"), knownvalue.StringExact("cn-shanghai"),
					})),
				},
				Check: func(s *terraform.State) error {
					jobs := e.Mock().Jobs()
					if len(jobs) != 2 {
						return fmt.Errorf("want 2 jobs in the mock, got %d", len(jobs))
					}
					inState := map[string]bool{}
					for _, res := range []string{auditRes, backgroundRes} {
						inState[s.RootModule().Resources[res].Primary.ID] = true
					}
					for _, j := range jobs {
						if !inState[strconv.FormatInt(j.ID, 10)] {
							return fmt.Errorf("job %d (trail %s) is not in state", j.ID, j.TrailName)
						}
					}
					// The two creates met: one was refused (DeliveryHistoryJobRunning,
					// no fault is installed) while the other's job ran.
					const create = "CreateDeliveryHistoryJob"
					if refused := e.Mock().Calls(mockcloud.ActionTrailProduct, create) - e.Mock().Succeeded(mockcloud.ActionTrailProduct, create); refused == 0 {
						return fmt.Errorf("no create met a running job; the queue was not exercised")
					}
					return nil
				},
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// A create that meets a running job logs which job it waits for, waits for
// it, then creates; bounded by its context, it fails naming that job.
func TestCreateJob_waitsForRunningJob(t *testing.T) {
	e := acctest.New(t, acctest.WithJobStep(200*time.Millisecond))
	e.NeedsMock(t, "seeds a running job in the mock")
	trail, other := acctest.RandomName("trail"), acctest.RandomName("other")
	seedTrail(t, e, mockcloud.Trail{Name: trail})
	seedTrail(t, e, mockcloud.Trail{Name: other})
	running, err := e.Mock().SeedJob(mockcloud.Job{TrailName: other})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	id, adopted, err := actiontrail.CreateJob(ctx, e.Client(), trail, "token-"+trail)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if adopted || id == running {
		t.Errorf("id %d adopted %v; want a new job, not adopted", id, adopted)
	}
	want := fmt.Sprintf("waiting for job %d (trail %s) to finish", running, other)
	if !strings.Contains(logs.String(), want) || !strings.Contains(logs.String(), fmt.Sprintf(`"waiting_for_job_id":%d`, running)) {
		t.Errorf("log does not name the job waited for (%q):\n%s", want, logs.String())
	}
	if j, _ := e.Mock().Job(running); j.Status != mockcloud.JobComplete {
		t.Errorf("the running job is %d; the create did not wait for it", j.Status)
	}

	// A job that never finishes: the create gives up at its deadline,
	// naming it.
	pinned, err := e.Mock().SeedJob(mockcloud.Job{TrailName: other, Pinned: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	_, _, err = actiontrail.CreateJob(ctx, e.Client(), trail, "token2-"+trail)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("history delivery job %d (trail %s) was still running when the create timeout ran out", pinned, other)) {
		t.Errorf("want an error naming job %d, got %v", pinned, err)
	}
}
