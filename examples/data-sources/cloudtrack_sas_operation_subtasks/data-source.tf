# The subtasks of one operation task that failed or timed out in a week,
# with the names of the checks they ran, in English.
data "cloudtrack_sas_operation_subtasks" "problems" {
  task_ids   = ["4001"]
  statuses   = ["failed", "timed_out"]
  start_time = "2024-05-06T00:00:00+08:00"
  end_time   = "2024-05-12T23:59:59+08:00"
  language   = "en"
}

output "failed_checks" {
  value = {
    for s in data.cloudtrack_sas_operation_subtasks.problems.subtasks :
    s.detail_task_id => [for c in s.checks : c.name]
  }
}

# Everything that ran on asset type 8, whatever the task.
data "cloudtrack_sas_operation_subtasks" "all" {}

output "checks_on_asset_type_8" {
  value = distinct(flatten([
    for s in data.cloudtrack_sas_operation_subtasks.all.subtasks :
    [for c in s.checks : c.name] if s.asset_type == 8
  ]))
}

# A gate: warn (check block) when any subtask of the task failed. To stop the
# run instead, see examples/modules/sas-gate (enforce = true).
check "task_4001_healthy" {
  assert {
    condition     = length(data.cloudtrack_sas_operation_subtasks.problems.subtasks) == 0
    error_message = "Subtasks of task 4001 failed or timed out: ${join(", ", [for s in data.cloudtrack_sas_operation_subtasks.problems.subtasks : s.detail_task_id])}."
  }
}
