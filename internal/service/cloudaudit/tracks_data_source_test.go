package cloudaudit_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// The data source reads every attribute the resource has, by id and by name.
func TestAccCloudAuditTrackDataSource_basic(t *testing.T) {
	e := acctest.New(t)
	missing := acctest.RandomName("no-such-track")
	cfg := trackConfig(e, eventsTrackBody(acctest.RandomName("cam-and-cvm"))) + `
data "cloudtrack_cloudaudit_track" "by_id" {
  track_id = cloudtrack_cloudaudit_track.test.track_id
}
data "cloudtrack_cloudaudit_track" "by_name" {
  name = cloudtrack_cloudaudit_track.test.name
}
`
	var checks []resource.TestCheckFunc
	for _, ds := range []string{"data.cloudtrack_cloudaudit_track.by_id", "data.cloudtrack_cloudaudit_track.by_name"} {
		for _, a := range []string{"id", "track_id", "name", "enabled", "track_for_all_members", "create_time",
			"filters.#", "filters.0.resource_type", "filters.1.event_names.#", "storage.type", "storage.region", "storage.name",
			"storage.prefix", "storage.account_id", "storage.app_id"} {
			checks = append(checks, resource.TestCheckResourceAttrPair(ds, a, trackResource, a))
		}
		checks = append(checks, resource.TestCheckNoResourceAttr(ds, "action_type"))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check:  resource.ComposeAggregateTestCheckFunc(checks...),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.cloudtrack_cloudaudit_track.by_name", tfjsonpath.New("enabled"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("data.cloudtrack_cloudaudit_track.by_name", tfjsonpath.New("create_time"), knownvalue.StringRegexp(rfc3339Beijing)),
				},
			},
			{
				Config:      e.Config(fmt.Sprintf(`data "cloudtrack_cloudaudit_track" "test" { name = %q }`, missing)),
				ExpectError: acctest.ExpectError(fmt.Sprintf(`reading CloudAudit Track \(%[1]s\).*no audit track is named "%[1]s"`, missing)),
			},
			{
				Config:      e.Config(`data "cloudtrack_cloudaudit_track" "test" { track_id = 999999 }`),
				ExpectError: acctest.ExpectError(`reading CloudAudit Track \(999999\).*ResourceNotFound.AuditNotExist`),
			},
		},
	})
}

