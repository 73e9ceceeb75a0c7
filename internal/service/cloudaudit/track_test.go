package cloudaudit_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cloudaudit"
)

const (
	trackResource = "cloudtrack_cloudaudit_track.test"
	product       = mockcloud.CloudAuditProduct
)

// rfc3339Beijing is create_time: RFC 3339 with the API's +08:00 offset.
var rfc3339Beijing = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$`)

const cosStorage = `storage = {
    type   = "cos"
    region = "ap-guangzhou"
    name   = "audit-bucket"
    prefix = "cloudaudit"
  }`

func trackConfig(e *acctest.Env, body string) string {
	return e.Config(fmt.Sprintf(`
resource "cloudtrack_cloudaudit_track" "test" {
%s
}
`, body))
}

// simpleTrack is a track of the simple form.
func simpleTrack(e *acctest.Env, name string) string {
	return trackConfig(e, fmt.Sprintf(`  name          = %q
  action_type   = "Write"
  resource_type = "cos"
  event_names   = ["PutObject", "DeleteObject"]
  %s`, name, cosStorage))
}

func checkDestroy(e *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		c := e.Client() // one client, so its rate limiter spaces the calls
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "cloudtrack_cloudaudit_track" {
				continue
			}
			id, err := strconv.ParseUint(rs.Primary.ID, 10, 64)
			if err != nil {
				return err
			}
			_, err = cloudaudit.FindTrackByID(context.Background(), c, id)
			if err == nil {
				return fmt.Errorf("CloudAudit track %d still exists", id)
			}
			if !conns.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
}

// captureTrackID stores the track id from state.
func captureTrackID(id *uint64) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[trackResource]
		if !ok {
			return fmt.Errorf("%s not in state", trackResource)
		}
		n, err := strconv.ParseUint(rs.Primary.ID, 10, 64)
		*id = n
		return err
	}
}

func seedTrack(t *testing.T, e *acctest.Env, tr mockcloud.AuditTrack) uint64 {
	t.Helper()
	if tr.Storage.Type == "" {
		tr.Storage = mockcloud.AuditStorage{Type: "cos", Region: "ap-guangzhou", Name: "audit-bucket", Prefix: "cloudaudit"}
	}
	if tr.ActionType == "" && len(tr.Filters) == 0 {
		tr.ActionType, tr.ResourceType, tr.EventNames = "*", "*", []string{"*"}
	}
	id, err := e.Mock().SeedAuditTrack(tr)
	if err != nil {
		t.Fatalf("seeding track: %s", err)
	}
	return id
}

func str(v string) knownvalue.Check { return knownvalue.StringExact(v) }

func TestAccCloudAuditTrack_basic(t *testing.T) {
	e := acctest.New(t)
	name := acctest.RandomName("cos-writes")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: simpleTrack(e, name),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\d+$`))),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("track_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("name"), str(name)),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("track_for_all_members"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("action_type"), str("Write")),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("resource_type"), str("cos")),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("event_names"), knownvalue.SetExact([]knownvalue.Check{str("PutObject"), str("DeleteObject")})),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("filters"), knownvalue.Null()),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("storage"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"type": str("cos"), "region": str("ap-guangzhou"), "name": str("audit-bucket"), "prefix": str("cloudaudit"),
						"account_id": knownvalue.Null(), "app_id": knownvalue.Null(), "compress": knownvalue.Bool(false),
					})),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("create_time"), knownvalue.StringRegexp(rfc3339Beijing)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(resource.TestCheckResourceAttrPair(trackResource, "id", trackResource, "track_id"), e.MockCheck(func(m *mockcloud.Server) error {
					tracks := m.AuditTracks()
					if len(tracks) != 1 {
						return fmt.Errorf("want 1 track in the mock, got %d", len(tracks))
					}
					if tr := tracks[0]; tr.Status != 1 || tr.TrackForAllMembers != 0 || tr.Filters != nil {
						return fmt.Errorf("mock holds %+v", tr)
					}
					return nil
				})),
			},
			{
				// Re-applying the same configuration changes nothing.
				Config: simpleTrack(e, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// eventsTrackBody is a track of the filter form named name.
func eventsTrackBody(name string) string {
	return fmt.Sprintf(`  name                  = %q
  enabled               = false
  track_for_all_members = true
  filters = [
    { resource_type = "cam", action_type = "Read", event_names = ["*"] },
    { resource_type = "cvm", action_type = "*", event_names = ["RunInstances", "TerminateInstances"] },
  ]
  storage = {
    type       = "cls"
    region     = "ap-shanghai"
    name       = "b7f7e2c4-1d3c-4e5f-9a8b-0c1d2e3f4a5b"
    prefix     = "audit"
    account_id = "100012345678"
    app_id     = "1250000000"
  }`, name)
}

func TestAccCloudAuditTrack_eventsForm(t *testing.T) {
	e := acctest.New(t)
	name := acctest.RandomName("cam-and-cvm")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: trackConfig(e, eventsTrackBody(name)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("track_for_all_members"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("action_type"), knownvalue.Null()),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("resource_type"), knownvalue.Null()),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("event_names"), knownvalue.Null()),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("filters"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"resource_type": str("cam"), "action_type": str("Read"), "event_names": knownvalue.SetExact([]knownvalue.Check{str("*")})}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{"resource_type": str("cvm"), "action_type": str("*"), "event_names": knownvalue.SetExact([]knownvalue.Check{str("RunInstances"), str("TerminateInstances")})}),
					})),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("storage"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"type": str("cls"), "region": str("ap-shanghai"), "name": str("b7f7e2c4-1d3c-4e5f-9a8b-0c1d2e3f4a5b"), "prefix": str("audit"),
						"account_id": str("100012345678"), "app_id": str("1250000000"), "compress": knownvalue.Bool(false),
					})),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("create_time"), knownvalue.StringRegexp(rfc3339Beijing)),
				},
				Check: e.MockCheck(func(m *mockcloud.Server) error {
					if n := m.Succeeded(product, "CreateEventsAuditTrack"); n != 1 {
						return fmt.Errorf("want 1 CreateEventsAuditTrack, got %d", n)
					}
					return nil
				}),
			},
			{
				Config: trackConfig(e, eventsTrackBody(name)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// Every updatable attribute changes in place: the id stays the same.
func TestAccCloudAuditTrack_update(t *testing.T) {
	e := acctest.New(t)
	name := acctest.RandomName("updated")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	inPlace := func(cfg string, checks ...statecheck.StateCheck) resource.TestStep {
		return resource.TestStep{
			Config: cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(trackResource, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: append(checks, sameID.AddStateValue(trackResource, tfjsonpath.New("id"))),
		}
	}
	storage := func(typ, region, name, prefix, extra string) string {
		return fmt.Sprintf(`storage = {
    type   = %q
    region = %q
    name   = %q
    prefix = %q
    %s
  }`, typ, region, name, prefix, extra)
	}
	track := func(selection, st, extra string) string {
		return trackConfig(e, fmt.Sprintf("  name = %q\n  %s\n  %s\n  %s", name, selection, st, extra))
	}
	cosWrites := `action_type = "Write"
  resource_type = "cos"
  event_names = ["PutObject"]`
	baseStorage := storage("cos", "ap-guangzhou", "audit-bucket", "cloudaudit", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config:            track(cosWrites, baseStorage, ""),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(trackResource, tfjsonpath.New("id"))},
			},
			inPlace(track(cosWrites, baseStorage, "enabled = false"),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("enabled"), knownvalue.Bool(false))),
			inPlace(track(cosWrites, baseStorage, "enabled = false\n  track_for_all_members = true"),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("track_for_all_members"), knownvalue.Bool(true))),
			inPlace(track(`action_type = "Read"
  resource_type = "cos"
  event_names = ["PutObject"]`, baseStorage, ""),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("action_type"), str("Read")),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("track_for_all_members"), knownvalue.Bool(false))),
			inPlace(track(`action_type = "Read"
  resource_type = "cos"
  event_names = ["PutObject", "GetObject", "HeadObject"]`, baseStorage, ""),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("event_names"), knownvalue.SetSizeExact(3))),
			inPlace(track(`action_type = "*"
  resource_type = "*"
  event_names = ["*"]`, baseStorage, ""),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("resource_type"), str("*"))),
			inPlace(track(`action_type = "*"
  resource_type = "*"
  event_names = ["*"]`, storage("cos", "ap-beijing", "other-bucket", "audit2", `account_id = "100012345678"
    app_id = "1250000000"`), ""),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("storage").AtMapKey("region"), str("ap-beijing")),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("storage").AtMapKey("name"), str("other-bucket")),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("storage").AtMapKey("prefix"), str("audit2")),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("storage").AtMapKey("account_id"), str("100012345678")),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("storage").AtMapKey("app_id"), str("1250000000"))),
			inPlace(track(`action_type = "*"
  resource_type = "*"
  event_names = ["*"]`, storage("cls", "ap-beijing", "topic-1", "audit2", ""), ""),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("storage").AtMapKey("type"), str("cls")),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("storage").AtMapKey("account_id"), knownvalue.Null())),
			// Simple form -> filter form -> other filters -> simple form.
			inPlace(track(`filters = [{ resource_type = "cam", action_type = "Write", event_names = ["*"] }]`, baseStorage, ""),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("action_type"), knownvalue.Null()),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("filters"), knownvalue.ListSizeExact(1))),
			inPlace(track(`filters = [
    { resource_type = "cam", action_type = "Write", event_names = ["*"] },
    { resource_type = "cos", action_type = "Read", event_names = ["GetObject"] },
  ]`, baseStorage, ""),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("filters"), knownvalue.ListSizeExact(2))),
			inPlace(track(cosWrites, baseStorage, ""),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("filters"), knownvalue.Null()),
				statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("resource_type"), str("cos"))),
		},
	})
	e.WhenMock(func(m *mockcloud.Server) {
		if n := m.Succeeded(product, "CreateAuditTrack") + m.Succeeded(product, "CreateEventsAuditTrack"); n != 1 {
			t.Errorf("want exactly 1 create across all updates, got %d", n)
		}
	})
}

