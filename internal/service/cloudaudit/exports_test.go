package cloudaudit

// Exported for the external test package.
var (
	FindTrackByID = findTrackByID
	DeleteTrack   = deleteTrack
)
