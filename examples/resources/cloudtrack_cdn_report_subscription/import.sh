# An account has one CDN report subscription; its id is always report-subscription.
terraform import cloudtrack_cdn_report_subscription.this report-subscription
