# Once a month, on the 1st at 09:00, e-mail last month's peak IPv4/IPv6
# bandwidth and the back-to-origin bandwidth of all DCDN domains.
resource "cloudtrack_dcdn_deliver_task" "monthly_bandwidth" {
  name    = "monthly-bandwidth"
  reports = [{ report_id = 26 }, { report_id = 27 }]

  schedule = {
    name      = "monthly"
    crontab   = "0 0 9 1 * ?"
    frequency = "M" # each report covers a month
  }

  deliver = {
    email = {
      subject = "DCDN bandwidth last month"
      to      = ["network@example.com", "finance@example.com"]
    }
  }
}

# Hourly top client IPs of one site for the security team, limited to two
# ISPs, only during an incident window.
resource "cloudtrack_dcdn_deliver_task" "incident" {
  name         = "incident-top-ips"
  domain_names = ["shop.example.com"]

  reports = [{
    report_id  = 14
    conditions = [{ field = "isp", values = ["telecom", "unicom"] }]
  }]

  schedule = {
    crontab        = "0 5 * * * ?" # five past every hour
    frequency      = "h"
    effective_from = "2030-03-01T00:00:00Z"
    effective_end  = "2030-03-08T00:00:00Z"
  }

  deliver = {
    email = {
      subject = "Top client IPs, last hour"
      to      = ["secops@example.com"]
    }
  }
}
