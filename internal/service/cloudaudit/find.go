package cloudaudit

import (
	"context"
	"fmt"

	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// listPageSize is the page size asked of DescribeAuditTracks. The
// reference (DescribeAuditTracks, API 2019-03-19; tencentcloud-sdk-go
// cloudaudit v1.3.40 DescribeAuditTracksRequestParams) documents no
// maximum, and no ListAuditTracks exists. ASSUMPTION: 100 is served (the
// mock's bound, as the common Tencent Cloud list maximum); should the
// service serve fewer, listTracks pages on by TotalCount, not by a short
// page.
const listPageSize = 100

// findTrackByID returns the track or an error for which conns.IsNotFound is
// true.
func findTrackByID(ctx context.Context, c *conns.Client, id uint64) (*ca.DescribeAuditTrackResponseParams, error) {
	req := ca.NewDescribeAuditTrackRequest()
	req.TrackId = &id
	out, err := conns.CloudAudit(ctx, c, "DescribeAuditTrack", func(ctx context.Context, cl *ca.Client) (*ca.DescribeAuditTrackResponse, error) {
		return cl.DescribeAuditTrackWithContext(ctx, req)
	})
	if err != nil {
		return nil, err
	}
	if out.Response == nil {
		return nil, conns.NotFoundError(conns.ProductCloudAudit, "DescribeAuditTrack", fmt.Sprintf("track %d: empty response", id))
	}
	return out.Response, nil
}

// listTracks reads every page of DescribeAuditTracks, the pages after the
// first concurrently under the API's rate limit (conns.FetchPages).
// Tracks created or deleted while paging shift later pages, so results are
// de-duplicated by id. The page count comes from TotalCount and the size
// of page 1 as served (the answer does not echo PageSize).
func listTracks(ctx context.Context, c *conns.Client) ([]*ca.Tracks, error) {
	all, err := conns.FetchPages(ctx, func(ctx context.Context, page int) (conns.Page[*ca.Tracks], error) {
		req := ca.NewDescribeAuditTracksRequest()
		number, size := uint64(page), uint64(listPageSize) //nolint:gosec // page numbers are small
		req.PageNumber, req.PageSize = &number, &size
		resp, err := conns.CloudAudit(ctx, c, "DescribeAuditTracks", func(ctx context.Context, cl *ca.Client) (*ca.DescribeAuditTracksResponse, error) {
			return cl.DescribeAuditTracksWithContext(ctx, req)
		})
		if err != nil || resp.Response == nil {
			return conns.Page[*ca.Tracks]{}, err
		}
		var tracks []*ca.Tracks
		for _, t := range resp.Response.Tracks {
			if t != nil && t.TrackId != nil {
				tracks = append(tracks, t)
			}
		}
		total := 0
		if resp.Response.TotalCount != nil {
			total = int(*resp.Response.TotalCount) //nolint:gosec // track counts are small
		}
		served := listPageSize
		if n := len(resp.Response.Tracks); page == 1 && n > 0 && n < served && n < total {
			served = n
		}
		return conns.Page[*ca.Tracks]{
			Items: tracks,
			Pages: conns.PageCount(total, served),
			More:  len(resp.Response.Tracks) > 0 && page*served < total,
		}, nil
	})
	if err != nil {
		return nil, err
	}
	out := all[:0]
	seen := make(map[uint64]bool, len(all))
	for _, t := range all {
		if !seen[*t.TrackId] {
			seen[*t.TrackId] = true
			out = append(out, t)
		}
	}
	return out, nil
}

// findTrackByName looks a track up by its (unique) name: the list gives
// the id, DescribeAuditTrack the details.
func findTrackByName(ctx context.Context, c *conns.Client, name string) (uint64, *ca.DescribeAuditTrackResponseParams, error) {
	tracks, err := listTracks(ctx, c)
	if err != nil {
		return 0, nil, err
	}
	for _, t := range tracks {
		if t.Name != nil && *t.Name == name {
			d, err := findTrackByID(ctx, c, *t.TrackId)
			return *t.TrackId, d, err
		}
	}
	return 0, nil, conns.NotFoundError(conns.ProductCloudAudit, "DescribeAuditTracks", fmt.Sprintf("no audit track is named %q", name))
}
