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

// decodeTasks reads the tasks of a DescribeDeliverList answer, in any of
// the documented variants.
func (p *product) decodeTasks(resp *apiResponse) ([]wireTask, error) {
	tasks, err := contentData[wireTask](p, p.action("Describe", "DeliverList"), resp.Content)
	for i := range tasks {
		tasks[i].DmList = wireDomains(tasks[i].DmList)
	}
	return tasks, err
}

// listDeliverTasks returns every deliver task, from the process-wide list
// result when it is current.
func (p *product) listDeliverTasks(ctx context.Context, c *conns.Client) (*taskList, error) {
	return p.cache(c).get(ctx, func(ctx context.Context) ([]wireTask, error) { return p.fetchDeliverTasks(ctx, c) }, 0)
}

// findDeliverTaskByID returns the task or an error for which
// conns.IsNotFound is true. The shared list answers; a task missing from a
// list fetched before this question was asked is looked for once more in a
// new list before it is declared gone.
func (p *product) findDeliverTaskByID(ctx context.Context, c *conns.Client, id int64) (*wireTask, error) {
	lc := p.cache(c)
	mark := lc.mark()
	fetch := func(ctx context.Context) ([]wireTask, error) { return p.fetchDeliverTasks(ctx, c) }
	l, err := lc.get(ctx, fetch, 0)
	if err != nil {
		return nil, err
	}
	if l.seq <= mark && l.byID[id] == nil {
		if l, err = lc.get(ctx, fetch, mark); err != nil {
			return nil, err
		}
	}
	if t := l.byID[id]; t != nil {
		copied := *t
		return &copied, nil
	}
	return nil, conns.NotFoundError(p.key, p.action("Describe", "DeliverList"), fmt.Sprintf("%s deliver task %d not found", p.display, id))
}

// write makes a call that changes deliver tasks and invalidates the shared
// list whatever the outcome: a failed call may still have taken effect.
func (p *product) write(ctx context.Context, c *conns.Client, verb string, query, body map[string]string) (*apiResponse, error) {
	defer p.cache(c).invalidate()
	return p.call(ctx, c, verb, "DeliverTask", query, body)
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