// The filters narrow 45 tracks (one page of DescribeAuditTracks) down by
// name, name pattern, status and storage type, from the list alone.
func TestAccCloudAuditTracksDataSource_filters(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds 45 tracks in the mock and counts list calls")
	team := acctest.RandomName("team")
	e.Mock().SetAuditTrackLimit(50)
	const n = 45
	want := map[string]int{"all": n}
	for i := range n {
		tr := mockcloud.AuditTrack{Name: fmt.Sprintf("%s-a-%02d", team, i), Status: 1}
		if i >= 30 {
			tr.Name = fmt.Sprintf("%s-b-%02d", team, i)
			want["team_b"]++
		}
		if i%3 == 0 {
			tr.Storage = mockcloud.AuditStorage{Type: "cls", Region: "ap-shanghai", Name: fmt.Sprintf("topic-%d", i), Prefix: "audit"}
			want["cls"]++
		}
		if i%5 == 0 {
			tr.Status = 0
			want["disabled"]++
			if i >= 30 && i%3 == 0 {
				want["team_b_disabled_cls"]++
			}
		}
		if i == 44 {
			tr.Filters = []mockcloud.AuditResourceFilter{{ResourceType: "cam", ActionType: "Write", EventNames: []string{"*"}}}
			tr.TrackForAllMembers = 1
		}
		seedTrack(t, e, tr)
	}
	cfg := e.Config(strings.ReplaceAll(`
data "cloudtrack_cloudaudit_tracks" "all" {}
data "cloudtrack_cloudaudit_tracks" "one" { name = "TEAM-a-07" }
data "cloudtrack_cloudaudit_tracks" "team_b" { name_regex = "^TEAM-b-" }
data "cloudtrack_cloudaudit_tracks" "disabled" { enabled = false }
data "cloudtrack_cloudaudit_tracks" "cls" { storage_type = "cls" }
data "cloudtrack_cloudaudit_tracks" "team_b_disabled_cls" {
  name_regex   = "^TEAM-b-"
  enabled      = false
  storage_type = "cls"
}
data "cloudtrack_cloudaudit_tracks" "none" { name_regex = "^nobody" }
`, "TEAM", team))
	count := func(ds string, n int) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("data.cloudtrack_cloudaudit_tracks."+ds, tfjsonpath.New("total_count"), knownvalue.Int64Exact(int64(n)))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					count("all", want["all"]),
					count("one", 1),
					count("team_b", want["team_b"]),
					count("disabled", want["disabled"]),
					count("cls", want["cls"]),
					count("team_b_disabled_cls", want["team_b_disabled_cls"]),
					count("none", 0),
					statecheck.ExpectKnownValue("data.cloudtrack_cloudaudit_tracks.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(n)),
					statecheck.ExpectKnownValue("data.cloudtrack_cloudaudit_tracks.none", tfjsonpath.New("tracks"), knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownValue("data.cloudtrack_cloudaudit_tracks.one", tfjsonpath.New("tracks").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name":          str(team + "-a-07"),
						"enabled":       knownvalue.Bool(true),
						"action_type":   str("*"),
						"resource_type": str("*"),
						"event_names":   knownvalue.SetExact([]knownvalue.Check{str("*")}),
						"filters":       knownvalue.Null(),
						"storage": knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"type": str("cos"), "name": str("audit-bucket"),
						}),
						"create_time": knownvalue.StringRegexp(rfc3339Beijing),
					})),
					// The last track is of the filter form: without
					// with_details, what only DescribeAuditTrack tells is null.
					statecheck.ExpectKnownValue("data.cloudtrack_cloudaudit_tracks.all", tfjsonpath.New("tracks").AtSliceIndex(n-1), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name":                  str(team + "-b-44"),
						"track_for_all_members": knownvalue.Null(),
						"action_type":           knownvalue.Null(),
						"filters":               knownvalue.Null(),
					})),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestMatchResourceAttr("data.cloudtrack_cloudaudit_tracks.team_b", "tracks.0.name", regexp.MustCompile(`^`+team+`-b-30$`)),
					func(*terraform.State) error {
						// Seven data sources, each reading one page (45 tracks
						// at 100 a page) per read, and describing none.
						if calls := e.Mock().Calls(product, "DescribeAuditTracks"); calls == 0 || calls%7 != 0 {
							return fmt.Errorf("want DescribeAuditTracks calls in multiples of 7, got %d", calls)
						}
						if calls := e.Mock().Calls(product, "DescribeAuditTrack"); calls != 0 {
							return fmt.Errorf("want no DescribeAuditTrack call without with_details, got %d", calls)
						}
						return nil
					},
				),
			},
		},
	})
}

