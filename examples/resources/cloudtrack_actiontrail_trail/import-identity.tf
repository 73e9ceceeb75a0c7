# Terraform 1.12 and later: the trail by its resource identity, the name.
import {
  to       = cloudtrack_actiontrail_trail.audit
  identity = { name = "audit-trail" }
}
