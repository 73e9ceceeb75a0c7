package actiontrail

import (
	"fmt"
	"strings"
)

// Job states as the API numbers them, and as users read them. The mapping
// lives here and nowhere else.
const (
	jobInitializing = 0
	jobDelivering   = 1
	jobComplete     = 2
	jobFailed       = 3
)

var jobStatusNames = map[int]string{
	jobInitializing: "initializing",
	jobDelivering:   "delivering",
	jobComplete:     "complete",
	jobFailed:       "failed",
}

// JobStatusValues lists the user-facing states, for validators and docs.
var JobStatusValues = []string{"initializing", "delivering", "complete", "failed"}

func jobStatusName(code int) string {
	if n, ok := jobStatusNames[code]; ok {
		return n
	}
	return fmt.Sprintf("unknown(%d)", code)
}

func jobStatusCode(name string) (int, bool) {
	for c, n := range jobStatusNames {
		if n == name {
			return c, true
		}
	}
	return 0, false
}

func jobRunning(code int) bool { return code == jobInitializing || code == jobDelivering }

func quotedList(vs []string) string {
	return "`" + strings.Join(vs, "`, `") + "`"
}

// Trail states as the API names them (DescribeTrails Status); users see a
// boolean, logging.
const (
	trailEnabled  = "Enable"
	trailDisabled = "Disable"
)

// EventRWValues are the event types a trail delivers (CreateTrail EventRW).
var EventRWValues = []string{"Read", "Write", "All"}

const (
	defaultEventRW     = "Write"
	defaultTrailRegion = "All"
)
