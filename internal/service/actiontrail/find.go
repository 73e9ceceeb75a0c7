package actiontrail

import (
	"context"
	"fmt"
	"strings"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// listPageSize is the API's maximum page size: fewest calls for a full read.
const listPageSize = 100

// findJobByID returns the job or an error for which conns.IsNotFound is true.
func findJobByID(ctx context.Context, c *conns.Client, id int64) (*sdk.GetDeliveryHistoryJobResponse, error) {
	req := sdk.CreateGetDeliveryHistoryJobRequest()
	req.JobId = requests.NewInteger64(id)
	return conns.ActionTrail(ctx, c, "GetDeliveryHistoryJob", func(cl *sdk.Client) (*sdk.GetDeliveryHistoryJobResponse, error) {
		return cl.GetDeliveryHistoryJob(req)
	})
}

// listJobs reads every page of ListDeliveryHistoryJobs (listJobPages).
// Jobs created while paging shift later pages, so results are
// de-duplicated by id.
func listJobs(ctx context.Context, c *conns.Client) ([]sdk.DeliveryHistoryJob, error) {
	all, err := listJobPages(ctx, c, func(j *sdk.DeliveryHistoryJob) (sdk.DeliveryHistoryJob, bool) { return *j, true })
	if err != nil {
		return nil, err
	}
	out := all[:0]
	seen := make(map[int64]bool, len(all))
	for _, j := range all {
		if !seen[j.JobId] {
			seen[j.JobId] = true
			out = append(out, j)
		}
	}
	return out, nil
}

// listJobPages reads every page of ListDeliveryHistoryJobs, the pages after
// the first concurrently under the API's rate limit (conns.FetchPages),
// and returns, in list order, what keep makes of each job it keeps: a
// caller filters and converts while paging, so a page's other jobs are
// dropped with the page. keep runs concurrently for different pages.
func listJobPages[T any](ctx context.Context, c *conns.Client, keep func(*sdk.DeliveryHistoryJob) (T, bool)) ([]T, error) {
	return conns.FetchPages(ctx, func(ctx context.Context, page int) (conns.Page[T], error) {
		req := sdk.CreateListDeliveryHistoryJobsRequest()
		req.PageNumber = requests.NewInteger(page)
		req.PageSize = requests.NewInteger(listPageSize)
		resp, err := conns.ActionTrail(ctx, c, "ListDeliveryHistoryJobs", func(cl *sdk.Client) (*sdk.ListDeliveryHistoryJobsResponse, error) {
			return cl.ListDeliveryHistoryJobs(req)
		})
		if err != nil {
			return conns.Page[T]{}, err
		}
		var items []T
		for i := range resp.DeliveryHistoryJobs {
			if v, ok := keep(&resp.DeliveryHistoryJobs[i]); ok {
				items = append(items, v)
			}
		}
		// The page size the service answered with (it echoes PageSize)
		// counts the pages, should it serve fewer than asked.
		size := listPageSize
		if resp.PageSize > 0 && resp.PageSize < size {
			size = resp.PageSize
		}
		return conns.Page[T]{
			Items: items,
			Pages: conns.PageCount(resp.TotalCount, size),
			More:  len(resp.DeliveryHistoryJobs) > 0 && page*size < resp.TotalCount,
		}, nil
	})
}

// findTrailByName returns the account's trail of that name (multi-account
// trails included), whatever its home region, or an error for which
// conns.IsNotFound is true. DescribeTrails answers with the trails of the
// region it is called in, and with those of other home regions (their
// shadow trails) only with IncludeShadowTrails=true (DescribeTrails
// reference; API-NOTES: ActionTrail trails): a trail made with another
// alicloud.region, or imported from one, is found that way. Names are
// unique in the account, so the shadow is the trail.
func findTrailByName(ctx context.Context, c *conns.Client, name string) (*sdk.Trail, error) {
	trails, err := describeTrails(ctx, c, []string{name}, true)
	if err != nil {
		return nil, err
	}
	for i := range trails {
		if trails[i].Name == name {
			return &trails[i], nil
		}
	}
	return nil, conns.NotFoundError(conns.ProductActionTrail, "DescribeTrails", fmt.Sprintf("no trail is named %q", name))
}

// describeTrails is one DescribeTrails call: the trails named (all of the
// account's when names is empty), whatever their home region. It always
// asks for shadow trails (IncludeShadowTrails=true): without them the
// answer has only the trails whose home region is the provider's region,
// and a trail made with another alicloud.region would be missing from the
// trails data source, the list resource and the sweeper, though the
// resource reads and imports it. Names are unique in the account, so one
// entry per name is kept, the trail itself before a shadow of it.
// DescribeTrails does not page.
func describeTrails(ctx context.Context, c *conns.Client, names []string, includeOrganization bool) ([]sdk.Trail, error) {
	req := sdk.CreateDescribeTrailsRequest()
	req.NameList = strings.Join(names, ",")
	req.IncludeOrganizationTrail = requests.NewBoolean(includeOrganization)
	req.IncludeShadowTrails = requests.NewBoolean(true)
	out, err := conns.ActionTrail(ctx, c, "DescribeTrails", func(cl *sdk.Client) (*sdk.DescribeTrailsResponse, error) {
		return cl.DescribeTrails(req)
	})
	if err != nil {
		return nil, err
	}
	return oneTrailPerName(out.TrailList), nil
}

// oneTrailPerName keeps the first entry of each name, preferring a trail
// listed as itself (IsShadowTrail 0) to a shadow of it.
func oneTrailPerName(trails []sdk.Trail) []sdk.Trail {
	at := make(map[string]int, len(trails))
	out := trails[:0:0]
	for _, t := range trails {
		i, seen := at[t.Name]
		switch {
		case !seen:
			at[t.Name] = len(out)
			out = append(out, t)
		case out[i].IsShadowTrail != 0 && t.IsShadowTrail == 0:
			out[i] = t
		}
	}
	return out
}

// findTrailStatus is GetTrailStatus of a trail; a trail gone is NotFound.
func findTrailStatus(ctx context.Context, c *conns.Client, name string, organization bool) (*sdk.GetTrailStatusResponse, error) {
	req := sdk.CreateGetTrailStatusRequest()
	req.Name = name
	if organization {
		req.IsOrganizationTrail = requests.NewBoolean(true)
	}
	return conns.ActionTrail(ctx, c, "GetTrailStatus", func(cl *sdk.Client) (*sdk.GetTrailStatusResponse, error) {
		return cl.GetTrailStatus(req)
	})
}
