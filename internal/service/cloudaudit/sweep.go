package cloudaudit

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// SweepTracks deletes every CloudAudit track whose name starts with prefix,
// logging each; the errors of all tracks are returned together.
func SweepTracks(ctx context.Context, c *conns.Client, prefix string) error {
	if prefix == "" {
		return fmt.Errorf("sweeping CloudAudit tracks: an empty prefix would match every track")
	}
	tracks, err := listTracks(ctx, c)
	if err != nil {
		return fmt.Errorf("listing CloudAudit tracks: %w", err)
	}
	var errs []string
	for _, t := range tracks {
		if t.Name == nil || !strings.HasPrefix(*t.Name, prefix) {
			continue
		}
		log.Printf("[INFO] sweeper: deleting CloudAudit track %d (%s)", *t.TrackId, *t.Name)
		if err := deleteTrack(ctx, c, *t.TrackId); err != nil {
			errs = append(errs, fmt.Sprintf("track %d (%s): %s", *t.TrackId, *t.Name, err))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("sweeping CloudAudit tracks: %s", strings.Join(errs, "; "))
	}
	return nil
}
