package actiontrail_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

const (
	jobsData = "data.cloudtrack_actiontrail_history_delivery_jobs.test"
	jobData  = "data.cloudtrack_actiontrail_history_delivery_job.test"
)

func seedJobs(t *testing.T, e *acctest.Env, trail string, n, status int) []int64 {
	t.Helper()
	ids, err := e.Mock().SeedJobs(trail, n, status)
	if err != nil {
		t.Fatalf("seeding jobs: %s", err)
	}
	return ids
}

func idStrings(ids []int64) []knownvalue.Check {
	// The data source lists newest (highest id) first.
	out := make([]knownvalue.Check, 0, len(ids))
	for i := len(ids) - 1; i >= 0; i-- {
		out = append(out, knownvalue.StringExact(strconv.FormatInt(ids[i], 10)))
	}
	return out
}

func TestAccActionTrailHistoryDeliveryJobsDataSource_filters(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds trails and jobs in the mock")
	trail := acctest.RandomName("trail")
	otherTrail := acctest.RandomName("other")
	seedTrail(t, e, mockcloud.Trail{Name: trail})
	seedTrail(t, e, mockcloud.Trail{Name: otherTrail})
	complete := seedJobs(t, e, trail, 3, 2)
	failed := seedJobs(t, e, trail, 2, 3)
	other := seedJobs(t, e, otherTrail, 4, 2)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: e.Config(fmt.Sprintf(`data "cloudtrack_actiontrail_history_delivery_jobs" "test" { trail_name = %q }`, otherTrail)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("total_count"), knownvalue.Int64Exact(4)),
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("ids"), knownvalue.ListExact(idStrings(other))),
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("jobs").AtSliceIndex(0).AtMapKey("trail_name"), knownvalue.StringExact(otherTrail)),
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("jobs").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact("complete")),
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("jobs").AtSliceIndex(0).AtMapKey("created_time"), knownvalue.StringRegexp(rfc3339)),
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("jobs").AtSliceIndex(0).AtMapKey("region_statuses"), knownvalue.Null()),
				},
			},
			{
				Config: e.Config(fmt.Sprintf(`data "cloudtrack_actiontrail_history_delivery_jobs" "test" {
  trail_name = %q
  status     = "failed"
}`, trail)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("total_count"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("ids"), knownvalue.ListExact(idStrings(failed))),
				},
			},
			{
				Config: e.Config(fmt.Sprintf(`data "cloudtrack_actiontrail_history_delivery_jobs" "test" {
  ids                  = ["%d", "%d", "999999"]
  with_region_statuses = true
}`, complete[0], other[1])),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("total_count"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("jobs").AtSliceIndex(0).AtMapKey("job_id"), knownvalue.Int64Exact(other[1])),
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("jobs").AtSliceIndex(1).AtMapKey("job_id"), knownvalue.Int64Exact(complete[0])),
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("jobs").AtSliceIndex(1).AtMapKey("region_statuses").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact("complete")),
				},
			},
		},
	})
}

