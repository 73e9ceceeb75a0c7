# One track, by name (or by track_id).
data "cloudtrack_cloudaudit_track" "cos_writes" {
  name = "cos-writes"
}

output "cos_writes_bucket" {
  value = data.cloudtrack_cloudaudit_track.cos_writes.storage.name
}
