package actiontrail_test

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

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

// benchJobsDataSource reads the jobs data source over n seeded jobs with
// config attrs through the provider's protocol server
// (acctest.BenchRead), against a mock that takes latency per call.
func benchJobsDataSource(b *testing.B, n int, latency time.Duration, tuning func(*conns.Tuning), attrs map[string]tftypes.Value, memory bool) {
	b.Helper()
	e := acctest.NewForBenchmark(b)
	if err := e.Mock().SeedTrail(mockcloud.Trail{Name: "audit-trail", Regions: []string{"cn-hangzhou"}}); err != nil {
		b.Fatal(err)
	}
	if _, err := e.Mock().SeedJobs("audit-trail", n, mockcloud.JobComplete); err != nil {
		b.Fatal(err)
	}
	if latency > 0 {
		e.Mock().AddFault(mockcloud.Fault{Product: "Actiontrail", Mode: mockcloud.FaultLatency, Latency: latency})
	}
	t := acctest.Tuning()
	if tuning != nil {
		tuning(&t)
	}
	e.BenchRead(b, t, "cloudtrack_actiontrail_history_delivery_jobs", attrs, memory)
}

// BenchmarkJobsDataSource10k is the jobs data source over 10,000 jobs
// (100 pages): the provider's CPU and allocations for a read.
func BenchmarkJobsDataSource10k(b *testing.B) {
	benchJobsDataSource(b, 10000, 0, unthrottled, nil, false)
}

// BenchmarkJobsDataSource10kMemory is BenchmarkJobsDataSource10k for its
// peak-heap-MB.
func BenchmarkJobsDataSource10kMemory(b *testing.B) {
	benchJobsDataSource(b, 10000, 0, unthrottled, nil, true)
}

// BenchmarkJobsDataSource10kFiltered matches none of 10,000 jobs (status):
// filtering while paging keeps no page's jobs.
func BenchmarkJobsDataSource10kFiltered(b *testing.B) {
	benchJobsDataSource(b, 10000, 0, unthrottled, map[string]tftypes.Value{
		"status": tftypes.NewValue(tftypes.String, "failed"),
	}, true)
}

// BenchmarkJobsDataSource10kLatency is the 10,000-job read against a
// vendor that takes 50 ms per call, under the provider's default pacing:
// wall time is bound by the rate, not by the calls' latency one after
// another.
func BenchmarkJobsDataSource10kLatency(b *testing.B) {
	benchJobsDataSource(b, 10000, 50*time.Millisecond, nil, nil, false)
}

// BenchmarkJobsDataSourceRegionStatuses1k reads 1,000 jobs with their
// region statuses (1,000 GetDeliveryHistoryJob calls), against 20 ms a
// call under the default pacing.
func BenchmarkJobsDataSourceRegionStatuses1k(b *testing.B) {
	benchJobsDataSource(b, 1000, 20*time.Millisecond, nil, map[string]tftypes.Value{
		"with_region_statuses": tftypes.NewValue(tftypes.Bool, true),
	}, false)
}