func TestAccActionTrailHistoryDeliveryJobsDataSource_paging(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds 250 jobs and counts list calls")
	trail := acctest.RandomName("trail")
	seedTrail(t, e, mockcloud.Trail{Name: trail})
	seedJobs(t, e, trail, 250, 2)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: e.Config(`data "cloudtrack_actiontrail_history_delivery_jobs" "test" {}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("total_count"), knownvalue.Int64Exact(250)),
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("ids"), knownvalue.ListSizeExact(250)),
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("jobs"), knownvalue.ListSizeExact(250)),
				},
				Check: func(*terraform.State) error {
					// Pages of 100: three list calls per read, and no Get
					// unless region statuses are asked for.
					lists := e.Mock().Calls("Actiontrail", "ListDeliveryHistoryJobs")
					if lists == 0 || lists%3 != 0 {
						return fmt.Errorf("want list calls in multiples of 3 (pages of 100), got %d", lists)
					}
					if gets := e.Mock().Calls("Actiontrail", "GetDeliveryHistoryJob"); gets != 0 {
						return fmt.Errorf("want no Get calls without with_region_statuses, got %d", gets)
					}
					return nil
				},
			},
		},
	})
}

func TestAccActionTrailHistoryDeliveryJobsDataSource_empty(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "expects an account without history delivery jobs, which only a fresh mock guarantees")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: e.Config(`data "cloudtrack_actiontrail_history_delivery_jobs" "test" {}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("total_count"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("ids"), knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("jobs"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}

func TestAccActionTrailHistoryDeliveryJobDataSource_basic(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds an ActionTrail trail in the mock")
	trail := acctest.RandomName("trail")
	seedTrail(t, e, mockcloud.Trail{Name: trail, Regions: []string{"cn-hangzhou"}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: jobConfig(e, trail, "") + `
data "cloudtrack_actiontrail_history_delivery_job" "test" {
  job_id = cloudtrack_actiontrail_history_delivery_job.test.job_id
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jobData, tfjsonpath.New("trail_name"), knownvalue.StringExact(trail)),
					statecheck.ExpectKnownValue(jobData, tfjsonpath.New("status"), knownvalue.StringExact("complete")),
					statecheck.ExpectKnownValue(jobData, tfjsonpath.New("end_time"), knownvalue.StringRegexp(rfc3339)),
					statecheck.ExpectKnownValue(jobData, tfjsonpath.New("region_statuses"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"region": knownvalue.StringExact("cn-hangzhou"), "status": knownvalue.StringExact("complete")}),
					})),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrPair(jobData, "job_id", jobResource, "job_id"),
					resource.TestCheckResourceAttrPair(jobData, "created_time", jobResource, "created_time"),
					resource.TestCheckResourceAttrPair(jobData, "home_region", jobResource, "home_region"),
				),
			},
			{
				Config:      e.Config(`data "cloudtrack_actiontrail_history_delivery_job" "test" { job_id = 424242 }`),
				ExpectError: acctest.ExpectError(`No history delivery job with job_id 424242.*DeliveryHistoryJobNotFound`),
			},
		},
	})
}

// More pages than the provider fetches at once (19 pages of 100, pages
// after the first read concurrently), filtered while paging: every job of
// the trail once, newest first, one list call per page, and the other
// trail's jobs left out.
func TestAccActionTrailHistoryDeliveryJobsDataSource_manyPagesFiltered(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds 1,850 jobs and counts list calls")
	trail := acctest.RandomName("trail")
	other := acctest.RandomName("other")
	seedTrail(t, e, mockcloud.Trail{Name: trail})
	seedTrail(t, e, mockcloud.Trail{Name: other})
	seedJobs(t, e, other, 700, mockcloud.JobComplete)
	want := seedJobs(t, e, trail, 450, mockcloud.JobComplete)
	seedJobs(t, e, other, 700, mockcloud.JobComplete)
	const pages = 19 // 1,850 jobs, 100 a page
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: e.Config(fmt.Sprintf(`data "cloudtrack_actiontrail_history_delivery_jobs" "test" { trail_name = %q }`, trail)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("total_count"), knownvalue.Int64Exact(450)),
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("ids"), knownvalue.ListExact(idStrings(want))),
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("jobs").AtSliceIndex(449).AtMapKey("job_id"), knownvalue.Int64Exact(want[0])),
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("jobs").AtSliceIndex(449).AtMapKey("trail_name"), knownvalue.StringExact(trail)),
				},
				Check: func(*terraform.State) error {
					if lists := e.Mock().Calls("Actiontrail", "ListDeliveryHistoryJobs"); lists == 0 || lists%pages != 0 {
						return fmt.Errorf("want list calls in multiples of %d (one per page), got %d", pages, lists)
					}
					return nil
				},
			},
		},
	})
}

// with_region_statuses makes one Get per matched job, and only then.
func TestAccActionTrailHistoryDeliveryJobsDataSource_regionStatusesPerJob(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds 60 jobs and counts Get calls")
	trail := acctest.RandomName("trail")
	seedTrail(t, e, mockcloud.Trail{Name: trail, Regions: []string{"cn-hangzhou"}})
	ids := seedJobs(t, e, trail, 60, mockcloud.JobComplete)
	var listsBefore, getsBefore int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: e.Config(fmt.Sprintf(`data "cloudtrack_actiontrail_history_delivery_jobs" "test" {
  trail_name           = %q
  with_region_statuses = true
}`, trail)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("total_count"), knownvalue.Int64Exact(60)),
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("jobs").AtSliceIndex(59).AtMapKey("region_statuses"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"region": knownvalue.StringExact("cn-hangzhou"), "status": knownvalue.StringExact("complete")}),
					})),
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("jobs").AtSliceIndex(59).AtMapKey("job_id"), knownvalue.Int64Exact(ids[0])),
				},
				Check: func(*terraform.State) error {
					lists := e.Mock().Calls("Actiontrail", "ListDeliveryHistoryJobs")
					gets := e.Mock().Calls("Actiontrail", "GetDeliveryHistoryJob")
					if lists == 0 || gets != 60*lists {
						return fmt.Errorf("want 60 Get calls per read (one list page a read), got %d Gets for %d list calls", gets, lists)
					}
					return nil
				},
			},
			{
				PreConfig: func() {
					// Terraform reads again after the step's checks (the
					// empty-plan check): count from here.
					listsBefore = e.Mock().Calls("Actiontrail", "ListDeliveryHistoryJobs")
					getsBefore = e.Mock().Calls("Actiontrail", "GetDeliveryHistoryJob")
				},
				Config: e.Config(fmt.Sprintf(`data "cloudtrack_actiontrail_history_delivery_jobs" "test" { trail_name = %q }`, trail)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jobsData, tfjsonpath.New("jobs").AtSliceIndex(0).AtMapKey("region_statuses"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					if lists := e.Mock().Calls("Actiontrail", "ListDeliveryHistoryJobs"); lists == listsBefore {
						return fmt.Errorf("the step read no list")
					}
					if gets := e.Mock().Calls("Actiontrail", "GetDeliveryHistoryJob"); gets != getsBefore {
						return fmt.Errorf("want no Get without with_region_statuses, got %d more", gets-getsBefore)
					}
					return nil
				},
			},
		},
	})
}
