package actiontrail_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/actiontrail"
)

const actionAddr = "action.cloudtrack_actiontrail_history_delivery.test"

// actionsCLI is the first Terraform with actions (action blocks,
// action_trigger, apply -invoke).
var actionsCLI = tfversion.SkipBelow(tfversion.Version1_14_0)

// actionConfig is the action block; extra goes inside its config.
func actionConfig(e *acctest.Env, trail, extra string) string {
	return e.Config(fmt.Sprintf(`
action "cloudtrack_actiontrail_history_delivery" "test" {
  config {
    trail_name = %q
    %s
  }
}
`, trail, extra))
}

// triggeredConfig adds a resource whose creation runs the action.
func triggeredConfig(e *acctest.Env, trail, extra string) string {
	return actionConfig(e, trail, extra) + `
resource "terraform_data" "test" {
  input = "backfill"

  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [` + actionAddr + `]
    }
  }
}
`
}

// actionCase is one behaviour of the action, tested on both ways of
// invoking it.
type actionCase struct {
	opts  []acctest.Option
	trail mockcloud.Trail
	extra string // inside config { }
	setup func(t *testing.T, e *acctest.Env)
	// wantErr matches the error; nil: the invocation succeeds.
	wantErr *regexp.Regexp
	// check runs after the invocation, on the mock.
	check func(e *acctest.Env) error
}

func oneJob(status int) func(e *acctest.Env) error {
	return func(e *acctest.Env) error {
		jobs := e.Mock().Jobs()
		if len(jobs) != 1 {
			return fmt.Errorf("want exactly 1 job in the mock, got %d", len(jobs))
		}
		if jobs[0].Status != status {
			return fmt.Errorf("job %d has status %d, want %d", jobs[0].ID, jobs[0].Status, status)
		}
		return nil
	}
}

func actionCases() map[string]actionCase {
	frozen := acctest.NewClock()
	return map[string]actionCase{
		"complete": {
			trail: mockcloud.Trail{Regions: []string{"cn-hangzhou", "cn-shanghai"}},
			check: oneJob(mockcloud.JobComplete),
		},
		"failed": {
			trail:   mockcloud.Trail{Regions: []string{"cn-hangzhou", "cn-shanghai"}, FailRegions: []string{"cn-shanghai"}},
			wantErr: acctest.ExpectError(`history delivery job \d+ failed: regions not delivered: cn-shanghai: failed`),
			check:   oneJob(mockcloud.JobFailed),
		},
		"timeout": {
			// The clock never moves: the job stays initializing.
			opts:    []acctest.Option{acctest.WithFrozenClock(frozen)},
			extra:   `timeouts { invoke = "2s" }`,
			wantErr: acctest.ExpectError(`timed out waiting for history delivery job \d+ to finish; last status "initializing".*timed out after 2s \(timeouts.invoke\)`),
			check:   oneJob(mockcloud.JobInitializing),
		},
		"queued": {
			// Another trail's job runs (one per account): the invocation
			// waits for it, saying so, then starts its own.
			opts: []acctest.Option{acctest.WithJobStep(300 * time.Millisecond)},
			// A wait that never ends fails here, not at the test binary's
			// deadline.
			extra: `timeouts { invoke = "60s" }`,
			setup: func(t *testing.T, e *acctest.Env) {
				t.Helper()
				other := acctest.RandomName("other")
				seedTrail(t, e, mockcloud.Trail{Name: other})
				// Pinned, the job runs however slowly the CLI starts. It
				// finishes once the invocation waits for it: our create was
				// refused, the job list named the running job, and the wait
				// polls it (the first GetDeliveryHistoryJob).
				running, err := e.Mock().SeedJob(mockcloud.Job{TrailName: other, Pinned: true})
				if err != nil {
					t.Fatalf("seeding the running job: %s", err)
				}
				e.WhenCalled("Actiontrail.GetDeliveryHistoryJob", 1, func() {
					if err := e.Mock().UpdateJob(running, func(j *mockcloud.Job) { j.Status = mockcloud.JobComplete }); err != nil {
						t.Errorf("finishing job %d: %s", running, err)
					}
				})
			},
			check: func(e *acctest.Env) error {
				jobs := e.Mock().Jobs()
				if len(jobs) != 2 {
					return fmt.Errorf("want 2 jobs (the running one and ours), got %d", len(jobs))
				}
				for _, j := range jobs {
					if j.Status != mockcloud.JobComplete {
						return fmt.Errorf("job %d (trail %s) has status %d, want complete", j.ID, j.TrailName, j.Status)
					}
				}
				return nil
			},
		},
		"lostCreateAnswer": {
			// The create is carried out and its answer dropped: the retry
			// with the same ClientToken answers the same job.
			setup: func(t *testing.T, e *acctest.Env) {
				t.Helper()
				if e.Mock().AddFault(mockcloud.Fault{Product: mockcloud.ActionTrailProduct, Action: "CreateDeliveryHistoryJob", Mode: mockcloud.FaultCommitThenDrop, Count: 1}) == "" {
					t.Fatal("fault not installed")
				}
			},
			check: func(e *acctest.Env) error {
				if err := oneJob(mockcloud.JobComplete)(e); err != nil {
					return err
				}
				if n := e.Mock().Calls(mockcloud.ActionTrailProduct, "CreateDeliveryHistoryJob"); n < 2 {
					return fmt.Errorf("want at least 2 create calls (the dropped one and its retry), got %d", n)
				}
				if n := len(e.Mock().Faults()); n != 0 {
					return fmt.Errorf("the fault did not fire: %d faults left", n)
				}
				return nil
			},
		},
	}
}

