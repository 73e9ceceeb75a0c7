# A trail is imported by its name.
terraform import cloudtrack_actiontrail_trail.audit audit-trail
