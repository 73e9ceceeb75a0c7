# Every enabled track delivering to COS whose name starts with "audit-",
# with the whole track (include_resource), so that
# terraform query -generate-config-out=adopted.tf writes its configuration.
list "cloudtrack_cloudaudit_track" "cos" {
  provider         = cloudtrack
  include_resource = true

  config {
    name_regex   = "^audit-"
    enabled      = true
    storage_type = "cos"
  }
}
