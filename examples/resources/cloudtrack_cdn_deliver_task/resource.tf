# E-mail the top URLs of two provinces and the PV/UV chart of two domains
# every morning at 08:00, for the previous day, during 2030.
resource "cloudtrack_cdn_deliver_task" "daily" {
  name         = "daily-ops-report"
  domain_names = ["example.com", "www.example.com"]

  reports = [
    {
      report_id = 1
      conditions = [
        { field = "prov", op = "in", values = ["Beijing", "Heilongjiang"] },
      ]
    },
    { report_id = 19 },
  ]

  schedule = {
    name           = "daily"
    description    = "every morning"
    crontab        = "0 0 8 * * ?" # seconds first: 08:00:00 every day
    frequency      = "d"           # each report covers a day
    effective_from = "2030-01-01T00:00:00+08:00"
    effective_end  = "2031-01-01T00:00:00+08:00"
  }

  deliver = {
    email = {
      subject = "CDN daily report"
      to      = ["ops@example.com"]
      copy    = ["lead@example.com"]
    }
  }
}

# Every report of the catalogue, for all domains, on weekdays at 06:30,
# switched off for now.
data "cloudtrack_cdn_reports" "all" {}

resource "cloudtrack_cdn_deliver_task" "everything" {
  name    = "weekday-everything"
  reports = [for id in data.cloudtrack_cdn_reports.all.ids : { report_id = id }]

  schedule = {
    crontab   = "0 30 6 ? * MON-FRI"
    frequency = "d"
    enabled   = false
  }

  deliver = {
    email = {
      subject = "CDN reports"
      to      = ["ops@example.com"]
    }
  }
}
