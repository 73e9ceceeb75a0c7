package actiontrail_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

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

const (
	trailResource = "cloudtrack_actiontrail_trail.test"
	slsArn        = "acs:log:cn-hangzhou:1234567890:project/audit-logs"
	otherSlsArn   = "acs:log:cn-hangzhou:1234567890:project/audit-logs-2"
	roleArn       = "acs:ram::1234567890:role/aliyunserviceroleforactiontrail"
	trailMockOnly = "the trail's Log Service project, OSS bucket and RAM role exist only in the mock"
)

// trailName is a random trail name within ActionTrail's rule (6-36
// characters, lower-case).
func trailName(suffix string) string {
	n := strings.ToLower(acctest.RandomName(suffix))
	n = regexp.MustCompile(`[^a-z0-9_-]`).ReplaceAllString(n, "-")
	if len(n) > 36 {
		n = n[:36]
	}
	return n
}

func trailConfig(e *acctest.Env, name, body string) string {
	return e.Config(fmt.Sprintf(`
resource "cloudtrack_actiontrail_trail" "test" {
  name = %q
  %s
}
`, name, body))
}

func slsTrail(e *acctest.Env, name string) string {
	return trailConfig(e, name, fmt.Sprintf(`sls_project_arn = %q`, slsArn))
}

func checkTrailDestroy(e *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		c := e.Client()
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "cloudtrack_actiontrail_trail" {
				continue
			}
			_, err := actiontrail.FindTrailByName(context.Background(), c, rs.Primary.ID)
			if err == nil {
				return fmt.Errorf("trail %s still exists", rs.Primary.ID)
			}
			if !conns.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
}

func mockTrail(e *acctest.Env, name string, check func(mockcloud.Trail) error) resource.TestCheckFunc {
	return e.MockCheck(func(m *mockcloud.Server) error {
		tr, ok := m.Trail(name)
		if !ok {
			return fmt.Errorf("trail %s not in the mock", name)
		}
		return check(tr)
	})
}

