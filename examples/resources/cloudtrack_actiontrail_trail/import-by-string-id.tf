# A trail is imported by its name.
import {
  to = cloudtrack_actiontrail_trail.audit
  id = "audit-trail"
}
