# A track is imported by its numeric track id.
import {
  to = cloudtrack_cloudaudit_track.cos_writes
  id = "12345"
}
