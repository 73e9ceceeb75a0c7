# A deliver task is imported by its numeric DeliverId.
import {
  to = cloudtrack_cdn_deliver_task.daily
  id = "1001"
}
