package actiontrail

import (
	"context"
	"time"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/drift"
)

// DriftSettings are the Alibaba Cloud part of the drift engine's settings:
// LookupEvents, its permission (RAM action actiontrail:LookupEvents,
// ActionTrail RAM authorization reference) and its 90-day reach
// (API-NOTES.md, "Audit-event look-ups").
func DriftSettings(off bool, maxLookups int) drift.VendorSettings {
	return drift.VendorSettings{
		Off: off, MaxLookups: maxLookups, Page: driftPage,
		API: "ActionTrail LookupEvents", Permission: "the RAM action actiontrail:LookupEvents",
		Lookback: lookupRetention - time.Hour,
	}
}

// driftPage reads one LookupEvents page, newest first: the events on one
// resource name, or every write event of the account (LookupEvents takes
// one condition; API-NOTES.md).
func driftPage(ctx context.Context, c *conns.Client, q drift.Query) ([]drift.Event, string, error) {
	// Lookup attribute keys EventRW and ResourceName, one per call;
	// eventType ConsoleOperation and userIdentity.type assumed-role in the
	// events: LookupEvents 2020-07-06 reference and ActionTrail's event
	// structure (API-NOTES.md, "ActionTrail LookupEvents 2020-07-06").
	attr := sdk.LookupEventsLookupAttribute{Key: "EventRW", Value: "Write"}
	if q.ResourceName != "" {
		attr = sdk.LookupEventsLookupAttribute{Key: "ResourceName", Value: q.ResourceName}
	}
	page, next, err := lookupPage(ctx, c, q.Start.UTC().Format(lookupWireLayout), q.End.UTC().Format(lookupWireLayout), q.Token, drift.PageSize, &attr)
	if err != nil {
		return nil, "", err
	}
	events := make([]drift.Event, 0, len(page))
	for _, f := range page {
		t, _ := time.Parse(time.RFC3339, f.EventTime.ValueString())
		events = append(events, drift.Event{
			Time: t, Action: f.EventName.ValueString(), ConsoleOp: f.EventType.ValueString() == "ConsoleOperation",
			IdentityType: f.IdentityType.ValueString(), User: f.UserName.ValueString(), AccessKey: f.AccessKeyID.ValueString(),
			SourceIP: f.SourceIP.ValueString(), RequestID: f.RequestID.ValueString(),
			ResourceType: f.ResourceType.ValueString(), ResourceNames: drift.SplitNames(f.ResourceName.ValueString()),
			Write: f.EventRW.ValueString() == "Write", Failed: !f.ErrorCode.IsNull(),
		})
	}
	return events, next, nil
}
