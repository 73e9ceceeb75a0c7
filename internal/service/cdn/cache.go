package cdn

import (
	"context"
	"sync"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// The deliver-task APIs allow 3 calls/s per account, and DescribeDeliverList
// without a DeliverId answers every task at once. So all reads of one
// product in one provider process share one list result: a refresh of N
// tasks costs one list call, not N. Concurrent readers wait for the call
// in flight instead of making their own. Any write of the product
// invalidates the result, and a result older than the reader's question
// is re-read once before a task is declared gone.

// taskList is one DescribeDeliverList answer.
type taskList struct {
	seq   uint64 // which flight fetched it
	tasks []wireTask
	byID  map[int64]*wireTask
}

type flight struct {
	seq, gen uint64
	done     chan struct{}
	res      *taskList
	err      error
}

type listCache struct {
	mu       sync.Mutex
	gen      uint64 // bumped by every write
	flights  uint64 // flights started so far
	result   *taskList
	resGen   uint64
	inflight *flight
}

// cache is the product's list cache of this provider process.
func (p *product) cache(c *conns.Client) *listCache {
	return conns.Shared(c, "cdn-deliver-list/"+p.key, func() *listCache { return &listCache{} })
}

// mark is the number of flights started so far; a result with a higher
// seq was fetched after the mark was taken.
func (lc *listCache) mark() uint64 {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	return lc.flights
}

// invalidate forgets the result and detaches flights in progress.
func (lc *listCache) invalidate() {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.gen++
	lc.result = nil
}

// get returns a list fetched by a flight started after mark `after` (0:
// any) and not older than the last write, sharing a flight in progress.
func (lc *listCache) get(ctx context.Context, fetch func(context.Context) ([]wireTask, error), after uint64) (*taskList, error) {
	for {
		lc.mu.Lock()
		if r := lc.result; r != nil && lc.resGen == lc.gen && r.seq > after {
			lc.mu.Unlock()
			return r, nil
		}
		f := lc.inflight
		if f == nil || f.gen != lc.gen || f.seq <= after {
			lc.flights++
			f = &flight{seq: lc.flights, gen: lc.gen, done: make(chan struct{})}
			lc.inflight = f
			lc.mu.Unlock()
			lc.run(ctx, f, fetch)
			return f.res, f.err
		}
		lc.mu.Unlock()
		select {
		case <-f.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		// The caller that ran the flight may have been cancelled; that is
		// no reason to fail this caller, who asks again.
		if f.err != nil && conns.IsContextDone(f.err) && ctx.Err() == nil {
			continue
		}
		return f.res, f.err
	}
}

func (lc *listCache) run(ctx context.Context, f *flight, fetch func(context.Context) ([]wireTask, error)) {
	defer close(f.done)
	tasks, err := fetch(ctx)
	if err != nil {
		f.err = err
	} else {
		f.res = &taskList{seq: f.seq, tasks: tasks, byID: make(map[int64]*wireTask, len(tasks))}
		for i := range tasks {
			f.res.byID[int64(tasks[i].DeliverID)] = &tasks[i]
		}
	}
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if lc.inflight == f {
		lc.inflight = nil
	}
	if f.res != nil && f.gen == lc.gen && (lc.result == nil || lc.result.seq < f.seq) {
		lc.result, lc.resGen = f.res, f.gen
	}
}
