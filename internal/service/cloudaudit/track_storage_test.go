package cloudaudit_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cloudaudit"
)

// The provider and the mock keep their own copies of the documented storage
// regions (so a mistake on one side cannot hide the other's); they must
// agree.
func TestCloudAuditStorageRegionsMatchMock(t *testing.T) {
	provider := slices.Clone(cloudaudit.StorageRegionValues)
	mock := mockcloud.AuditStorageRegions()
	slices.Sort(provider)
	slices.Sort(mock)
	if !slices.Equal(provider, mock) {
		t.Errorf("storage regions differ:\n provider %q\n mock     %q", provider, mock)
	}
}

func storageBlock(typ, region, name, prefix, extra string) string {
	return fmt.Sprintf(`storage = {
    type   = %q
    region = %q
    name   = %q
    prefix = %q
    %s
  }`, typ, region, name, prefix, extra)
}

func inPlaceStep(cfg string, sameID statecheck.StateCheck, checks ...statecheck.StateCheck) resource.TestStep {
	return resource.TestStep{
		Config: cfg,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(trackResource, plancheck.ResourceActionUpdate)},
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		},
		ConfigStateChecks: append(checks, sameID),
	}
}

func emptyPlanStep(cfg string) resource.TestStep {
	return resource.TestStep{
		Config:           cfg,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
	}
}

func importStep() resource.TestStep {
	return resource.TestStep{ResourceName: trackResource, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}}
}

func compressIs(v bool) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("storage").AtMapKey("compress"), knownvalue.Bool(v))
}

// storage.compress: computed when unset (the API's choice, kept), set and
// cleared in place, kept when removed from the configuration, imported.
func TestAccCloudAuditTrack_compress(t *testing.T) {
	e := acctest.New(t)
	name := acctest.RandomName("compress")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	track := func(extra string) string {
		return trackConfig(e, fmt.Sprintf(`  name          = %q
  action_type   = "Write"
  resource_type = "cos"
  event_names   = ["PutObject"]
  %s`, name, storageBlock("cos", "ap-guangzhou", "audit-bucket", "cloudaudit", extra)))
	}
	mockCompress := func(want uint64) resource.TestCheckFunc {
		return e.MockCheck(func(m *mockcloud.Server) error {
			tracks := m.AuditTracks()
			if len(tracks) != 1 || tracks[0].Storage.Compress != want {
				return fmt.Errorf("want 1 track with Compress %d, got %+v", want, tracks)
			}
			return nil
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config:            track(""),
				ConfigStateChecks: []statecheck.StateCheck{compressIs(false), sameID.AddStateValue(trackResource, tfjsonpath.New("id"))},
				Check:             mockCompress(2),
			},
			emptyPlanStep(track("")),
			func() resource.TestStep {
				s := inPlaceStep(track("compress = true"), sameID.AddStateValue(trackResource, tfjsonpath.New("id")), compressIs(true))
				s.Check = mockCompress(1)
				return s
			}(),
			emptyPlanStep(track("compress = true")),
			// Removing the attribute keeps the track's setting: no change.
			emptyPlanStep(track("")),
			importStep(),
			inPlaceStep(track("compress = false"), sameID.AddStateValue(trackResource, tfjsonpath.New("id")), compressIs(false)),
			importStep(),
		},
	})
}

