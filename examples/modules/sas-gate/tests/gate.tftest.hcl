# The gate's wiring, with the provider mocked: `terraform test` in the module's
# directory (Terraform 1.7 or later; no credentials, no network).
#
# mock_provider cannot set `subtasks`: Terraform rejects an override of a
# nested list attribute ("incompatible types; expected object type, found
# tuple", hashicorp/terraform#37939), so the runs here cover what needs no
# subtask (inputs reach the data source; an empty task opens the gate, even
# enforced). Failed and timed-out subtasks, and the status names the provider
# really reports, are tested against the provider and the mock cloud in
# tests-mockcloud/.

mock_provider "cloudtrack" {}

variables {
  task_ids = ["4001", "4002"]
}

run "inputs_reach_the_data_source" {
  command = plan

  variables {
    since = "2024-05-06T00:00:00Z"
  }

  assert {
    condition     = data.cloudtrack_sas_operation_subtasks.this.task_ids == tolist(["4001", "4002"])
    error_message = "task_ids must be passed to the data source as given"
  }
  assert {
    condition     = data.cloudtrack_sas_operation_subtasks.this.start_time == "2024-05-06T00:00:00Z"
    error_message = "since must be the data source's start_time"
  }
}

run "no_window_by_default" {
  command = plan

  assert {
    condition     = data.cloudtrack_sas_operation_subtasks.this.start_time == null
    error_message = "without since, every subtask of the tasks is read"
  }
}

run "open_when_there_are_no_subtasks" {
  variables {
    enforce = true
  }

  override_data {
    target = data.cloudtrack_sas_operation_subtasks.this
    values = {
      total_count = 0
    }
  }

  assert {
    condition     = output.healthy && length(output.unhealthy_subtasks) == 0
    error_message = "a task without subtasks must not close the gate"
  }
  assert {
    condition     = output.total_count == 0
    error_message = "total_count comes from the data source"
  }
}
