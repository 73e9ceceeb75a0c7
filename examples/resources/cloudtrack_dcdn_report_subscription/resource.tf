# The account's DCDN report subscription (one per account): produce these
# reports for two domains from 2030 on.
resource "cloudtrack_dcdn_report_subscription" "this" {
  report_ids     = [2, 4, 26]
  domain_names   = ["example.com", "www.example.com"]
  effective_from = "2030-01-01T00:00:00Z"
}
