package actiontrail_test

import (
	"context"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/actiontrail"
)

// unthrottled lifts the provider's own rate limit, which would otherwise be
// what the benchmark measures.
func unthrottled(t *conns.Tuning) {
	t.RateLimits = map[string]float64{conns.ProductActionTrail: 1e9}
}

// BenchmarkListJobs reads 250 jobs (three pages of 100) through the
// provider's client, signatures and all, against a loopback mock: the cost
// of one refresh of the jobs data source.
func BenchmarkListJobs(b *testing.B) {
	e := acctest.NewForBenchmark(b)
	if err := e.Mock().SeedTrail(mockcloud.Trail{Name: "audit-trail"}); err != nil {
		b.Fatal(err)
	}
	if _, err := e.Mock().SeedJobs("audit-trail", 250, mockcloud.JobComplete); err != nil {
		b.Fatal(err)
	}
	c := e.Client(unthrottled)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		jobs, err := actiontrail.ListJobs(ctx, c)
		if err != nil {
			b.Fatal(err)
		}
		if len(jobs) != 250 {
			b.Fatalf("want 250 jobs, got %d", len(jobs))
		}
	}
	b.ReportMetric(float64(e.Mock().Calls("Actiontrail", "ListDeliveryHistoryJobs"))/float64(b.N), "calls/op")
}

// BenchmarkGetJob is one signed GetDeliveryHistoryJob round trip.
func BenchmarkGetJob(b *testing.B) {
	e := acctest.NewForBenchmark(b)
	if err := e.Mock().SeedTrail(mockcloud.Trail{Name: "audit-trail"}); err != nil {
		b.Fatal(err)
	}
	ids, err := e.Mock().SeedJobs("audit-trail", 1, mockcloud.JobComplete)
	if err != nil {
		b.Fatal(err)
	}
	c := e.Client(unthrottled)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := actiontrail.FindJobByID(ctx, c, ids[0]); err != nil {
			b.Fatal(err)
		}
	}
}
