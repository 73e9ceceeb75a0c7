# The DCDN report catalogue: ids and titles for reports blocks.
data "cloudtrack_dcdn_reports" "all" {}

output "report_titles" {
  value = { for r in data.cloudtrack_dcdn_reports.all.reports : r.report_id => r.title }
}
