# An account has one DCDN report subscription; its id is always report-subscription.
terraform import cloudtrack_dcdn_report_subscription.this report-subscription
