package actiontrail_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/actiontrail"
)

const jobResource = "cloudtrack_actiontrail_history_delivery_job.test"

var rfc3339 = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

func seedTrail(t *testing.T, e *acctest.Env, tr mockcloud.Trail) {
	t.Helper()
	if err := e.Mock().SeedTrail(tr); err != nil {
		t.Fatalf("seeding trail: %s", err)
	}
}

func jobConfig(e *acctest.Env, trail, extra string) string {
	return e.Config(fmt.Sprintf(`
resource "cloudtrack_actiontrail_history_delivery_job" "test" {
  trail_name = %q
  %s
}
`, trail, extra))
}

// captureJobID stores the job id from state, for steps that then change the
// job behind Terraform's back.
func captureJobID(id *int64) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[jobResource]
		if !ok {
			return fmt.Errorf("%s not in state", jobResource)
		}
		n, err := strconv.ParseInt(rs.Primary.ID, 10, 64)
		*id = n
		return err
	}
}

func checkDestroy(e *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		// One client, so its rate limiter paces every lookup.
		c := e.Client()
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "cloudtrack_actiontrail_history_delivery_job" {
				continue
			}
			id, _ := strconv.ParseInt(rs.Primary.ID, 10, 64)
			_, err := actiontrail.FindJobByID(context.Background(), c, id)
			if err == nil {
				return fmt.Errorf("history delivery job %d still exists", id)
			}
			if !conns.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
}

