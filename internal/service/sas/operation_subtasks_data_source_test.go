package sas_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

const subtasksData = "data.cloudtrack_sas_operation_subtasks.test"

// base is a fixed point the seeded subtasks are created around.
var base = time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)

func seed(t *testing.T, e *acctest.Env, st mockcloud.Subtask) string {
	t.Helper()
	id, err := e.Mock().SeedSubtask(st)
	if err != nil {
		t.Fatalf("seeding subtask: %s", err)
	}
	return strconv.FormatInt(id, 10)
}

func subtasksConfig(e *acctest.Env, args string) string {
	return e.Config(fmt.Sprintf(`
data "cloudtrack_sas_operation_subtasks" "test" {
  %s
}
`, args))
}

// expectDetailIDs checks the subtasks' detail ids, in order, and the count.
func expectDetailIDs(ids ...string) []statecheck.StateCheck {
	checks := make([]knownvalue.Check, len(ids))
	for i, id := range ids {
		checks[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"detail_task_id": knownvalue.StringExact(id)})
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("subtasks"), knownvalue.ListExact(checks)),
		statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("total_count"), knownvalue.Int64Exact(int64(len(ids)))),
	}
}

func listCalls(e *acctest.Env) int { return e.Mock().Calls("Sas", "ListOperationProcessDetail") }