// startCase starts the case's mock and seeds its trail.
func startCase(t *testing.T, c actionCase) (*acctest.Env, string) {
	t.Helper()
	e := acctest.New(t, c.opts...)
	e.NeedsMock(t, "seeds a trail, injects faults and freezes the clock in the mock")
	tr := c.trail
	tr.Name = acctest.RandomName("trail")
	seedTrail(t, e, tr)
	if c.setup != nil {
		c.setup(t, e)
	}
	return e, tr.Name
}

// The action run by action_trigger when a resource is created, through
// terraform-plugin-testing.
func testActionTriggered(t *testing.T, name string) {
	c := actionCases()[name]
	e, trail := startCase(t, c)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{actionsCLI},
		Steps: []resource.TestStep{{
			Config:      triggeredConfig(e, trail, c.extra),
			ExpectError: c.wantErr,
			Check: func(_ *terraform.State) error {
				return c.check(e)
			},
		}},
	})
	if c.wantErr != nil && !t.Failed() {
		if err := c.check(e); err != nil {
			t.Error(err)
		}
	}
}

func TestAccActionTrailHistoryDeliveryAction_triggeredComplete(t *testing.T) {
	testActionTriggered(t, "complete")
}

func TestAccActionTrailHistoryDeliveryAction_triggeredFailed(t *testing.T) {
	testActionTriggered(t, "failed")
}

func TestAccActionTrailHistoryDeliveryAction_triggeredTimeout(t *testing.T) {
	testActionTriggered(t, "timeout")
}

func TestAccActionTrailHistoryDeliveryAction_triggeredLostCreateAnswer(t *testing.T) {
	testActionTriggered(t, "lostCreateAnswer")
}

