# who-changed-it: the write events, since a given time, on objects this
# provider manages, made by anyone other than the identity Terraform runs
# as. Drift detection says *that* an object changed outside Terraform; the
# audit trails say *who* changed it, when, from where and with which API.
#   - the outputs list the changes (who, action, object, time, source IP,
#     request id), and
#   - the check block "no_changes_behind_terraforms_back" warns (the run
#     goes on) naming each of them.
#
# Cost: one look-up per object and per 50 events (ActionTrail LookupEvents
# allows two calls a second, CloudAudit LookUpEvents twenty); events reach
# the vendors' look-ups some minutes after the change.
terraform {
  required_version = ">= 1.5" # check blocks
  required_providers {
    cloudtrack = {
      source = "cloudtrack/cloudtrack"
    }
  }
}

variable "since" {
  type        = string
  description = "Only events at or after this time (RFC 3339). CloudAudit searches at most 30 days at once, ActionTrail the last 90 days."
}

variable "terraform_identities" {
  type        = list(string)
  description = "Who Terraform runs as: the access key ids / SecretIds it signs with, or user names. Events by these are not reported."
}

variable "cloudaudit_track_ids" {
  type        = list(string)
  default     = []
  description = "CloudAudit track ids (cloudtrack_cloudaudit_track.*.id)."
}

variable "actiontrail_trail_names" {
  type        = list(string)
  default     = []
  description = "ActionTrail trail names."
}

variable "actiontrail_job_ids" {
  type        = list(string)
  default     = []
  description = "ActionTrail history delivery job ids."
}

variable "cdn_deliver_task_ids" {
  type        = list(string)
  default     = []
  description = "CDN deliver task ids."
}

variable "dcdn_deliver_task_ids" {
  type        = list(string)
  default     = []
  description = "DCDN deliver task ids."
}

variable "max_events_per_object" {
  type        = number
  default     = 50
  description = "At most this many write events are read per object (50 per look-up call)."
}

locals {
  # Alibaba Cloud objects, each with the resource type ActionTrail records
  # for it. A list, not a map, so that ids unknown until apply (objects
  # created in the same run) can be passed: count needs only the length.
  alibaba_objects = concat(
    [for n in var.actiontrail_trail_names : { kind = "actiontrail trail", name = n, type = "ACS::ActionTrail::Trail" }],
    [for n in var.actiontrail_job_ids : { kind = "actiontrail job", name = n, type = "ACS::ActionTrail::DeliveryHistoryJob" }],
    [for n in var.cdn_deliver_task_ids : { kind = "cdn deliver task", name = n, type = "ACS::CDN::DeliverTask" }],
    [for n in var.dcdn_deliver_task_ids : { kind = "dcdn deliver task", name = n, type = "ACS::DCDN::DeliverTask" }],
  )
}

data "cloudtrack_actiontrail_events" "object" {
  count         = length(local.alibaba_objects)
  resource_name = local.alibaba_objects[count.index].name
  resource_type = local.alibaba_objects[count.index].type
  event_rw      = "Write"
  start_time    = var.since
  max_events    = var.max_events_per_object
}

data "cloudtrack_cloudaudit_events" "track" {
  count         = length(var.cloudaudit_track_ids)
  resource_name = var.cloudaudit_track_ids[count.index]
  action_type   = "Write"
  start_time    = var.since
  max_events    = var.max_events_per_object
}

locals {
  alibaba_changes = flatten([
    for i, d in data.cloudtrack_actiontrail_events.object : [
      for e in d.events : {
        object     = "${local.alibaba_objects[i].kind} ${local.alibaba_objects[i].name}"
        who        = e.user_name
        action     = e.event_name
        time       = e.event_time
        source_ip  = e.source_ip
        request_id = e.request_id
        via        = e.access_key_id == null ? "console" : "access key ${e.access_key_id}"
      }
      if e.error_code == null
      && !contains(var.terraform_identities, e.user_name == null ? "" : e.user_name)
      && !contains(var.terraform_identities, e.access_key_id == null ? "" : e.access_key_id)
    ]
  ])
  tencent_changes = flatten([
    for i, d in data.cloudtrack_cloudaudit_events.track : [
      for e in d.events : {
        object     = "cloudaudit track ${var.cloudaudit_track_ids[i]}"
        who        = e.username
        action     = e.event_name
        time       = e.event_time
        source_ip  = e.source_ip
        request_id = e.request_id
        via        = e.access_key_id == null ? "console" : "SecretId ${e.access_key_id}"
      }
      if e.error_code == null
      && !contains(var.terraform_identities, e.username == null ? "" : e.username)
      && !contains(var.terraform_identities, e.access_key_id == null ? "" : e.access_key_id)
    ]
  ])
  changes = concat(local.tencent_changes, local.alibaba_changes)
  summary = join("; ", [for c in local.changes : "${c.who} ran ${c.action} on ${c.object} at ${c.time} from ${c.source_ip} (${c.via})"])
}

check "no_changes_behind_terraforms_back" {
  assert {
    condition     = length(local.changes) == 0
    error_message = "Changed outside Terraform since ${var.since}: ${local.summary}."
  }
}

output "changes" {
  description = "Write events on the objects by anyone but Terraform, newest first per object: object, who, action, time (RFC 3339), source_ip, request_id, via (console or key)."
  value       = local.changes
}

output "changed_by" {
  description = "Who changed the objects behind Terraform's back (distinct names)."
  value       = distinct([for c in local.changes : c.who])
}

output "summary" {
  description = "One line per change, as the check block prints them; empty when nothing changed."
  value       = local.summary
}
