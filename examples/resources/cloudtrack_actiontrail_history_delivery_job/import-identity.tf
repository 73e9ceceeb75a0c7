# Terraform 1.12 and later: the job by its resource identity, the job id.
import {
  to       = cloudtrack_actiontrail_history_delivery_job.audit
  identity = { job_id = 12345 }
}
