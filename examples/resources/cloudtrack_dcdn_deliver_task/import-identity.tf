# Terraform 1.12 and later: the task by its resource identity, the DeliverId.
import {
  to       = cloudtrack_dcdn_deliver_task.monthly_bandwidth
  identity = { deliver_id = 1001 }
}