// A track delivering to CKafka (instance id/topic), compressed from the
// start, in both forms; moved between topics and to COS in place;
// imported; read by both data sources.
func TestAccCloudAuditTrack_ckafka(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "delivers to a made-up CKafka instance (ckafka-abc123), and counts the account's ckafka tracks")
	name := acctest.RandomName("ckafka")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	kafka := func(topic string) string {
		return storageBlock("ckafka", "ap-shanghai", "ckafka-abc123/"+topic, "audit", "compress = true")
	}
	events := func(st string) string {
		return trackConfig(e, fmt.Sprintf(`  name    = %q
  filters = [{ resource_type = "cam", action_type = "*", event_names = ["*"] }]
  %s`, name, st))
	}
	simple := func(st string) string {
		return trackConfig(e, fmt.Sprintf(`  name          = %q
  action_type   = "*"
  resource_type = "*"
  event_names   = ["*"]
  %s`, name, st))
	}
	withDataSources := func(cfg string) string {
		return cfg + `
data "cloudtrack_cloudaudit_track" "test" {
  track_id = cloudtrack_cloudaudit_track.test.track_id
}

data "cloudtrack_cloudaudit_tracks" "test" {
  storage_type = "ckafka"
  depends_on   = [cloudtrack_cloudaudit_track.test]
}
`
	}
	storageIs := func(typ, storageName string, compress bool) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(trackResource, tfjsonpath.New("storage"), knownvalue.ObjectExact(map[string]knownvalue.Check{
			"type": str(typ), "region": str("ap-shanghai"), "name": str(storageName), "prefix": str("audit"),
			"account_id": knownvalue.Null(), "app_id": knownvalue.Null(), "compress": knownvalue.Bool(compress),
		}))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: withDataSources(events(kafka("audit_log"))),
				ConfigStateChecks: []statecheck.StateCheck{
					storageIs("ckafka", "ckafka-abc123/audit_log", true),
					sameID.AddStateValue(trackResource, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue("data.cloudtrack_cloudaudit_track.test", tfjsonpath.New("storage").AtMapKey("name"), str("ckafka-abc123/audit_log")),
					statecheck.ExpectKnownValue("data.cloudtrack_cloudaudit_track.test", tfjsonpath.New("storage").AtMapKey("compress"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.cloudtrack_cloudaudit_tracks.test", tfjsonpath.New("tracks"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue("data.cloudtrack_cloudaudit_tracks.test",
						tfjsonpath.New("tracks").AtSliceIndex(0).AtMapKey("storage").AtMapKey("compress"), knownvalue.Bool(true)),
				},
			},
			emptyPlanStep(withDataSources(events(kafka("audit_log")))),
			importStep(),
			inPlaceStep(events(kafka("other_topic")), sameID.AddStateValue(trackResource, tfjsonpath.New("id")),
				storageIs("ckafka", "ckafka-abc123/other_topic", true)),
			// The simple form to CKafka, then to COS: the track's compress
			// setting is kept when the attribute is not configured.
			inPlaceStep(simple(kafka("other_topic")), sameID.AddStateValue(trackResource, tfjsonpath.New("id")),
				storageIs("ckafka", "ckafka-abc123/other_topic", true)),
			inPlaceStep(simple(storageBlock("cos", "ap-shanghai", "audit-bucket", "audit", "")), sameID.AddStateValue(trackResource, tfjsonpath.New("id")),
				storageIs("cos", "audit-bucket", true)),
			importStep(),
		},
	})
}

// storage.compress changed behind Terraform's back: a configured value is
// restored in place; without one, the track's new setting is taken as is.
func TestAccCloudAuditTrack_compressDrift(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "changes the track's compress setting through the mock's admin API")
	name := acctest.RandomName("compress-drift")
	var id uint64
	track := func(extra string) string {
		return trackConfig(e, fmt.Sprintf(`  name          = %q
  action_type   = "Write"
  resource_type = "cos"
  event_names   = ["PutObject"]
  %s`, name, storageBlock("cos", "ap-guangzhou", "audit-bucket", "cloudaudit", extra)))
	}
	setCompress := func(v uint64) func() {
		return func() {
			if err := e.Mock().UpdateAuditTrack(id, func(tr *mockcloud.AuditTrack) { tr.Storage.Compress = v }); err != nil {
				t.Fatal(err)
			}
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{Config: track("compress = false"), Check: captureTrackID(&id)},
			{
				PreConfig: setCompress(1),
				Config:    track("compress = false"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(trackResource, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(trackResource, tfjsonpath.New("storage").AtMapKey("compress"), knownvalue.Bool(false)),
				}},
				Check: func(*terraform.State) error {
					if tr, _ := e.Mock().AuditTrack(id); tr.Storage.Compress != 2 {
						return fmt.Errorf("drift not repaired: %+v", tr.Storage)
					}
					return nil
				},
			},
			{
				PreConfig:         setCompress(1),
				Config:            track(""),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{compressIs(true)},
			},
		},
	})
}