func TestAccActionTrailTrail_basic(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, trailMockOnly)
	name := trailName("basic")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkTrailDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: slsTrail(e, name),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("id"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("sls_project_arn"), knownvalue.StringExact(slsArn)),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("oss_bucket_name"), knownvalue.Null()),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("event_rw"), knownvalue.StringExact("Write")),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("trail_region"), knownvalue.StringExact("All")),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("is_organization_trail"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("logging"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("is_logging"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("status"), knownvalue.StringExact("Enable")),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("home_region"), knownvalue.StringExact("cn-hangzhou")),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("trail_arn"), knownvalue.StringExact("acs:actiontrail:cn-hangzhou:"+mockcloud.DefaultAccountID+":trail/"+name)),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("create_time"), knownvalue.StringRegexp(rfc3339)),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("start_logging_time"), knownvalue.StringRegexp(rfc3339)),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("stop_logging_time"), knownvalue.Null()),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("sls_latest_delivery_time"), knownvalue.StringRegexp(rfc3339)),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("sls_latest_delivery_error"), knownvalue.Null()),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("oss_latest_delivery_time"), knownvalue.Null()),
				},
				Check: mockTrail(e, name, func(tr mockcloud.Trail) error {
					if tr.Status != mockcloud.TrailEnabled || tr.SlsProjectArn != slsArn || tr.EventRW != "Write" {
						return fmt.Errorf("mock trail = %+v", tr)
					}
					return nil
				}),
			},
			{
				Config:           slsTrail(e, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// Every setting changes in place; UpdateTrail gets the whole trail, role
// ARNs included (the mock refuses an update that leaves the role out, as
// ActionTrail did to the alicloud provider).
func TestAccActionTrailTrail_update(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, trailMockOnly)
	name := trailName("update")
	step1 := trailConfig(e, name, fmt.Sprintf(`
  sls_project_arn    = %q
  sls_write_role_arn = %q
  oss_bucket_name    = "audit-bucket"
  oss_key_prefix     = "prefix-one"
  oss_write_role_arn = %q
`, slsArn, roleArn, roleArn))
	step2 := trailConfig(e, name, fmt.Sprintf(`
  sls_project_arn    = %q
  sls_write_role_arn = %q
  oss_bucket_name    = "audit-bucket"
  oss_key_prefix     = "prefix-two"
  oss_write_role_arn = %q
  event_rw           = "All"
  trail_region       = "cn-hangzhou,cn-shanghai"
`, otherSlsArn, roleArn, roleArn))
	// Log Service delivery removed: the project and its role go.
	step3 := trailConfig(e, name, `
  oss_bucket_name = "audit-bucket"
  event_rw        = "Read"
`)
	inPlace := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(trailResource, plancheck.ResourceActionUpdate)}}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkTrailDestroy(e),
		Steps: []resource.TestStep{
			{Config: step1},
			{
				Config:           step2,
				ConfigPlanChecks: inPlace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("sls_project_arn"), knownvalue.StringExact(otherSlsArn)),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("oss_key_prefix"), knownvalue.StringExact("prefix-two")),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("oss_latest_delivery_time"), knownvalue.StringRegexp(rfc3339)),
				},
				Check: mockTrail(e, name, func(tr mockcloud.Trail) error {
					if tr.SlsProjectArn != otherSlsArn || tr.OssKeyPrefix != "prefix-two" || tr.EventRW != "All" ||
						tr.TrailRegion != "cn-hangzhou,cn-shanghai" || tr.OssWriteRoleArn != roleArn || tr.SlsWriteRoleArn != roleArn {
						return fmt.Errorf("mock trail = %+v", tr)
					}
					return nil
				}),
			},
			{
				Config:           step3,
				ConfigPlanChecks: inPlace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("sls_project_arn"), knownvalue.Null()),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("sls_write_role_arn"), knownvalue.Null()),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("oss_key_prefix"), knownvalue.Null()),
					// Not configured: the reported role is kept.
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("oss_write_role_arn"), knownvalue.StringExact(roleArn)),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("sls_latest_delivery_time"), knownvalue.Null()),
				},
				Check: mockTrail(e, name, func(tr mockcloud.Trail) error {
					if tr.SlsProjectArn != "" || tr.OssKeyPrefix != "" || tr.EventRW != "Read" || tr.OssBucketName != "audit-bucket" {
						return fmt.Errorf("mock trail = %+v", tr)
					}
					return nil
				}),
			},
			{
				Config:           step3,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

func TestAccActionTrailTrail_logging(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, trailMockOnly)
	name := trailName("logging")
	off := trailConfig(e, name, fmt.Sprintf("sls_project_arn = %q\n  logging = false", slsArn))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkTrailDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: off,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("logging"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("is_logging"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("status"), knownvalue.StringExact("Disable")),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("sls_latest_delivery_time"), knownvalue.Null()),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					mockTrail(e, name, func(tr mockcloud.Trail) error {
						if tr.Status != mockcloud.TrailDisabled {
							return fmt.Errorf("mock trail status %s", tr.Status)
						}
						return nil
					}),
					e.MockCheck(func(m *mockcloud.Server) error {
						if n := m.Calls(mockcloud.ActionTrailProduct, "StartLogging"); n != 0 {
							return fmt.Errorf("StartLogging called %d times for a trail with logging = false", n)
						}
						return nil
					}),
				),
			},
			{
				Config: slsTrail(e, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(trailResource, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("is_logging"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("start_logging_time"), knownvalue.StringRegexp(rfc3339)),
				},
				Check: e.MockCheck(func(m *mockcloud.Server) error {
					if n := m.Calls(mockcloud.ActionTrailProduct, "UpdateTrail"); n != 0 {
						return fmt.Errorf("UpdateTrail called %d times for a logging switch", n)
					}
					return nil
				}),
			},
			{
				Config: off,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("is_logging"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("stop_logging_time"), knownvalue.StringRegexp(rfc3339)),
				},
			},
		},
	})
}

// A trail deleted behind Terraform's back is planned for creation again.
func TestAccActionTrailTrail_disappears(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "deletes the trail through the mock's admin side")
	name := trailName("disappears")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkTrailDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: slsTrail(e, name),
				Check: func(*terraform.State) error {
					if !e.Mock().DeleteTrail(name) {
						return fmt.Errorf("trail %s not in the mock", name)
					}
					return nil
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: slsTrail(e, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(trailResource, plancheck.ResourceActionCreate),
				}},
				Check: mockTrail(e, name, func(mockcloud.Trail) error { return nil }),
			},
		},
	})
}

