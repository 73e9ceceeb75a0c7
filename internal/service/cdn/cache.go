package cdn

import (
	"context"
	"maps"
	"slices"
	"sync"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// The deliver-task APIs allow 3 calls/s per account, and DescribeDeliverList
// without a DeliverId answers every task at once. So all reads of one
// product in one provider process share one list result: a refresh of N
// tasks costs one list call, not N. Concurrent readers wait for the call
// in flight instead of making their own.
//
// Coherence. The cache lives as long as the conns.Client, that is one
// configured provider: Terraform configures a provider anew for every
// walk (plan, apply, refresh, import), so a change made behind Terraform's
// back between two commands is always seen by the next one. Within one
// walk, every piece of knowledge carries the tick of the clock at which
// the call that brought it started, and every write of this process
// records the tick at which it ended:
//   - a task written here is answered only from a read that started after
//     the write ended; otherwise it is read again, alone, through the
//     documented DeliverId filter of DescribeDeliverList (one small answer,
//     not the account's whole list), and that answer joins the shared
//     list instead of throwing it away;
//   - "not found" is answered only from a read that started after the
//     question was asked; an older list is confirmed by a read of that
//     task alone;
//   - the whole list (data source, list resource, adoption by name) is
//     answered from the shared list patched with the later single-task
//     reads, when every task written since the list has been read back;
//     otherwise, or after a write whose task is unknown (a create whose
//     answer was lost), from a new list.

// taskList is the whole list as this process knows it.
type taskList struct {
	at    uint64 // tick at which the newest call it holds started
	tasks []wireTask
	byID  map[int64]*wireTask
}

func newTaskList(at uint64, tasks []wireTask) *taskList {
	l := &taskList{at: at, tasks: tasks, byID: make(map[int64]*wireTask, len(tasks))}
	for i := range tasks {
		l.byID[int64(tasks[i].DeliverID)] = &tasks[i]
	}
	return l
}

// entry is what one single-task read (or a successful delete) said of a
// task: the task, or nil for "does not exist".
type entry struct {
	task *wireTask
	at   uint64
}

type flight struct {
	at   uint64
	done chan struct{}
	res  *taskList
	err  error
}

type listCache struct {
	mu       sync.Mutex
	clock    uint64
	result   *taskList        // the newest whole list answer
	fresh    map[int64]entry  // single-task answers newer than result
	written  map[int64]uint64 // tick at which this process's last write of a task ended, when newer than result
	blind    uint64           // tick at which a write whose task is unknown ended
	inflight *flight
	// product and action name the list call in a joiner's errors.
	product, action string
}

// cache is the product's list cache of this provider process.
func (p *product) cache(c *conns.Client) *listCache {
	return conns.Shared(c, "cdn-deliver-list/"+p.key, func() *listCache {
		return &listCache{fresh: map[int64]entry{}, written: map[int64]uint64{}, product: p.key, action: p.action("Describe", "DeliverList")}
	})
}

// mark is the current tick: a call started later has a higher one.
func (lc *listCache) mark() uint64 {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	return lc.clock
}

// start is the tick of a call about to start.
func (lc *listCache) start() uint64 {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.clock++
	return lc.clock
}

// wrote records the end of a write of task id (whatever its outcome: a
// failed call may still have taken effect).
func (lc *listCache) wrote(id int64) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.clock++
	lc.written[id] = lc.clock
}

// wroteUnknown records the end of a write whose task is not known.
func (lc *listCache) wroteUnknown() {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.clock++
	lc.blind = lc.clock
}

// deleted records that task id was deleted (or found already gone) by a
// write that ended now.
func (lc *listCache) deleted(id int64) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.clock++
	lc.written[id] = lc.clock
	lc.clock++
	lc.fresh[id] = entry{at: lc.clock}
}

// putOne keeps a single-task answer (t nil: not found) of a read that
// started at tick at, unless something newer is known.
func (lc *listCache) putOne(id int64, t *wireTask, at uint64) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if e, ok := lc.fresh[id]; ok && e.at > at {
		return
	}
	if lc.result != nil && lc.result.at > at {
		return
	}
	lc.fresh[id] = entry{task: t, at: at}
}

// verdict is what the cache can say about one task.
type verdict int

