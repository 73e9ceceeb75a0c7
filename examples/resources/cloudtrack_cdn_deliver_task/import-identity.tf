# Terraform 1.12 and later: the task by its resource identity, the DeliverId.
import {
  to       = cloudtrack_cdn_deliver_task.daily
  identity = { deliver_id = 1001 }
}
