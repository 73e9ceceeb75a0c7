# Every trail of the account that is switched off.
data "cloudtrack_actiontrail_trails" "off" {
  logging = false
}

# Two trails by name, and whether they deliver to Log Service.
data "cloudtrack_actiontrail_trails" "named" {
  names = ["audit-trail", "archive-trail"]
}

output "trails_off" {
  value = data.cloudtrack_actiontrail_trails.off.trail_names
}

output "sls_projects" {
  value = { for t in data.cloudtrack_actiontrail_trails.named.trails : t.name => t.sls_project_arn }
}