func TestAccSasOperationSubtasksDataSource_basic(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds Security Center subtasks in the mock")
	checks := []mockcloud.SasCheck{{ID: 101, Name: "Disk encrypted", NameZh: "云盘已加密"}, {ID: 102, Name: "Open security group"}}
	failed := seed(t, e, mockcloud.Subtask{
		TaskID: 4001, Status: mockcloud.SubtaskFailed, AssetType: 8, AssetSubType: 1, AssetVendor: 2, Checks: checks,
		CreateTime: base, StartTime: base.Add(time.Minute), EndTime: base.Add(5*time.Minute + 250*time.Millisecond),
	})
	pending := seed(t, e, mockcloud.Subtask{TaskID: 4001, Status: mockcloud.SubtaskNotStarted, AssetType: 12, CreateTime: base.Add(-time.Hour)})

	first := map[string]knownvalue.Check{
		"task_id":        knownvalue.StringExact("4001"),
		"detail_task_id": knownvalue.StringExact(failed),
		"status":         knownvalue.StringExact("failed"),
		"asset_type":     knownvalue.Int64Exact(8),
		"asset_sub_type": knownvalue.Int64Exact(1),
		"asset_vendor":   knownvalue.Int64Exact(2),
		"checks": knownvalue.ListExact([]knownvalue.Check{
			knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.StringExact("101"), "name": knownvalue.StringExact("云盘已加密")}),
			knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.StringExact("102"), "name": knownvalue.StringExact("Open security group")}),
		}),
		"create_time": knownvalue.StringExact("2024-05-06T00:00:00Z"),
		"start_time":  knownvalue.StringExact("2024-05-06T00:01:00Z"),
		"end_time":    knownvalue.StringExact("2024-05-06T00:05:00Z"),
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: subtasksConfig(e, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("total_count"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("subtasks").AtSliceIndex(0), knownvalue.ObjectExact(first)),
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("subtasks").AtSliceIndex(1).AtMapKey("detail_task_id"), knownvalue.StringExact(pending)),
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("subtasks").AtSliceIndex(1).AtMapKey("status"), knownvalue.StringExact("not_started")),
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("subtasks").AtSliceIndex(1).AtMapKey("start_time"), knownvalue.Null()),
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("subtasks").AtSliceIndex(1).AtMapKey("end_time"), knownvalue.Null()),
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("subtasks").AtSliceIndex(1).AtMapKey("checks"), knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("id"), knownvalue.StringExact("sas-subtasks,count=2")),
				},
			},
			{
				Config: subtasksConfig(e, `language = "en"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("subtasks").AtSliceIndex(0).AtMapKey("checks").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("Disk encrypted")),
				},
			},
		},
	})
}

func TestAccSasOperationSubtasksDataSource_filters(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds Security Center subtasks in the mock")
	a1 := seed(t, e, mockcloud.Subtask{TaskID: 1, Status: mockcloud.SubtaskSucceeded, CreateTime: base})
	a2 := seed(t, e, mockcloud.Subtask{TaskID: 1, Status: mockcloud.SubtaskFailed, CreateTime: base.Add(time.Hour)})
	b1 := seed(t, e, mockcloud.Subtask{TaskID: 2, Status: mockcloud.SubtaskTimedOut, CreateTime: base.Add(2 * time.Hour)})
	b2 := seed(t, e, mockcloud.Subtask{TaskID: 2, Status: mockcloud.SubtaskRunning, CreateTime: base.Add(3 * time.Hour)})
	c1 := seed(t, e, mockcloud.Subtask{TaskID: 3, Status: mockcloud.SubtaskNotStarted, CreateTime: base.Add(4*time.Hour + 1*time.Millisecond)})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config:            subtasksConfig(e, `task_ids = ["1", "3"]`),
				ConfigStateChecks: expectDetailIDs(c1, a2, a1),
			},
			{
				Config:            subtasksConfig(e, `statuses = ["failed", "timed_out"]`),
				ConfigStateChecks: expectDetailIDs(b1, a2),
			},
			{
				Config:            subtasksConfig(e, `statuses = ["not_started", "running", "not_started"]`),
				ConfigStateChecks: expectDetailIDs(c1, b2),
			},
			{
				// Bounds are inclusive; +08:00 is converted to the same instant.
				Config:            subtasksConfig(e, `start_time = "2024-05-06T09:00:00+08:00"`+"\n"+`end_time = "2024-05-06T03:00:00Z"`),
				ConfigStateChecks: expectDetailIDs(b2, b1, a2),
			},
			{
				// Milliseconds matter: c1 is 1 ms after 04:00.
				Config:            subtasksConfig(e, `end_time = "2024-05-06T04:00:00Z"`),
				ConfigStateChecks: expectDetailIDs(b2, b1, a2, a1),
			},
			{
				Config:            subtasksConfig(e, `start_time = "2024-05-06T04:00:00.001Z"`),
				ConfigStateChecks: expectDetailIDs(c1),
			},
			{
				Config: subtasksConfig(e, `
  task_ids   = ["1", "2"]
  statuses   = ["failed", "timed_out", "succeeded"]
  start_time = "2024-05-06T00:30:00Z"
  end_time   = "2024-05-06T02:30:00Z"
  language   = "en"`),
				ConfigStateChecks: append(expectDetailIDs(b1, a2),
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("id"), knownvalue.StringExact(
						"sas-subtasks,tasks=1|2,statuses=failed|timed_out|succeeded,from=2024-05-06T00:30:00Z,to=2024-05-06T02:30:00Z,lang=en,count=2"))),
			},
		},
	})
}

func TestAccSasOperationSubtasksDataSource_paging(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds 250 subtasks and counts list calls")
	if _, err := e.Mock().SeedSubtasks(mockcloud.Subtask{TaskID: 9, Status: mockcloud.SubtaskSucceeded, CreateTime: base}, 250); err != nil {
		t.Fatal(err)
	}
	seed(t, e, mockcloud.Subtask{TaskID: 10, Status: mockcloud.SubtaskFailed, CreateTime: base})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: subtasksConfig(e, `task_ids = ["9"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("total_count"), knownvalue.Int64Exact(250)),
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("subtasks"), knownvalue.ListSizeExact(250)),
				},
				Check: func(s *terraform.State) error {
					// Pages of 100: three list calls per read.
					if n := listCalls(e); n == 0 || n%3 != 0 {
						return fmt.Errorf("want list calls in multiples of 3 (pages of 100), got %d", n)
					}
					// Every subtask once: no page read twice or skipped.
					attrs := s.RootModule().Resources[subtasksData].Primary.Attributes
					seen := map[string]bool{}
					for i := range 250 {
						id := attrs[fmt.Sprintf("subtasks.%d.detail_task_id", i)]
						if id == "" || seen[id] {
							return fmt.Errorf("subtask %d: detail id %q missing or repeated", i, id)
						}
						seen[id] = true
					}
					return nil
				},
			},
		},
	})
}

