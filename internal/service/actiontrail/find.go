package actiontrail

import (
	"context"

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

// listJobs reads every page of ListDeliveryHistoryJobs. Jobs created while
// paging shift later pages, so results are de-duplicated by id.
func listJobs(ctx context.Context, c *conns.Client) ([]sdk.DeliveryHistoryJob, error) {
	var out []sdk.DeliveryHistoryJob
	seen := map[int64]bool{}
	for page := 1; ; page++ {
		req := sdk.CreateListDeliveryHistoryJobsRequest()
		req.PageNumber = requests.NewInteger(page)
		req.PageSize = requests.NewInteger(listPageSize)
		resp, err := conns.ActionTrail(ctx, c, "ListDeliveryHistoryJobs", func(cl *sdk.Client) (*sdk.ListDeliveryHistoryJobsResponse, error) {
			return cl.ListDeliveryHistoryJobs(req)
		})
		if err != nil {
			return nil, err
		}
		for _, j := range resp.DeliveryHistoryJobs {
			if !seen[j.JobId] {
				seen[j.JobId] = true
				out = append(out, j)
			}
		}
		if len(resp.DeliveryHistoryJobs) == 0 || page*listPageSize >= resp.TotalCount {
			return out, nil
		}
	}
}
