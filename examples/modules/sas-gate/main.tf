# sas-gate: a gate on Security Center operation tasks. It reads every subtask
# of the given tasks and reports the ones that failed or timed out:
#   - the check block "subtasks_healthy" fails (Terraform shows a warning,
#     the run goes on), and
#   - with enforce = true, the precondition on the "healthy" output fails
#     the plan (an error: the pipeline stops).
terraform {
  required_providers {
    cloudtrack = {
      source = "cloudtrack/cloudtrack"
    }
  }
}

variable "task_ids" {
  type        = list(string)
  description = "Security Center operation task ids to gate on."
}

variable "since" {
  type        = string
  default     = null
  description = "Only subtasks created at or after this time (RFC 3339); null for all."
}

variable "enforce" {
  type        = bool
  default     = false
  description = "When true, a failed or timed-out subtask fails the plan instead of only warning."
}

data "cloudtrack_sas_operation_subtasks" "this" {
  task_ids   = var.task_ids
  start_time = var.since
}

locals {
  unhealthy = [
    for s in data.cloudtrack_sas_operation_subtasks.this.subtasks : s
    if contains(["failed", "timed_out"], s.status)
  ]
  summary = join(", ", [for s in local.unhealthy : "${s.detail_task_id} of task ${s.task_id} (${s.status})"])
}

check "subtasks_healthy" {
  assert {
    condition     = length(local.unhealthy) == 0
    error_message = "Security Center subtasks failed or timed out: ${local.summary}."
  }
}

output "healthy" {
  description = "True when no subtask of the tasks failed or timed out."
  value       = length(local.unhealthy) == 0

  precondition {
    condition     = !var.enforce || length(local.unhealthy) == 0
    error_message = "Gate closed: Security Center subtasks failed or timed out: ${local.summary}."
  }
}

output "unhealthy_subtasks" {
  description = "The subtasks that failed or timed out, with the checks they ran."
  value       = local.unhealthy
}

output "total_count" {
  description = "How many subtasks the tasks have (in the window)."
  value       = data.cloudtrack_sas_operation_subtasks.this.total_count
}
