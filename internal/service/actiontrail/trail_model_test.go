package actiontrail_test

import (
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/actiontrail"
)

// The DescribeTrails reference shows CreateTime in two forms across its
// versions, for the same example trail: "2021-03-01T06:27:28Z"
// (trail-management-describetrails) and "1614580048000"
// (api-tracking-related-apis-describetrails). Both read as the same
// RFC 3339 time; an unknown form passes through unchanged.
func TestTrailTimes(t *testing.T) {
	for in, want := range map[string]string{
		"2021-03-01T06:27:28Z":         "2021-03-01T06:27:28Z",
		"1614580048000":                "2021-03-01T06:27:28Z",
		"1619407012000":                "2021-04-26T03:16:52Z",
		"":                             "",
		"Wed Dec 02 15:41:06 CST 2015": "Wed Dec 02 15:41:06 CST 2015",
	} {
		if got := actiontrail.TrailTimeForTest(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}
