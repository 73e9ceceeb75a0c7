# The gate against the provider itself, talking to the mock cloud over HTTP:
# what mock_provider cannot show (tests/) is that the data source reports the
# status names the gate matches ("failed", "timed_out"). Run by the Go test
# TestAccSasGateModule_terraformTest, which starts a mock and seeds it:
#   task 4001: two subtasks, both succeeded;
#   task 4002: one succeeded, one failed, one timed out.
# By hand, against `make mock` seeded the same way through its admin API:
#   terraform test -test-directory=tests-mockcloud

provider "cloudtrack" {
  alicloud {
    access_key = "mock-access-key-id"
    secret_key = "mock-access-key-secret"
    region     = "cn-hangzhou"
    protocol   = "HTTP"
    # The address `make mock` listens on; the Go test puts its own mock's
    # here. A literal: OpenTofu refuses a variable the module does not
    # declare here, and Terraform 1.11 leaves one given with -var unknown.
    endpoints = { sas = "127.0.0.1:8080" }
  }
}

run "open_on_a_healthy_task" {
  command = plan

  variables {
    task_ids = ["4001"]
    enforce  = true
  }

  assert {
    condition     = output.healthy && output.total_count == 2
    error_message = "task 4001 has two subtasks, both succeeded"
  }
}

run "warns_on_an_unhealthy_task" {
  command = plan

  variables {
    task_ids = ["4002"]
  }

  expect_failures = [check.subtasks_healthy]

  assert {
    condition     = !output.healthy && output.total_count == 3
    error_message = "task 4002 has three subtasks, one failed and one timed out"
  }
  assert {
    condition     = sort([for s in output.unhealthy_subtasks : s.status]) == tolist(["failed", "timed_out"])
    error_message = "the provider reports the statuses the gate matches"
  }
}

run "enforced_gate_fails_the_plan" {
  command = plan

  variables {
    task_ids = ["4001", "4002"]
    enforce  = true
  }

  expect_failures = [output.healthy, check.subtasks_healthy]
}
