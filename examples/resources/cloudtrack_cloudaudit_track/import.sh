# A track is imported by its numeric track id.
terraform import cloudtrack_cloudaudit_track.cos_writes 12345