// A service that serves fewer subtasks a page than PageSize asks (here 20
// of 100) still yields every subtask: paging follows TotalCount and the
// pages as served, not the size asked for.
func TestAccSasOperationSubtasksDataSource_cappedPages(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "caps the mock's page size and seeds 130 subtasks")
	e.Mock().SetSasPageSizeCap(20)
	if _, err := e.Mock().SeedSubtasks(mockcloud.Subtask{TaskID: 11, Status: mockcloud.SubtaskSucceeded, CreateTime: base}, 130); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: subtasksConfig(e, `task_ids = ["11"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("total_count"), knownvalue.Int64Exact(130)),
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("subtasks"), knownvalue.ListSizeExact(130)),
				},
				Check: func(s *terraform.State) error {
					// Pages of 20: seven list calls per read.
					if n := listCalls(e); n == 0 || n%7 != 0 {
						return fmt.Errorf("want list calls in multiples of 7 (pages of 20), got %d", n)
					}
					attrs := s.RootModule().Resources[subtasksData].Primary.Attributes
					seen := map[string]bool{}
					for i := range 130 {
						id := attrs[fmt.Sprintf("subtasks.%d.detail_task_id", i)]
						if id == "" || seen[id] {
							return fmt.Errorf("subtask %d: detail id %q missing or repeated", i, id)
						}
						seen[id] = true
					}
					return nil
				},
			},
		},
	})
}

// More pages than the provider fetches at once: a service serving 10 a
// page (whatever PageSize asks) over 400 matching subtasks is 40 pages,
// the pages after the first read concurrently; every subtask once, one
// call per page.
func TestAccSasOperationSubtasksDataSource_manyPages(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "caps the mock's page size and seeds 450 subtasks")
	e.Mock().SetSasPageSizeCap(10)
	if _, err := e.Mock().SeedSubtasks(mockcloud.Subtask{TaskID: 12, Status: mockcloud.SubtaskSucceeded, CreateTime: base}, 400); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Mock().SeedSubtasks(mockcloud.Subtask{TaskID: 13, Status: mockcloud.SubtaskSucceeded, CreateTime: base}, 50); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: subtasksConfig(e, `task_ids = ["12"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("total_count"), knownvalue.Int64Exact(400)),
				},
				Check: func(s *terraform.State) error {
					if n := listCalls(e); n == 0 || n%40 != 0 {
						return fmt.Errorf("want list calls in multiples of 40 (pages of 10), got %d", n)
					}
					attrs := s.RootModule().Resources[subtasksData].Primary.Attributes
					seen := map[string]bool{}
					for i := range 400 {
						id := attrs[fmt.Sprintf("subtasks.%d.detail_task_id", i)]
						if id == "" || seen[id] || attrs[fmt.Sprintf("subtasks.%d.task_id", i)] != "12" {
							return fmt.Errorf("subtask %d: detail id %q missing, repeated or of another task", i, id)
						}
						seen[id] = true
					}
					return nil
				},
			},
		},
	})
}