const (
	unknownNeedsList verdict = iota // nothing listed yet: join or start the shared list
	unknownNeedsOne                 // stale or unconfirmed: read that task alone
	present
	absent
)

// lookup answers task id from what is known, for a question asked at tick
// asked.
func (lc *listCache) lookup(id int64, asked uint64) (*wireTask, verdict) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	w, isWritten := lc.written[id]
	e, hasFresh := lc.fresh[id]
	switch {
	case hasFresh && e.at > w && (lc.result == nil || e.at > lc.result.at):
		return answer(e.task, e.at, asked)
	case lc.result != nil && lc.result.at > w:
		return answer(lc.result.byID[id], lc.result.at, asked)
	case lc.result == nil && !isWritten:
		return nil, unknownNeedsList
	}
	return nil, unknownNeedsOne
}

// answer turns a piece of knowledge into a verdict: a task is present
// whenever it was seen, absent only when that was learnt after the
// question was asked.
func answer(t *wireTask, at, asked uint64) (*wireTask, verdict) {
	switch {
	case t != nil:
		copied := *t
		return &copied, present
	case at > asked:
		return nil, absent
	}
	return nil, unknownNeedsOne
}

// view returns the whole list, patched with later single-task answers, if
// it is complete for a question asked at tick after; else the tick a new
// list must start after.
func (lc *listCache) view(after uint64) (*taskList, uint64) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	need := max(after, lc.blind)
	for id, w := range lc.written {
		if e, ok := lc.fresh[id]; !ok || e.at < w {
			need = max(need, w)
		}
	}
	r := lc.result
	if r == nil || r.at <= need {
		return nil, need
	}
	if len(lc.fresh) == 0 {
		return r, 0
	}
	at := r.at
	tasks := make([]wireTask, 0, len(r.tasks)+len(lc.fresh))
	for _, t := range r.tasks {
		if e, ok := lc.fresh[int64(t.DeliverID)]; ok {
			if e.task != nil {
				tasks = append(tasks, *e.task)
			}
			continue
		}
		tasks = append(tasks, t)
	}
	for _, id := range slices.Sorted(maps.Keys(lc.fresh)) {
		if e := lc.fresh[id]; e.task != nil && r.byID[id] == nil {
			tasks = append(tasks, *e.task)
		}
		at = max(at, lc.fresh[id].at)
	}
	return newTaskList(at, tasks), 0
}

// list waits for a whole list started after tick after, sharing a flight
// in progress that qualifies or starting one.
func (lc *listCache) list(ctx context.Context, fetch func(context.Context) ([]wireTask, error), after uint64) error {
	for {
		lc.mu.Lock()
		f := lc.inflight
		if f == nil || f.at <= after {
			lc.clock++
			f = &flight{at: lc.clock, done: make(chan struct{})}
			lc.inflight = f
			lc.mu.Unlock()
			lc.run(ctx, f, fetch)
			return f.err
		}
		lc.mu.Unlock()
		select {
		case <-f.done:
		case <-ctx.Done():
			// This caller's own deadline or cancellation, whatever the
			// flight it joined is doing.
			return conns.Stopped(ctx, lc.product, lc.action, "waiting for another caller's list call")
		}
		// The caller that ran the flight may have reached its deadline
		// (throttled or backing off) or been cancelled; that is no reason
		// to fail this caller, who asks again on its own context.
		if f.err != nil && conns.IsContextDone(f.err) && ctx.Err() == nil {
			continue
		}
		return f.err
	}
}

func (lc *listCache) run(ctx context.Context, f *flight, fetch func(context.Context) ([]wireTask, error)) {
	defer close(f.done)
	tasks, err := fetch(ctx)
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if lc.inflight == f {
		lc.inflight = nil
	}
	if err != nil {
		f.err = err
		return
	}
	f.res = newTaskList(f.at, tasks)
	if lc.result != nil && lc.result.at > f.at {
		return // a newer list landed first
	}
	lc.result = f.res
	// What the new list covers needs no patch or re-read any more.
	maps.DeleteFunc(lc.fresh, func(_ int64, e entry) bool { return e.at < f.at })
	maps.DeleteFunc(lc.written, func(_ int64, w uint64) bool { return w < f.at })
}