// Changes made in the console (the mock's admin side) show in the plan
// and are put back by apply.
func TestAccActionTrailTrail_drift(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "changes the trail through the mock's admin side")
	name := trailName("drift")
	cfg := trailConfig(e, name, fmt.Sprintf(`
  sls_project_arn = %q
  oss_bucket_name = "audit-bucket"
  oss_key_prefix  = "prefix-one"
`, slsArn))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkTrailDestroy(e),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					err := e.Mock().ChangeTrail("", name, func(tr *mockcloud.Trail) {
						tr.EventRW = "All"
						tr.OssKeyPrefix = "someone-elses"
						tr.Status = mockcloud.TrailDisabled
					})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(trailResource, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(trailResource, tfjsonpath.New("event_rw"), knownvalue.StringExact("Write")),
					plancheck.ExpectKnownValue(trailResource, tfjsonpath.New("oss_key_prefix"), knownvalue.StringExact("prefix-one")),
					plancheck.ExpectKnownValue(trailResource, tfjsonpath.New("logging"), knownvalue.Bool(true)),
				}},
				Check: mockTrail(e, name, func(tr mockcloud.Trail) error {
					if tr.EventRW != "Write" || tr.OssKeyPrefix != "prefix-one" || tr.Status != mockcloud.TrailEnabled {
						return fmt.Errorf("drift not repaired: %+v", tr)
					}
					return nil
				}),
			},
			{
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

func TestAccActionTrailTrail_import(t *testing.T) {
	clock := acctest.NewClock() // delivery times move with the clock: frozen, they match
	e := acctest.New(t, acctest.WithFrozenClock(clock))
	e.NeedsMock(t, trailMockOnly)
	name := trailName("import")
	cfg := trailConfig(e, name, fmt.Sprintf(`
  sls_project_arn    = %q
  sls_write_role_arn = %q
  oss_bucket_name    = "audit-bucket"
  event_rw           = "All"
`, slsArn, roleArn))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkTrailDestroy(e),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				ResourceName:            trailResource,
				ImportState:             true,
				ImportStateId:           name,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				ResourceName:  trailResource,
				ImportState:   true,
				ImportStateId: "Not A Trail",
				ExpectError:   acctest.ExpectError(`Invalid import ID.*Expected the name of an ActionTrail trail.*got "Not A Trail"`),
			},
		},
	})
}

// Bad input fails at plan time, naming the attribute and what it allows,
// before any API call.
func TestAccActionTrailTrail_validation(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "counts the mock's calls: bad input must reach no API")
	cases := []struct{ body, want string }{
		{``, `Missing Attribute Configuration.*At least one of these attributes must be configured: \[sls_project_arn,oss_bucket_name\]`},
		{`oss_bucket_name = "Bad_Bucket"`, `oss_bucket_name.*must be 3-63 characters: lower-case letters, digits and hyphens`},
		{`oss_bucket_name = "bucket"` + "\n  oss_key_prefix = \"abc\"", `oss_key_prefix.*string length must be between 6 and 32`},
		{`sls_project_arn = "` + slsArn + `"` + "\n  oss_key_prefix = \"prefix-one\"", `oss_key_prefix.*"oss_bucket_name" must be specified`},
		{`sls_project_arn = "` + slsArn + `"` + "\n  event_rw = \"read\"", `event_rw.*value must be one of: \["Read" "Write" "All"\]`},
		{`sls_project_arn = "` + slsArn + `"` + "\n  trail_region = \"everywhere\"", `trail_region.*must be All or region ids separated by commas`},
		{`sls_project_arn = "project/x"`, `sls_project_arn.*must be a Log Service project ARN: acs:log:<region>:<account-id>:project/<project>`},
		{`sls_project_arn = "` + slsArn + `"` + "\n  sls_write_role_arn = \"role\"", `sls_write_role_arn.*must be a RAM role ARN: acs:ram::<account-id>:role/<role>`},
		{`oss_bucket_name = "bucket"` + "\n  sls_write_role_arn = \"" + roleArn + `"`, `sls_write_role_arn.*"sls_project_arn" must be specified`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      trailConfig(e, "valid-trail-name", c.body),
			PlanOnly:    true,
			ExpectError: acctest.ExpectError(c.want),
		})
	}
	for _, bad := range []string{"short", "Upper-case-name", "1starts-with-digit", "has.dot.in.name", strings.Repeat("a", 37)} {
		steps = append(steps, resource.TestStep{
			Config:      slsTrail(e, bad),
			PlanOnly:    true,
			ExpectError: acctest.ExpectError(`name.*must be 6-36 characters: a lower-case letter first, then lower-case letters, digits, hyphens \(-\) and underscores \(_\)`),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps:                    steps,
	})
	if n := e.TotalCalls(); n != 0 {
		t.Errorf("plan-time validation made %d API calls", n)
	}
}

