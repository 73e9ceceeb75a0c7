package sas_test

import (
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// benchSubtasks reads the subtasks data source over 10,000 seeded subtasks
// (two checks each; 100 pages) through the provider's protocol server
// (acctest.BenchRead), without the provider's own rate limit, which would
// otherwise be what is measured.
func benchSubtasks(b *testing.B, memory bool) {
	e := acctest.NewForBenchmark(b)
	checks := []mockcloud.SasCheck{{ID: 101, Name: "Disk encrypted"}, {ID: 102, Name: "Open security group"}}
	if _, err := e.Mock().SeedSubtasks(mockcloud.Subtask{TaskID: 9, Status: mockcloud.SubtaskSucceeded, Checks: checks, CreateTime: base, StartTime: base, EndTime: base}, 10000); err != nil {
		b.Fatal(err)
	}
	t := acctest.Tuning()
	t.RateLimits = map[string]float64{conns.ProductSas: 1e9}
	e.BenchRead(b, t, "cloudtrack_sas_operation_subtasks", nil, memory)
}

// BenchmarkSubtasksDataSource10k: CPU and allocations of one read.
func BenchmarkSubtasksDataSource10k(b *testing.B) { benchSubtasks(b, false) }

// BenchmarkSubtasksDataSource10kMemory: its peak-heap-MB.
func BenchmarkSubtasksDataSource10kMemory(b *testing.B) { benchSubtasks(b, true) }
