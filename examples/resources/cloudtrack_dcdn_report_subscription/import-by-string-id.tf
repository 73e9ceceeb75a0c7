# An account has one DCDN report subscription; its id is always report-subscription.
import {
  to = cloudtrack_dcdn_report_subscription.this
  id = "report-subscription"
}