// CreateTrail's answer is lost or garbled: the trail found by name is
// ours and adopted (after a retry that met "already exists", or at once),
// or, when nothing was made, the create is made again: one trail, an
// empty re-plan.
func TestAccActionTrailTrail_lostAnswer(t *testing.T) {
	for _, tc := range []struct {
		name  string
		mode  string
		calls int // CreateTrail calls the apply makes
	}{
		{"lost", mockcloud.FaultCommitThenDrop, 2},                // the retry meets TrailAlreadyExistsException
		{"committed-garbled", mockcloud.FaultCommitThenGarble, 1}, // found at once
		{"garbled", mockcloud.FaultGarble, 2},                     // nothing made: called again
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := acctest.New(t)
			e.NeedsMock(t, "loses or garbles CreateTrail's answer through the mock's faults")
			e.Mock().AddFault(mockcloud.Fault{Product: mockcloud.ActionTrailProduct, Action: "CreateTrail", Mode: tc.mode, Count: 1})
			name := trailName(tc.name)
			cfg := slsTrail(e, name)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: e.Factories(),
				CheckDestroy:             checkTrailDestroy(e),
				Steps: []resource.TestStep{
					{
						Config: cfg,
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("is_logging"), knownvalue.Bool(true)),
						},
						Check: func(*terraform.State) error {
							if n := len(e.Mock().Trails()); n != 1 {
								return fmt.Errorf("want 1 trail, got %d", n)
							}
							if n := e.Mock().Calls(mockcloud.ActionTrailProduct, "CreateTrail"); n != tc.calls {
								return fmt.Errorf("want %d CreateTrail calls, got %d", tc.calls, n)
							}
							return nil
						},
					},
					{
						Config:           cfg,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					},
				},
			})
		})
	}
}

// A name taken by a trail made elsewhere is the user's conflict: the error
// names what differs and how to import it; the trail is left alone.
func TestAccActionTrailTrail_nameTaken(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds a trail of the same name")
	name := trailName("taken")
	seedTrail(t, e, mockcloud.Trail{Name: name, SlsProjectArn: otherSlsArn})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: slsTrail(e, name),
				ExpectError: acctest.ExpectError(fmt.Sprintf(`creating ActionTrail Trail \(%[1]s\).*TrailAlreadyExistsException.*another ActionTrail trail \(%[1]s\) already holds this name.*`+
					`terraform import cloudtrack_actiontrail_trail.<name> %[1]s.*differs from the configuration in sls_project_arn`, name)),
			},
		},
	})
	if tr, _ := e.Mock().Trail(name); tr.SlsProjectArn != otherSlsArn {
		t.Errorf("the existing trail was changed: %+v", tr)
	}
}

// The sixth single-account trail of a region is refused, with the limit
// explained.
func TestAccActionTrailTrail_limit(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds the account's five trails")
	for i := range mockcloud.MaxTrailsPerRegion {
		seedTrail(t, e, mockcloud.Trail{Name: fmt.Sprintf("seeded-trail-%d", i)})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config:      slsTrail(e, trailName("sixth")),
				ExpectError: acctest.ExpectError(`MaximumNumberOfTrailsExceededException.*trail limit.*5 single-account trails per region`),
			},
		},
	})
}

