# A deliver task is imported by its numeric DeliverId. The schedule's name and
# description are not readable from the API and stay empty until the next apply.
terraform import cloudtrack_dcdn_deliver_task.monthly_bandwidth 1001
