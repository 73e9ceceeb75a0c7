package cloudaudit

import (
	"context"
	"fmt"

	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// listPageSize is the page size for DescribeAuditTracks (the API documents
// no maximum; 20 is what its console uses).
const listPageSize = 20

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

// listTracks reads every page of DescribeAuditTracks. Tracks created or
// deleted while paging shift later pages, so results are de-duplicated by
// id and paging stops at the first short page.
func listTracks(ctx context.Context, c *conns.Client) ([]*ca.Tracks, error) {
	var out []*ca.Tracks
	seen := map[uint64]bool{}
	for page := uint64(1); ; page++ {
		req := ca.NewDescribeAuditTracksRequest()
		size := uint64(listPageSize)
		req.PageNumber, req.PageSize = &page, &size
		resp, err := conns.CloudAudit(ctx, c, "DescribeAuditTracks", func(ctx context.Context, cl *ca.Client) (*ca.DescribeAuditTracksResponse, error) {
			return cl.DescribeAuditTracksWithContext(ctx, req)
		})
		if err != nil {
			return nil, err
		}
		if resp.Response == nil {
			return out, nil
		}
		for _, t := range resp.Response.Tracks {
			if t == nil || t.TrackId == nil || seen[*t.TrackId] {
				continue
			}
			seen[*t.TrackId] = true
			out = append(out, t)
		}
		total := uint64(0)
		if resp.Response.TotalCount != nil {
			total = *resp.Response.TotalCount
		}
		if len(resp.Response.Tracks) < listPageSize || page*listPageSize >= total {
			return out, nil
		}
	}
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