// A trail made here, then a history delivery job on it: the job's check
// (the trail exists and delivers to Log Service) sees the trail.
func TestAccActionTrailTrail_historyDeliveryJob(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, trailMockOnly)
	name := trailName("with-job")
	cfg := slsTrail(e, name) + `
resource "cloudtrack_actiontrail_history_delivery_job" "test" {
  trail_name = cloudtrack_actiontrail_trail.test.name
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             resource.ComposeAggregateTestCheckFunc(checkTrailDestroy(e), checkDestroy(e)),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("trail_name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(jobResource, tfjsonpath.New("status"), knownvalue.StringExact("complete")),
				},
			},
			{
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// A trail that delivers only to OSS cannot take a history delivery job.
func TestAccActionTrailTrail_historyDeliveryJobNeedsLogService(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, trailMockOnly)
	name := trailName("oss-only")
	cfg := trailConfig(e, name, `oss_bucket_name = "audit-bucket"`) + `
resource "cloudtrack_actiontrail_history_delivery_job" "test" {
  trail_name = cloudtrack_actiontrail_trail.test.name
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkTrailDestroy(e),
		Steps: []resource.TestStep{
			{
				Config:      cfg,
				ExpectError: acctest.ExpectError(`creating ActionTrail history delivery job.*does not deliver events to Log Service`),
			},
		},
	})
}

// A multi-account trail: created with IsOrganizationTrail, read back with
// it (DescribeTrails hides such trails unless asked), and replaced when the
// switch changes (UpdateTrail cannot change it).
func TestAccActionTrailTrail_organization(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, trailMockOnly+"; a multi-account trail needs a resource directory")
	name := trailName("org")
	org := trailConfig(e, name, fmt.Sprintf("sls_project_arn = %q\n  is_organization_trail = true", slsArn))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkTrailDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: org,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("is_organization_trail"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("is_logging"), knownvalue.Bool(true)),
				},
				Check: mockTrail(e, name, func(tr mockcloud.Trail) error {
					if !tr.IsOrganizationTrail {
						return fmt.Errorf("mock trail = %+v", tr)
					}
					return nil
				}),
			},
			{Config: org, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				Config: slsTrail(e, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(trailResource, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("is_organization_trail"), knownvalue.Bool(false)),
				},
			},
		},
	})
}

// Throttled trail calls are retried: the apply succeeds with one trail.
func TestAccActionTrailTrail_throttling(t *testing.T) {
	testTrailRetried(t, "throttled", mockcloud.Fault{Code: "Throttling.User"},
		[]string{"CreateTrail", "StartLogging", "DescribeTrails", "GetTrailStatus"}, []string{"CreateTrail"})
}

// A bucket or role made in the same apply is not usable at once: ActionTrail
// answers InsufficientBucketPolicyException, which the provider retries on
// CreateTrail and StartLogging (as the vendor's own provider does;
// internal/contract/actiontrail.json), ending with one trail, logging.
func TestAccActionTrailTrail_insufficientBucketPolicy(t *testing.T) {
	testTrailRetried(t, "bucket-policy", mockcloud.Fault{Code: "InsufficientBucketPolicyException", HTTPStatus: 400},
		[]string{"CreateTrail", "StartLogging"}, []string{"CreateTrail", "StartLogging"})
}

// testTrailRetried applies one trail with the first two calls of each of
// the faulted actions refused as refusal says, and checks that the apply
// made one trail, logging, calling each of the counted actions three times
// (two refused, one answered).
func testTrailRetried(t *testing.T, prefix string, refusal mockcloud.Fault, faulted, counted []string) {
	e := acctest.New(t)
	e.NeedsMock(t, "refuses calls with "+refusal.Code+" through the mock's faults")
	for _, action := range faulted {
		f := refusal
		f.Product, f.Action, f.Count = mockcloud.ActionTrailProduct, action, 2
		e.Mock().AddFault(f)
	}
	name := trailName(prefix)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkTrailDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: slsTrail(e, name),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(trailResource, tfjsonpath.New("is_logging"), knownvalue.Bool(true)),
				},
				Check: func(*terraform.State) error {
					if n := len(e.Mock().Trails()); n != 1 {
						return fmt.Errorf("want 1 trail, got %d", n)
					}
					for _, action := range counted {
						if n := e.Mock().Calls(mockcloud.ActionTrailProduct, action); n != 3 {
							return fmt.Errorf("want 3 %s calls (2 refused with %s), got %d", action, refusal.Code, n)
						}
					}
					return nil
				},
			},
		},
	})
}