// The reference documents task and detail task ids as strings (UUIDs in
// its examples; golden fixture sas_ListOperationProcessDetail_reference-
// fields_string-ids), as the mock serves them by default; with the mock
// serving them as JSON numbers (its earlier answer, outside the
// definitions: the fidelity check is off) the data source reads the same
// subtasks, and a UUID task id is a valid filter (one the mock never made
// matches nothing).
func TestAccSasOperationSubtasksDataSource_numericIDs(t *testing.T) {
	e := acctest.New(t, acctest.WithoutContractCheck())
	e.NeedsMock(t, "switches the mock to numeric ids and seeds subtasks")
	e.Mock().SetSasNumericIDs(true)
	a := seed(t, e, mockcloud.Subtask{TaskID: 21, Status: mockcloud.SubtaskSucceeded, CreateTime: base, Checks: []mockcloud.SasCheck{{ID: 133, Name: "agent"}}})
	b := seed(t, e, mockcloud.Subtask{TaskID: 21, Status: mockcloud.SubtaskFailed, CreateTime: base.Add(time.Hour)})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: subtasksConfig(e, `task_ids = ["21"]`),
				ConfigStateChecks: append(expectDetailIDs(b, a),
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("subtasks").AtSliceIndex(1), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"task_id": knownvalue.StringExact("21"),
						"checks":  knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.StringExact("133"), "name": knownvalue.StringExact("agent")})}),
					})),
				),
			},
			{
				Config:            subtasksConfig(e, `task_ids = ["a68478b8-811e-47ec-ab0c-3e5b077ca000"]`),
				ConfigStateChecks: expectDetailIDs(),
			},
		},
	})
}

func TestAccSasOperationSubtasksDataSource_empty(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds a subtask in the mock")
	seed(t, e, mockcloud.Subtask{TaskID: 1, Status: mockcloud.SubtaskSucceeded, CreateTime: base})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: subtasksConfig(e, `task_ids = ["424242"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("total_count"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("subtasks"), knownvalue.ListSizeExact(0)),
				},
			},
			{
				Config: subtasksConfig(e, `start_time = "2030-01-01T00:00:00Z"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("subtasks"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}

func TestAccSasOperationSubtasksDataSource_invalidInput(t *testing.T) {
	e := acctest.New(t)
	cases := []struct{ args, want string }{
		{`start_time = "2024-05-07T00:00:00Z"` + "\n" + `end_time = "2024-05-06T00:00:00Z"`, `Invalid time window.*end_time \(2024-05-06T00:00:00Z\) is before start_time \(2024-05-07T00:00:00Z\)`},
		{`start_time = "2024-05-06"`, `Invalid time.*start_time must be an RFC 3339 timestamp.*got: "2024-05-06"`},
		{`end_time = "yesterday"`, `Invalid time.*end_time must be an RFC 3339 timestamp.*got: "yesterday"`},
		{`end_time = "1969-12-31T23:59:59Z"`, `end_time must not be before 1970-01-01T00:00:00Z`},
		{`statuses = ["done"]`, `statuses\[0\] value must be one of:.*"not_started".*"running".*"succeeded".*"timed_out".*"failed".*got: "done"`},
		{`statuses = []`, `statuses list must contain at least 1 elements`},
		{`task_ids = [" 4001"]`, `task_ids\[0\] must be a task id without spaces, got:  4001`},
		{`task_ids = []`, `task_ids list must contain at least 1 elements`},
		{`language = "fr"`, `language value must be one of:.*"zh".*"en".*got: "fr"`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{Config: subtasksConfig(e, c.args), PlanOnly: true, ExpectError: acctest.ExpectError(c.want)})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: e.Factories(), Steps: steps})
	e.WhenMock(func(m *mockcloud.Server) {
		if n := e.TotalCalls(); n != 0 {
			t.Errorf("invalid input reached the API: %d calls (%v)", n, m.CallCounts())
		}
	})
}

func TestAccSasOperationSubtasksDataSource_noPermission(t *testing.T) {
	e := acctest.New(t, func(o *mockcloud.Options) {
		o.Credentials = append(o.Credentials, mockcloud.Credential{AccessKeyID: "no-sas-ak", AccessKeySecret: "no-sas-sk", DeniedProducts: []string{"Sas"}})
	})
	e.NeedsMock(t, "uses a mock credential without Security Center permission")
	config := strings.Replace(subtasksConfig(e, ""), fmt.Sprintf("access_key = %q", mockcloud.DefaultAccessKeyID), `access_key = "no-sas-ak"`, 1)
	config = strings.Replace(config, fmt.Sprintf("secret_key = %q", mockcloud.DefaultAccessKeySecret), `secret_key = "no-sas-sk"`, 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: acctest.ExpectError(`listing Security Center operation subtasks.*NoPermission.*HTTP 403, request id [0-9A-F-]{36}`),
			},
		},
	})
	// Refused permission is not retried.
	if n := listCalls(e); n != 1 {
		t.Errorf("want 1 call, got %d", n)
	}
}

