# A deliver task is imported by its numeric DeliverId.
import {
  to = cloudtrack_dcdn_deliver_task.monthly_bandwidth
  id = "1001"
}