// 100 tracks with the default configuration cost one list page a read and
// no detail call; with_details describes the matched tracks, and only
// them. Both data sources are read as often (every plan and apply reads
// every data source), so per read: "all" one DescribeAuditTracks call,
// "detailed" one more and two DescribeAuditTrack calls.
func TestAccCloudAuditTracksDataSource_listPagesOnly(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds 100 tracks in the mock and counts calls")
	team := acctest.RandomName("team")
	e.Mock().SetAuditTrackLimit(100)
	for i := range 100 {
		tr := mockcloud.AuditTrack{Name: fmt.Sprintf("%s-%03d", team, i), Status: 1}
		if i == 1 {
			tr.Filters = []mockcloud.AuditResourceFilter{{ResourceType: "cam", ActionType: "Write", EventNames: []string{"*"}}}
			tr.TrackForAllMembers = 1
		}
		seedTrack(t, e, tr)
	}
	cfg := e.Config(fmt.Sprintf(`
data "cloudtrack_cloudaudit_tracks" "all" {}
data "cloudtrack_cloudaudit_tracks" "detailed" {
  name_regex   = "^%s-00[01]$"
  with_details = true
}
`, team))
	filterForm := func(ds string, details bool) statecheck.StateCheck {
		want := map[string]knownvalue.Check{
			"name":                  str(team + "-001"),
			"action_type":           knownvalue.Null(),
			"track_for_all_members": knownvalue.Null(),
			"filters":               knownvalue.Null(),
		}
		if details {
			want["track_for_all_members"] = knownvalue.Bool(true)
			want["filters"] = knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
				"resource_type": str("cam"), "action_type": str("Write"), "event_names": knownvalue.SetExact([]knownvalue.Check{str("*")}),
			})})
		}
		return statecheck.ExpectKnownValue("data.cloudtrack_cloudaudit_tracks."+ds, tfjsonpath.New("tracks").AtSliceIndex(1), knownvalue.ObjectPartial(want))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.cloudtrack_cloudaudit_tracks.all", tfjsonpath.New("total_count"), knownvalue.Int64Exact(100)),
					statecheck.ExpectKnownValue("data.cloudtrack_cloudaudit_tracks.detailed", tfjsonpath.New("total_count"), knownvalue.Int64Exact(2)),
					filterForm("all", false),
					filterForm("detailed", true),
					statecheck.ExpectKnownValue("data.cloudtrack_cloudaudit_tracks.detailed", tfjsonpath.New("tracks").AtSliceIndex(0).AtMapKey("track_for_all_members"), knownvalue.Bool(false)),
				},
				Check: func(*terraform.State) error {
					lists := e.Mock().Calls(product, "DescribeAuditTracks")
					describes := e.Mock().Calls(product, "DescribeAuditTrack")
					if lists == 0 || describes != lists {
						return fmt.Errorf("want one list call per data source read and two describes per read of the detailed one (as many describes as list calls), got %d list and %d describe calls", lists, describes)
					}
					return nil
				},
			},
		},
	})
}

// 250 tracks are three pages of DescribeAuditTracks, the pages after the
// first read concurrently: every track once, in id order.
func TestAccCloudAuditTracksDataSource_pages(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds 250 tracks in the mock and counts list calls")
	team := acctest.RandomName("team")
	e.Mock().SetAuditTrackLimit(250)
	var ids []knownvalue.Check
	for i := range 250 {
		id := seedTrack(t, e, mockcloud.AuditTrack{Name: fmt.Sprintf("%s-%03d", team, i), Status: 1})
		ids = append(ids, str(strconv.FormatUint(id, 10)))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: e.Config(`data "cloudtrack_cloudaudit_tracks" "all" {}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.cloudtrack_cloudaudit_tracks.all", tfjsonpath.New("ids"), knownvalue.ListExact(ids)),
				},
				Check: func(*terraform.State) error {
					if calls := e.Mock().Calls(product, "DescribeAuditTracks"); calls == 0 || calls%3 != 0 {
						return fmt.Errorf("want DescribeAuditTracks calls in multiples of 3 (pages of 100), got %d", calls)
					}
					return nil
				},
			},
		},
	})
}

// Seeding behind Terraform's back shows in the next read.
func TestAccCloudAuditTracksDataSource_followsChanges(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "starts from an account without tracks and seeds one behind Terraform's back")
	cfg := e.Config(`data "cloudtrack_cloudaudit_tracks" "all" {}`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue("data.cloudtrack_cloudaudit_tracks.all", tfjsonpath.New("total_count"), knownvalue.Int64Exact(0))},
			},
			{
				PreConfig:         func() { seedTrack(t, e, mockcloud.AuditTrack{Name: acctest.RandomName("appeared"), Status: 1}) },
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue("data.cloudtrack_cloudaudit_tracks.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1))},
			},
		},
	})
}
