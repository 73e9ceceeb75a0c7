# An account has one CDN report subscription; its id is always report-subscription.
import {
  to = cloudtrack_cdn_report_subscription.this
  id = "report-subscription"
}