// withMaxRetries sets max_retries in the provider block of config.
func withMaxRetries(config string, n int) string {
	return strings.Replace(config, `provider "cloudtrack" {`, fmt.Sprintf("provider \"cloudtrack\" {\n  max_retries = %d", n), 1)
}

func TestAccSasOperationSubtasksDataSource_serverError(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "injects server errors through the mock's faults")
	seed(t, e, mockcloud.Subtask{TaskID: 1, CreateTime: base})
	e.Mock().AddFault(mockcloud.Fault{Product: "Sas", Action: "ListOperationProcessDetail", Code: mockcloud.CodeServerError, HTTPStatus: 500})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config:      withMaxRetries(subtasksConfig(e, ""), 1),
				ExpectError: acctest.ExpectError(`listing Security Center operation subtasks.*giving up after 2 attempts.*ServerError.*HTTP 500, request id [0-9A-F-]{36}`),
			},
		},
	})
	// One try and max_retries = 1 retry.
	if n := listCalls(e); n != 2 {
		t.Errorf("want 2 calls, got %d", n)
	}
}

func TestAccSasOperationSubtasksDataSource_throttled(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "injects throttling through the mock's faults")
	if _, err := e.Mock().SeedSubtasks(mockcloud.Subtask{TaskID: 5, Status: mockcloud.SubtaskFailed, CreateTime: base}, 150); err != nil {
		t.Fatal(err)
	}
	// Throttling on the first page and a 5xx on the second: both retried,
	// nothing lost or duplicated.
	e.Mock().AddFault(mockcloud.Fault{Product: "Sas", Action: "ListOperationProcessDetail", Code: "Throttling.User", HTTPStatus: 400, Count: 3})
	e.Mock().AddFault(mockcloud.Fault{Product: "Sas", Action: "ListOperationProcessDetail", Code: mockcloud.CodeServerError, HTTPStatus: 500, Count: 1})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: subtasksConfig(e, `statuses = ["failed"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("total_count"), knownvalue.Int64Exact(150)),
					statecheck.ExpectKnownValue(subtasksData, tfjsonpath.New("subtasks"), knownvalue.ListSizeExact(150)),
				},
				Check: func(*terraform.State) error {
					calls, ok := listCalls(e), e.Mock().Succeeded("Sas", "ListOperationProcessDetail")
					if calls-ok != 4 {
						return fmt.Errorf("want 4 refused calls (3 throttled, 1 server error), got %d of %d", calls-ok, calls)
					}
					if ok == 0 || ok%2 != 0 {
						return fmt.Errorf("want successful calls in pairs (2 pages per read), got %d", ok)
					}
					return nil
				},
			},
		},
	})
}

// moduleRequiredProviders is the block the example module declares its
// provider with.
const moduleRequiredProviders = `terraform {
  required_providers {
    cloudtrack = {
      source = "cloudtrack/cloudtrack"
    }
  }
}
`

// gateDir copies examples/modules/sas-gate into a directory, to be applied
// as the root module (the test harness cannot read child modules' state),
// and adds the provider block bound to the test's mock. The copy drops the
// module's terraform block: the harness adds its own, naming the provider
// under the address it serves it at.
func gateDir(t *testing.T, e *acctest.Env) string {
	t.Helper()
	src := filepath.Join("..", "..", "..", "examples", "modules", "sas-gate", "main.tf")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), moduleRequiredProviders) {
		t.Fatalf("%s no longer has the terraform block this test replaces", src)
	}
	text := strings.Replace(string(data), moduleRequiredProviders, "", 1)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "provider.tf"), []byte(e.ProviderConfig()), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

func gateVars(enforce bool, taskIDs ...string) config.Variables {
	ids := make([]config.Variable, len(taskIDs))
	for i, id := range taskIDs {
		ids[i] = config.StringVariable(id)
	}
	return config.Variables{"task_ids": config.ListVariable(ids...), "enforce": config.BoolVariable(enforce)}
}

// expectCheck asserts the status of a check block in the state, and that a
// failed check's message names want.
type expectCheck struct {
	address, status string
	want            *regexp.Regexp
}

func (c expectCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil {
		resp.Error = fmt.Errorf("no state")
		return
	}
	for _, r := range req.State.Checks {
		if r.Address.ToDisplay != c.address {
			continue
		}
		if string(r.Status) != c.status {
			resp.Error = fmt.Errorf("check %s is %q, want %q", c.address, r.Status, c.status)
			return
		}
		if c.want == nil {
			return
		}
		for _, inst := range r.Instances {
			for _, p := range inst.Problems {
				if c.want.MatchString(p.Message) {
					return
				}
			}
		}
		resp.Error = fmt.Errorf("check %s has no problem matching %s: %+v", c.address, c.want, r.Instances)
		return
	}
	resp.Error = fmt.Errorf("no check %s in the state (checks: %+v)", c.address, req.State.Checks)
}

func TestAccSasOperationSubtasksDataSource_gateModule(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds the subtasks the gate module judges")
	dir := gateDir(t, e)
	seed(t, e, mockcloud.Subtask{TaskID: 4001, Status: mockcloud.SubtaskSucceeded, CreateTime: base})
	seed(t, e, mockcloud.Subtask{TaskID: 4001, Status: mockcloud.SubtaskSucceeded, CreateTime: base})
	failed := seed(t, e, mockcloud.Subtask{TaskID: 4002, Status: mockcloud.SubtaskFailed, CreateTime: base})
	seed(t, e, mockcloud.Subtask{TaskID: 4002, Status: mockcloud.SubtaskRunning, CreateTime: base})
	const check = "check.subtasks_healthy"
	resource.ParallelTest(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				ProtoV6ProviderFactories: e.Factories(),
				ConfigDirectory:          config.StaticDirectory(dir),
				ConfigVariables:          gateVars(true, "4001"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("healthy", knownvalue.Bool(true)),
					statecheck.ExpectKnownOutputValue("unhealthy_subtasks", knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownOutputValue("total_count", knownvalue.Int64Exact(2)),
					expectCheck{address: check, status: string(tfjson.CheckStatusPass)},
				},
			},
			{
				// Not enforced: the check block fails (a warning), the run goes on.
				ProtoV6ProviderFactories: e.Factories(),
				ConfigDirectory:          config.StaticDirectory(dir),
				ConfigVariables:          gateVars(false, "4001", "4002"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("healthy", knownvalue.Bool(false)),
					statecheck.ExpectKnownOutputValue("unhealthy_subtasks", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"detail_task_id": knownvalue.StringExact(failed), "status": knownvalue.StringExact("failed")}),
					})),
					statecheck.ExpectKnownOutputValue("total_count", knownvalue.Int64Exact(4)),
					expectCheck{address: check, status: string(tfjson.CheckStatusFail),
						want: regexp.MustCompile(`failed or timed out: ` + failed + ` of task 4002 \(failed\)\.`)},
				},
			},
			{
				// Enforced: the output's precondition stops the run.
				ProtoV6ProviderFactories: e.Factories(),
				ConfigDirectory:          config.StaticDirectory(dir),
				ConfigVariables:          gateVars(true, "4001", "4002"),
				ExpectError:              acctest.ExpectError(`Gate closed: Security Center subtasks failed or timed out: ` + failed + ` of task 4002 \(failed\)`),
			},
		},
	})
}
