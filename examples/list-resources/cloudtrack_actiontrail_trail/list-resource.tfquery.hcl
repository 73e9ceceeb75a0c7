# The account's trails whose names start with "audit-", with their settings.
list "cloudtrack_actiontrail_trail" "audit" {
  provider         = cloudtrack
  include_resource = true

  config {
    name_regex = "^audit-"
  }
}
