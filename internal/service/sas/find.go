package sas

import (
	"context"
	"sync"

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

// listSubtaskPages reads every page of ListOperationProcessDetail and
// returns, in the API's order, what keep makes of each subtask: a caller
// converts while paging, so a page's wire form is dropped with the page.
// When the answers carry a TotalCount, the pages after the first are
// fetched concurrently under the API's rate limit (conns.FetchPages),
// counted with the page size the service served; without one, one after
// another until lastPage. Subtasks created while paging shift later
// pages, so results are de-duplicated by detail task id. keep runs
// concurrently for different pages.
func listSubtaskPages[T any](ctx context.Context, c *conns.Client, f subtaskFilter, keep func(*processDetailWire) T) ([]T, error) {
	var (
		mu   sync.Mutex
		seen = map[flex.WireID]bool{}
		read int
	)
	return conns.FetchPages(ctx, func(ctx context.Context, page int) (conns.Page[T], error) {
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
			return conns.Page[T]{}, err
		}
		items := make([]T, 0, len(resp.ProcessDetails))
		added := 0
		for i := range resp.ProcessDetails {
			d := &resp.ProcessDetails[i]
			mu.Lock()
			dup := d.DetailTaskID != "" && seen[d.DetailTaskID]
			seen[d.DetailTaskID] = true
			mu.Unlock()
			if dup {
				continue
			}
			items = append(items, keep(d))
			added++
		}
		mu.Lock()
		read += added
		last := lastPage(resp, read, added)
		mu.Unlock()
		return conns.Page[T]{Items: items, Pages: pageCount(resp, page), More: !last}, nil
	})
}

// pageCount is how many pages the list has, from an answer's TotalCount
// and the size of page the service served (PageInfo.PageSize, which a
// capping service lowers: ASSUMPTION in API-NOTES), or 0 when the answer
// does not tell. A first page that holds fewer than its PageSize while
// more exist shows the size actually served, should the service not echo
// it.
func pageCount(resp *listProcessDetailResponse, page int) int {
	total := resp.PageInfo.TotalCount
	size := resp.PageInfo.PageSize
	if size <= 0 || size > listPageSize {
		size = listPageSize
	}
	if served := max(len(resp.ProcessDetails), resp.PageInfo.Count); page == 1 && served > 0 && served < size && served < total {
		size = served
	}
	return conns.PageCount(total, size)
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