// The action run by `terraform apply -invoke`, which terraform-plugin-testing
// cannot express: the CLI driven directly, the provider reattached. The
// human output shows the progress lines.
func testActionInvoked(t *testing.T, name string) {
	t.Parallel()
	c := actionCases()[name]
	e, trail := startCase(t, c)
	cli := e.NewCLI(t, "", actionsCLI)
	cli.Write("main.tf", actionConfig(e, trail, c.extra))
	cli.MustRun("init", "-input=false", "-no-color")
	out, err := cli.Run("apply", "-auto-approve", "-input=false", "-no-color", "-invoke="+actionAddr)
	switch {
	case c.wantErr == nil && err != nil:
		t.Fatalf("apply -invoke failed under %s", cli)
	case c.wantErr != nil && err == nil:
		t.Fatalf("apply -invoke succeeded under %s, want an error matching %s", cli, c.wantErr)
	case c.wantErr != nil && !c.wantErr.MatchString(out):
		t.Fatalf("the output does not match %s", c.wantErr)
	}
	if err := c.check(e); err != nil {
		t.Error(err)
	}
	// Progress: the job's start, then its regions' states as they change.
	wantProgress := []string{"starting a history delivery job for trail " + trail, "history delivery job "}
	switch name {
	case "complete", "lostCreateAnswer":
		wantProgress = append(wantProgress, "complete; regions: cn-hangzhou complete, cn-shanghai complete")
	case "failed":
		wantProgress = append(wantProgress, "failed; regions: cn-hangzhou complete, cn-shanghai failed")
	case "queued":
		wantProgress = append(wantProgress, "waiting for job 10001", "history delivery job 10002 started",
			"history delivery job 10002 (trail "+trail+"): complete")
	case "timeout":
		wantProgress = append(wantProgress, "initializing; regions: cn-hangzhou initializing, cn-shanghai initializing")
	}
	for _, p := range wantProgress {
		if !strings.Contains(out, p) {
			t.Errorf("no progress line with %q in the output", p)
		}
	}
}

func TestAccActionTrailHistoryDeliveryAction_invokeComplete(t *testing.T) {
	testActionInvoked(t, "complete")
}

func TestAccActionTrailHistoryDeliveryAction_invokeFailed(t *testing.T) {
	testActionInvoked(t, "failed")
}

func TestAccActionTrailHistoryDeliveryAction_invokeTimeout(t *testing.T) {
	testActionInvoked(t, "timeout")
}

func TestAccActionTrailHistoryDeliveryAction_invokeLostCreateAnswer(t *testing.T) {
	testActionInvoked(t, "lostCreateAnswer")
}

func TestAccActionTrailHistoryDeliveryAction_invokeQueued(t *testing.T) {
	testActionInvoked(t, "queued")
}

// The action's work without Terraform (any CLI): progress lines per region,
// the per-region failure, the timeout and the lost create answer, on the
// client the provider uses.
func TestHistoryDeliveryAction_run(t *testing.T) {
	for name, c := range actionCases() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e, trail := startCase(t, c)
			limit := time.Minute // as timeouts.invoke: a wait that never ends fails
			if name == "timeout" {
				limit = 500 * time.Millisecond
			}
			ctx, cancel := context.WithTimeout(context.Background(), limit)
			defer cancel()
			var lines []string
			err := actiontrail.RunHistoryDelivery(ctx, e.Client(), trail, uuid.NewString(), func(m string) { lines = append(lines, m) })
			t.Logf("progress:\n%s", strings.Join(lines, "\n"))
			switch {
			case name == "timeout":
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("want a deadline error, got %v", err)
				}
			case c.wantErr != nil:
				if err == nil || !c.wantErr.MatchString(err.Error()) {
					t.Errorf("want an error matching %s, got %v", c.wantErr, err)
				}
			case err != nil:
				t.Errorf("unexpected error: %s", err)
			}
			if err := c.check(e); err != nil {
				t.Error(err)
			}
			if len(lines) < 3 {
				t.Fatalf("want the start, the job id and at least one state in the progress, got %q", lines)
			}
			for i := 1; i < len(lines); i++ {
				if lines[i] == lines[i-1] {
					t.Errorf("progress line %d repeats the one before: %q", i, lines[i])
				}
			}
		})
	}
}

// A bad trail name or timeout fails at plan, before any job is started.
func TestAccActionTrailHistoryDeliveryAction_invalidConfig(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "counts the mock's create calls")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{actionsCLI},
		Steps: []resource.TestStep{
			{
				Config:      triggeredConfig(e, "Audit-Trail", ""),
				PlanOnly:    true,
				ExpectError: acctest.ExpectError(`must be 6-36 characters: a lower-case letter first`),
			},
			{
				Config:      triggeredConfig(e, "audit-trail", `timeouts { invoke = "soon" }`),
				PlanOnly:    true,
				ExpectError: acctest.ExpectError(`Invalid Attribute Value Time Duration`),
			},
		},
	})
	if n := e.Mock().Calls(mockcloud.ActionTrailProduct, "CreateDeliveryHistoryJob"); n != 0 {
		t.Errorf("want no create call for an invalid configuration, got %d", n)
	}
}
