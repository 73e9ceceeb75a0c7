package actiontrail

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// sweepJobTimeout bounds the wait for one running job to finish before it
// can be deleted (the resource's default delete timeout).
const sweepJobTimeout = defaultDeleteTimeout

// SweepJobs deletes every history delivery job of a trail whose name starts
// with prefix: jobs carry no name of their own, and the acceptance tests
// name their trails with the prefix. Running jobs are waited for. Every
// deletion is logged; the errors of all jobs are returned together.
func SweepJobs(ctx context.Context, c *conns.Client, prefix string) error {
	if prefix == "" {
		return fmt.Errorf("sweeping ActionTrail history delivery jobs: an empty prefix would match every job")
	}
	jobs, err := listJobs(ctx, c)
	if err != nil {
		return fmt.Errorf("listing ActionTrail history delivery jobs: %w", err)
	}
	var errs []string
	for _, j := range jobs {
		if !strings.HasPrefix(j.TrailName, prefix) {
			continue
		}
		log.Printf("[INFO] sweeper: deleting ActionTrail history delivery job %d (trail %s, status %s)", j.JobId, j.TrailName, jobStatusName(j.JobStatus))
		jctx, cancel := context.WithTimeout(ctx, sweepJobTimeout)
		err := deleteJob(jctx, c, j.JobId)
		cancel()
		if err != nil {
			errs = append(errs, fmt.Sprintf("job %d: %s", j.JobId, err))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("sweeping ActionTrail history delivery jobs: %s", strings.Join(errs, "; "))
	}
	return nil
}

// SweepTrails deletes every trail whose name starts with prefix (the
// acceptance tests' prefix, lower-cased as trail names must be). Run it
// after SweepJobs, which finds jobs by their trail's name.
func SweepTrails(ctx context.Context, c *conns.Client, prefix string) error {
	if prefix == "" {
		return fmt.Errorf("sweeping ActionTrail trails: an empty prefix would match every trail")
	}
	trails, err := describeTrails(ctx, c, nil, true)
	if err != nil {
		return fmt.Errorf("listing ActionTrail trails: %w", err)
	}
	var errs []string
	for _, t := range trails {
		if !strings.HasPrefix(t.Name, strings.ToLower(prefix)) {
			continue
		}
		log.Printf("[INFO] sweeper: deleting ActionTrail trail %s (home region %s)", t.Name, t.HomeRegion)
		tctx, cancel := context.WithTimeout(ctx, defaultTrailTimeout)
		err := deleteTrail(tctx, c, t.Name)
		cancel()
		if err != nil {
			errs = append(errs, fmt.Sprintf("trail %s: %s", t.Name, err))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("sweeping ActionTrail trails: %s", strings.Join(errs, "; "))
	}
	return nil
}
