package actiontrail

// Exported for the external test package.
var (
	FindJobByID = findJobByID
)

var ListJobs = listJobs
