package cloudaudit_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// benchTracks reads the tracks data source over 100 tracks through the
// provider's protocol server (acctest.BenchRead) under the default pacing
// and reports its calls per read.
func benchTracks(b *testing.B, attrs map[string]tftypes.Value) {
	e := acctest.NewForBenchmark(b)
	e.Mock().SetAuditTrackLimit(100)
	for i := range 100 {
		_, err := e.Mock().SeedAuditTrack(mockcloud.AuditTrack{
			Name: fmt.Sprintf("bench-%03d", i), Status: 1, ActionType: "*", ResourceType: "*", EventNames: []string{"*"},
			Storage: mockcloud.AuditStorage{Type: "cos", Region: "ap-guangzhou", Name: "audit-bucket", Prefix: "cloudaudit"},
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	e.BenchRead(b, acctest.Tuning(), "cloudtrack_cloudaudit_tracks", attrs, false)
}

// BenchmarkTracksDataSource100: the default configuration, list pages only.
func BenchmarkTracksDataSource100(b *testing.B) { benchTracks(b, nil) }

// BenchmarkTracksDataSource100WithDetails: one DescribeAuditTrack more per
// track.
func BenchmarkTracksDataSource100WithDetails(b *testing.B) {
	benchTracks(b, map[string]tftypes.Value{"with_details": tftypes.NewValue(tftypes.Bool, true)})
}