func TestAccCloudAuditTrack_renameReplaces(t *testing.T) {
	e := acctest.New(t)
	first, second := acctest.RandomName("first-name"), acctest.RandomName("second-name")
	differentID := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config:            simpleTrack(e, first),
				ConfigStateChecks: []statecheck.StateCheck{differentID.AddStateValue(trackResource, tfjsonpath.New("id"))},
			},
			{
				Config: simpleTrack(e, second),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(trackResource, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					differentID.AddStateValue(trackResource, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("name"), str(second)),
				},
				Check: e.MockCheck(func(m *mockcloud.Server) error {
					if tracks := m.AuditTracks(); len(tracks) != 1 || tracks[0].Name != second {
						return fmt.Errorf("want only %s in the mock, got %+v", second, tracks)
					}
					if n := m.Calls(product, "ModifyAuditTrack"); n != 0 {
						return fmt.Errorf("a rename must not be attempted through Modify: %d calls", n)
					}
					return nil
				}),
			},
		},
	})
}

func TestAccCloudAuditTrack_import(t *testing.T) {
	e := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{Config: trackConfig(e, eventsTrackBody(acctest.RandomName("cam-and-cvm")))},
			{
				ResourceName:            trackResource,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				Config: simpleTrack(e, acctest.RandomName("simple-one")),
			},
			{
				ResourceName:            trackResource,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				ResourceName:  trackResource,
				ImportState:   true,
				ImportStateId: "track-1",
				ExpectError:   acctest.ExpectError(`Invalid import ID.*numeric id of a CloudAudit track`),
			},
		},
	})
}

