# who-changed-it: the write events, since a given time, on objects this
# provider manages, made by anyone other than the identity Terraform runs
# as. Drift detection says *that* an object changed outside Terraform; the
# audit trails say *who* changed it, when, from where and with which API.
# (The provider itself already names who changed a drifted object in every
# plan; this module is for reports over a list of objects since a date.)
#   - the outputs list the changes (who, action, object, time, source IP,
#     request id), and
#   - the check block "no_changes_behind_terraforms_back" warns (the run
#     goes on) naming each of them.
#
# Cost: one cloudtrack_object_changes read, which per vendor reads the
# window's write events (one call per 50) when that is cheaper than one
# look-up per object, else looks each object up: 1,000 objects cost about
# one call per 50 write events in the window, not 1,000 calls (ActionTrail
# LookupEvents allows two calls a second, CloudAudit LookUpEvents twenty).
# Events reach the vendors' look-ups some minutes after the change.
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
  description = "Only events at or after this time (RFC 3339). CloudAudit changes are found for the last 7 days (one LookUpEvents window), ActionTrail for the last 90 days."
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

variable "max_lookups" {
  type        = number
  default     = 1000
  description = "At most this many look-up calls per vendor."
}

locals {
  # Each object with the resource type the audit trails record for it. A
  # list, not a map, so that ids unknown until apply (objects created in the
  # same run) can be passed.
  objects = concat(
    [for n in var.cloudaudit_track_ids : { kind = "cloudaudit track", name = n, type = "cloudaudit" }],
    [for n in var.actiontrail_trail_names : { kind = "actiontrail trail", name = n, type = "ACS::ActionTrail::Trail" }],
    [for n in var.actiontrail_job_ids : { kind = "actiontrail job", name = n, type = "ACS::ActionTrail::DeliveryHistoryJob" }],
    [for n in var.cdn_deliver_task_ids : { kind = "cdn deliver task", name = n, type = "ACS::CDN::DeliverTask" }],
    [for n in var.dcdn_deliver_task_ids : { kind = "dcdn deliver task", name = n, type = "ACS::DCDN::DeliverTask" }],
  )
  kinds = { for o in local.objects : "${o.type}/${o.name}" => o.kind... }
}

data "cloudtrack_object_changes" "all" {
  count              = length(local.objects) > 0 ? 1 : 0
  since              = var.since
  objects            = [for o in local.objects : { type = o.type, name = o.name }]
  exclude_identities = var.terraform_identities
  max_lookups        = var.max_lookups
}

locals {
  changes = [
    for c in flatten(data.cloudtrack_object_changes.all[*].changes) : {
      object     = "${local.kinds["${c.object_type}/${c.object_name}"][0]} ${c.object_name}"
      who        = c.who
      action     = c.action
      time       = c.event_time
      source_ip  = c.source_ip
      request_id = c.request_id
      via        = c.via
    }
  ]
  summary = join("; ", [for c in local.changes : "${c.who} ran ${c.action} on ${c.object} at ${c.time} from ${c.source_ip} (${c.via})"])
}

check "no_changes_behind_terraforms_back" {
  assert {
    condition     = length(local.changes) == 0
    error_message = "Changed outside Terraform since ${var.since}: ${local.summary}."
  }
}

output "changes" {
  description = "Write events on the objects by anyone but Terraform, newest first per object: object, who, action, time (RFC 3339), source_ip, request_id, via (console or access key)."
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

output "lookups" {
  description = "How many look-up calls the read made, and what it chose per vendor."
  value       = { calls = sum(concat([0], data.cloudtrack_object_changes.all[*].lookups)), strategy = join("", data.cloudtrack_object_changes.all[*].strategy) }
}
