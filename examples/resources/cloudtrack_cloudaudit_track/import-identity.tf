# Terraform 1.12 and later: the track by its resource identity, the track id.
import {
  to       = cloudtrack_cloudaudit_track.cos_writes
  identity = { track_id = 12345 }
}
