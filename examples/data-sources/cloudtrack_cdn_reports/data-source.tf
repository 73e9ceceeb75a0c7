# The CDN report catalogue: ids and titles for reports blocks.
data "cloudtrack_cdn_reports" "all" {}

output "report_titles" {
  value = { for r in data.cloudtrack_cdn_reports.all.reports : r.report_id => r.title }
}
