package actiontrail

// Exported for the external test package.
var (
	FindJobByID = findJobByID
)

var ListJobs = listJobs

// CreateJob is the resource's create (conns.CreateOnce and the job queue).
var CreateJob = createJob
