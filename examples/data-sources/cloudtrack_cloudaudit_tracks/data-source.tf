# Every disabled track delivering to Log Service.
data "cloudtrack_cloudaudit_tracks" "paused_cls" {
  enabled      = false
  storage_type = "cls"
}

# Every track whose name starts with "team-".
data "cloudtrack_cloudaudit_tracks" "teams" {
  name_regex = "^team-"
}

output "paused_cls_tracks" {
  value = data.cloudtrack_cloudaudit_tracks.paused_cls.ids
}

output "team_track_names" {
  value = [for t in data.cloudtrack_cloudaudit_tracks.teams.tracks : t.name]
}

# The filters of every track of the filter form: the list lacks them, so
# with_details reads each matched track (one DescribeAuditTrack call each).
data "cloudtrack_cloudaudit_tracks" "detailed" {
  name_regex   = "^team-"
  with_details = true
}

output "team_track_filters" {
  value = { for t in data.cloudtrack_cloudaudit_tracks.detailed.tracks : t.name => t.filters if t.filters != null }
}
