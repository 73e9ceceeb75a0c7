# A history delivery job is imported by its numeric job id.
terraform import cloudtrack_actiontrail_history_delivery_job.audit 12345
