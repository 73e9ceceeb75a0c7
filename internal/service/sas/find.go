package sas

import (
	"context"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/flex"
)

// listPageSize is the page size asked for: the largest the mock accepts.
// Sas documents no maximum (API-NOTES), so the service may serve fewer a
// page; findSubtasks never assumes a page holds listPageSize.
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
		added := 0
		for _, d := range resp.ProcessDetails {
			if d.DetailTaskID != "" && seen[d.DetailTaskID] {
				continue
			}
			seen[d.DetailTaskID] = true
			out = append(out, d)
			added++
		}
		if lastPage(resp, len(out), added) {
			return out, nil
		}
	}
}

// lastPage says whether a page of ListOperationProcessDetail was the last.
// The size of a page is what the service served, not what was asked: a
// service that caps pages lower than PageSize still has more to give.
// With a TotalCount the read ends when that many were read (or a page is
// empty, or brought nothing new: items deleted while paging); without one,
// at a page shorter than the PageSize the service reports (PageInfo.Count,
// else the items), and at an empty page.
func lastPage(resp *listProcessDetailResponse, read, added int) bool {
	n := len(resp.ProcessDetails)
	if resp.PageInfo.Count > n {
		n = resp.PageInfo.Count
	}
	switch {
	case len(resp.ProcessDetails) == 0 || added == 0:
		return true
	case resp.PageInfo.TotalCount > 0:
		return read >= resp.PageInfo.TotalCount
	case resp.PageInfo.PageSize > 0:
		return n < resp.PageInfo.PageSize
	}
	return n < listPageSize
}