func TestAccActionTrailHistoryDeliveryJob_basic(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds an ActionTrail trail in the mock")
	trail := acctest.RandomName("trail")
	seedTrail(t, e, mockcloud.Trail{Name: trail, HomeRegion: "cn-hangzhou", Regions: []string{"cn-hangzhou", "cn-shanghai"}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: jobConfig(e, trail, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\d+$`))),
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("job_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("trail_name"), knownvalue.StringExact(trail)),
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("wait_for_completion"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("status"), knownvalue.StringExact("complete")),
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("home_region"), knownvalue.StringExact("cn-hangzhou")),
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("start_time"), knownvalue.StringRegexp(rfc3339)),
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("end_time"), knownvalue.StringRegexp(rfc3339)),
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("created_time"), knownvalue.StringRegexp(rfc3339)),
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("updated_time"), knownvalue.StringRegexp(rfc3339)),
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("region_statuses"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"region": knownvalue.StringExact("cn-hangzhou"), "status": knownvalue.StringExact("complete")}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{"region": knownvalue.StringExact("cn-shanghai"), "status": knownvalue.StringExact("complete")}),
					})),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrPair(jobResource, "id", jobResource, "job_id"),
				),
			},
			{
				// Re-applying the same configuration changes nothing.
				Config: jobConfig(e, trail, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccActionTrailHistoryDeliveryJob_import(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds an ActionTrail trail in the mock")
	trail := acctest.RandomName("trail")
	seedTrail(t, e, mockcloud.Trail{Name: trail})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{Config: jobConfig(e, trail, "")},
			{
				ResourceName:            jobResource,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				ResourceName:  jobResource,
				ImportState:   true,
				ImportStateId: "job-1",
				ExpectError:   acctest.ExpectError(`Invalid import ID.*numeric id`),
			},
		},
	})
}

func TestAccActionTrailHistoryDeliveryJob_disappears(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds a trail and deletes the job through the mock's admin API")
	trail := acctest.RandomName("trail")
	seedTrail(t, e, mockcloud.Trail{Name: trail})
	var id int64
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: jobConfig(e, trail, ""),
				Check:  captureJobID(&id),
			},
			{
				// Deleted behind Terraform's back: the plan proposes a create.
				PreConfig: func() {
					if !e.Mock().DeleteJob(id) {
						t.Fatalf("job %d not in the mock", id)
					}
				},
				Config: jobConfig(e, trail, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectNonEmptyPlan(),
						plancheck.ExpectResourceAction(jobResource, plancheck.ResourceActionCreate),
					},
				},
				Check: func(*terraform.State) error {
					if n := len(e.Mock().Jobs()); n != 1 {
						return fmt.Errorf("want 1 job in the mock after re-create, got %d", n)
					}
					return nil
				},
			},
		},
	})
}

func TestAccActionTrailHistoryDeliveryJob_trailChangeReplaces(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds two ActionTrail trails in the mock")
	trail := acctest.RandomName("trail")
	otherTrail := acctest.RandomName("other")
	seedTrail(t, e, mockcloud.Trail{Name: trail})
	seedTrail(t, e, mockcloud.Trail{Name: otherTrail})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{Config: jobConfig(e, trail, "")},
			{
				Config: jobConfig(e, otherTrail, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(jobResource, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("trail_name"), knownvalue.StringExact(otherTrail)),
				},
			},
		},
	})
}

func TestAccActionTrailHistoryDeliveryJob_failedJob(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds a trail whose delivery fails in one region")
	trail := acctest.RandomName("trail")
	seedTrail(t, e, mockcloud.Trail{Name: trail, Regions: []string{"cn-hangzhou", "ap-southeast-1"}, FailRegions: []string{"ap-southeast-1"}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config:      jobConfig(e, trail, ""),
				ExpectError: acctest.ExpectError(`history delivery job \d+ failed:.*ap-southeast-1: failed`),
			},
		},
	})
}

func TestAccActionTrailHistoryDeliveryJob_noWait(t *testing.T) {
	clock := acctest.NewClock()
	e := acctest.New(t, acctest.WithFrozenClock(clock), acctest.WithJobStep(time.Minute))
	e.NeedsMock(t, "freezes the mock's clock")
	trail := acctest.RandomName("trail")
	seedTrail(t, e, mockcloud.Trail{Name: trail})
	var id int64
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				// The mock's clock does not move: the job stays initializing,
				// and apply returns anyway.
				Config: jobConfig(e, trail, "wait_for_completion = false"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("status"), knownvalue.StringExact("initializing")),
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("wait_for_completion"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("end_time"), knownvalue.Null()),
				},
				Check: captureJobID(&id),
			},
			{
				// Time passes; the refresh sees the finished job, and the plan
				// stays empty: status is not something to converge.
				PreConfig: func() { clock.Advance(3 * time.Minute) },
				Config:    jobConfig(e, trail, "wait_for_completion = false"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("status"), knownvalue.StringExact("complete")),
				},
			},
		},
	})
}

func TestAccActionTrailHistoryDeliveryJob_deleteWaitsForRunningJob(t *testing.T) {
	e := acctest.New(t, acctest.WithJobStep(300*time.Millisecond))
	e.NeedsMock(t, "seeds a trail and sets the mock's job step")
	trail := acctest.RandomName("trail")
	seedTrail(t, e, mockcloud.Trail{Name: trail})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		// Destroy right after a no-wait create: the job is still running and
		// the delete has to wait for it instead of failing.
		CheckDestroy: checkDestroy(e),
		Steps: []resource.TestStep{
			{Config: jobConfig(e, trail, "wait_for_completion = false")},
		},
	})
}

func TestAccActionTrailHistoryDeliveryJob_createTimeout(t *testing.T) {
	clock := acctest.NewClock()
	e := acctest.New(t, acctest.WithFrozenClock(clock), acctest.WithJobStep(time.Minute))
	e.NeedsMock(t, "freezes the mock's clock and finishes the job through the admin API")
	trail := acctest.RandomName("trail")
	seedTrail(t, e, mockcloud.Trail{Name: trail})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: jobConfig(e, trail, `timeouts {
  create = "1s"
  delete = "10s"
}`),
				ExpectError: acctest.ExpectError(`timed out waiting for history delivery job \d+ to finish; last status "initializing"`),
			},
			{
				// The timed-out job was kept in state (tainted), not orphaned:
				// removing it from the configuration destroys it.
				PreConfig: func() {
					for _, j := range e.Mock().Jobs() {
						if err := e.Mock().UpdateJob(j.ID, func(j *mockcloud.Job) { j.Status = 2 }); err != nil {
							t.Fatal(err)
						}
					}
				},
				Config: e.ProviderConfig(),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(jobResource, plancheck.ResourceActionDestroy)},
				},
			},
		},
	})
}

func TestAccActionTrailHistoryDeliveryJob_missingTrail(t *testing.T) {
	e := acctest.New(t)
	absent := acctest.RandomName("absent")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config:      jobConfig(e, absent, ""),
				ExpectError: acctest.ExpectError(`creating ActionTrail history delivery job \(trail ` + absent + `\).*TrailNotFoundException.*request id`),
			},
		},
	})
}

func TestAccActionTrailHistoryDeliveryJob_invalidInput(t *testing.T) {
	e := acctest.New(t)
	cases := []struct {
		config string
		want   string
	}{
		{jobConfig(e, "Bad Name!", ""), `trail_name.*must be 6-36 characters`},
		{jobConfig(e, "audit-trail", `wait_for_completion = "maybe"`), `wait_for_completion`},
		{jobConfig(e, "audit-trail", `timeouts { create = "soon" }`), `timeouts.*create`},
		{`
provider "cloudtrack" {
  alicloud {
    protocol  = "FTP"
  }
}
resource "cloudtrack_actiontrail_history_delivery_job" "test" { trail_name = "audit-trail" }
`, `alicloud.protocol.*HTTP.*HTTPS`},
		{`
provider "cloudtrack" {
  alicloud {
    endpoints = { actiontrail = "http://127.0.0.1:1" }
  }
}
resource "cloudtrack_actiontrail_history_delivery_job" "test" { trail_name = "audit-trail" }
`, `Invalid endpoint.*alicloud.endpoints\["actiontrail"\].*"http://127.0.0.1:1".*without a scheme`},
		{`
provider "cloudtrack" {
  alicloud {
    endpoints = { ecs = "127.0.0.1:1" }
  }
}
resource "cloudtrack_actiontrail_history_delivery_job" "test" { trail_name = "audit-trail" }
`, `alicloud.endpoints.*actiontrail.*cdn.*dcdn.*sas`},
	}
	cases = append(cases, struct {
		config string
		want   string
	}{e.Config(`data "cloudtrack_actiontrail_history_delivery_jobs" "test" { status = "done" }`), `status value must be one of.*initializing.*delivering.*complete.*failed.*got: "done"`})
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{Config: c.config, PlanOnly: true, ExpectError: acctest.ExpectError(c.want)})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps:                    steps,
	})
	e.WhenMock(func(m *mockcloud.Server) {
		if n := e.TotalCalls(); n != 0 {
			t.Errorf("invalid input reached the API: %d calls (%v)", n, m.CallCounts())
		}
	})
}

func TestAccActionTrailHistoryDeliveryJob_missingCredentials(t *testing.T) {
	for _, v := range append(conns.EnvAlicloudAccessKey, conns.EnvAlicloudSecretKey...) {
		if _, ok := lookupEnv(v); ok {
			t.Skipf("%s is set in the environment", v)
		}
	}
	e := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: `
provider "cloudtrack" {}
resource "cloudtrack_actiontrail_history_delivery_job" "test" { trail_name = "audit-trail" }
`,
				ExpectError: acctest.ExpectError(`Alibaba Cloud credentials are not configured.*alicloud block.*ALIBABA_CLOUD_ACCESS_KEY_ID`),
			},
		},
	})
}

func TestAccActionTrailHistoryDeliveryJob_lostCreateResponse(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "injects a lost response through the mock's faults")
	trail := acctest.RandomName("trail")
	seedTrail(t, e, mockcloud.Trail{Name: trail})
	// The first create is carried out but its answer never arrives.
	e.Mock().AddFault(mockcloud.Fault{Product: "Actiontrail", Action: "CreateDeliveryHistoryJob", Mode: "commit_then_drop", Count: 1})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: jobConfig(e, trail, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("status"), knownvalue.StringExact("complete")),
				},
				Check: func(*terraform.State) error {
					if n := e.Mock().Calls("Actiontrail", "CreateDeliveryHistoryJob"); n != 2 {
						return fmt.Errorf("want 2 create calls (one lost, one retried), got %d", n)
					}
					if n := len(e.Mock().Jobs()); n != 1 {
						return fmt.Errorf("want exactly 1 job after a lost create response, got %d", n)
					}
					return nil
				},
			},
		},
	})
}

func TestAccActionTrailHistoryDeliveryJob_throttled(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "injects throttling through the mock's faults")
	trail := acctest.RandomName("trail")
	seedTrail(t, e, mockcloud.Trail{Name: trail})
	for _, action := range []string{"CreateDeliveryHistoryJob", "GetDeliveryHistoryJob", "DeleteDeliveryHistoryJob"} {
		e.Mock().AddFault(mockcloud.Fault{Product: "Actiontrail", Action: action, Mode: "error", Code: "Throttling.User", HTTPStatus: 400, Count: 3})
	}
	e.Mock().AddFault(mockcloud.Fault{Product: "Actiontrail", Action: "GetDeliveryHistoryJob", Mode: "error", Code: "ServiceUnavailable", HTTPStatus: 503, Count: 2})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: jobConfig(e, trail, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("status"), knownvalue.StringExact("complete")),
				},
				Check: func(*terraform.State) error {
					if n := e.Mock().Calls("Actiontrail", "CreateDeliveryHistoryJob"); n != 4 {
						return fmt.Errorf("want 4 create calls (3 throttled), got %d", n)
					}
					if n := len(e.Mock().Jobs()); n != 1 {
						return fmt.Errorf("want 1 job, got %d", n)
					}
					return nil
				},
			},
		},
	})
}
