# A deliver task is imported by its numeric DeliverId. The schedule's name and
# description are not readable from the API and stay empty until the next apply.
terraform import cloudtrack_cdn_deliver_task.daily 1001
