package sas

import (
	"context"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/flex"
)

// listPageSize is the largest page the mock accepts and, as far as the
// API reference shows, the real service: fewest calls for a full read.
const listPageSize = 100

// subtaskFilter is what the data source asks the API for.
type subtaskFilter struct {
	TaskIDs     []string
	StatusCodes []int
	StartMillis *int64
	EndMillis   *int64
	Lang        string
}

// findSubtasks reads every page of ListOperationProcessDetail. Subtasks
// created while paging shift later pages, so results are de-duplicated by
// detail task id.
func findSubtasks(ctx context.Context, c *conns.Client, f subtaskFilter) ([]processDetailWire, error) {
	var out []processDetailWire
	seen := map[flex.WireID]bool{}
	for page := 1; ; page++ {
		req := listProcessDetailRequest{
			CurrentPage: page,
			PageSize:    listPageSize,
			StartTime:   f.StartMillis,
			EndTime:     f.EndMillis,
			Lang:        f.Lang,
			TaskIDs:     f.TaskIDs,
			StatusCodes: f.StatusCodes,
		}
		resp, err := listProcessDetail(ctx, c, req)
		if err != nil {
			return nil, err
		}
		for _, d := range resp.ProcessDetails {
			if d.DetailTaskID != "" && seen[d.DetailTaskID] {
				continue
			}
			seen[d.DetailTaskID] = true
			out = append(out, d)
		}
		if len(resp.ProcessDetails) == 0 || page*listPageSize >= resp.PageInfo.TotalCount {
			return out, nil
		}
	}
}
