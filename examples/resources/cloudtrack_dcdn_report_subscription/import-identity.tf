# Terraform 1.12 and later: an account has one DCDN report subscription, so its
# resource identity is the constant id report-subscription.
import {
  to       = cloudtrack_dcdn_report_subscription.this
  identity = { id = "report-subscription" }
}
