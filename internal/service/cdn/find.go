package cdn

import (
	"context"
	"fmt"
	"strconv"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// fetchDeliverTasks makes one DescribeDeliverList call for every task.
func (p *product) fetchDeliverTasks(ctx context.Context, c *conns.Client) ([]wireTask, error) {
	const noun = "DeliverList"
	resp, err := p.call(ctx, c, "Describe", noun, nil, nil)
	if err != nil {
		return nil, err
	}
	return p.decodeTasks(resp)
}

// fetchDeliverTask makes one DescribeDeliverList call for task id alone:
// DeliverId is a documented filter of the API (API-NOTES: "DeliverId
// (optional; omitted = all)"; the API reference's request parameters, and
// the SDK's DescribeCdnDeliverListRequest.DeliverId, position Query). The
// answer's entry for id is taken, whatever else it holds; none, or an
// error classed NotFound, is a NotFound error.
func (p *product) fetchDeliverTask(ctx context.Context, c *conns.Client, id int64) (*wireTask, error) {
	const noun = "DeliverList"
	resp, err := p.call(ctx, c, "Describe", noun, map[string]string{"DeliverId": formatID(id)}, nil)
	if err != nil {
		return nil, err
	}
	tasks, err := p.decodeTasks(resp)
	if err != nil {
		return nil, err
	}
	for i := range tasks {
		if int64(tasks[i].DeliverID) == id {
			return &tasks[i], nil
		}
	}
	return nil, p.taskNotFound(id)
}

func (p *product) taskNotFound(id int64) error {
	return conns.NotFoundError(p.key, p.action("Describe", "DeliverList"), fmt.Sprintf("%s deliver task %d not found", p.display, id))
}

// decodeTasks reads the tasks of a DescribeDeliverList answer, in any of
// the documented variants.
func (p *product) decodeTasks(resp *apiResponse) ([]wireTask, error) {
	tasks, err := contentData[wireTask](p, p.action("Describe", "DeliverList"), resp.Content)
	for i := range tasks {
		tasks[i].DmList = wireDomains(tasks[i].DmList)
	}
	return tasks, err
}

// listDeliverTasks returns every deliver task, from the shared list when
// it is complete (see cache.go).
func (p *product) listDeliverTasks(ctx context.Context, c *conns.Client) (*taskList, error) {
	return p.listDeliverTasksAfter(ctx, c, 0)
}

// listDeliverTasksAfter returns every deliver task as listed by a call
// that started after tick after (0: any).
func (p *product) listDeliverTasksAfter(ctx context.Context, c *conns.Client, after uint64) (*taskList, error) {
	lc := p.cache(c)
	fetch := func(ctx context.Context) ([]wireTask, error) { return p.fetchDeliverTasks(ctx, c) }
	for {
		l, need := lc.view(after)
		if l != nil {
			return l, nil
		}
		if err := lc.list(ctx, fetch, need); err != nil {
			return nil, err
		}
	}
}

// findDeliverTaskByID returns the task or an error for which
// conns.IsNotFound is true. The shared list answers when it can (a
// refresh of every task costs one call); a task written by this process
// since the list, or missing from a list older than the question, is read
// alone (see cache.go).
func (p *product) findDeliverTaskByID(ctx context.Context, c *conns.Client, id int64) (*wireTask, error) {
	if id <= 0 {
		return nil, p.taskNotFound(id) // the API assigns positive ids only
	}
	lc := p.cache(c)
	asked := lc.mark()
	for tries := 0; ; tries++ {
		t, v := lc.lookup(id, asked)
		switch {
		case v == present:
			return t, nil
		case v == absent:
			return nil, p.taskNotFound(id)
		case v == unknownNeedsList && tries == 0:
			if err := lc.list(ctx, func(ctx context.Context) ([]wireTask, error) { return p.fetchDeliverTasks(ctx, c) }, 0); err != nil {
				return nil, err
			}
			continue
		}
		return p.readDeliverTask(ctx, c, id)
	}
}

// readDeliverTask reads task id alone and keeps the answer in the shared
// list.
func (p *product) readDeliverTask(ctx context.Context, c *conns.Client, id int64) (*wireTask, error) {
	lc := p.cache(c)
	at := lc.start()
	t, err := p.fetchDeliverTask(ctx, c, id)
	switch {
	case err == nil:
		lc.putOne(id, t, at)
		copied := *t
		return &copied, nil
	case conns.IsNotFound(err):
		lc.putOne(id, nil, at)
	}
	return nil, err
}

// write makes a call that changes deliver tasks and records it in the
// shared list whatever the outcome (a failed call may still have taken
// effect): the task it names (DeliverId of the request, or of a create's
// answer) is read again before it is answered from the list; a delete
// that succeeds, or finds the task gone, leaves it gone.
func (p *product) write(ctx context.Context, c *conns.Client, verb string, query, body map[string]string) (*apiResponse, error) {
	resp, err := p.call(ctx, c, verb, "DeliverTask", query, body)
	lc := p.cache(c)
	raw := query["DeliverId"]
	if raw == "" {
		raw = body["DeliverId"]
	}
	if raw == "" && resp != nil {
		raw = resp.DeliverId
	}
	id, perr := strconv.ParseInt(raw, 10, 64)
	switch {
	case perr != nil || id <= 0:
		lc.wroteUnknown()
	case verb == "Delete" && (err == nil || conns.IsNotFound(err)):
		lc.deleted(id)
	default:
		lc.wrote(id)
	}
	return resp, err
}

// findSubscription returns the account's report subscription or an error
// for which conns.IsNotFound is true.
func (p *product) findSubscription(ctx context.Context, c *conns.Client) (*wireSub, error) {
	const noun = "SubList"
	resp, err := p.call(ctx, c, "Describe", noun, nil, nil)
	if err != nil {
		return nil, err
	}
	return p.decodeSubscription(resp)
}

// decodeSubscription reads the subscription of a DescribeSubList answer, in
// any of the documented variants.
func (p *product) decodeSubscription(resp *apiResponse) (*wireSub, error) {
	action := p.action("Describe", "SubList")
	subs, err := contentData[wireSub](p, action, resp.Content)
	if err != nil {
		return nil, err
	}
	if len(subs) == 0 {
		return nil, conns.NotFoundError(p.key, action, fmt.Sprintf("no %s report subscription", p.display))
	}
	sub := subs[0]
	sub.Domains = wireDomains(sub.Domains)
	return &sub, nil
}

// listReports returns the product's report catalogue.
func (p *product) listReports(ctx context.Context, c *conns.Client) ([]wireCatalogueReport, error) {
	const noun = "ReportList"
	resp, err := p.call(ctx, c, "Describe", noun, nil, nil)
	if err != nil {
		return nil, err
	}
	return contentData[wireCatalogueReport](p, p.action("Describe", noun), resp.Content)
}

func formatID(id int64) string { return strconv.FormatInt(id, 10) }