func TestAccCloudAuditTrack_disappears(t *testing.T) {
	e := acctest.New(t)
	name := acctest.RandomName("vanishing")
	var id uint64
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: simpleTrack(e, name),
				Check:  captureTrackID(&id),
			},
			{
				// Deleted behind Terraform's back through the vendor API, so
				// the test runs on a real account too.
				PreConfig: func() {
					if err := cloudaudit.DeleteTrack(context.Background(), e.Client(), id); err != nil {
						t.Fatalf("deleting track %d: %s", id, err)
					}
				},
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				RefreshPlanChecks: resource.RefreshPlanChecks{
					PostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(trackResource, plancheck.ResourceActionCreate)},
				},
			},
			{
				Config: simpleTrack(e, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(trackResource, plancheck.ResourceActionCreate)},
				},
				Check: e.MockCheck(func(m *mockcloud.Server) error {
					if n := len(m.AuditTracks()); n != 1 {
						return fmt.Errorf("want 1 track after re-create, got %d", n)
					}
					return nil
				}),
			},
		},
	})
}

// Changes made outside Terraform show up in the plan as an in-place update
// that puts the configuration back.
func TestAccCloudAuditTrack_drift(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "changes the track through the mock's admin API")
	name := acctest.RandomName("drifting")
	var id uint64
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: simpleTrack(e, name),
				Check:  captureTrackID(&id),
			},
			{
				PreConfig: func() {
					err := e.Mock().UpdateAuditTrack(id, func(tr *mockcloud.AuditTrack) {
						tr.Status = 0
						tr.Storage.Name = "someone-elses-bucket"
						tr.Storage.Prefix = "elsewhere"
					})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: simpleTrack(e, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectNonEmptyPlan(),
						plancheck.ExpectResourceAction(trackResource, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(trackResource, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
						plancheck.ExpectKnownValue(trackResource, tfjsonpath.New("storage").AtMapKey("name"), str("audit-bucket")),
					},
				},
				Check: func(*terraform.State) error {
					tr, _ := e.Mock().AuditTrack(id)
					if tr.Status != 1 || tr.Storage.Name != "audit-bucket" || tr.Storage.Prefix != "cloudaudit" {
						return fmt.Errorf("drift not repaired: %+v", tr)
					}
					return nil
				},
			},
			{
				// Other attributes drift too: the selection and the member switch.
				PreConfig: func() {
					err := e.Mock().UpdateAuditTrack(id, func(tr *mockcloud.AuditTrack) {
						tr.ActionType, tr.EventNames, tr.TrackForAllMembers = "Read", []string{"GetObject"}, 1
					})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: simpleTrack(e, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(trackResource, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("action_type"), str("Write")),
					statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("track_for_all_members"), knownvalue.Bool(false)),
				},
			},
		},
	})
}
