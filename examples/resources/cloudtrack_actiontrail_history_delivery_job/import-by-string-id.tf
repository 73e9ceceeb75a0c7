# A history delivery job is imported by its numeric job id.
import {
  to = cloudtrack_actiontrail_history_delivery_job.audit
  id = "12345"
}
