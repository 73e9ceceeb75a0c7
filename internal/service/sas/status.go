package sas

import (
	"fmt"
	"strings"
)

// Subtask states as the API numbers them (StatusCode), and as users read
// them. The mapping lives here and nowhere else.
var subtaskStatusNames = map[int]string{
	0: "not_started",
	1: "running",
	2: "succeeded",
	3: "timed_out",
	4: "failed",
}

// SubtaskStatusValues lists the user-facing states, for validators and docs.
var SubtaskStatusValues = []string{"not_started", "running", "succeeded", "timed_out", "failed"}

func subtaskStatusName(code int) string {
	if n, ok := subtaskStatusNames[code]; ok {
		return n
	}
	return fmt.Sprintf("unknown(%d)", code)
}

func subtaskStatusCode(name string) (int, bool) {
	for c, n := range subtaskStatusNames {
		if n == name {
			return c, true
		}
	}
	return 0, false
}

// LanguageValues are the accepted `language` values (the API's Lang).
var LanguageValues = []string{"zh", "en"}

func quotedList(vs []string) string {
	return "`" + strings.Join(vs, "`, `") + "`"
}
